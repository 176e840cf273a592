use super::grid::nice_ceiling;
use super::*;
use crate::math::quantity::Quantity as Q;

/// Matt Mazur's 2-2-2 example as a scenario (tests/fixtures/reference/mazur.scenario.json).
const MAZUR: &str = include_str!("../../tests/fixtures/reference/mazur.scenario.json");

fn session() -> Session {
    let mut activations = Scenario::default().activations;
    activations.remove(1);
    Session::new(Scenario {
        layers: vec![2, 3, 1],
        activations,
        batch_size: 4,
        ..Scenario::default()
    })
}

#[test]
fn matrices_appear_as_the_steps_compute_them() {
    let mut s = session();
    assert_eq!(
        s.matrix(Q::Z, 1),
        Err(SessionError::NotYet {
            quantity: Q::Z,
            layer: 1,
            phase: Phase::Forward
        })
    );
    assert_eq!(s.matrix(Q::A, 0), Err(SessionError::NoBatch));
    let w = s.matrix(Q::W, 1).unwrap();
    assert_eq!((w.rows, w.cols), (3, 2));
    assert_eq!(
        s.next_step(),
        SubStep {
            phase: Phase::Forward,
            layer: Some(1)
        }
    );
    let x = s.matrix(Q::A, 0).unwrap();
    assert_eq!((x.rows, x.cols), (2, 4));
    let z = s.matrix(Q::Z, 1).unwrap();
    assert_eq!((z.rows, z.cols), (3, 4));
    // row-major: z[1][2] = w[1]·x[:, 2] + b[1], by hand from the other matrices
    let b = s.matrix(Q::B, 1).unwrap();
    let want = w.data[2] * x.data[2] + w.data[3] * x.data[4 + 2] + b.data[1];
    assert_eq!(z.data[4 + 2], want);
    assert!(s.matrix(Q::Z, 2).is_err());
    assert!(s.cost().is_none());
    s.run_phase(Phase::Backward);
    assert!(s.cost().unwrap() > 0.0);
    let dw = s.matrix(Q::DW, 1).unwrap();
    assert_eq!((dw.rows, dw.cols), (3, 2));
    assert_eq!(s.matrix(Q::Delta, 2).unwrap().cols, 4);
    assert_eq!(s.matrix(Q::Y, 0).unwrap().rows, 1);
    let v = s.matrix(Q::V, 1).unwrap();
    assert!(v.data.iter().all(|&v| v == 0.0), "Adam's V starts at 0");
    assert_eq!(s.step(), 0);
    s.run_phase(Phase::Update);
    assert_eq!(s.step(), 1);
    assert!(s.matrix(Q::V, 1).unwrap().data.iter().any(|&v| v != 0.0));
    assert_eq!(s.matrix(Q::Sb, 2).unwrap().rows, 1);
}

#[test]
fn bad_matrix_requests_say_what_is_wrong() {
    let mut s = session();
    assert!(
        quantity("q")
            .unwrap_err()
            .to_string()
            .contains("unknown matrix \"q\"")
    );
    assert!(
        s.matrix(Q::W, 0)
            .unwrap_err()
            .to_string()
            .contains("layers 1..2")
    );
    assert!(
        s.matrix(Q::W, 3)
            .unwrap_err()
            .to_string()
            .contains("no layer 3")
    );
    s.focus(OptimizerKind::Sgd);
    assert!(
        s.matrix(Q::V, 1)
            .unwrap_err()
            .to_string()
            .contains("sgd keeps no v")
    );
    s.focus(OptimizerKind::Momentum);
    assert!(
        s.matrix(Q::S, 1)
            .unwrap_err()
            .to_string()
            .contains("momentum keeps no s")
    );
    assert!(s.matrix(Q::V, 1).is_ok());
}

#[test]
fn training_fills_the_histories_and_reset_goes_back() {
    let mut s = session();
    let w0 = s.matrix(Q::W, 1).unwrap();
    s.train_epochs(3).unwrap();
    assert_eq!(s.epochs_done(), 3);
    for kind in OptimizerKind::ALL {
        assert_eq!(s.loss_history(kind).len(), 3);
        assert_eq!(s.test_loss_history(kind).len(), 3);
    }
    assert_ne!(s.matrix(Q::W, 1).unwrap(), w0);
    assert!(
        s.matrix(Q::Z, 1).is_err(),
        "matrices of a past batch are cleared"
    );
    let before = s.revision();
    s.reset();
    assert!(s.revision() > before);
    assert_eq!(s.matrix(Q::W, 1).unwrap(), w0);
    assert_eq!(s.epochs_done(), 0);
    // batch by batch adds up to epochs
    let per_epoch = s.stepper().race.schedule.batches_per_epoch();
    let ended: Vec<bool> = (0..per_epoch).map(|_| s.train_batch()).collect();
    assert_eq!(ended.iter().filter(|&&e| e).count(), 1);
    assert!(ended[per_epoch - 1]);
}

#[test]
fn the_grid_runs_left_to_right_and_top_to_bottom() {
    // one linear unit with w = [1, 0] outputs x1; with w = [0, 1] outputs x2
    let text = r#"{"layers": [2, 1], "activations": ["linear"], "cost": "mse",
        "init": {"weights": [{"w": [[1, 0]], "b": [[0]]}]},
        "data": {"x": [[-2, 2], [-2, 2]], "y": [[0, 0]]}}"#;
    let s = Session::from_json(text).unwrap();
    let r = s.view_radius();
    assert_eq!(r, 2.5, "2 × 1.15 = 2.3, rounded up to 2.5");
    let g = s.predict_grid(4, OptimizerKind::Adam).unwrap();
    assert_eq!(g.len(), 16);
    // cell 1.25 wide: column centres at −1.875, −0.625, 0.625, 1.875
    assert_eq!(&g[0..4], &[-1.875, -0.625, 0.625, 1.875]);
    let text = text.replace("[[1, 0]]", "[[0, 1]]");
    let s = Session::from_json(&text).unwrap();
    let g = s.predict_grid(4, OptimizerKind::Adam).unwrap();
    assert_eq!(g[0], 1.875, "row 0 is the top (largest x2)");
    assert_eq!(g[12], -1.875);
    assert!(s.predict_grid(0, OptimizerKind::Adam).is_err());
    assert!(s.predict_grid(MAX_GRID + 1, OptimizerKind::Adam).is_err());
}

/// The view's square moves the grid: centre (10, −4), r = 1, a 2 × 2 grid's cell centres at
/// x1 = 9.5, 10.5 and x2 = −3.5 (top), −4.5 (bottom), by hand.
#[test]
fn the_grid_is_drawn_over_the_views_square() {
    let text = r#"{"layers": [2, 1], "activations": ["linear"], "cost": "mse",
        "init": {"weights": [{"w": [[1, 0]], "b": [[0]]}]},
        "data": {"x": [[-2, 2], [-2, 2]], "y": [[0, 0]]},
        "view": {"square": {"center": [10, -4], "radius": 1}}}"#;
    let s = Session::from_json(text).unwrap();
    assert_eq!(s.view_radius(), 1.0);
    assert_eq!(s.view_square().center, [10.0, -4.0]);
    assert_eq!(
        s.predict_grid(2, OptimizerKind::Adam).unwrap(),
        [9.5, 10.5, 9.5, 10.5]
    );
    let s = Session::from_json(&text.replace("[[1, 0]]", "[[0, 1]]")).unwrap();
    assert_eq!(
        s.predict_grid(2, OptimizerKind::Adam).unwrap(),
        [-3.5, -3.5, -4.5, -4.5]
    );
    let grids = s.unit_grids(2, OptimizerKind::Adam).unwrap();
    assert_eq!(
        grids[0].row(0).to_vec(),
        [9.5, 10.5, 9.5, 10.5],
        "the diagram's inputs"
    );
}

#[test]
fn a_three_class_grid_has_three_numbers_per_point() {
    let mut sc = Scenario::from_json(
        r#"{"layers": [2, 4, 3], "activations": ["tanh", "softmax"], "cost": "cross_entropy",
            "data": {"dataset": "blobs3", "samples": 60}}"#,
    )
    .unwrap();
    sc.epochs = 1;
    let s = Session::new(sc);
    let g = s.predict_grid(5, OptimizerKind::Sgd).unwrap();
    assert_eq!(g.len(), 75);
    let sum: f64 = g[0..3].iter().sum();
    assert!((sum - 1.0).abs() < 1e-12);
}

#[test]
fn the_scenario_carries_the_focused_racers_parameters() {
    let mut s = session();
    s.focus(OptimizerKind::Momentum);
    s.train_epochs(1).unwrap();
    let sc = s.scenario();
    assert_eq!(sc.optimizer.kind(), OptimizerKind::Momentum);
    assert_eq!(sc.network(), s.racer(OptimizerKind::Momentum).network);
    // and it reads back as the same scenario
    assert_eq!(Scenario::from_json(&sc.to_json()).unwrap(), sc);
}

#[test]
fn nice_ceilings() {
    assert_eq!(nice_ceiling(5.98), 6.0);
    assert_eq!(nice_ceiling(1.0), 1.0);
    assert_eq!(nice_ceiling(598.0), 600.0);
    assert_eq!(nice_ceiling(0.23), 0.25);
    assert_eq!(nice_ceiling(8.5), 10.0);
}

#[test]
fn live_changes_keep_the_run_and_reset_keeps_them() {
    let mut s = session();
    s.train_epochs(2).unwrap();
    let w_before = s.matrix(Q::W, 1).unwrap();
    let sgd = OptimizerSettings::Sgd { learning_rate: 0.5 };
    s.set_settings(sgd).unwrap();
    assert_eq!(s.epochs_done(), 2, "nothing restarted");
    assert_eq!(s.matrix(Q::W, 1).unwrap(), w_before);
    assert_eq!(s.racer(OptimizerKind::Sgd).optimizer.settings, sgd);
    assert_eq!(s.scenario().race[0], sgd);
    s.reset();
    assert_eq!(s.epochs_done(), 0);
    assert_eq!(
        s.racer(OptimizerKind::Sgd).optimizer.settings,
        sgd,
        "reset keeps the new α"
    );
}

#[test]
fn a_live_change_alters_the_next_losses_only() {
    let mut a = session();
    let mut b = session();
    a.train_epochs(2).unwrap();
    b.train_epochs(2).unwrap();
    b.set_settings(OptimizerSettings::Adam {
        learning_rate: 0.05,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
    })
    .unwrap();
    a.train_epochs(1).unwrap();
    b.train_epochs(1).unwrap();
    let (la, lb) = (
        a.loss_history(OptimizerKind::Adam),
        b.loss_history(OptimizerKind::Adam),
    );
    assert_eq!(la[..2], lb[..2]);
    assert_ne!(la[2], lb[2]);
    assert_eq!(
        a.loss_history(OptimizerKind::Sgd),
        b.loss_history(OptimizerKind::Sgd)
    );
}

#[test]
fn editing_a_weight_restarts_the_race_from_the_edited_parameters() {
    let mut s = session();
    s.focus(OptimizerKind::RmsProp);
    s.train_epochs(2).unwrap();
    let w = s.matrix(Q::W, 2).unwrap();
    s.edit_parameter(2, false, 0, 1, 0.75).unwrap();
    assert_eq!(s.epochs_done(), 0);
    assert_eq!(s.focused_kind(), OptimizerKind::RmsProp);
    let edited = s.matrix(Q::W, 2).unwrap();
    assert_eq!(edited.data[1], 0.75);
    assert_eq!(
        edited.data[0], w.data[0],
        "the other weights are the trained ones"
    );
    for kind in OptimizerKind::ALL {
        assert_eq!(
            s.racer(kind).network.layers[1].w[[0, 1]],
            0.75,
            "every racer starts from the edit"
        );
    }
    s.edit_parameter(1, true, 2, 0, -1.5).unwrap();
    assert_eq!(s.matrix(Q::B, 1).unwrap().data[2], -1.5);
    assert!(s.edit_parameter(3, false, 0, 0, 1.0).is_err());
    assert!(
        s.edit_parameter(1, false, 5, 0, 1.0)
            .unwrap_err()
            .to_string()
            .contains("3 × 2")
    );
    assert!(s.edit_parameter(1, false, 0, 0, f64::NAN).is_err());
}

#[test]
fn a_saved_run_replays_to_the_same_bits() {
    let mut s = session();
    s.train_epochs(3).unwrap();
    s.set_settings(OptimizerSettings::Momentum {
        learning_rate: 0.3,
        beta: 0.5,
    })
    .unwrap();
    s.train_epochs(1).unwrap();
    s.train_batch();
    s.train_batch();
    s.next_step();
    s.next_step();
    let saved = s.saved();
    assert_eq!(saved.substeps, 2);
    let back = SavedRun::from_json(&saved.to_json()).unwrap();
    assert_eq!(back, saved);
    let mut r = Session::resume(back).unwrap();
    assert!(r.replaying());
    while !r.catch_up(7) {}
    assert!(!r.replaying());
    for kind in OptimizerKind::ALL {
        assert_eq!(r.racer(kind).network, s.racer(kind).network, "{kind:?}");
        assert_eq!(r.racer(kind).optimizer, s.racer(kind).optimizer);
        assert_eq!(r.loss_history(kind), s.loss_history(kind));
    }
    assert_eq!(r.matrix(Q::Z, 2).unwrap(), s.matrix(Q::Z, 2).unwrap());
    assert_eq!(r.upcoming(), s.upcoming());
    // a bad saved run is refused with a path
    let mut bad = s.saved();
    bad.changes[0].settings.beta = Some(2.0);
    assert_eq!(
        Session::resume(bad).err().unwrap().path,
        "changes[0].settings.beta"
    );
}

#[test]
fn unit_grids_hold_every_layers_activations_over_the_square() {
    let s = session();
    let grids = s.unit_grids(6, OptimizerKind::Adam).unwrap();
    assert_eq!(grids.len(), 3);
    assert_eq!(grids[0].dim(), (2, 36));
    assert_eq!(grids[1].dim(), (3, 36));
    let out = s.predict_grid(6, OptimizerKind::Adam).unwrap();
    assert_eq!(
        grids[2].row(0).to_vec(),
        out,
        "the last layer is the prediction grid"
    );
    // input x1 grows along a row, x2 shrinks down a column
    assert!(grids[0][[0, 1]] > grids[0][[0, 0]]);
    assert!(grids[0][[1, 6]] < grids[0][[1, 0]]);
}

/// Every number of Z, A, δ, dW, db taken apart gives back the matrix's value.
fn explanations_match(text: &str) {
    let mut s = Session::from_json(text).unwrap();
    let depth = s.depth();
    for _ in 0..(2 * depth + 2) {
        s.next_step();
        for name in [Q::Z, Q::A, Q::Delta, Q::DW, Q::Db] {
            for l in 1..=depth {
                let Ok(m) = s.matrix(name, l) else { continue };
                for r in 0..m.rows {
                    for c in 0..m.cols {
                        let e = s.explain(name, l, r, c).unwrap();
                        let tol = 1e-12 * e.value.abs().max(1e-300);
                        assert!(
                            (e.result - e.value).abs() <= tol.max(1e-15),
                            "{name}[{l}] ({r},{c}): {} = {} vs {}",
                            e.numbers,
                            e.result,
                            e.value
                        );
                        assert!(!e.formula.is_empty() && !e.numbers.is_empty());
                    }
                }
            }
        }
    }
}

#[test]
fn every_number_taken_apart_gives_its_value() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reference");
    for case in [
        "mazur",
        "ce3_relu_adam",
        "mse_softmax_out_sgd",
        "bce2_tanh_momentum",
        "mse_tanh_out_adam_defaults",
        "l2_bce_tanh_adam",
        "l1_ce_relu_sgd",
    ] {
        explanations_match(
            &std::fs::read_to_string(dir.join(format!("{case}.scenario.json"))).unwrap(),
        );
    }
}

#[test]
fn explanations_read_like_the_seed_notes() {
    // Mazur's network: Z[1]₁,₁ = 0.15·0.05 + 0.20·0.10 + 0.35 = 0.3775 (by hand)
    let text = MAZUR;
    let mut s = Session::from_json(text).unwrap();
    s.next_step();
    let e = s.explain(Q::Z, 1, 0, 0).unwrap();
    assert_eq!(e.formula, "Z[1]₁,₁ = Σₖ W[1]₁,ₖ · A[0]ₖ,₁ + b[1]₁");
    assert_eq!(e.numbers, "(0.15)(0.05) + (0.2)(0.1) + 0.35");
    assert!((e.result - 0.3775).abs() < 1e-15);
    assert!(s.explain(Q::W, 1, 0, 0).is_err());
    assert!(s.explain(Q::Z, 1, 5, 0).is_err());
}

/// Mazur's network with an L2 penalty λ = 0.1, by hand:
/// λR = 0.05 · (0.15² + 0.2² + 0.25² + 0.3² + 0.4² + 0.45² + 0.5² + 0.55²) = 0.05 · 1.13 = 0.0565;
/// dW[2]₁,₁ = 0.082167041 (Mazur's printed ∂E/∂w5) + 0.1 · 0.40 = 0.122167041.
#[test]
fn the_penalty_shows_in_the_cost_and_in_dw_taken_apart() {
    let text = MAZUR;
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    v["regularization"] = serde_json::json!({"kind": "l2", "rate": 0.1});
    let mut s = Session::from_json(&v.to_string()).unwrap();
    assert_eq!(s.penalty(), None, "no penalty before the cost sub-step");
    s.run_phase(Phase::Backward);
    assert!((s.penalty().unwrap() - 0.0565).abs() < 1e-15);
    assert!(
        (s.cost().unwrap() - 0.298371109).abs() < 5e-10,
        "C is the data cost alone"
    );
    let e = s.explain(Q::DW, 2, 0, 0).unwrap();
    assert_eq!(
        e.formula,
        "dW[2]₁,₁ = (1/m) Σⱼ δ[2]₁,ⱼ · A[1]₁,ⱼ + λ · W[2]₁,₁, m = 1, λ = 0.1"
    );
    assert!(e.numbers.ends_with(" + (0.1) × (0.4)"), "{}", e.numbers);
    assert!((e.result - 0.122167041).abs() < 5e-10, "{}", e.result);
    assert!((e.value - 0.122167041).abs() < 5e-10);
    // L1: + λ · sign(W), here sign(0.40) = 1
    v["regularization"] = serde_json::json!({"kind": "l1", "rate": 0.1});
    let mut s = Session::from_json(&v.to_string()).unwrap();
    s.run_phase(Phase::Backward);
    let e = s.explain(Q::DW, 2, 0, 0).unwrap();
    assert!(e.formula.contains("+ λ · sign(W[2]₁,₁)"), "{}", e.formula);
    assert!((e.value - 0.182167041).abs() < 5e-10);
    // λR for L1: 0.1 · (0.15 + 0.2 + 0.25 + 0.3 + 0.4 + 0.45 + 0.5 + 0.55) = 0.28
    assert!((s.penalty().unwrap() - 0.28).abs() < 1e-15);
    // the gradient check differentiates J, so it agrees with the penalised dW
    for l in 1..=2 {
        agree(&s.gradient_check(l).unwrap().rows);
    }
}

#[test]
fn stepping_back_restores_every_number() {
    let mut s = session();
    assert!(!s.step_back());
    s.next_step();
    s.next_step();
    let z1 = s.matrix(Q::Z, 1).unwrap();
    let before = (s.matrix(Q::W, 1).unwrap(), s.upcoming());
    for _ in 0..4 {
        s.next_step(); // through the update
    }
    assert_eq!(s.step(), 1);
    for _ in 0..4 {
        assert!(s.step_back());
    }
    assert_eq!(s.step(), 0, "the update is undone for the focused racer");
    assert_eq!(
        s.racer(OptimizerKind::Sgd).optimizer.step,
        0,
        "and for the others"
    );
    assert_eq!((s.matrix(Q::W, 1).unwrap(), s.upcoming()), before);
    assert_eq!(s.matrix(Q::Z, 1).unwrap(), z1);
    s.train_epochs(1).unwrap();
    assert!(!s.can_step_back(), "training clears the undo history");
}

/// Every row of a gradient check agrees to 1e-6 relative.
fn agree(rows: &[CheckRow]) {
    for r in rows {
        assert!(
            r.relative_error < 1e-6,
            "{}: {} vs {}",
            r.name,
            r.backprop,
            r.numeric
        );
    }
}

#[test]
fn the_gradient_check_agrees_with_backprop() {
    let mut s = session();
    s.next_step();
    for l in 1..=2 {
        let rows = s.gradient_check(l).unwrap().rows;
        assert_eq!(rows.len(), if l == 1 { 3 * 2 + 3 } else { 3 + 1 });
        agree(&rows);
    }
    assert!(s.gradient_check(0).is_err());
}

#[test]
fn a_lesson_takes_a_few_examples_as_its_batch() {
    let mut s = session();
    s.train_epochs(1).unwrap();
    let lesson = s.lesson_scenario(&[0, 3, 5, 7]).unwrap();
    assert_eq!(lesson.batch_size, 4);
    assert_eq!(lesson.dataset().train.len(), 4);
    assert_eq!(lesson.network(), s.racer(s.focused_kind()).network);
    assert!(s.lesson_scenario(&[]).is_err());
    assert!(s.lesson_scenario(&[0; 9]).is_err());
    assert!(s.lesson_scenario(&[100_000]).is_err());
}

#[test]
fn where_numbers_stop_being_finite_is_named() {
    // inputs of 1e200 through a linear layer: Z[1] overflows to ±∞ in the first forward pass
    let text = r#"{"layers": [1, 2, 1], "activations": ["linear", "linear"], "cost": "mse",
        "init": {"weights": [{"w": [[1e200], [1.0]], "b": [[0], [0]]}, {"w": [[1e200, 1]], "b": [[0]]}]},
        "data": {"x": [[1e200, 1]], "y": [[0, 1]]}, "batch_size": 2, "shuffle": false}"#;
    let mut s = Session::from_json(text).unwrap();
    s.train_epochs(1).unwrap();
    let nf = s
        .racer(OptimizerKind::Adam)
        .first_non_finite
        .clone()
        .unwrap();
    assert_eq!(
        (nf.epoch, nf.batch, nf.phase, nf.layer, nf.matrix),
        (1, 0, Phase::Forward, 1, Q::Z)
    );
    // a healthy run has none, and one step ratio per layer per epoch
    let mut ok = session();
    ok.train_epochs(2).unwrap();
    let r = ok.racer(OptimizerKind::Adam);
    assert!(r.first_non_finite.is_none());
    assert_eq!(r.step_ratios.len(), 2);
    assert!(r.step_ratios[0].iter().all(|&v| v > 0.0 && v < 1.0));
}

#[test]
fn numbers_print_with_four_significant_digits() {
    assert_eq!(fmt_num(0.123456), "0.1235");
    assert_eq!(fmt_num(-2.5), "−2.5");
    assert_eq!(fmt_num(1234.56), "1235");
    assert_eq!(fmt_num(0.0), "0");
    assert_eq!(fmt_num(1.5e-7), "1.500e−7");
    assert_eq!(fmt_num(-1.5e7), "−1.500e7");
}

/// Mazur's network at his input (0.05, 0.10) gives his printed outputs 0.75136507 and
/// 0.772928465; a second point at the origin gives σ(0.60 + 0.40·σ(0.35) + 0.45·σ(0.35)) for the
/// first output (σ(0.35) = 0.5866175789, by hand: 0.60 + 0.85·0.5866175789 = 1.0986249421,
/// σ of it = 0.7500024).
#[test]
fn predict_points_takes_any_points_and_says_when_they_do_not_fit() {
    let text = MAZUR;
    let s = Session::from_json(text).unwrap();
    let out = s
        .predict_points(&[0.05, 0.10, 0.0, 0.0], OptimizerKind::Sgd)
        .unwrap();
    assert_eq!(out.len(), 4, "two points × n[L] = 2");
    assert!((out[0] - 0.75136507).abs() < 5e-9);
    assert!((out[1] - 0.772928465).abs() < 5e-10);
    assert!((out[2] - 0.7500024).abs() < 1e-7, "{}", out[2]);
    let e = s
        .predict_points(&[0.05, 0.10, 0.0], OptimizerKind::Sgd)
        .unwrap_err();
    assert!(e.to_string().contains("n[0] = 2"), "{e}");
    assert_eq!(
        s.predict_points(&[], OptimizerKind::Sgd).unwrap(),
        Vec::<f64>::new()
    );
}

/// A 2-3-1 net on 6 training examples in shuffled batches of 4: a step is 6 sub-steps, an
/// epoch 2 steps, so 45 sub-steps cross batches, shuffles and epoch ends.
fn small_shuffled() -> Session {
    let mut activations = Scenario::default().activations;
    activations.remove(1);
    let mut s = Scenario {
        layers: vec![2, 3, 1],
        activations,
        batch_size: 4,
        shuffle: true,
        ..Scenario::default()
    };
    if let crate::scenario::Data::Generated(g) = &mut s.data {
        g.samples = 12;
        g.train_fraction = 0.5;
    }
    Session::new(s)
}

#[test]
fn every_sub_step_steps_back_to_the_same_bits() {
    let mut s = small_shuffled();
    // the whole stepper as text: every racer's parameters, optimizer state and history, the
    // schedule (order, cursor, shuffle stream), the batch's matrices and the next sub-step;
    // `{:?}` prints each f64 so that it reads back to the same bits
    let state = |s: &Session| format!("{:?}", s.stepper());
    let mut seen = vec![state(&s)];
    for _ in 0..45 {
        s.next_step();
        seen.push(state(&s));
    }
    assert!(s.epochs_done() >= 3, "the walk crosses epoch ends");
    seen.pop();
    while let Some(want) = seen.pop() {
        assert!(s.step_back());
        assert_eq!(
            state(&s),
            want,
            "after stepping back to sub-step {}",
            seen.len()
        );
    }
    assert!(!s.step_back(), "nothing before the start");
    // forward again gives the same run
    let mut fresh = small_shuffled();
    for _ in 0..45 {
        assert_eq!(s.next_step(), fresh.next_step());
    }
    assert_eq!(state(&s), state(&fresh));
}

#[test]
fn the_undo_history_keeps_the_last_256_sub_steps() {
    let mut s = small_shuffled();
    for _ in 0..300 {
        s.next_step();
    }
    let mut undone = 0;
    while s.step_back() {
        undone += 1;
    }
    assert_eq!(undone, MAX_UNDO);
    // the same place as 300 − 256 = 44 sub-steps from the start
    let mut fresh = small_shuffled();
    for _ in 0..44 {
        fresh.next_step();
    }
    assert_eq!(
        format!("{:?}", s.stepper()),
        format!("{:?}", fresh.stepper())
    );
}

#[test]
fn whole_phases_step_back_sub_step_by_sub_step() {
    let mut s = small_shuffled();
    s.run_phase(Phase::Forward);
    s.run_phase(Phase::Backward);
    s.run_phase(Phase::Update);
    let mut n = 0;
    while s.step_back() {
        n += 1;
    }
    assert_eq!(n, 6, "forward 1, 2, the cost, backward 2, 1, the update");
    assert_eq!(s.step(), 0);
}

/// The largest net of the caps: 2 inputs, six hidden layers of 64, one output; P = 21,057.
fn largest(samples: usize, batch: usize) -> Session {
    let mut activations = vec![Scenario::default().activations[0]; 6];
    activations.push(crate::math::activation::Activation::Sigmoid);
    let mut s = Scenario {
        layers: vec![2, 64, 64, 64, 64, 64, 64, 1],
        activations,
        batch_size: batch,
        ..Scenario::default()
    };
    if let crate::scenario::Data::Generated(g) = &mut s.data {
        g.samples = samples;
        g.train_fraction = 1.0;
    }
    Session::new(s)
}

#[test]
fn calls_above_the_work_cap_are_refused_and_change_nothing() {
    let mut s = largest(5000, 1);
    // P by hand: 2·64+64 + 5·(64·64+64) + 64+1 = 192 + 20,800 + 65
    assert_eq!(s.race_cost().net.parameters, 21_057);
    // N = 6·64 + 1 = 385 units, L = 7
    assert_eq!(
        (s.race_cost().net.units, s.race_cost().net.layers),
        (385, 7)
    );
    let before = s.revision();
    let e = s.train_epochs(1).unwrap_err();
    assert!(matches!(e, SessionError::TooMuchWork(_)), "{e}");
    assert!(e.to_string().starts_with("trainEpochs(1) would be"), "{e}");
    assert_eq!((s.epochs_done(), s.revision()), (0, before));
    // in one batch an epoch fits but two do not: the hint says "1 epoch", not "1 epochs"
    let mut full = largest(5000, 5000);
    assert_eq!(full.race_cost().max_epochs(), 1);
    let e = full.train_epochs(2).unwrap_err().to_string();
    assert!(e.ends_with("at most 1 epoch of this race per call"), "{e}");
    // 1024² points × (21,057 + 40 · 385) units is 3.8e10
    let e = s.predict_grid(1024, OptimizerKind::Adam).unwrap_err();
    assert!(e.to_string().contains("predictGrid(1024)"), "{e}");
    let max = s.max_grid();
    // √(1e9 / 36,457) = 165.6
    assert_eq!(max, 165);
    assert!(s.predict_grid(max, OptimizerKind::Adam).is_ok());
    assert!(s.predict_grid(max + 1, OptimizerKind::Adam).is_err());
    let too_many = vec![0.0; 2 * (s.max_points(OptimizerKind::Sgd) + 1)];
    let e = s.predict_points(&too_many, OptimizerKind::Sgd).unwrap_err();
    assert!(e.to_string().contains("points per call"), "{e}");
    // an epoch of one batch cannot be split: admitted
    let one = largest(5000, 5000).race_cost();
    assert!(one.epoch() > budget::MAX_CALL_WORK);
    assert_eq!(one.max_epochs(), 1);
    let mut small = largest(200, 200);
    // an example's pass 3 · 21,057 + 80 · 385 = 93,971, an update 16 · 21,057 + 7,000 =
    // 343,912, an example forward 36,457: an epoch is 4 · (200 · 93,971 + 343,912) +
    // 4 · 200 · 36,457 = 105,718,048, and 1e9 / that = 9.46
    assert_eq!(small.race_cost().epoch(), 105_718_048.0);
    assert_eq!(small.race_cost().max_epochs(), 9);
    assert!(small.train_epochs(10).is_err());
    small.train_epochs(9).unwrap();
    assert_eq!(small.epochs_done(), 9);
}

#[test]
fn the_race_stops_at_its_last_epoch() {
    let mut s = small_shuffled();
    s.stepper.race.schedule.epoch = MAX_RACE_EPOCHS - 1;
    let e = s.train_epochs(2).unwrap_err();
    assert!(matches!(e, SessionError::RaceFull { .. }), "{e}");
    s.train_epochs(1).unwrap();
    assert!(s.race_full());
    let t = s.step();
    assert!(!s.train_batch(), "nothing more is trained");
    assert_eq!(s.step(), t);
}

#[test]
fn a_gradient_check_too_big_for_one_call_checks_evenly_spaced_parameters() {
    let s = largest(5000, 5000);
    let check = s.gradient_check(3).unwrap();
    assert_eq!(check.parameters, 64 * 64 + 64);
    // 1e9 / (2 · 5000 · 36,457) = 2.7: two parameters fit, the 1st and the 2,081st of 4,160
    // (index 2,080 = 32 · 64 + 32: row 33, column 33)
    assert_eq!(check.rows.len(), 2);
    assert_eq!(check.rows[0].name, "W[3]₁,₁");
    assert_eq!(check.rows[1].name, "W[3]₃₃,₃₃");
    for row in &check.rows {
        // six tanh layers deep, ε = 1e-6 leaves a few digits of noise in the central difference
        assert!(row.relative_error < 1e-4, "{row:?}");
    }
    // a small layer is checked whole
    let small = session();
    let all = small.gradient_check(2).unwrap();
    assert_eq!((all.rows.len(), all.parameters), (4, 4));
}

#[test]
fn live_changes_at_one_update_replace_each_other_and_are_bounded() {
    let mut s = session();
    let sgd = |a| OptimizerSettings::Sgd { learning_rate: a };
    for i in 1..=5 {
        s.set_settings(sgd(0.01 * i as f64)).unwrap();
    }
    assert_eq!(
        s.saved().changes.len(),
        1,
        "five edits before any update are one change"
    );
    assert_eq!(s.current_settings()[0], sgd(0.05));
    for _ in 1..MAX_LIVE_CHANGES {
        s.train_batch();
        s.set_settings(sgd(0.1)).unwrap();
    }
    assert_eq!(s.saved().changes.len(), MAX_LIVE_CHANGES);
    s.train_batch();
    let e = s.set_settings(sgd(0.2)).unwrap_err();
    assert!(matches!(e, SessionError::TooManyChanges { .. }), "{e}");
    assert_eq!(
        s.current_settings()[0],
        sgd(0.1),
        "a refused change changes nothing"
    );
}

#[test]
fn a_saved_run_beyond_the_race_or_its_own_end_is_refused() {
    let s = session();
    let mut saved = s.saved();
    saved.batches = 1_000_000_000_000_000;
    let e = Session::resume(saved).err().unwrap();
    assert_eq!(e.path, "batches", "{e}");
    let mut saved = s.saved();
    saved.batches = 3;
    saved.changes.push(SavedChange {
        at_batch: 4,
        settings: crate::scenario::optimizer_file(&OptimizerKind::Sgd.defaults()),
    });
    assert_eq!(
        Session::resume(saved).err().unwrap().path,
        "changes[0].at_batch"
    );
}

#[test]
fn a_replay_can_be_stopped_and_the_run_goes_on_from_there() {
    let mut s = session();
    s.train_epochs(4).unwrap();
    let mut r = Session::resume(s.saved()).unwrap();
    r.catch_up(3);
    r.stop_replay();
    assert!(!r.replaying());
    assert_eq!(r.batches_done(), 3);
    assert!(r.catch_up(1), "nothing left to replay");
    r.next_step();
    assert_eq!(r.batches_done(), 3, "a sub-step does not advance the race");
}

/// σ′(Z[l]) and the effective step as the page shows them, against values worked from the
/// other matrices: tanh′(z) = 1 − tanh²(z) (docs/math.md), and SGD's step −α·dW.
#[test]
fn sigma_prime_and_the_step_follow_from_z_and_dw() {
    let mut s = session();
    s.focus(OptimizerKind::Sgd);
    assert!(matches!(
        s.matrix(Q::SigmaPrime, 1),
        Err(SessionError::NoBatch | SessionError::NotYet { .. })
    ));
    s.run_phase(Phase::Backward);
    assert_eq!(
        s.base().activations[0],
        crate::math::activation::Activation::Tanh
    );
    let z = s.matrix(Q::Z, 1).unwrap();
    let sp = s.matrix(Q::SigmaPrime, 1).unwrap();
    for (z, d) in z.data.iter().zip(&sp.data) {
        let t = z.tanh();
        assert!((d - (1.0 - t * t)).abs() < 1e-15, "σ′({z}) = {d}");
    }
    let dw = s.matrix(Q::DW, 2).unwrap();
    let step = s.matrix(Q::Step, 2).unwrap();
    let alpha = s
        .racer(OptimizerKind::Sgd)
        .optimizer
        .settings
        .learning_rate();
    for (g, d) in dw.data.iter().zip(&step.data) {
        assert_eq!(*d, -alpha * g);
    }
    assert_eq!(s.matrix(Q::Cost, 0), Err(SessionError::NotAMatrix(Q::Cost)));
}

/// A command does what the method of the same name does; the settings revision counts only
/// changes of the settings (what the settings panel shows), not steps.
#[test]
fn commands_step_and_count_settings_changes() {
    let mut s = session();
    let settings = s.settings_revision();
    assert_eq!(
        s.apply(Command::NextStep),
        Ok(Done::Step(SubStep {
            phase: Phase::Forward,
            layer: Some(1)
        }))
    );
    assert_eq!(s.apply(Command::StepBack), Ok(Done::SteppedBack(true)));
    assert_eq!(s.apply(Command::StepBack), Ok(Done::SteppedBack(false)));
    s.apply(Command::TrainEpochs(1)).unwrap();
    assert_eq!(s.epochs_done(), 1);
    assert_eq!(
        s.settings_revision(),
        settings,
        "steps and epochs are not settings"
    );
    let sgd = OptimizerSettings::Sgd { learning_rate: 0.5 };
    s.apply(Command::SetSettings(sgd)).unwrap();
    assert_eq!(s.settings_revision(), settings + 1);
    assert_eq!(s.current_settings()[0], sgd);
    s.apply(Command::Focus(OptimizerKind::Momentum)).unwrap();
    assert_eq!(s.focused_kind(), OptimizerKind::Momentum);
    s.apply(Command::Load(s.base().clone())).unwrap();
    assert_eq!(s.settings_revision(), settings + 2);
    assert_eq!(s.epochs_done(), 0);
    assert!(matches!(
        s.apply(Command::EditParameter {
            layer: 9,
            bias: false,
            row: 0,
            col: 0,
            value: 1.0
        }),
        Err(SessionError::NoSuchLayer { layer: 9, .. })
    ));
    assert!(matches!(
        s.apply(Command::TrainEpochs(1 << 40)),
        Err(SessionError::TooMuchWork(_) | SessionError::RaceFull { .. })
    ));
}
