//! Drawn points: a generated set kept as it is, points added and removed, the task followed
//! by the output. Expected matrices are written by hand from the points given.

use super::*;
use crate::math::activation::Activation;
use crate::math::cost::Cost;

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).expect(json)
}

const SQUARE1: Square = Square {
    center: [0.5, 0.5],
    radius: 2.0,
};

/// Four points (0,0) (1,0) (0,1) (1,1), labelled 0 1 1 0, on a 2-4-1 sigmoid + bce net.
fn xor() -> Scenario {
    scenario(
        r#"{"layers": [2, 4, 1], "activations": ["tanh", "sigmoid"], "cost": "bce",
            "data": {"x": [[0, 1, 0, 1], [0, 0, 1, 1]], "y": [[0, 1, 1, 0]]},
            "view": {"title": "XOR", "speed": 3}}"#,
    )
}

fn explicit(s: &Scenario) -> (Examples, Option<Examples>) {
    match &s.data {
        Data::Explicit { train, test, .. } => (train.clone(), test.clone()),
        Data::Generated(_) => panic!("explicit data expected"),
    }
}

#[test]
fn a_generated_set_becomes_the_same_examples_explicitly() {
    for json in [
        r#"{"layers": [2, 4, 1], "activations": ["tanh", "sigmoid"], "cost": "bce",
            "data": {"dataset": "spiral", "samples": 60, "train_fraction": 0.7}}"#,
        r#"{"layers": [3, 4, 1], "activations": ["tanh", "sigmoid"], "cost": "bce",
            "data": {"dataset": "circle", "samples": 30, "features": ["x1", "x2", "x1x2"]}}"#,
        r#"{"layers": [2, 4, 3], "activations": ["tanh", "softmax"], "cost": "cross_entropy",
            "data": {"dataset": "blobs3", "samples": 30}}"#,
        r#"{"layers": [2, 4, 1], "activations": ["tanh", "linear"], "cost": "mse",
            "data": {"dataset": "sine", "samples": 30}}"#,
    ] {
        let s = scenario(json);
        let points = Points::of(&s).unwrap();
        let drawn = points.scenario(&s, SQUARE1).unwrap();
        let (before, after) = (s.dataset(), drawn.dataset());
        assert_eq!(after.train, before.train, "{json}");
        assert_eq!(after.test, before.test, "{json}");
        assert_eq!(
            (&drawn.layers, drawn.cost),
            (&s.layers, s.cost),
            "the output fits"
        );
        assert_eq!(Square::of_view(&drawn.view), Some(SQUARE1));
    }
}

#[test]
fn a_class_2_point_makes_three_classes_and_proposes_softmax() {
    let mut p = Points::of(&xor()).unwrap();
    assert_eq!(p.labels, Labels::Classes(2));
    let at = |x: f64, y: f64, label: f64, test: bool| Point {
        at: [x, y],
        label,
        test,
    };
    p.add(at(2.0, 2.0, 2.0, false)).unwrap();
    p.add(at(-1.0, 0.5, 1.0, true)).unwrap();
    let s = p.scenario(&xor(), SQUARE1).unwrap();
    assert_eq!(s.layers, [2, 4, 3]);
    assert_eq!(
        (s.activations[1], s.cost),
        (Activation::Softmax, Cost::CrossEntropy)
    );
    let (train, test) = explicit(&s);
    // by hand: the five training points' classes 0 1 1 0 2, one-hot
    let one_hot = [
        [1.0, 0.0, 0.0, 1.0, 0.0],
        [0.0, 1.0, 1.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 0.0, 1.0],
    ];
    assert_eq!(train.y, ndarray::arr2(&one_hot));
    assert_eq!(train.x.row(0).to_vec(), [0.0, 1.0, 0.0, 1.0, 2.0]);
    let test = test.expect("a test set");
    assert_eq!(test.x, ndarray::arr2(&[[-1.0], [0.5]]));
    assert_eq!(test.y, ndarray::arr2(&[[0.0], [1.0], [0.0]]));
    assert_eq!(s.view.get("title"), None, "the title spoke of other data");
    assert_eq!(s.view.get("speed"), Some(&crate::json::Value::Uint(3)));
}

#[test]
fn the_nearest_point_within_reach_is_removed() {
    let mut p = Points::of(&xor()).unwrap();
    assert!(!p.remove_nearest([5.0, 5.0], 0.5), "none within reach");
    assert!(p.remove_nearest([0.9, 0.2], 0.5), "(1, 0) is 0.22 away");
    let left: Vec<[f64; 2]> = p.points.iter().map(|q| q.at).collect();
    assert_eq!(left, [[0.0, 0.0], [0.0, 1.0], [1.0, 1.0]]);
    let s = p.scenario(&xor(), SQUARE1).unwrap();
    assert_eq!(explicit(&s).0.y, ndarray::arr2(&[[0.0, 1.0, 0.0]]));
}

#[test]
fn bad_points_are_refused_and_change_nothing() {
    let mut p = Points::of(&xor()).unwrap();
    let before = p.clone();
    let bad = [
        ([0.0, 0.0], 3.0, false, "a class is 0, 1 or 2"),
        ([0.0, 0.0], 0.5, false, "a class is 0, 1 or 2"),
        ([f64::NAN, 0.0], 1.0, false, "finite"),
    ];
    for (at, label, test, words) in bad {
        let e = p.add(Point { at, label, test }).unwrap_err();
        assert!(e.problem.contains(words), "{e}");
    }
    assert_eq!(p, before);
    p.points.clear();
    let e = p
        .add(Point {
            at: [0.0, 0.0],
            label: 0.0,
            test: true,
        })
        .unwrap_err();
    assert!(e.problem.contains("training point first"), "{e}");
    assert!(!p.has_train());
    assert!(
        p.scenario(&xor(), SQUARE1).is_err(),
        "no example to train on"
    );
}

#[test]
fn values_on_regression_and_three_inputs_refused() {
    let sine = scenario(
        r#"{"layers": [2, 4, 1], "activations": ["tanh", "linear"], "cost": "mse",
            "data": {"dataset": "sine", "samples": 10, "train_fraction": 1}}"#,
    );
    let mut p = Points::of(&sine).unwrap();
    assert_eq!(p.labels, Labels::Values);
    p.points.clear();
    p.add(Point {
        at: [0.25, -1.5],
        label: -0.75,
        test: false,
    })
    .unwrap();
    let s = p.scenario(&sine, SQUARE1).unwrap();
    let (train, test) = explicit(&s);
    assert_eq!(
        (train.x, train.y),
        (ndarray::arr2(&[[0.25], [-1.5]]), ndarray::arr2(&[[-0.75]]))
    );
    assert!(test.is_none());
    assert_eq!((s.activations[1], s.cost), (Activation::Linear, Cost::Mse));
    let three = scenario(
        r#"{"layers": [3, 1], "activations": ["sigmoid"], "cost": "bce",
            "data": {"x": [[0], [1], [2]], "y": [[1]]}}"#,
    );
    let e = Points::of(&three).unwrap_err();
    assert_eq!(e.path, "data.x");
    assert!(e.problem.contains("these data have 3"), "{e}");
}
