//! The table reader against serde's derive, its independent reference: the scenario file's
//! structs as they were derived before `read.rs` (the same fields, attributes and order, names
//! in the module `derived`) must read every text to the same value or fail with the same message.

use crate::math::surface::SurfaceSpec;
use crate::scenario::file::ScenarioFile;
use serde::{Deserialize, Deserializer, Serialize};

/// The structs as serde derived them: the same names, so the same messages.
mod derived {
    use super::*;

    fn number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        f64::deserialize(d).map(Some)
    }

    fn uint<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        u64::deserialize(d).map(Some)
    }

    fn size<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
        usize::deserialize(d).map(Some)
    }

    fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        bool::deserialize(d).map(Some)
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct ScenarioFile {
        #[serde(
            default,
            deserialize_with = "uint",
            skip_serializing_if = "Option::is_none"
        )]
        version: Option<u64>,
        layers: Vec<usize>,
        activations: Vec<String>,
        cost: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        optimizer: Option<OptimizerFile>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        race: Option<Vec<OptimizerFile>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        init: Option<InitFile>,
        data: DataFile,
        #[serde(
            default,
            deserialize_with = "size",
            skip_serializing_if = "Option::is_none"
        )]
        batch_size: Option<usize>,
        #[serde(
            default,
            deserialize_with = "flag",
            skip_serializing_if = "Option::is_none"
        )]
        shuffle: Option<bool>,
        #[serde(
            default,
            deserialize_with = "uint",
            skip_serializing_if = "Option::is_none"
        )]
        shuffle_seed: Option<u64>,
        #[serde(
            default,
            deserialize_with = "size",
            skip_serializing_if = "Option::is_none"
        )]
        epochs: Option<usize>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        regularization: Option<RegularizationFile>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        view: Option<serde_json::Value>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        surface: Option<SurfaceSpec>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct RegularizationFile {
        kind: String,
        #[serde(
            default,
            deserialize_with = "number",
            skip_serializing_if = "Option::is_none"
        )]
        rate: Option<f64>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct OptimizerFile {
        kind: String,
        #[serde(
            default,
            deserialize_with = "number",
            skip_serializing_if = "Option::is_none"
        )]
        learning_rate: Option<f64>,
        #[serde(
            default,
            deserialize_with = "number",
            skip_serializing_if = "Option::is_none"
        )]
        beta: Option<f64>,
        #[serde(
            default,
            deserialize_with = "number",
            skip_serializing_if = "Option::is_none"
        )]
        beta1: Option<f64>,
        #[serde(
            default,
            deserialize_with = "number",
            skip_serializing_if = "Option::is_none"
        )]
        beta2: Option<f64>,
        #[serde(
            default,
            deserialize_with = "number",
            skip_serializing_if = "Option::is_none"
        )]
        epsilon: Option<f64>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct InitFile {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
        #[serde(
            default,
            deserialize_with = "number",
            skip_serializing_if = "Option::is_none"
        )]
        scale: Option<f64>,
        #[serde(
            default,
            deserialize_with = "uint",
            skip_serializing_if = "Option::is_none"
        )]
        seed: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        weights: Option<Vec<LayerFile>>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct LayerFile {
        w: Vec<Vec<f64>>,
        b: Vec<Vec<f64>>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct DataFile {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        dataset: Option<String>,
        #[serde(
            default,
            deserialize_with = "size",
            skip_serializing_if = "Option::is_none"
        )]
        samples: Option<usize>,
        #[serde(
            default,
            deserialize_with = "number",
            skip_serializing_if = "Option::is_none"
        )]
        noise: Option<f64>,
        #[serde(
            default,
            deserialize_with = "number",
            skip_serializing_if = "Option::is_none"
        )]
        train_fraction: Option<f64>,
        #[serde(
            default,
            deserialize_with = "uint",
            skip_serializing_if = "Option::is_none"
        )]
        seed: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        input_scale: Option<Vec<f64>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        features: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        x: Option<Vec<Vec<f64>>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        y: Option<Vec<Vec<f64>>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        x_test: Option<Vec<Vec<f64>>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        y_test: Option<Vec<Vec<f64>>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        classes: Option<Vec<String>>,
    }
}

/// What each reader makes of `text`: the value as serde_json reads what it writes, or the
/// error (ours: its message and path).
type Read = Result<serde_json::Value, String>;

fn both(text: &str) -> (Read, Read) {
    let ours = crate::scenario::read_json(text, crate::scenario::file::SCENARIO_SHAPE)
        .map(ScenarioFile::build)
        .map(|f| serde_json::from_str(&crate::json::to_string(&f.to_value())).unwrap())
        .map_err(|e| e.to_string());
    let derived = serde_json::from_str::<derived::ScenarioFile>(text)
        .map(|v| serde_json::to_value(&v).unwrap())
        .map_err(|e| e.to_string());
    (ours, derived)
}

/// Both read `text` to the same value, or both refuse it.
fn agree(text: &str) -> bool {
    match both(text) {
        (Ok(a), Ok(b)) => a == b,
        (Err(_), Err(_)) => true,
        _ => false,
    }
}

const LESSONS: [&str; 4] = [
    include_str!("../../../scenarios/default.json"),
    include_str!("../../../scenarios/lessons/forward-backward-2-3-1.json"),
    include_str!("../../../scenarios/lessons/overfitting-l2.json"),
    include_str!("../../../scenarios/surfaces/saddle-adam.json"),
];

#[test]
fn the_lessons_read_as_the_derive_read_them() {
    for text in LESSONS {
        let (ours, derived) = both(text);
        assert!(ours.is_ok(), "{ours:?}");
        assert_eq!(ours, derived);
        assert!(agree(text));
    }
}

#[test]
fn each_kind_of_mistake_gives_the_derives_message() {
    let base = r#"{"layers": [2, 1], "activations": ["sigmoid"], "cost": "bce", "data": {"dataset": "xor"}"#;
    let cases = [
        // unknown, duplicate, missing fields; null where it means omitted or is refused
        r#", "colour": 1}"#,
        r#", "cost": "mse"}"#,
        "}",
        r#", "optimizer": null, "init": {"kind": null, "weights": null}}"#,
        r#", "optimizer": {"kind": "sgd", "learning_rate": null}}"#,
        r#", "optimizer": {"learning_rate": 0.1}}"#,
        r#", "optimizer": {"kind": "sgd", "bet": 1}}"#,
        r#", "init": {"weights": [{"w": [[1, 2]], "b": [[0]], "c": 1}]}}"#,
        r#", "init": {"weights": [{"w": [[1, "2"]]}]}}"#,
        r#", "regularization": {"kind": "l2", "rate": "x"}}"#,
        r#", "regularization": {"rate": 1}}"#,
        // wrong types: numbers, whole numbers, booleans, strings, arrays, objects
        r#", "batch_size": -1}"#,
        r#", "batch_size": 1.5}"#,
        r#", "epochs": 1e3}"#,
        r#", "version": "1"}"#,
        r#", "shuffle": "yes"}"#,
        r#", "race": {"kind": "sgd"}}"#,
        r#", "race": [1]}"#,
        r#", "view": [1, {"a": null}], "surface": {"function": "bowl", "kappa": 50}}"#,
        r#", "surface": {"function": "bowl", "start": [1]}}"#,
        r#", "data": 3}"#,
        r#", "data": {"x": [[1]], "y": [[0]], "x_test": null, "input_scale": [1, null]}}"#,
        r#", "data": {"features": ["x1", 2]}}"#,
        // syntax: cut short, a trailing comma, a bad literal
        r#", "optimizer": {"kind": "sgd", }}"#,
        r#", "optimizer": {"kind": tru}}"#,
        r#", "data": {"x": [[1, 2"#,
    ];
    for case in cases {
        let text = format!("{base}{case}");
        assert!(agree(&text), "{text}: {:?}", both(&text));
    }
    assert!(agree("[]"));
    // messages with the path of the value at fault (worked out by hand)
    let message = |case: &str| both(&format!("{base}{case}")).0.unwrap_err();
    assert!(message(r#", "colour": 1}"#).starts_with(
        "colour: unknown field `colour`, expected one of `version`, `layers`, `activations`"
    ));
    let cases = [
        (
            r#", "cost": "mse"}"#,
            "duplicate field `cost` at line 1 column 91",
        ),
        (
            r#", "batch_size": -1}"#,
            "batch_size: invalid value: integer `-1`, expected a whole number ≥ 0",
        ),
        (
            r#", "epochs": 1e3}"#,
            "epochs: invalid type: floating point `1000.0`, expected a whole number ≥ 0",
        ),
        (
            r#", "race": [1]}"#,
            "race[0]: invalid type: integer `1`, expected struct OptimizerFile",
        ),
        (
            r#", "surface": {"function": "bowl", "start": [1]}}"#,
            "surface.start: invalid length 1, expected an array of length 2",
        ),
        (
            r#", "regularization": {"rate": 1}}"#,
            "regularization: missing field `kind`",
        ),
        (
            r#", "optimizer": {"kind": "sgd", }}"#,
            "optimizer: trailing comma at line 1 column 120",
        ),
        // a struct written as an array of its fields, which serde's derive read
        (
            r#", "optimizer": ["sgd", 0.1]}"#,
            "optimizer: invalid type: sequence, expected struct OptimizerFile",
        ),
    ];
    for (case, want) in cases {
        assert_eq!(message(case), want);
    }
}

/// Every lesson with one byte deleted, or replaced by one of a few that JSON gives meaning.
#[test]
fn mutated_lessons_read_as_the_derive_read_them() {
    let mut failures = 0;
    let mut seen = 0;
    for text in LESSONS {
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            let mut deleted = bytes.to_vec();
            deleted.remove(i);
            let mut variants = vec![deleted];
            for b in [b'"', b'0', b'-', b'[', b'{', b',', b'n', b'}'] {
                let mut v = bytes.to_vec();
                v[i] = b;
                variants.push(v);
            }
            for v in variants {
                let Ok(t) = String::from_utf8(v) else {
                    continue;
                };
                seen += 1;
                if !agree(&t) {
                    failures += 1;
                    eprintln!("{t}\n {:?}", both(&t));
                }
            }
        }
    }
    assert!(seen > 10_000, "{seen}");
    assert_eq!(failures, 0);
}
