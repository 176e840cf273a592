//! The seeded runs whose numbers must be the same natively and in the browser: every
//! generated data set with shuffling and a seeded init (the generator, libm's exp, tanh,
//! log, sin, cos), and the first step of every PyTorch reference scenario (explicit weights).

use backprop_playground::math::optimizer::OptimizerKind;
use backprop_playground::session::{Session, quantity};
use backprop_playground::training::phase::Phase;
use serde_json::{Value, json};

#[allow(dead_code)] // the browser test embeds the file instead
pub const FIXTURE: &str = "tests/fixtures/native/numbers.json";

/// The reference scenarios, embedded so that the browser test can read them too.
pub const REFERENCE: &[(&str, &str)] = &[
    (
        "ce3_relu_adam",
        include_str!("../fixtures/reference/ce3_relu_adam.scenario.json"),
    ),
    (
        "mse_softmax_out_sgd",
        include_str!("../fixtures/reference/mse_softmax_out_sgd.scenario.json"),
    ),
    (
        "deep4_mse_linear_rmsprop",
        include_str!("../fixtures/reference/deep4_mse_linear_rmsprop.scenario.json"),
    ),
    (
        "saturated_sigmoid_bce",
        include_str!("../fixtures/reference/saturated_sigmoid_bce.scenario.json"),
    ),
    (
        "bce2_tanh_momentum",
        include_str!("../fixtures/reference/bce2_tanh_momentum.scenario.json"),
    ),
    (
        "mazur",
        include_str!("../fixtures/reference/mazur.scenario.json"),
    ),
];

const DATASETS: [(&str, &str, &str, &str); 9] = [
    (
        "spiral",
        "[2, 6, 5, 1]",
        r#"["tanh", "leaky_relu", "sigmoid"]"#,
        "bce",
    ),
    (
        "spiral3",
        "[2, 6, 3]",
        r#"["relu", "softmax"]"#,
        "cross_entropy",
    ),
    ("circle", "[2, 4, 1]", r#"["sigmoid", "sigmoid"]"#, "bce"),
    ("sine", "[2, 5, 1]", r#"["tanh", "linear"]"#, "mse"),
    ("xor", "[2, 4, 1]", r#"["tanh", "sigmoid"]"#, "bce"),
    ("gaussian", "[2, 3, 1]", r#"["relu", "sigmoid"]"#, "bce"),
    ("moons", "[2, 5, 1]", r#"["tanh", "sigmoid"]"#, "bce"),
    (
        "blobs3",
        "[2, 4, 3]",
        r#"["leaky_relu", "softmax"]"#,
        "cross_entropy",
    ),
    ("plane", "[2, 3, 1]", r#"["sigmoid", "linear"]"#, "mse"),
];

pub fn seeded_scenario(dataset: &str, layers: &str, activations: &str, cost: &str) -> String {
    format!(
        r#"{{"layers": {layers}, "activations": {activations}, "cost": "{cost}",
            "data": {{"dataset": "{dataset}", "samples": 120, "noise": 0.1, "seed": 5}},
            "init": {{"seed": 11}}, "batch_size": 9, "shuffle": true, "shuffle_seed": 3, "epochs": 4}}"#
    )
}

/// A matrix of the session as [rows, cols, data].
fn matrix(s: &Session, name: &str, layer: usize) -> Value {
    let m = s.matrix(quantity(name).unwrap(), layer).unwrap();
    json!([m.rows, m.cols, m.data])
}

/// The first step's matrices: after forward() and backward(), Z, A, δ, dW, db of every layer.
pub fn first_step(scenario: &str) -> Value {
    let mut s = Session::from_json(scenario).unwrap();
    s.run_phase(Phase::Forward);
    s.run_phase(Phase::Backward);
    let layers: Vec<Value> = (1..=s.depth())
        .map(|l| json!({ "z": matrix(&s, "z", l), "a": matrix(&s, "a", l), "delta": matrix(&s, "delta", l),
                         "dw": matrix(&s, "dw", l), "db": matrix(&s, "db", l) }))
        .collect();
    Value::Array(layers)
}

/// After 4 epochs of the race: every racer's loss history and the focused one's weights.
pub fn seeded_run(scenario: &str) -> Value {
    let mut s = Session::from_json(scenario).unwrap();
    s.train_epochs(4).unwrap();
    let losses: Vec<Value> = OptimizerKind::ALL
        .iter()
        .map(|&k| json!(s.loss_history(k)))
        .collect();
    json!({ "losses": losses, "w1": matrix(&s, "w", 1), "grid": s.predict_grid(7, OptimizerKind::Adam).unwrap() })
}

pub fn compute() -> Value {
    let mut out = serde_json::Map::new();
    for (name, text) in REFERENCE {
        out.insert(format!("first_step/{name}"), first_step(text));
    }
    for (dataset, layers, acts, cost) in DATASETS {
        out.insert(
            format!("seeded/{dataset}"),
            seeded_run(&seeded_scenario(dataset, layers, acts, cost)),
        );
    }
    Value::Object(out)
}
