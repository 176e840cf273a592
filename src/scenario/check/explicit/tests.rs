//! `data.classes` and `data.features` with explicit data: what is refused, at which path,
//! and that a file written reads back the same.

use crate::scenario::{Data, Scenario};
use serde_json::{Value, json};

/// A 2-3-1 net on three explicit points, with `data` fields merged in.
fn scenario(layers: Value, data: Value) -> Result<Scenario, crate::scenario::ScenarioError> {
    let mut d = json!({"x": [[0.5, -1.0, 2.0], [1.5, 0.25, -3.0]], "y": [[0, 1, 1]]});
    for (k, v) in data.as_object().unwrap() {
        d[k] = v.clone();
    }
    let n = layers.as_array().unwrap().len();
    let mut acts = vec!["tanh"; n - 2];
    acts.push("sigmoid");
    Scenario::from_json(
        &json!({"layers": layers, "activations": acts, "cost": "bce", "data": d}).to_string(),
    )
}

fn path(layers: Value, data: Value) -> String {
    scenario(layers, data).expect_err("refused").path
}

#[test]
fn class_names_are_checked_and_kept() {
    let s = scenario(json!([2, 3, 1]), json!({"classes": ["no", "yes"]})).unwrap();
    let Data::Explicit { classes, .. } = &s.data else {
        panic!("explicit")
    };
    assert_eq!(classes, &["no", "yes"]);
    let back = Scenario::from_json(&s.to_json()).unwrap();
    assert_eq!(back, s, "a round trip keeps the names");
    assert!(s.to_json().contains("\"classes\""));
    let without = scenario(json!([2, 3, 1]), json!({})).unwrap();
    assert!(
        !without.to_json().contains("classes"),
        "written only when given"
    );

    let cases = [
        (json!({"classes": []}), "data.classes"),
        (json!({"classes": ["a", "b", "c", "d"]}), "data.classes"),
        (json!({"classes": ["a", " "]}), "data.classes[1]"),
        (json!({"classes": ["a", "a"]}), "data.classes[1]"),
        (json!({"classes": ["a\tb", "c"]}), "data.classes[0]"),
        (json!({"classes": ["x".repeat(41), "c"]}), "data.classes[0]"),
        // three names for one 0/1 output
        (json!({"classes": ["a", "b", "c"]}), "data.classes"),
        // one name, but example 1 is class 1
        (json!({"classes": ["a"]}), "data.y[0][1]"),
    ];
    for (data, want) in cases {
        assert_eq!(path(json!([2, 3, 1]), data.clone()), want, "{data}");
    }
    let generated = Scenario::from_json(
        r#"{"layers": [2, 1], "activations": ["sigmoid"], "cost": "bce",
            "data": {"dataset": "xor", "classes": ["a", "b"]}}"#,
    );
    assert_eq!(generated.unwrap_err().path, "data.classes");
}

#[test]
fn one_hot_targets_take_one_name_per_output() {
    let data = json!({"y": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "classes": ["r", "g", "b"]});
    let text = json!({"layers": [2, 3], "activations": ["softmax"], "cost": "cross_entropy",
        "data": {"x": [[0.5, -1.0, 2.0], [1.5, 0.25, -3.0]], "y": data["y"],
                 "classes": data["classes"]}});
    assert!(Scenario::from_json(&text.to_string()).is_ok());
    let mut two = text.clone();
    two["data"]["classes"] = json!(["r", "g"]);
    assert_eq!(
        Scenario::from_json(&two.to_string()).unwrap_err().path,
        "data.classes"
    );
}

/// Features of explicit points: X holds the points (2 rows); the inputs are their features,
/// by `Feature::of`, worked here by hand for the first point (0.5, 1.5).
#[test]
fn features_of_explicit_points() {
    let s = scenario(
        json!([3, 3, 1]),
        json!({"features": ["x1^2", "x1x2", "x2"]}),
    )
    .unwrap();
    let set = s.dataset();
    assert_eq!(set.train.x.column(0).to_vec(), [0.25, 0.75, 1.5]);
    assert_eq!(set.train.coords.column(0).to_vec(), [0.5, 1.5]);
    let back = Scenario::from_json(&s.to_json()).unwrap();
    assert_eq!(back, s, "x is written as the points, with the features");

    // n[0] must be the features' number; x must be the points
    assert_eq!(
        path(
            json!([2, 3, 1]),
            json!({"features": ["x1^2", "x1x2", "x2"]})
        ),
        "layers[0]"
    );
    let three_rows = json!({"features": ["x1", "x2"], "x": [[1], [2], [3]], "y": [[1]]});
    assert_eq!(path(json!([2, 3, 1]), three_rows), "data.x");
    assert_eq!(
        path(json!([1, 1]), json!({"features": ["cos"]})),
        "data.features[0]"
    );
}
