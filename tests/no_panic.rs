//! Property tests: reading a scenario never panics, whatever the text; a refused scenario is
//! refused with the path of a field that is really there; an accepted one traces without a
//! panic, into a trace whose shapes follow its layers.
//!
//! proptest does not build for wasm32, so it is a dev-dependency of the other targets only.
#![cfg(not(target_arch = "wasm32"))]

use backprop_playground::math::cost::Cost;
use backprop_playground::scenario::trace::{Trace, trace};
use backprop_playground::scenario::{Data, Scenario, ScenarioError};
use backprop_playground::training::data::Examples;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use serde_json::{Map, Number, Value};

const DEFAULT: &str = include_str!("../scenarios/default.json");
const CE3_RELU_ADAM: &str = include_str!("fixtures/reference/ce3_relu_adam.scenario.json");
const MAZUR: &str = include_str!("fixtures/reference/mazur.scenario.json");
const SINE: &str = include_str!("fixtures/reference/regression_sine_adam_lr_only.scenario.json");

const BASES: [&str; 4] = [DEFAULT, CE3_RELU_ADAM, MAZUR, SINE];

/// `cases` cases from a fixed seed, so that a run is reproducible (CI is not flaky); set
/// PROPTEST_CASES and PROPTEST_RNG_SEED to explore further, e.g.
/// `PROPTEST_CASES=5000 PROPTEST_RNG_SEED=$RANDOM cargo test --test no_panic`.
fn config(cases: u32) -> Config {
    let from_env = Config::default();
    let set = |name: &str| std::env::var_os(name).is_some();
    Config {
        cases: if set("PROPTEST_CASES") {
            from_env.cases
        } else {
            cases
        },
        rng_seed: if set("PROPTEST_RNG_SEED") {
            from_env.rng_seed
        } else {
            RngSeed::Fixed(0x5ce7_a210)
        },
        // no regression files written into tests/
        failure_persistence: None,
        ..from_env
    }
}

// ---------------------------------------------------------------------------------------------
// random JSON

/// Field names of the format and names of its kinds, so that random values are often close
/// to valid ones.
const FIELDS: &[&str] = &[
    "version",
    "layers",
    "activations",
    "cost",
    "optimizer",
    "race",
    "init",
    "data",
    "batch_size",
    "shuffle",
    "shuffle_seed",
    "epochs",
    "view",
    "kind",
    "learning_rate",
    "beta",
    "beta1",
    "beta2",
    "epsilon",
    "scale",
    "seed",
    "weights",
    "w",
    "b",
    "dataset",
    "samples",
    "noise",
    "train_fraction",
    "input_scale",
    "x",
    "y",
    "x_test",
    "y_test",
    "features",
    "regularization",
    "rate",
];

const NAMES: &[&str] = &[
    "",
    "linear",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "softmax",
    "mse",
    "bce",
    "cross_entropy",
    "sgd",
    "momentum",
    "rmsprop",
    "adam",
    "auto",
    "xavier",
    "he",
    "zeros",
    "none",
    "l1",
    "l2",
    "circle",
    "xor",
    "gaussian",
    "spiral",
    "moons",
    "spiral3",
    "blobs3",
    "plane",
    "sine",
    "SGD",
    "Adam",
    "null",
    "1",
    "-1",
    "1e308",
];

const SPECIAL_NUMBERS: &[f64] = &[
    0.0,
    -0.0,
    1.0,
    -1.0,
    2.0,
    3.0,
    0.5,
    -0.5,
    0.9,
    0.999,
    1.0 - 1e-16,
    1.5,
    1e-12,
    1e-300,
    1e-308,
    5e-324,
    -5e-324,
    1e6,
    1e6 + 1.0,
    1e12,
    1e300,
    1e308,
    -1e308,
    f64::MAX,
    f64::MIN,
    64.0,
    65.0,
    5000.0,
    5001.0,
    100000.0,
    100001.0,
    1000.0,
    1000.5,
];

fn number(f: f64) -> Value {
    Value::Number(Number::from_f64(f).expect("finite"))
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(FIELDS).prop_map(String::from),
        1 => "[a-z_][a-z0-9_]{0,9}",
    ]
}

fn number_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(SPECIAL_NUMBERS).prop_map(number),
        (-3i64..80).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        4 => number_value(),
        2 => prop::sample::select(NAMES).prop_map(Value::from),
        1 => "\\PC{0,12}".prop_map(Value::String),
        1 => Just(Value::Array(vec![])),
        1 => Just(Value::Object(Map::new())),
    ]
}

/// A rows-of-numbers matrix, sometimes ragged, sometimes empty.
fn matrix() -> impl Strategy<Value = Value> {
    prop::collection::vec(prop::collection::vec(number_value(), 0..4), 0..4)
        .prop_map(|rows| Value::Array(rows.into_iter().map(Value::Array).collect()))
}

fn json_value() -> impl Strategy<Value = Value> {
    let tree = leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    });
    prop_oneof![4 => tree, 1 => matrix()]
}

// ---------------------------------------------------------------------------------------------
// mutations

#[derive(Clone, Debug)]
enum Op {
    /// replace the chosen field or element by a value
    Replace(Value),
    /// delete the chosen field or element
    Delete,
    /// add a field to the chosen object (or, when it is not one, to the object holding it)
    AddField(String, Value),
}

/// Where to go: at each level the child `route[i] % len`, stopping after `depth` levels or
/// at a leaf; the op then acts on that child of its parent.
#[derive(Clone, Debug)]
struct Mutation {
    route: Vec<usize>,
    depth: usize,
    op: Op,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => json_value().prop_map(Op::Replace),
        2 => Just(Op::Delete),
        2 => (key(), json_value()).prop_map(|(k, v)| Op::AddField(k, v)),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (prop::collection::vec(any::<usize>(), 6), 0usize..6, op())
        .prop_map(|(route, depth, op)| Mutation { route, depth, op })
}

fn children(v: &Value) -> usize {
    match v {
        Value::Array(a) => a.len(),
        Value::Object(o) => o.len(),
        _ => 0,
    }
}

fn child_mut(v: &mut Value, i: usize) -> &mut Value {
    match v {
        Value::Array(a) => &mut a[i],
        Value::Object(o) => o.values_mut().nth(i).expect("in range"),
        _ => unreachable!("only containers have children"),
    }
}

fn apply(root: &mut Value, m: &Mutation) {
    let mut parent = root;
    let mut level = 0;
    loop {
        let n = children(parent);
        if n == 0 {
            return;
        }
        let i = m.route[level % m.route.len()] % n;
        if level < m.depth && children(child_mut(parent, i)) > 0 {
            parent = child_mut(parent, i);
            level += 1;
            continue;
        }
        match &m.op {
            Op::Replace(v) => *child_mut(parent, i) = v.clone(),
            Op::Delete => match parent {
                Value::Array(a) => {
                    a.remove(i);
                }
                Value::Object(o) => {
                    let k = o.keys().nth(i).expect("in range").clone();
                    o.remove(&k);
                }
                _ => unreachable!(),
            },
            Op::AddField(k, v) => {
                if let Value::Object(o) = child_mut(parent, i) {
                    o.insert(k.clone(), v.clone());
                } else if let Value::Object(o) = parent {
                    o.insert(k.clone(), v.clone());
                }
            }
        }
        return;
    }
}

// ---------------------------------------------------------------------------------------------
// checks

#[derive(Debug, PartialEq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// `a.b[0][1].c` → its segments; None when it is not of that form.
fn parse_path(path: &str) -> Option<Vec<Segment>> {
    let mut out = Vec::new();
    let mut rest = path;
    let mut first = true;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let digits = &r[..end];
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            out.push(Segment::Index(digits.parse().ok()?));
            rest = &r[end + 1..];
        } else {
            let r = if first { rest } else { rest.strip_prefix('.')? };
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let name = &r[..end];
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                return None;
            }
            out.push(Segment::Key(name.to_string()));
            rest = &r[end..];
        }
        first = false;
    }
    Some(out)
}

/// The error's Display is its path, ": ", its problem (the problem alone for the whole file).
fn check_display(e: &ScenarioError) -> Result<(), TestCaseError> {
    let shown = e.to_string();
    prop_assert!(!e.problem.trim().is_empty(), "an empty problem: {e:?}");
    if e.path.is_empty() {
        prop_assert_eq!(&shown, &e.problem);
    } else {
        prop_assert!(
            shown.starts_with(&format!("{}: ", e.path)),
            "Display {:?} does not start with the path {:?}",
            shown,
            e.path
        );
        prop_assert_eq!(&shown[e.path.len() + 2..], e.problem.as_str());
    }
    Ok(())
}

/// For a refused mutated scenario (valid JSON, an object): the path is well formed and leads
/// to the field through the value — every segment but the last is there, and the last is
/// there too unless it names a field of an object (a missing one, e.g. `data.y_test`). An
/// empty path is only for a field missing at the top level.
fn check_error_path(value: &Value, e: &ScenarioError) -> Result<(), TestCaseError> {
    check_display(e)?;
    if e.path.is_empty() {
        prop_assert!(
            e.problem.starts_with("missing field"),
            "an empty path for a problem that is not about the whole file: {e:?}"
        );
        return Ok(());
    }
    let segments = parse_path(&e.path);
    prop_assert!(
        segments.is_some(),
        "not a JSON path: {:?} ({})",
        e.path,
        e.problem
    );
    let segments = segments.unwrap();
    let mut at = value;
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let next = match seg {
            Segment::Key(k) => {
                if at.is_array() {
                    // KNOWN QUIRK (src/scenario/file.rs, reported): serde's derived structs
                    // also read a JSON array, field by field in declaration order, so
                    // `"data": [""]` is read as `{"dataset": ""}` and the error names
                    // `data.dataset`. The path is still the field's, in the object form.
                    return Ok(());
                }
                prop_assert!(
                    at.is_object(),
                    "{:?}: {:?} is not in an object ({e:?})",
                    e.path,
                    k
                );
                at.get(k)
            }
            Segment::Index(n) => {
                prop_assert!(
                    at.is_array(),
                    "{:?}: [{}] is not in an array ({e:?})",
                    e.path,
                    n
                );
                at.get(n)
            }
        };
        match next {
            Some(v) => at = v,
            None => {
                prop_assert!(
                    last && matches!(seg, Segment::Key(_)),
                    "{:?} leads nowhere in the scenario ({e:?})",
                    e.path
                );
            }
        }
    }
    Ok(())
}

fn cap(set: &mut Examples, most: usize) {
    if set.len() > most {
        *set = set.select(&(0..most).collect::<Vec<_>>());
    }
}

/// At most 2 epochs and 200 examples, so that a case runs fast.
fn shorten(s: &mut Scenario) {
    s.epochs = s.epochs.min(2);
    match &mut s.data {
        Data::Generated(g) => g.samples = g.samples.min(200),
        Data::Explicit { train, test, .. } => {
            cap(train, 150);
            if let Some(test) = test {
                cap(test, 50);
            }
        }
    }
}

fn dims(m: &[Vec<f64>]) -> (usize, Option<usize>) {
    let cols = m.first().map(Vec::len);
    (m.len(), cols.filter(|&c| m.iter().all(|r| r.len() == c)))
}

/// The trace of an accepted scenario follows its layers.
fn check_trace(s: &Scenario, t: &Trace) -> Result<(), TestCaseError> {
    let n = &s.layers;
    let depth = n.len() - 1;
    let set = s.dataset();
    let batch = s.batch_size.min(set.train.len());
    prop_assert!(batch >= 1);
    prop_assert_eq!(t.first_step.layers.len(), depth);
    for (i, l) in t.first_step.layers.iter().enumerate() {
        let layer = i + 1;
        for (name, m) in [("z", &l.z), ("a", &l.a), ("delta", &l.delta)] {
            prop_assert_eq!(
                dims(m),
                (n[layer], Some(batch)),
                "first_step layer {} {}",
                layer,
                name
            );
        }
        prop_assert_eq!(dims(&l.dw), (n[layer], Some(n[layer - 1])), "dw {}", layer);
        prop_assert_eq!(dims(&l.db), (n[layer], Some(1)), "db {}", layer);
    }
    prop_assert_eq!(t.epochs.len(), s.epochs);
    for (i, e) in t.epochs.iter().enumerate() {
        prop_assert_eq!(e.epoch, i + 1);
        prop_assert_eq!(e.test_loss.is_some(), set.test.is_some());
        let has_accuracy = s.cost != Cost::Mse;
        prop_assert_eq!(e.train_accuracy.is_some(), has_accuracy);
        prop_assert_eq!(
            e.test_accuracy.is_some(),
            has_accuracy && set.test.is_some()
        );
        for acc in [e.train_accuracy, e.test_accuracy].into_iter().flatten() {
            prop_assert!(
                acc.is_nan() || (0.0..=1.0).contains(&acc),
                "accuracy {}",
                acc
            );
        }
    }
    prop_assert_eq!(t.final_params.layers.len(), depth);
    for (i, l) in t.final_params.layers.iter().enumerate() {
        let layer = i + 1;
        prop_assert_eq!(
            dims(&l.w),
            (n[layer], Some(n[layer - 1])),
            "final w {}",
            layer
        );
        prop_assert_eq!(dims(&l.b), (n[layer], Some(1)), "final b {}", layer);
    }
    // Written out, it is JSON with the same three parts, non-finite numbers as null.
    let json: Value = serde_json::from_str(&t.to_json()).expect("the trace is JSON");
    prop_assert_eq!(
        json["first_step"]["layers"].as_array().map(Vec::len),
        Some(depth)
    );
    prop_assert_eq!(json["epochs"].as_array().map(Vec::len), Some(s.epochs));
    // The epoch stderr names: there exactly when a number of the trace is not finite (a
    // parameter that is not finite stays so), and no later than the first such loss line.
    let finite = |m: &Vec<Vec<f64>>| m.iter().flatten().all(|v| v.is_finite());
    let any_bad = t
        .first_step
        .layers
        .iter()
        .any(|l| ![&l.z, &l.a, &l.delta, &l.dw, &l.db].into_iter().all(finite))
        || t.final_params
            .layers
            .iter()
            .any(|l| !(finite(&l.w) && finite(&l.b)))
        || t.epochs.iter().any(|e| {
            !([
                Some(e.train_loss),
                e.test_loss,
                e.train_accuracy,
                e.test_accuracy,
            ]
            .into_iter()
            .flatten()
            .all(f64::is_finite))
        });
    let named = t.first_non_finite_epoch();
    prop_assert_eq!(named.is_some(), any_bad, "epoch named: {:?}", named);
    if let Some(epoch) = named {
        prop_assert!((1..=s.epochs).contains(&epoch), "epoch {}", epoch);
        if let Some(line) = t.epochs.iter().find(|e| !e.train_loss.is_finite()) {
            prop_assert!(
                epoch <= line.epoch,
                "named {} after loss line {}",
                epoch,
                line.epoch
            );
        }
    }
    Ok(())
}

/// Reading `value` (as text and as our JSON value) never panics and agrees;
/// an error has a plausible path; an accepted scenario writes back equal and traces.
fn check_mutated(value: &Value) -> Result<(), TestCaseError> {
    let text = serde_json::to_string(value).expect("serialisable");
    let read = Scenario::from_json(&text);
    let ours = backprop_playground::json::from_str(&text).expect("serde_json wrote JSON");
    let direct = Scenario::from_value(ours);
    match (&read, &direct) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
        (Err(a), Err(b)) => prop_assert_eq!(&a.path, &b.path, "{} / {}", a, b),
        _ => prop_assert!(
            false,
            "text and value disagree: {:?} vs {:?}",
            read.as_ref().err(),
            direct.as_ref().err()
        ),
    }
    match read {
        Err(e) => check_error_path(value, &e)?,
        Ok(mut s) => {
            let again = Scenario::from_json(&s.to_json());
            prop_assert_eq!(again.as_ref(), Ok(&s), "written back: {}", s.to_json());
            shorten(&mut s);
            let t = trace(&s);
            check_trace(&s, &t)?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// the properties

/// Text made of JSON tokens and scenario words, to get past the first character.
fn jsonish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            " ",
            "\n",
            "null",
            "true",
            "false",
            "0",
            "-1",
            "1e400",
            "-1e400",
            "1.5",
            "1e-400",
            "18446744073709551616",
            "\\u0000",
            "\\ud800",
            "\"layers\"",
            "\"activations\"",
            "\"cost\"",
            "\"data\"",
            "\"optimizer\"",
            "\"kind\"",
            "\"x\"",
            "\"view\"",
            "\"sgd\"",
            "\"mse\"",
            "\"linear\"",
            "[2,1]",
            "[[1]]",
            "\u{feff}",
            "é",
        ])
        .prop_map(String::from),
        "\\PC{1,3}",
    ];
    prop::collection::vec(token, 0..40).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_string_is_read_without_panic(text in "\\PC{0,200}") {
        if let Err(e) = Scenario::from_json(&text) {
            check_display(&e)?;
        }
    }

    #[test]
    fn any_bytes_are_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = Scenario::from_json(&text) {
            check_display(&e)?;
        }
    }

    #[test]
    fn json_like_text_is_read_without_panic(text in jsonish()) {
        if let Err(e) = Scenario::from_json(&text) {
            check_display(&e)?;
        }
    }

    #[test]
    fn a_scenario_with_text_around_it_is_read_without_panic(
        base in 0..BASES.len(),
        cut in any::<prop::sample::Index>(),
        junk in "\\PC{0,8}",
    ) {
        // a cut, or junk after a whole scenario
        let text = BASES[base];
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let text = format!("{}{junk}", &text[..at]);
        if let Err(e) = Scenario::from_json(&text) {
            check_display(&e)?;
        }
    }
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn a_mutated_scenario_is_refused_with_a_path_or_traced(
        base in 0..BASES.len(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut value: Value = serde_json::from_str(BASES[base]).expect("a valid base");
        for m in &mutations {
            apply(&mut value, m);
        }
        check_mutated(&value)?;
    }
}

/// Numbers only: every number of a valid scenario may be replaced by an extreme one, so that
/// many more of the cases are accepted (huge weights, inputs, rates) and must trace.
fn numbers_replaced(v: &mut Value, picks: &[(bool, Value)], next: &mut usize) {
    match v {
        Value::Number(_) => {
            let (take, new) = &picks[*next % picks.len()];
            *next += 1;
            if *take {
                *v = new.clone();
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| numbers_replaced(x, picks, next)),
        Value::Object(o) => o
            .values_mut()
            .for_each(|x| numbers_replaced(x, picks, next)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(config(100))]

    #[test]
    fn extreme_numbers_are_refused_with_a_path_or_traced(
        base in 0..BASES.len(),
        picks in prop::collection::vec((prop::bool::weighted(0.1), number_value()), 1..64),
        offset in 0usize..64,
    ) {
        let mut value: Value = serde_json::from_str(BASES[base]).expect("a valid base");
        let mut next = offset;
        numbers_replaced(&mut value, &picks, &mut next);
        check_mutated(&value)?;
    }
}

// ---------------------------------------------------------------------------------------------
// the helpers themselves

#[test]
fn paths_parse_and_mutations_apply() {
    assert_eq!(
        parse_path("init.weights[0].w[1][2]"),
        Some(vec![
            Segment::Key("init".into()),
            Segment::Key("weights".into()),
            Segment::Index(0),
            Segment::Key("w".into()),
            Segment::Index(1),
            Segment::Index(2),
        ])
    );
    assert_eq!(parse_path("[1]"), Some(vec![Segment::Index(1)]));
    for bad in ["?", "a..b", ".a", "a.", "a[x]", "a[]", "a b", "a.?"] {
        assert_eq!(parse_path(bad), None, "{bad}");
    }
    let mut v: Value = serde_json::from_str(MAZUR).unwrap();
    let deep = Mutation {
        route: vec![4, 0, 0, 0, 0, 0],
        depth: 5,
        op: Op::Replace(Value::Null),
    };
    // keys in order: activations, batch_size, cost, data, epochs, init, ... → route 4 is
    // epochs, a leaf, so the mutation stops there.
    apply(&mut v, &deep);
    assert!(v["epochs"].is_null());
    let e = Scenario::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.path, "epochs");
    check_error_path(&v, &e).unwrap();
}

#[test]
fn the_bases_are_valid_and_trace() {
    for base in BASES {
        check_mutated(&serde_json::from_str(base).unwrap()).unwrap();
    }
}
