//! The `playground` binary as a user runs it: `trace` and `race` on scenario files (and on
//! standard input), the exit codes, and what goes to stdout and stderr for bad input.
// The tool is empty on wasm32, and there are no processes to run there.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_playground");

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the playground binary runs")
}

fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the playground binary starts");
    let mut stdin = child.stdin.take().expect("piped stdin");
    stdin.write_all(input).expect("stdin takes the scenario");
    drop(stdin);
    child
        .wait_with_output()
        .expect("the playground binary ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// A file under the temp directory, unique to this process and call, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> TempFile {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("playground-cli-{}-{n}-{name}", std::process::id()));
        std::fs::write(&path, contents).expect("the temp file is written");
        TempFile(path)
    }

    fn json(name: &str, value: &Value) -> TempFile {
        TempFile::new(
            name,
            serde_json::to_string_pretty(value).unwrap().as_bytes(),
        )
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("a UTF-8 temp path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn read_json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo(path)).unwrap()).unwrap()
}

/// A matrix of the trace as rows of numbers (null, for a non-finite number, becomes NaN).
fn matrix(v: &Value) -> Vec<Vec<f64>> {
    v.as_array()
        .expect("a matrix is an array of rows")
        .iter()
        .map(|row| {
            row.as_array()
                .expect("a row is an array")
                .iter()
                .map(|x| x.as_f64().unwrap_or(f64::NAN))
                .collect()
        })
        .collect()
}

fn shape(v: &Value) -> (usize, usize) {
    let m = matrix(v);
    let cols = m.first().map_or(0, Vec::len);
    assert!(m.iter().all(|r| r.len() == cols), "ragged matrix {v}");
    (m.len(), cols)
}

fn assert_close(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got}, want {want} within {tol} (off by {:e})",
        (got - want).abs()
    );
}

/// Exit code 1, nothing on stdout, one line on stderr that contains every one of `needles`,
/// and no panic.
fn assert_refused(out: &Output, needles: &[&str]) {
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code; stdout {stdout:?}, stderr {stderr:?}"
    );
    assert!(stdout.is_empty(), "stdout should be empty: {stdout:?}");
    assert!(!stderr.contains("panicked"), "a panic: {stderr}");
    assert_eq!(
        stderr.lines().count(),
        1,
        "exactly one line on stderr: {stderr:?}"
    );
    assert!(stderr.ends_with('\n'), "the line is ended: {stderr:?}");
    assert!(
        stderr.starts_with("playground: "),
        "stderr names the tool: {stderr:?}"
    );
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "stderr should mention {needle:?}: {stderr:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// trace

// The numbers below are Matt Mazur's, "A Step by Step Backpropagation Example" (2015): a
// 2-2-2 sigmoid network with squared error, inputs 0.05, 0.10, targets 0.01, 0.99, one SGD
// update with learning rate 0.5. He prints 8 or 9 decimals; we check each to half a unit of
// its last printed digit. He keeps the biases fixed and we update them, which changes neither
// the outputs (computed before the update) nor the updated weights.
#[test]
fn trace_of_mazur_reproduces_his_published_digits() {
    let file = repo("tests/fixtures/reference/mazur.scenario.json");
    let out = run(&["trace", file.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.is_empty(), "nothing on stderr: {stderr:?}");
    assert_eq!(stdout.lines().count(), 1, "one JSON object on one line");
    let t: Value = serde_json::from_str(&stdout).expect("stdout is one JSON object");
    let obj = t.as_object().expect("an object");
    let mut keys: Vec<_> = obj.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["epochs", "final", "first_step"]);

    // first_step: layers 1..L of the first mini-batch (one example).
    let step = t["first_step"]["layers"].as_array().expect("layers");
    assert_eq!(step.len(), 2, "2 layers (the input is not one)");
    let sizes = [2, 2, 2];
    for (i, layer) in step.iter().enumerate() {
        let (n, n_prev) = (sizes[i + 1], sizes[i]);
        let mut keys: Vec<_> = layer.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["a", "db", "delta", "dw", "z"]);
        for k in ["z", "a", "delta", "db"] {
            assert_eq!(shape(&layer[k]), (n, 1), "first_step layer {} {k}", i + 1);
        }
        assert_eq!(shape(&layer["dw"]), (n, n_prev), "layer {} dw", i + 1);
    }

    // epochs: one line for epoch 1; mse has no accuracy, there is no test set.
    let epochs = t["epochs"].as_array().expect("epochs");
    assert_eq!(epochs.len(), 1);
    let e = &epochs[0];
    assert_eq!(e["epoch"], 1);
    assert!(e["train_loss"].as_f64().is_some_and(f64::is_finite));
    for k in ["test_loss", "train_accuracy", "test_accuracy"] {
        assert!(e[k].is_null(), "{k} is null: {e}");
    }

    // final: W[l] (n[l] × n[l-1]) and b[l] (n[l] × 1).
    let fin = t["final"]["layers"].as_array().expect("final layers");
    assert_eq!(fin.len(), 2);
    for (i, layer) in fin.iter().enumerate() {
        assert_eq!(shape(&layer["w"]), (sizes[i + 1], sizes[i]));
        assert_eq!(shape(&layer["b"]), (sizes[i + 1], 1));
    }

    // Mazur's forward pass: out_o1, out_o2.
    let a2 = matrix(&step[1]["a"]);
    assert_close("out_o1", a2[0][0], 0.75136507, 5e-9);
    assert_close("out_o2", a2[1][0], 0.772928465, 5e-10);
    let a1 = matrix(&step[0]["a"]);
    assert_close("out_h1", a1[0][0], 0.593269992, 5e-10);
    assert_close("out_h2", a1[1][0], 0.596884378, 5e-10);

    // After the update: w1..w4 are W[1] row by row, w5..w8 are W[2].
    let w1 = matrix(&fin[0]["w"]);
    let w2 = matrix(&fin[1]["w"]);
    assert_close("w5", w2[0][0], 0.35891648, 5e-9);
    assert_close("w1", w1[0][0], 0.149780716, 5e-9);
    let all = [
        ("w1", w1[0][0], 0.149780716),
        ("w2", w1[0][1], 0.19956143),
        ("w3", w1[1][0], 0.24975114),
        ("w4", w1[1][1], 0.29950229),
        ("w5", w2[0][0], 0.35891648),
        ("w6", w2[0][1], 0.408666186),
        ("w7", w2[1][0], 0.511301270),
        ("w8", w2[1][1], 0.561370121),
    ];
    for (name, got, want) in all {
        assert_close(name, got, want, 5e-9);
    }
}

#[test]
fn trace_matches_the_reference_fixture_exactly_in_shape() {
    // The same trace as the PyTorch fixture, key for key and length for length.
    let out = run(&[
        "trace",
        repo("tests/fixtures/reference/ce3_relu_adam.scenario.json")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    let want = read_json("tests/fixtures/reference/ce3_relu_adam.trace.json");
    fn same_shape(a: &Value, b: &Value, path: &str) {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                let kx: Vec<_> = x.keys().collect();
                let ky: Vec<_> = y.keys().collect();
                assert_eq!(kx, ky, "keys at {path}");
                for k in x.keys() {
                    same_shape(&x[k], &y[k], &format!("{path}.{k}"));
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                assert_eq!(x.len(), y.len(), "length at {path}");
                for (i, (p, q)) in x.iter().zip(y).enumerate() {
                    same_shape(p, q, &format!("{path}[{i}]"));
                }
            }
            (Value::Number(_), Value::Number(_)) | (Value::Null, Value::Null) => {}
            _ => panic!("{path}: {a} vs {b}"),
        }
    }
    same_shape(&got, &want, "");
}

#[test]
fn trace_reads_standard_input_for_dash() {
    let path = repo("tests/fixtures/reference/mazur.scenario.json");
    let from_file = run(&["trace", path.to_str().unwrap()]);
    let from_stdin = run_with_stdin(&["trace", "-"], &std::fs::read(&path).unwrap());
    assert_eq!(
        from_stdin.status.code(),
        Some(0),
        "{}",
        text(&from_stdin.stderr)
    );
    assert!(!from_file.stdout.is_empty());
    assert_eq!(text(&from_stdin.stdout), text(&from_file.stdout));
    assert!(from_stdin.stderr.is_empty());
}

#[test]
fn bad_input_on_standard_input_is_one_line_too() {
    let out = run_with_stdin(&["trace", "-"], b"{\"layers\": [2, 1], \"colour\": 3}");
    assert_refused(&out, &["colour", "unknown field"]);
    let out = run_with_stdin(&["trace", "-"], b"");
    assert_refused(&out, &["EOF"]);
}

#[test]
fn a_diverging_scenario_is_traced_with_nulls_and_the_epoch_named() {
    // 1-1 linear net with squared error, inputs of size 10..20 and a learning rate of 1000:
    // every SGD step multiplies the weight by about -1e5, so the loss overflows within a few
    // dozen steps (a handful of epochs of three one-example batches).
    let scenario = serde_json::json!({
        "layers": [1, 1],
        "activations": ["linear"],
        "cost": "mse",
        "optimizer": { "kind": "sgd", "learning_rate": 1e3 },
        "init": { "weights": [ { "w": [[1.0]], "b": [[0.0]] } ] },
        "data": { "x": [[10.0, -15.0, 20.0]], "y": [[1.0, 2.0, 3.0]] },
        "batch_size": 1,
        "shuffle": false,
        "epochs": 30
    });
    let file = TempFile::json("diverge.json", &scenario);
    let out = run(&["trace", file.path()]);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stdout.contains("null"), "non-finite numbers are null");
    let t: Value = serde_json::from_str(&stdout).expect("still valid JSON");
    let epochs = t["epochs"].as_array().unwrap();
    assert_eq!(epochs.len(), 30, "the trace keeps going after the overflow");
    let first_bad = epochs
        .iter()
        .find(|e| e["train_loss"].is_null())
        .expect("the loss overflows")["epoch"]
        .as_u64()
        .unwrap();
    assert!(first_bad > 1, "epoch 1 is still finite here");
    assert!(
        epochs[..first_bad as usize - 1]
            .iter()
            .all(|e| e["train_loss"].as_f64().is_some_and(f64::is_finite)),
        "finite losses before epoch {first_bad}"
    );
    assert_eq!(stderr.lines().count(), 1, "one warning line: {stderr:?}");
    assert!(
        stderr.contains(&format!("epoch {first_bad};"))
            || stderr.ends_with(&format!("epoch {first_bad}\n")),
        "stderr names epoch {first_bad}: {stderr:?}"
    );
    assert!(t["final"]["layers"][0]["w"][0][0].is_null());
}

#[test]
fn parameters_that_overflow_under_finite_losses_are_named_by_their_epoch() {
    // A relu unit whose weight is 1e300 and SGD at 1e5: the weights overflow in epoch 2, but
    // the sigmoid output saturates and bce's log is floored, so every loss line stays finite;
    // only the final parameters show null. stderr must name epoch 2, not the last epoch.
    let scenario = serde_json::json!({
        "layers": [1, 2, 1],
        "activations": ["relu", "sigmoid"],
        "cost": "bce",
        "optimizer": { "kind": "sgd", "learning_rate": 1e5 },
        "init": { "weights": [
            { "w": [[1e300], [1.0]], "b": [[0.0], [0.0]] },
            { "w": [[0.5, 0.5]], "b": [[0.0]] }
        ] },
        "data": { "x": [[1.0, -2.0, 3.0, 0.5]], "y": [[1.0, 0.0, 1.0, 0.0]] },
        "batch_size": 2,
        "shuffle": false,
        "epochs": 6
    });
    let file = TempFile::json("overflow-params.json", &scenario);
    let out = run(&["trace", file.path()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    let t: Value = serde_json::from_slice(&out.stdout).unwrap();
    for e in t["epochs"].as_array().unwrap() {
        assert!(e["train_loss"].as_f64().is_some_and(f64::is_finite), "{e}");
    }
    assert!(
        t["final"].to_string().contains("null"),
        "the final parameters are not finite: {}",
        t["final"]
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(stderr.contains("epoch 2;"), "names epoch 2: {stderr:?}");
}

// ---------------------------------------------------------------------------------------------
// race

#[test]
fn race_prints_a_table_of_the_four_optimizers() {
    let mut scenario = read_json("scenarios/default.json");
    scenario["epochs"] = 3.into();
    let file = TempFile::json("race.json", &scenario);
    let out = run(&["race", file.path()]);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let header = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("epoch"))
        .unwrap_or_else(|| panic!("a header line: {stdout}"));
    let mut at = 0;
    for name in ["SGD", "Momentum", "RMSprop", "Adam"] {
        let pos = header[at..]
            .find(name)
            .unwrap_or_else(|| panic!("{name} in the header, in order: {header:?}"));
        at += pos + name.len();
    }
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|cells| cells.first().is_some_and(|c| c.parse::<u64>().is_ok()))
        .collect();
    let numbers: Vec<u64> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3], "one line per epoch:\n{stdout}");
    for row in &rows {
        assert_eq!(row.len(), 5, "epoch and four losses: {row:?}");
        for cell in &row[1..] {
            let loss: f64 = cell.parse().unwrap_or_else(|_| panic!("a loss: {cell}"));
            assert!(loss.is_finite() && loss > 0.0, "{loss}");
        }
    }
    assert!(stdout.lines().any(|l| l.trim_start().starts_with("test")));
}

#[test]
fn race_reads_standard_input_too() {
    let mut scenario = read_json("tests/fixtures/reference/xor_sigmoid_sgd.scenario.json");
    scenario["epochs"] = 2.into();
    let input = serde_json::to_vec(&scenario).unwrap();
    let out = run_with_stdin(&["race", "-"], &input);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("SGD") && stdout.contains("Adam"),
        "{stdout}"
    );
}

#[test]
fn landscape_writes_the_librarys_landscape_as_json() {
    use backprop_playground::scenario::Scenario;
    use backprop_playground::training::landscape::{LandscapeOptions, PlaneKind, landscape};
    let mut scenario = read_json("scenarios/default.json");
    scenario["epochs"] = 3.into();
    let file = TempFile::json("landscape.json", &scenario);
    let args = [
        "landscape",
        file.path(),
        "--plane",
        "random",
        "--resolution",
        "9",
    ];
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = Scenario::from_json(&scenario.to_string()).unwrap();
    let mut stepper = s.stepper();
    stepper.train_epochs(3);
    let options = LandscapeOptions {
        plane: PlaneKind::Random,
        resolution: 9,
        ..Default::default()
    };
    let want = landscape(&stepper.race, stepper.focus, &options).unwrap();
    let numbers = |v: &Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    assert_eq!(got["plane"], "random");
    assert_eq!(numbers(&got["a"]), want.a);
    assert_eq!(numbers(&got["b"]), want.b);
    assert_eq!(numbers(&got["cost"]), want.cost);
    assert_eq!(want.cost.len(), 81);
    for (kind, path) in &want.paths {
        assert_eq!(&numbers(&got["paths"][kind.name()]), path, "{kind:?}");
    }
    assert!(got["explained"].is_null());
    // the default lesson has more than 256 training examples: a subsample
    assert_eq!(
        (&got["examples"], &got["subsampled"]),
        (&256.into(), &true.into())
    );
    // the default: PCA, 41 × 41, every path from (0, 0), two shares
    let out = run(&["landscape", file.path()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let pca: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(numbers(&pca["cost"]).len(), 41 * 41);
    assert_eq!(numbers(&pca["explained"]).len(), 2);
    for kind in ["sgd", "momentum", "rmsprop", "adam"] {
        assert_eq!(numbers(&pca["paths"][kind])[..2], [0.0, 0.0]);
    }
}

#[test]
fn landscape_refuses_bad_options_naming_them() {
    let file = TempFile::json("landscape-bad.json", &read_json("scenarios/default.json"));
    let out = run(&["landscape", file.path(), "--resolution", "42"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .contains("--resolution: expected a whole number from 2 to 41, got \"42\"")
    );
    let out = run(&["landscape", file.path(), "--plane"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--plane: expected a value"));
    let out = run(&["landscape", file.path(), "--zoom", "2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--zoom: unknown option"));
    let out = run(&["landscape", "no-such-file.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no-such-file.json"));
}

// ---------------------------------------------------------------------------------------------
// bad input

fn valid_small() -> Value {
    read_json("tests/fixtures/reference/mazur.scenario.json")
}

#[test]
fn a_missing_file_is_refused_with_its_name() {
    let path = std::env::temp_dir().join(format!(
        "playground-cli-{}-does-not-exist.json",
        std::process::id()
    ));
    let path = path.to_str().unwrap();
    for cmd in ["trace", "race"] {
        assert_refused(&run(&[cmd, path]), &[path]);
    }
}

#[test]
fn a_file_that_is_not_json_is_refused() {
    let file = TempFile::new("not.json", b"<scenario>not JSON</scenario>\n");
    for cmd in ["trace", "race"] {
        assert_refused(&run(&[cmd, file.path()]), &[file.path(), "line 1 column 1"]);
    }
    let file = TempFile::new("cut.json", b"{\"layers\": [2, 2");
    assert_refused(
        &run(&["trace", file.path()]),
        &[file.path(), "layers", "EOF"],
    );
    let file = TempFile::new("binary.json", &[0xff, 0xfe, 0x00, 0x01]);
    assert_refused(&run(&["trace", file.path()]), &[file.path()]);
}

#[test]
fn a_byte_order_mark_is_skipped_and_an_array_refused() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(serde_json::to_vec(&valid_small()).unwrap());
    let file = TempFile::new("bom.json", &bytes);
    let out = run(&["trace", file.path()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = run_with_stdin(&["trace", "-"], &bytes);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let file = TempFile::new("array.json", b"[1, [2, 2, 2]]");
    assert_refused(
        &run(&["trace", file.path()]),
        &[file.path(), "(root): expected an object, found an array"],
    );
}

#[test]
fn an_unknown_field_is_refused_with_its_path() {
    let mut s = valid_small();
    s["optimizer"]["momentum_typo"] = 0.9.into();
    let file = TempFile::json("unknown.json", &s);
    assert_refused(
        &run(&["trace", file.path()]),
        &["optimizer.momentum_typo", "unknown field"],
    );
    let mut s = valid_small();
    s["colour"] = "blue".into();
    let file = TempFile::json("unknown-top.json", &s);
    assert_refused(&run(&["race", file.path()]), &["colour", "unknown field"]);
}

#[test]
fn a_negative_learning_rate_is_refused_with_its_path() {
    let mut s = valid_small();
    s["optimizer"]["learning_rate"] = (-0.5).into();
    let file = TempFile::json("negative-lr.json", &s);
    for cmd in ["trace", "race"] {
        assert_refused(
            &run(&[cmd, file.path()]),
            &["optimizer.learning_rate", "positive", "-0.5"],
        );
    }
}

#[test]
fn a_wrong_weight_shape_is_refused_with_its_path() {
    let mut s = valid_small();
    // W[2] must be 2 × 2; give its first row three numbers.
    s["init"]["weights"][1]["w"][0] = serde_json::json!([0.4, 0.45, 0.1]);
    let file = TempFile::json("shape.json", &s);
    assert_refused(
        &run(&["trace", file.path()]),
        &["init.weights[1].w[0]", "2 × 2"],
    );
    let mut s = valid_small();
    s["init"]["weights"][0]["b"] = serde_json::json!([[0.35]]);
    let file = TempFile::json("shape-b.json", &s);
    assert_refused(
        &run(&["trace", file.path()]),
        &["init.weights[0].b", "2 × 1"],
    );
}

#[test]
fn other_impossible_values_are_refused_with_their_paths() {
    let cases: [(&str, Value, &str); 5] = [
        ("epochs", 0.into(), "epochs"),
        ("batch_size", (-1).into(), "batch_size"),
        ("cost", "hinge".into(), "cost"),
        ("layers", serde_json::json!([2, 0, 2]), "layers[1]"),
        (
            "optimizer",
            serde_json::json!({"kind": "sgd", "beta": 0.9}),
            "optimizer.beta",
        ),
    ];
    for (field, value, needle) in cases {
        let mut s = valid_small();
        s[field] = value;
        let file = TempFile::json("impossible.json", &s);
        assert_refused(&run(&["trace", file.path()]), &[needle]);
    }
}

#[test]
fn an_unwritable_stdout_is_an_error_not_a_panic() {
    // /dev/full refuses every write (ENOSPC), as a closed pipe would (EPIPE).
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not on this system
    };
    let mut race = read_json("scenarios/default.json");
    race["epochs"] = 1.into();
    let race = TempFile::json("race-full.json", &race);
    let mazur = repo("tests/fixtures/reference/mazur.scenario.json");
    let runs: [&[&str]; 3] = [
        &["trace", mazur.to_str().unwrap()],
        &["race", race.path()],
        &["--help"],
    ];
    for args in runs {
        let out = Command::new(BIN)
            .args(args)
            .stdin(Stdio::null())
            .stdout(full.try_clone().unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr:?}");
        assert!(stderr.contains("standard output"), "{args:?}: {stderr:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// usage

fn assert_usage_error(args: &[&str]) {
    let out = run(args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    assert!(
        stderr.starts_with("usage: playground"),
        "{args:?}: {stderr:?}"
    );
    assert!(stderr.contains("trace FILE") && stderr.contains("race FILE"));
    assert!(!stderr.contains("panicked"));
}

#[test]
fn no_arguments_or_an_unknown_command_is_a_usage_error() {
    assert_usage_error(&[]);
    assert_usage_error(&["frobnicate", "scenarios/default.json"]);
    assert_usage_error(&["trace"]);
    assert_usage_error(&["race"]);
    assert_usage_error(&["trace", "a.json", "b.json"]);
    assert_usage_error(&["--version"]);
}

#[test]
fn help_prints_usage_on_stdout() {
    for flag in ["--help", "-h", "help"] {
        let out = run(&[flag]);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{flag}");
        assert!(
            stdout.starts_with("usage: playground"),
            "{flag}: {stdout:?}"
        );
        assert!(stdout.contains("trace FILE") && stdout.contains("race FILE"));
        assert!(stdout.contains('-'), "mentions standard input");
        assert!(out.stderr.is_empty(), "{flag}: nothing on stderr");
    }
}

/// The default scenario made a surface lesson: `surface`, `epochs` updates, SGD's α given
/// in `race` (the other racers take the surface's defaults).
fn surface_file(surface: Value, epochs: u64, sgd_alpha: f64) -> TempFile {
    let mut scenario = read_json("scenarios/default.json");
    scenario["surface"] = surface;
    scenario["epochs"] = epochs.into();
    scenario["race"] = serde_json::json!([{"kind": "sgd", "learning_rate": sgd_alpha}]);
    TempFile::json("surface.json", &scenario)
}

#[test]
fn race_on_a_surface_prints_f_per_update() {
    // the saddle f = x² − y² from (−1.5, 0.5), SGD α = 0.05, by hand: f(start) = 2.25 −
    // 0.25 = 2; ∇f = (2x, −2y) = (−3, −1), so (x, y) becomes (−1.35, 0.55) and f = 1.8225
    // − 0.3025 = 1.52
    let surface = serde_json::json!({"function": "saddle", "start": [-1.5, 0.5]});
    let file = surface_file(surface, 2, 0.05);
    let out = run(&["race", file.path()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .filter(|cells: &Vec<&str>| cells.first().is_some_and(|c| c.parse::<u64>().is_ok()))
        .collect();
    assert_eq!(rows.len(), 3, "updates 0, 1, 2:\n{stdout}");
    assert_eq!(rows[0][1..], ["2.000000"; 4], "{stdout}");
    assert_eq!(rows[1][1], "1.520000", "{stdout}");
}

#[test]
fn landscape_on_a_surface_writes_f_over_its_square_and_the_paths() {
    // Rosenbrock f = (1 − x)² + 100 (y − x²)² on [−2, 2] × [−1, 3], 5 × 5: a = −2, −1, 0, 1,
    // 2 and b = −1, 0, 1, 2, 3. By hand: row 0 (y = 3), column 0 (x = −2): 9 + 100 = 109;
    // row 4 (y = −1), column 3 (x = 1): 0 + 100·4 = 400.
    let surface = serde_json::json!({"function": "rosenbrock", "start": [-1.2, 1.0]});
    let file = surface_file(surface, 3, 0.001);
    let out = run(&["landscape", file.path(), "--resolution", "5"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["plane"], "surface");
    assert_eq!(got["explained"], Value::Null);
    assert_eq!(got["a"], serde_json::json!([-2.0, -1.0, 0.0, 1.0, 2.0]));
    assert_eq!(got["b"], serde_json::json!([-1.0, 0.0, 1.0, 2.0, 3.0]));
    let cost = got["cost"].as_array().unwrap();
    assert_eq!(cost.len(), 25);
    assert_eq!(cost[0], 109.0);
    assert_eq!(cost[4 * 5 + 3], 400.0);
    // SGD's first step by hand: at (−1.2, 1), y − x² = −0.44, ∇f = (−2·2.2 − 400·(−1.2)·
    // (−0.44), 200·(−0.44)) = (−215.6, −88); − 0.001 ∇f gives (−0.9844, 1.088)
    let paths = got["paths"].as_object().unwrap();
    let mut kinds: Vec<&String> = paths.keys().collect();
    kinds.sort();
    assert_eq!(kinds, ["adam", "momentum", "rmsprop", "sgd"]);
    let sgd: Vec<f64> = serde_json::from_value(paths["sgd"].clone()).unwrap();
    assert_eq!(sgd.len(), 2 * 4, "the start and 3 updates: {sgd:?}");
    assert_eq!(sgd[..2], [-1.2, 1.0]);
    assert!(
        (sgd[2] + 0.9844).abs() < 1e-12 && (sgd[3] - 1.088).abs() < 1e-12,
        "{sgd:?}"
    );
    // the default resolution is 41; the plane's options do not apply to a surface
    let out = run(&["landscape", file.path()]);
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["a"].as_array().unwrap().len(), 41);
    assert_eq!(got["cost"].as_array().unwrap().len(), 41 * 41);
    let out = run(&["landscape", file.path(), "--plane", "random"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("only --resolution"));
}

/// The racers' paths of `playground landscape FILE --resolution 2`, by kind.
fn surface_paths(file: &str) -> serde_json::Map<String, Value> {
    let out = run(&["landscape", file, "--resolution", "2"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    got["paths"].as_object().unwrap().clone()
}

fn path(paths: &serde_json::Map<String, Value>, kind: &str) -> Vec<f64> {
    serde_json::from_value(paths[kind].clone()).unwrap()
}

fn close(got: f64, want: f64) {
    assert!((got - want).abs() < 1e-12, "{got} ≠ {want}");
}

#[test]
fn the_surface_lessons_read_are_page_presets_and_show_what_they_say() {
    use backprop_playground::scenario::Scenario;
    use backprop_playground::scenario::presets::PRESETS;
    let dir = repo("scenarios/surfaces");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["ravine-kappa-50.json", "saddle-adam.json"]);
    for name in &names {
        let s = Scenario::from_json(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap();
        assert!(s.surface.is_some(), "{name}");
        let explanation = s.view["explanation"].as_str().unwrap();
        assert_eq!(explanation.lines().count(), 2, "{name}: two lines");
        assert!(!s.view["title"].as_str().unwrap().is_empty(), "{name}");
        let id = name.trim_end_matches(".json");
        assert!(
            PRESETS.iter().any(|(p, _)| *p == id),
            "the page lists {id} among its presets"
        );
    }
    // the ravine, by hand: SGD (α = 0.038) multiplies y by 1 − 50·0.038 = −0.9 and x by
    // 1 − 0.038 = 0.962 each update; Momentum (V ← 0.9V + 0.1∇f, α = 0.036) on y, with
    // ∂f/∂y = 50y: V = 5, 8.6, 10.292, 9.96224 and y = 0.82, 0.5104, 0.139888, −0.21875264 —
    // it first crosses the floor at update 4, not at update 1
    let paths = surface_paths(
        repo("scenarios/surfaces/ravine-kappa-50.json")
            .to_str()
            .unwrap(),
    );
    let sgd = path(&paths, "sgd");
    for (t, (x, y)) in [(-2.405, -0.9), (-2.31361, 0.81)].into_iter().enumerate() {
        close(sgd[2 * t + 2], x);
        close(sgd[2 * t + 3], y);
    }
    let momentum = path(&paths, "momentum");
    let ys: Vec<f64> = momentum.iter().skip(1).step_by(2).copied().collect();
    for (got, want) in ys[1..5].iter().zip([0.82, 0.5104, 0.139888, -0.21875264]) {
        close(*got, want);
    }
    // the saddle, by hand: at (−1.5, 0.001) ∇f = (−3, −0.002); Adam's first step is
    // −α ∇f/(|∇f| + ε) per coordinate (V̂ = ∇f, Ŝ = ∇f²), about α = 0.05 each way; SGD's is
    // −α∇f = (0.15, 0.0001)
    let paths = surface_paths(
        repo("scenarios/surfaces/saddle-adam.json")
            .to_str()
            .unwrap(),
    );
    let adam = path(&paths, "adam");
    close(adam[2], -1.5 + 0.05 * 3.0 / (3.0 + 1e-8));
    close(adam[3], 0.001 + 0.05 * 0.002 / (0.002 + 1e-8));
    let sgd = path(&paths, "sgd");
    close(sgd[2], -1.35);
    close(sgd[3], 0.0011);
}
