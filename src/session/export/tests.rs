//! Exports: the expected texts are worked by hand from the fixtures' own numbers, and the
//! trace is compared with the CLI's code path (`Scenario::from_json` of the written file,
//! then `trace`).

use super::*;
use crate::math::quantity::Quantity;

fn fixture(path: &str) -> Session {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    Session::from_json(&text).unwrap()
}

/// Mazur's W[1] = [[0.15, 0.20], [0.25, 0.30]] (his blog post's w1..w4), the issue's text.
#[test]
fn mazur_w1_as_latex_with_4_places() {
    let s = fixture("tests/fixtures/reference/mazur.scenario.json");
    assert_eq!(
        s.matrix_text(Quantity::W, 1, 4, MatrixFormat::Latex)
            .unwrap(),
        "\\begin{bmatrix} 0.1500 & 0.2000 \\\\ 0.2500 & 0.3000 \\end{bmatrix}"
    );
    assert_eq!(
        s.matrix_text(Quantity::W, 1, 2, MatrixFormat::Markdown)
            .unwrap(),
        "| 1 | 2 |\n| ---: | ---: |\n| 0.15 | 0.20 |\n| 0.25 | 0.30 |\n"
    );
    assert_eq!(
        s.matrix_text(Quantity::W, 1, 13, MatrixFormat::Latex),
        Err(SessionError::Digits { got: 13, max: 12 })
    );
    assert!(matches!(
        s.matrix_text(Quantity::Z, 1, 2, MatrixFormat::Markdown),
        Err(SessionError::NotYet { .. })
    ));
}

#[test]
fn numbers_take_an_ascii_minus_and_no_negative_zero() {
    let m = MatrixData {
        rows: 1,
        cols: 5,
        data: vec![-1.25, -0.00001, 0.0, f64::NEG_INFINITY, f64::NAN],
    };
    assert_eq!(
        bmatrix(&m, 1),
        "\\begin{bmatrix} -1.2 & 0.0 & 0.0 & -\\infty & \\text{NaN} \\end{bmatrix}"
    );
    assert_eq!(latex::escape("a_b & 50% {x}"), "a\\_b \\& 50\\% \\{x\\}");
}

#[test]
fn the_losses_csv_has_the_issues_header_and_a_row_per_epoch() {
    let mut s = Session::new(crate::scenario::Scenario::default());
    s.train_epochs(3).unwrap();
    let csv = s.export_csv(CsvExport::Losses);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "epoch,sgd_train_loss,sgd_test_loss,sgd_train_accuracy,sgd_test_accuracy,\
momentum_train_loss,momentum_test_loss,momentum_train_accuracy,momentum_test_accuracy,\
rmsprop_train_loss,rmsprop_test_loss,rmsprop_train_accuracy,rmsprop_test_accuracy,\
adam_train_loss,adam_test_loss,adam_train_accuracy,adam_test_accuracy"
    );
    assert_eq!(lines.len(), 4);
    let row: Vec<&str> = lines[3].split(',').collect();
    assert_eq!(row.len(), 17);
    assert_eq!(row[0], "3");
    let adam = s.racer(OptimizerKind::Adam).history[2].clone();
    assert_eq!(row[13].parse::<f64>().unwrap(), adam.train_loss);
    assert_eq!(row[16].parse::<f64>().ok(), adam.test_accuracy);
    // a regression has no accuracy, a set without a test part no test loss: empty cells
    let mut mazur = fixture("tests/fixtures/reference/mazur.scenario.json");
    mazur.train_epochs(1).unwrap();
    let row = mazur
        .export_csv(CsvExport::Losses)
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    let cells: Vec<&str> = row.split(',').collect();
    assert!(!cells[1].is_empty());
    assert_eq!(cells[2..5], ["", "", ""]);
}

/// The trace of the run equals what the CLI writes for the saved scenario with `epochs` the
/// epochs done: the CLI reads the file with `Scenario::from_json` and writes `trace`.
#[test]
fn the_exported_trace_is_the_clis() {
    let mut s = Session::new(crate::scenario::Scenario::default());
    s.train_epochs(2).unwrap();
    let mut saved = s.settings_scenario();
    saved.epochs = 2;
    let cli = crate::scenario::trace::trace(
        &crate::scenario::Scenario::from_json(&saved.to_json()).unwrap(),
    )
    .to_json();
    assert_eq!(s.trace_json().unwrap(), cli);
    // and it replays the run: its epoch lines are the followed racer's history
    let t: serde_json::Value = serde_json::from_str(&cli).unwrap();
    let adam = s.racer(OptimizerKind::Adam).history[1].train_loss;
    assert_eq!(t["epochs"][1]["train_loss"].as_f64(), Some(adam));
}

/// The whole step of the 2-3-1 lesson: its sections, and its first matrix is the preset's X.
#[test]
fn the_whole_step_document_has_every_layer() {
    let s = fixture("scenarios/lessons/forward-backward-2-3-1.json");
    let doc = s.step_latex(3).unwrap();
    assert!(doc.starts_with("\\documentclass{article}"));
    assert!(doc.trim_end().ends_with("\\end{document}"));
    for part in [
        "Z^{[1]} = W^{[1]}",
        "Z^{[2]}",
        "\\delta^{[2]} = A^{[2]} - Y",
        "\\delta^{[1]}",
        "W^{[2]} \\leftarrow",
    ] {
        assert!(doc.contains(part), "{part}");
    }
    assert_eq!(s.epochs_done(), 0, "the session is not changed");
    assert_eq!(
        s.upcoming(),
        fixture("scenarios/lessons/forward-backward-2-3-1.json").upcoming()
    );
    let big = Session::new(crate::scenario::Scenario::default());
    assert!(matches!(
        big.step_latex(3),
        Err(SessionError::StepTooLarge { .. })
    ));
}
