use super::*;

pub(crate) const EXAMPLE: &str = r#"{
  "version": 1,
  "layers": [2, 8, 8, 1],
  "activations": ["tanh", "tanh", "sigmoid"],
  "cost": "bce",
  "optimizer": { "kind": "adam", "learning_rate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8 },
  "race": [
    { "kind": "sgd", "learning_rate": 0.1 },
    { "kind": "momentum", "learning_rate": 0.1, "beta": 0.9 },
    { "kind": "rmsprop", "learning_rate": 0.01, "beta": 0.9, "epsilon": 1e-8 },
    { "kind": "adam", "learning_rate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8 }
  ],
  "init": { "kind": "auto", "scale": 1.0, "seed": 7 },
  "data": { "dataset": "spiral", "samples": 500, "noise": 0.1, "train_fraction": 0.8, "seed": 1 },
  "batch_size": 32,
  "shuffle": true,
  "shuffle_seed": 0,
  "epochs": 100,
  "view": {}
}"#;

#[test]
fn the_spec_example_reads() {
    let s = Scenario::from_json(EXAMPLE).unwrap();
    assert_eq!(s.layers, vec![2, 8, 8, 1]);
    assert_eq!(s.cost, Cost::Bce);
    assert_eq!(
        s.race[1],
        OptimizerSettings::Momentum {
            learning_rate: 0.1,
            beta: 0.9
        }
    );
    assert_eq!(
        s.init,
        Init::Scheme {
            scheme: InitScheme::Auto,
            scale: 1.0,
            seed: 7
        }
    );
    let Data::Generated(g) = &s.data else {
        panic!("generated")
    };
    assert_eq!(g.samples, 500);
    assert_eq!(g.outputs, 1);
    let set = s.dataset();
    assert_eq!(set.train.len(), 400);
    assert_eq!(s.network().sizes(), vec![2, 8, 8, 1]);
}

#[test]
fn features_are_computed_from_each_point() {
    let s = Scenario::from_json(
        r#"{"layers": [4, 3, 1], "activations": ["tanh", "sigmoid"], "cost": "bce",
            "data": {"dataset": "circle", "samples": 50, "features": ["x1^2", "x2^2", "x1x2", "sin_x1"]}}"#,
    )
    .unwrap();
    let set = s.dataset();
    let (x, c) = (&set.train.x, &set.train.coords);
    for j in 0..set.train.len() {
        assert_eq!(x[[0, j]], c[[0, j]] * c[[0, j]]);
        assert_eq!(x[[1, j]], c[[1, j]] * c[[1, j]]);
        assert_eq!(x[[2, j]], c[[0, j]] * c[[1, j]]);
        assert_eq!(x[[3, j]], libm::sin(c[[0, j]]));
    }
    assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
    assert!(
        Scenario::default().to_json().find("features").is_none(),
        "the default features are not written"
    );
}

#[test]
fn omitted_fields_take_the_defaults() {
    let s = Scenario::from_json(
        r#"{"layers":[2,3,1],"activations":["relu","sigmoid"],"cost":"bce","data":{"dataset":"xor"},
            "optimizer":{"kind":"rmsprop"},"race":[{"kind":"sgd","learning_rate":0.5}]}"#,
    )
    .unwrap();
    assert_eq!(
        s.optimizer,
        OptimizerSettings::RmsProp {
            learning_rate: 0.01,
            beta: 0.9,
            epsilon: 1e-8
        }
    );
    assert_eq!(s.race[0], OptimizerSettings::Sgd { learning_rate: 0.5 });
    assert_eq!(s.race[3], OptimizerKind::Adam.defaults());
    assert_eq!(s.batch_size, 32);
    assert!(s.shuffle);
    assert_eq!(s.epochs, 100);
}

#[test]
fn a_written_scenario_reads_back_equal() {
    let s = Scenario::from_json(EXAMPLE).unwrap();
    let again = Scenario::from_json(&s.to_json()).unwrap();
    assert_eq!(s, again);
    // explicit weights and data too, with numbers that need every digit
    let net = s.network();
    let mut explicit = s.with_parameters(&net);
    explicit.data = Data::Explicit {
        train: s.dataset().train,
        test: s.dataset().test,
        features: Vec::new(),
        classes: Vec::new(),
    };
    explicit.view.insert("focus", "adam");
    let back = Scenario::from_json(&explicit.to_json()).unwrap();
    assert_eq!(explicit, back);
    assert_eq!(back.network(), net);
}

/// Each bad scenario: a change to the example, the path the message must name, and a word
/// of the problem it must say.
fn rejects(edit: &str, path: &str, words: &str) {
    let mut v: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    let patch: serde_json::Value = serde_json::from_str(edit).unwrap();
    merge(&mut v, patch);
    let text = v.to_string();
    let err = Scenario::from_json(&text).expect_err(&format!("should reject {edit}"));
    assert_eq!(err.path, path, "{edit}: {err}");
    assert!(
        err.to_string().starts_with(&format!("{path}: ")) || path.is_empty(),
        "{err}"
    );
    assert!(
        err.problem.contains(words),
        "{edit}: «{err}» should say «{words}»"
    );
}

/// JSON merge patch (RFC 7386): objects merge, null removes, anything else replaces.
fn merge(target: &mut serde_json::Value, patch: serde_json::Value) {
    match (target, patch) {
        (serde_json::Value::Object(t), serde_json::Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(&k);
                } else {
                    merge(t.entry(k).or_insert(serde_json::Value::Null), v);
                }
            }
        }
        (t, p) => *t = p,
    }
}

#[test]
fn every_bad_field_is_named() {
    rejects(r#"{"version": 2}"#, "version", "version 1");
    rejects(r#"{"colour": "red"}"#, "colour", "unknown field `colour`");
    rejects(
        r#"{"optimizer": {"momentum": 0.9}}"#,
        "optimizer.momentum",
        "unknown field `momentum`",
    );
    rejects(r#"{"layers": null}"#, "", "missing field `layers`");
    rejects(r#"{"layers": [2]}"#, "layers", "at least");
    rejects(
        r#"{"layers": [2, 0, 8, 1]}"#,
        "layers[1]",
        "at least 1 unit",
    );
    rejects(r#"{"layers": [2, -3, 8, 1]}"#, "layers[1]", "whole number");
    // 2⁵³ + 1 = 9007199254740993: a JavaScript number cannot hold it
    for (edit, path) in [
        (r#"{"shuffle_seed": 9007199254740993}"#, "shuffle_seed"),
        (r#"{"init": {"seed": 9007199254740993}}"#, "init.seed"),
        (r#"{"data": {"seed": 9007199254740993}}"#, "data.seed"),
    ] {
        rejects(edit, path, "from 0 to 9007199254740991");
    }
    rejects(r#"{"layers": [2, 65, 8, 1]}"#, "layers[1]", "64");
    rejects(
        r#"{"layers": [2, 4, 4, 4, 4, 4, 4, 4, 1], "activations": ["tanh","tanh","tanh","tanh","tanh","tanh","tanh","sigmoid"]}"#,
        "layers",
        "the most is 6",
    );
    rejects(
        r#"{"activations": ["tanh", "sigmoid"]}"#,
        "activations",
        "one per layer",
    );
    rejects(
        r#"{"activations": ["tanh", "swish", "sigmoid"]}"#,
        "activations[1]",
        "unknown activation",
    );
    rejects(
        r#"{"activations": ["softmax", "tanh", "sigmoid"]}"#,
        "activations[0]",
        "only on the output",
    );
    rejects(
        r#"{"activations": ["tanh", "tanh", "softmax"], "cost": "mse"}"#,
        "activations[2]",
        "at least 2 output",
    );
    rejects(r#"{"cost": "hinge"}"#, "cost", "unknown cost");
    rejects(
        r#"{"activations": ["tanh", "tanh", "tanh"]}"#,
        "cost",
        "bce needs a sigmoid",
    );
    rejects(
        r#"{"layers": [2, 8, 8, 2], "activations": ["tanh", "tanh", "sigmoid"], "cost": "cross_entropy"}"#,
        "cost",
        "softmax",
    );
    rejects(
        r#"{"optimizer": {"kind": "adagrad"}}"#,
        "optimizer.kind",
        "unknown optimizer",
    );
    rejects(
        r#"{"optimizer": {"kind": "sgd", "beta": 0.9, "beta1": null, "beta2": null, "epsilon": null}}"#,
        "optimizer.beta",
        "sgd does not use beta",
    );
    rejects(
        r#"{"optimizer": {"learning_rate": -0.1}}"#,
        "optimizer.learning_rate",
        "positive",
    );
    rejects(
        r#"{"optimizer": {"learning_rate": 0}}"#,
        "optimizer.learning_rate",
        "positive",
    );
    rejects(
        r#"{"optimizer": {"learning_rate": "fast"}}"#,
        "optimizer.learning_rate",
        "expected a number",
    );
    rejects(
        r#"{"optimizer": {"beta1": 1.0}}"#,
        "optimizer.beta1",
        "below 1",
    );
    rejects(
        r#"{"optimizer": {"beta2": -0.5}}"#,
        "optimizer.beta2",
        "at least 0",
    );
    rejects(
        r#"{"optimizer": {"epsilon": 0}}"#,
        "optimizer.epsilon",
        "positive",
    );
    rejects(
        r#"{"race": [{"kind": "sgd"}, {"kind": "sgd"}]}"#,
        "race[1].kind",
        "twice",
    );
    rejects(
        r#"{"race": [{"kind": "momentum", "beta": 1.5}]}"#,
        "race[0].beta",
        "below 1",
    );
    rejects(
        r#"{"race": [{"kind": "rmsprop", "beta1": 0.9}]}"#,
        "race[0].beta1",
        "does not use",
    );
    rejects(
        r#"{"init": {"kind": "lecun"}}"#,
        "init.kind",
        "unknown scheme",
    );
    rejects(r#"{"init": {"scale": -1}}"#, "init.scale", "from 0");
    rejects(r#"{"init": {"weights": []}}"#, "init.kind", "not both");
    rejects(
        r#"{"init": {"kind": null, "scale": null, "seed": null, "weights": []}}"#,
        "init.weights",
        "the network has 3",
    );
    rejects(
        r#"{"data": {"dataset": "swirl"}}"#,
        "data.dataset",
        "unknown data set",
    );
    rejects(r#"{"data": {"samples": 6000}}"#, "data.samples", "5000");
    rejects(r#"{"data": {"samples": 1}}"#, "data.samples", "from 2");
    rejects(r#"{"data": {"noise": -0.1}}"#, "data.noise", "from 0 to 1");
    rejects(
        r#"{"data": {"train_fraction": 0}}"#,
        "data.train_fraction",
        "above 0",
    );
    rejects(
        r#"{"data": {"train_fraction": 1.5}}"#,
        "data.train_fraction",
        "at most 1",
    );
    rejects(
        r#"{"data": {"input_scale": [1]}}"#,
        "data.input_scale",
        "one per input",
    );
    rejects(
        r#"{"data": {"input_scale": [1, 0]}}"#,
        "data.input_scale[1]",
        "non-zero",
    );
    rejects(r#"{"data": {"x": [[1]]}}"#, "data", "not both");
    rejects(r#"{"data": null}"#, "", "missing field `data`");
    rejects(
        r#"{"data": {"dataset": null, "samples": null, "noise": null, "train_fraction": null, "seed": null}}"#,
        "data",
        "needs a data set",
    );
    rejects(
        r#"{"layers": [3, 8, 8, 1]}"#,
        "layers[0]",
        "2 features (x1, x2), so n[0] is 2, not 3",
    );
    rejects(
        r#"{"data": {"features": ["x1", "x2", "x1^2"]}}"#,
        "layers[0]",
        "3 features",
    );
    rejects(
        r#"{"data": {"features": ["x1", "cos_x1"]}}"#,
        "data.features[1]",
        "unknown feature",
    );
    rejects(
        r#"{"data": {"features": ["x1", "x1"]}}"#,
        "data.features[1]",
        "twice",
    );
    rejects(
        r#"{"data": {"features": []}}"#,
        "data.features",
        "at least one",
    );
    rejects(r#"{"layers": [2, 8, 8, 3]}"#, "layers[3]", "1 output");
    rejects(
        r#"{"layers": [2, 8, 8, 1], "activations": ["tanh", "tanh", "linear"], "cost": "mse", "data": {"dataset": "spiral3"}}"#,
        "layers[3]",
        "3 outputs",
    );
    rejects(r#"{"data": {"dataset": "plane"}}"#, "cost", "regression");
    rejects(r#"{"batch_size": 0}"#, "batch_size", "at least 1");
    rejects(r#"{"epochs": 0}"#, "epochs", "between 1");
    rejects(r#"{"shuffle": "yes"}"#, "shuffle", "expected a boolean");
    rejects(r#"{"view": [1, 2]}"#, "view", "object");
    rejects(
        r#"{"regularization": {"kind": "l3"}}"#,
        "regularization.kind",
        "one of none, l1, l2",
    );
    rejects(
        r#"{"regularization": {"kind": "l2", "rate": -0.1}}"#,
        "regularization.rate",
        "from 0 to 10",
    );
    rejects(
        r#"{"regularization": {"kind": "l1", "rate": 11}}"#,
        "regularization.rate",
        "from 0 to 10",
    );
    rejects(
        r#"{"regularization": {"kind": "l1", "rate": null}}"#,
        "regularization.rate",
        "expected a number",
    );
    rejects(
        r#"{"regularization": {"kind": "l1", "lambda": 0.1}}"#,
        "regularization.lambda",
        "unknown field",
    );
    rejects(
        r#"{"regularization": "l2"}"#,
        "regularization",
        "expected struct",
    );
}

#[test]
fn regularization_reads_with_its_default_rate_and_is_written_only_when_there_is_one() {
    use crate::math::regularization::{Penalty, Regularization};
    let plain = Scenario::from_json(EXAMPLE).unwrap();
    assert_eq!(plain.regularization, Regularization::default());
    assert!(!plain.to_json().contains("regularization"));
    let with = |patch: &str| {
        let mut v: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
        merge(&mut v, serde_json::from_str(patch).unwrap());
        Scenario::from_json(&v.to_string()).unwrap()
    };
    let l1 = with(r#"{"regularization": {"kind": "l1"}}"#);
    assert_eq!(
        l1.regularization,
        Regularization {
            penalty: Penalty::L1,
            rate: 0.001
        }
    );
    let l2 = with(r#"{"regularization": {"kind": "l2", "rate": 0.03}}"#);
    assert_eq!(Scenario::from_json(&l2.to_json()).unwrap(), l2);
    assert!(l2.to_json().contains("\"rate\": 0.03"));
    assert_eq!(l2.network().regularization, l2.regularization);
    let none = with(r#"{"regularization": {"kind": "none", "rate": 0.5}}"#);
    assert!(!none.network().regularization.is_active());
    assert!(!none.to_json().contains("regularization"));
}

const EXPLICIT: &str = r#"{
  "layers": [2, 2, 1], "activations": ["tanh", "sigmoid"], "cost": "bce",
  "init": { "weights": [ { "w": [[0.1, 0.2], [0.3, 0.4]], "b": [[0.0], [0.1]] },
                         { "w": [[0.5, -0.6]], "b": [[0.2]] } ] },
  "data": { "x": [[0, 1, 0], [1, 0, 1]], "y": [[1, 0, 1]] },
  "batch_size": 2, "shuffle": false, "epochs": 3
}"#;

fn rejects_explicit(edit: &str, path: &str, words: &str) {
    let mut v: serde_json::Value = serde_json::from_str(EXPLICIT).unwrap();
    merge(&mut v, serde_json::from_str(edit).unwrap());
    let err = Scenario::from_json(&v.to_string()).expect_err(&format!("should reject {edit}"));
    assert_eq!(err.path, path, "{edit}: {err}");
    assert!(
        err.problem.contains(words),
        "{edit}: «{err}» should say «{words}»"
    );
}

#[test]
fn explicit_weights_and_data_are_checked_for_shape_and_value() {
    let s = Scenario::from_json(EXPLICIT).unwrap();
    assert_eq!(s.network().layers[1].w[[0, 1]], -0.6);
    assert_eq!(s.dataset().train.x.dim(), (2, 3));
    rejects_explicit(
        r#"{"init": {"weights": [{"w": [[0.1, 0.2]], "b": [[0], [0]]}, {"w": [[0.5, -0.6]], "b": [[0.2]]}]}}"#,
        "init.weights[0].w",
        "1 rows; W[1] is n[1] × n[0] = 2 × 2",
    );
    rejects_explicit(
        r#"{"init": {"weights": [{"w": [[0.1, 0.2], [0.3]], "b": [[0], [0]]}, {"w": [[0.5, -0.6]], "b": [[0.2]]}]}}"#,
        "init.weights[0].w[1]",
        "1 numbers",
    );
    rejects_explicit(
        r#"{"init": {"weights": [{"w": [[0.1, 0.2], [0.3, 0.4]], "b": [[0, 1], [0]]}, {"w": [[0.5, -0.6]], "b": [[0.2]]}]}}"#,
        "init.weights[0].b[0]",
        "b[1] is n[1] × 1",
    );
    rejects_explicit(
        r#"{"init": {"weights": [{"w": [], "b": []}]}}"#,
        "init.weights",
        "1 layers given",
    );
    rejects_explicit(
        r#"{"init": {"weights": [{"v": []}, {}]}}"#,
        "init.weights[0].v",
        "unknown field `v`",
    );
    rejects_explicit(
        r#"{"data": {"x": [[0, 1, 0]]}}"#,
        "data.x",
        "1 rows; x is n[0] × m = 2 × 3",
    );
    rejects_explicit(
        r#"{"data": {"x": [[0, 1, 0], [1, 0]]}}"#,
        "data.x[1]",
        "2 numbers",
    );
    rejects_explicit(r#"{"data": {"y": [[1, 0]]}}"#, "data.y[0]", "2 numbers");
    rejects_explicit(
        r#"{"data": {"y": [[1, 2, 1]]}}"#,
        "data.y[0][1]",
        "from 0 to 1",
    );
    rejects_explicit(
        r#"{"data": {"x": [[], []]}}"#,
        "data.x",
        "at least one example",
    );
    rejects_explicit(r#"{"data": {"y": null}}"#, "data.y", "missing");
    rejects_explicit(
        r#"{"data": {"x_test": [[1], [1]]}}"#,
        "data.y_test",
        "missing",
    );
    rejects_explicit(
        r#"{"data": {"x_test": [[1], [1]], "y_test": [[1], [0]]}}"#,
        "data.y_test",
        "2 rows",
    );
    rejects_explicit(
        r#"{"data": {"noise": 0.1}}"#,
        "data.noise",
        "only for a generated",
    );
    rejects_explicit(
        r#"{"data": {"x": [[0, "a", 0], [1, 0, 1]]}}"#,
        "data.x[0][1]",
        "expected a number",
    );
    rejects_explicit(
        r#"{"layers": [2, 2, 2], "activations": ["tanh", "softmax"], "cost": "cross_entropy",
            "init": null, "data": {"y": [[1, 0, 0.5], [0, 1, 0.5]]}}"#,
        "data.y",
        "column 2 is not one-hot",
    );
}

#[test]
fn json_syntax_errors_say_where() {
    let err = Scenario::from_json("{\"layers\": [2, 1],").unwrap_err();
    assert!(err.problem.contains("line 1"), "{err}");
    let err = Scenario::from_json("{").unwrap_err();
    assert_eq!(err.path, "", "{err}");
    let err = Scenario::from_json(r#"{"data": {"datas"#).unwrap_err();
    assert_eq!(err.path, "data", "{err}");
    let err = Scenario::from_json(&format!("{EXAMPLE} x")).unwrap_err();
    assert!(err.problem.contains("not valid JSON"), "{err}");
    let err = Scenario::from_json(r#"{"layers": [2, 1], "activations": ["sigmoid"], "cost": "bce", "data": {"dataset": "xor"}, "optimizer": {"kind": "sgd", "learning_rate": null}}"#).unwrap_err();
    assert_eq!(err.path, "optimizer.learning_rate");
}

#[test]
fn the_root_must_be_an_object() {
    // serde would read a struct from a positional array: [version, layers, ...]
    for (text, found) in [
        ("[1, [2, 1], [\"sigmoid\"], \"bce\"]", "an array"),
        ("  []", "an array"),
        ("\"{}\"", "a string"),
        ("42", "a number"),
        ("-1", "a number"),
        ("null", "null"),
        ("true", "true or false"),
    ] {
        let err = Scenario::from_json(text).unwrap_err();
        assert_eq!(err.path, "(root)", "{text}");
        assert_eq!(
            err.to_string(),
            format!("(root): expected an object, found {found}"),
            "{text}"
        );
    }
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let with_bom = format!("\u{feff}{EXAMPLE}");
    assert_eq!(
        Scenario::from_json(&with_bom).unwrap(),
        Scenario::from_json(EXAMPLE).unwrap()
    );
    // only one, only at the start
    assert!(Scenario::from_json(&format!("\u{feff}{with_bom}")).is_err());
}

#[test]
fn read_json_reads_what_holds_a_scenario_file_with_paths_in_its_errors() {
    use read::{Record, Shape, required};
    #[derive(Default)]
    struct Holder {
        scenario: file::ScenarioFile,
    }
    static HOLDER: Record<Holder> = Record {
        name: "Holder",
        fields: &[required("scenario", file::SCENARIO_SHAPE, |f, v| {
            f.scenario = file::ScenarioFile::build(v)
        })],
    };
    let text = format!(r#"{{"scenario": {EXAMPLE}}}"#);
    let held = HOLDER.build(read_json(&text, Shape::Record(&HOLDER)).unwrap());
    assert_eq!(
        Scenario::from_file(held.scenario).unwrap(),
        Scenario::from_json(EXAMPLE).unwrap()
    );
    let bad = text.replacen(r#""layers""#, r#""layers": "many", "old_layers""#, 1);
    let err = read_json(&bad, Shape::Record(&HOLDER))
        .err()
        .expect("a string for layers");
    assert_eq!(err.path, "scenario.layers", "{err}");
    let err = read_json(&format!("{text} x"), Shape::Record(&HOLDER))
        .err()
        .expect("trailing text");
    assert!(err.problem.contains("not valid JSON"), "{err}");
}

/// The example with `patch` merged in (RFC 7386), read.
fn example_with(patch: &str) -> Scenario {
    let mut v: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    merge(&mut v, serde_json::from_str(patch).unwrap());
    Scenario::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{patch}: {e}"))
}

#[test]
fn a_surface_reads_with_its_racers_and_writes_back_equal() {
    use crate::math::optimizer::HyperParam;
    use crate::math::surface::Surface;
    // no race: every racer takes the surface's defaults, SGD α = 1.8/κ = 1.8/50 = 0.036
    let s = example_with(
        r#"{"race": null, "surface": {"function": "bowl", "kappa": 50, "angle": 0, "start": [-1.5, 0.5]}}"#,
    );
    let lesson = s.surface.expect("a surface lesson");
    assert_eq!(
        lesson.surface,
        Surface::Bowl {
            kappa: 50.0,
            angle: 0.0
        }
    );
    assert_eq!(lesson.start, [-1.5, 0.5]);
    let alpha = |i: usize| s.race[i].get(HyperParam::LearningRate).unwrap();
    assert!((alpha(0) - 0.036).abs() < 1e-15, "{}", alpha(0));
    // the example's `race` gives every racer's α; it wins over the surface's defaults
    let given = example_with(r#"{"surface": {"function": "rosenbrock"}}"#);
    assert_eq!(given.race, Scenario::from_json(EXAMPLE).unwrap().race);
    // the start omitted is the function's default, and it is written out
    assert_eq!(
        given.surface.unwrap().start,
        Surface::Rosenbrock.default_start()
    );
    for s in [s, given] {
        let text = s.to_json();
        assert!(text.contains("\"surface\""), "{text}");
        assert_eq!(Scenario::from_json(&text).unwrap(), s);
    }
    // a network scenario writes no surface
    assert!(!Scenario::default().to_json().contains("surface"));
}

#[test]
fn a_bad_surface_is_named_by_its_field() {
    rejects(
        r#"{"surface": {"function": "teapot"}}"#,
        "surface.function",
        "unknown test function \"teapot\"",
    );
    rejects(
        r#"{"surface": {"function": "bowl", "kappa": 0.5}}"#,
        "surface.kappa",
        "between 1 and",
    );
    rejects(
        r#"{"surface": {"function": "bowl", "angle": 400}}"#,
        "surface.angle",
        "400",
    );
    rejects(
        r#"{"surface": {"function": "saddle", "kappa": 3}}"#,
        "surface.kappa",
        "only the bowl takes kappa",
    );
    rejects(
        r#"{"surface": {"function": "rosenbrock", "start": [100, 0]}}"#,
        "surface.start",
        "outside the plot square",
    );
    rejects(
        r#"{"surface": {"function": "bowl", "colour": 1}}"#,
        "surface.colour",
        "unknown field `colour`",
    );
    // one epoch is one update on a surface: at most 10,000 (MAX_SURFACE_STEPS)
    rejects(
        r#"{"epochs": 10001, "surface": {"function": "beale"}}"#,
        "epochs",
        "between 1 and 10000 updates on a surface",
    );
}
