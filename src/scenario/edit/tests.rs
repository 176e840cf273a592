//! Each edit does what it says (values from `docs/scenario.md`, the checker's documented
//! defaults and the settings panel's behaviour) and a bad value gets the checker's error with
//! its path. The start is `scenarios/default.json`: a spiral of 400 samples, noise 0.05,
//! share 0.8, seed 1; a 2-8-8-1 tanh net, sigmoid + bce; init auto, scale 1, seed 1; m = 16.

use super::*;
use crate::math::cost::Cost;
use crate::math::regularization::Regularization;
use crate::scenario::{Data, Init, MAX_SEED};
use crate::training::data::{Generate, Task};

fn base() -> Scenario {
    Scenario::default()
}

/// The default scenario with its initial parameters given as explicit weights.
fn explicit_weights() -> Scenario {
    let s = base();
    s.with_parameters(&s.network())
}

/// A 2-3-n net on 4 explicit examples, Y one-hot over n rows (n = 1: labels 0, 1, 0, 1).
fn explicit_data(n: usize, output: &str, cost: &str) -> Scenario {
    // column j is one-hot at row j % n; a single output holds the label j % 2
    let y: Vec<Vec<f64>> = if n == 1 {
        vec![vec![0.0, 1.0, 0.0, 1.0]]
    } else {
        (0..n)
            .map(|r| (0..4).map(|j| f64::from(j % n == r)).collect())
            .collect()
    };
    let json = serde_json::json!({
        "layers": [2, 3, n], "activations": ["tanh", output], "cost": cost,
        "data": {"x": [[0, 1, 0, 1], [0, 0, 1, 1]], "y": y}
    });
    Scenario::from_json(&json.to_string()).expect("a valid explicit scenario")
}

/// A net of `hidden` tanh layers of 3 units on the spiral.
fn with_hidden(hidden: usize) -> Scenario {
    let mut layers = vec![2];
    layers.extend(std::iter::repeat_n(3, hidden));
    layers.push(1);
    let mut activations = vec!["tanh"; hidden];
    activations.push("sigmoid");
    let json = serde_json::json!({
        "layers": layers, "activations": activations, "cost": "bce",
        "data": {"dataset": "spiral"}
    });
    Scenario::from_json(&json.to_string()).expect("a valid net")
}

fn generated(s: &Scenario) -> &Generate {
    match &s.data {
        Data::Generated(g) => g,
        Data::Explicit { .. } => panic!("generated data expected"),
    }
}

fn scheme(scheme: InitScheme, scale: f64, seed: u64) -> Init {
    Init::Scheme {
        scheme,
        scale,
        seed,
    }
}

/// The edit is refused with exactly this path and problem.
#[track_caller]
fn refused(s: &Scenario, edit: Edit, path: &str, problem: &str) {
    let e = s
        .edit(edit.clone())
        .expect_err(&format!("{edit:?} is refused"));
    assert_eq!(e, ScenarioError::new(path, problem), "{edit:?}");
}

/// The edit is refused at `path`, whatever the words.
#[track_caller]
fn refused_at(s: &Scenario, edit: Edit, path: &str) {
    let e = s
        .edit(edit.clone())
        .expect_err(&format!("{edit:?} is refused"));
    assert_eq!(e.path, path, "{edit:?}: {e}");
}

/// The edited scenario reads back from its own JSON: it is a scenario like any other.
#[track_caller]
fn ok(s: &Scenario, edit: Edit) -> Scenario {
    let edited = s
        .edit(edit.clone())
        .unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    assert_eq!(Scenario::from_json(&edited.to_json()).as_ref(), Ok(&edited));
    edited
}

// --- data ------------------------------------------------------------------------------

#[test]
fn a_new_data_set_keeps_the_drawing_settings_and_proposes_its_output() {
    let s = ok(&base(), Edit::Dataset(Dataset::Spiral3));
    let expected = Generate {
        dataset: Dataset::Spiral3,
        samples: 400,
        noise: 0.05,
        train_fraction: 0.8,
        seed: 1,
        input_scale: None,
        outputs: 3,
        features: vec![Feature::X1, Feature::X2],
    };
    assert_eq!(generated(&s), &expected);
    assert_eq!(s.layers, [2, 8, 8, 3]);
    let act = [Activation::Tanh, Activation::Tanh, Activation::Softmax];
    assert_eq!(
        (s.activations.as_slice(), s.cost),
        (&act[..], Cost::CrossEntropy)
    );
    let s = ok(&s, Edit::Dataset(Dataset::Sine));
    assert_eq!((s.layers[3], s.activations[2]), (1, Activation::Linear));
    assert_eq!(s.cost, Cost::Mse);
    let s = ok(&s, Edit::Dataset(Dataset::Moons));
    assert_eq!((s.layers[3], s.activations[2]), (1, Activation::Sigmoid));
    assert_eq!(s.cost, Cost::Bce);
    assert_eq!(
        s.init,
        scheme(InitScheme::Auto, 1.0, 1),
        "the scheme is kept"
    );
}

#[test]
fn a_new_data_set_drops_the_features_and_input_scale() {
    let json = r#"{"layers": [3, 4, 1], "activations": ["relu", "sigmoid"], "cost": "bce",
        "data": {"dataset": "circle", "samples": 60, "noise": 0.2, "train_fraction": 0.5,
                 "seed": 4, "input_scale": [1, 100], "features": ["x1", "x2", "x1x2"]}}"#;
    let s = ok(
        &Scenario::from_json(json).unwrap(),
        Edit::Dataset(Dataset::Xor),
    );
    let g = generated(&s);
    assert_eq!((g.dataset, g.samples, g.noise), (Dataset::Xor, 60, 0.2));
    assert_eq!((g.train_fraction, g.seed), (0.5, 4));
    assert_eq!(
        (&g.features[..], &g.input_scale),
        (&[Feature::X1, Feature::X2][..], &None)
    );
    assert_eq!(s.layers, [2, 4, 1]);
}

#[test]
fn a_new_data_set_after_explicit_data_takes_the_defaults() {
    // docs/scenario.md and the checker: 500 samples, noise 0.05, share 0.8, seed 0
    let data = explicit_data(1, "sigmoid", "bce");
    let start = data.with_parameters(&data.network());
    let s = ok(&start, Edit::Dataset(Dataset::Gaussian));
    let g = generated(&s);
    assert_eq!(
        (g.samples, g.noise, g.train_fraction, g.seed),
        (500, 0.05, 0.8, 0)
    );
    assert_eq!(
        s.init, start.init,
        "the 2-3-1 weights still fit the 2-3-1 net"
    );
    let s = ok(
        &explicit_data(3, "softmax", "cross_entropy"),
        Edit::Dataset(Dataset::Blobs3),
    );
    assert_eq!(generated(&s).outputs, 3);
}

#[test]
fn a_new_data_set_is_never_refused() {
    let starts = [
        base(),
        explicit_weights(),
        explicit_data(2, "softmax", "cross_entropy"),
    ];
    for start in &starts {
        for d in Dataset::ALL {
            let s = ok(start, Edit::Dataset(d));
            assert_eq!(generated(&s).dataset, d);
        }
    }
}

#[test]
fn noise_share_samples_and_seed_change_only_their_field() {
    let b = base();
    assert_eq!(generated(&ok(&b, Edit::Noise(0.3))).noise, 0.3);
    let s = ok(&b, Edit::TrainShare(0.5));
    assert_eq!(generated(&s).train_fraction, 0.5);
    assert_eq!(s.dataset().train.len(), 200, "half of 400 trains");
    let s = ok(&b, Edit::Samples(1000));
    assert_eq!(
        (generated(&s).samples, s.dataset().train.len()),
        (1000, 800)
    );
    assert_eq!(generated(&ok(&b, Edit::Samples(5000))).samples, 5000);
    let s = ok(&b, Edit::DataSeed(42));
    assert_eq!(generated(&s).seed, 42);
    assert_ne!(s.dataset(), b.dataset(), "another seed, other points");
    let mut expected = b.clone();
    if let Data::Generated(g) = &mut expected.data {
        g.noise = 0.3;
    }
    assert_eq!(ok(&b, Edit::Noise(0.3)), expected, "nothing else changes");
}

#[test]
fn bad_noise_share_samples_and_seed_are_refused() {
    let b = base();
    refused(
        &b,
        Edit::Noise(-1.0),
        "data.noise",
        "must be from 0 to 1, got -1",
    );
    refused_at(&b, Edit::Noise(1.5), "data.noise");
    refused(
        &b,
        Edit::Noise(f64::NAN),
        "data.noise",
        "must be from 0 to 1, got NaN",
    );
    let share = "must be above 0 and at most 1, got 1.5";
    refused(&b, Edit::TrainShare(1.5), "data.train_fraction", share);
    refused_at(&b, Edit::TrainShare(0.0), "data.train_fraction");
    refused_at(&b, Edit::TrainShare(f64::NAN), "data.train_fraction");
    refused(
        &b,
        Edit::Samples(0),
        "data.samples",
        "0 samples; give from 2 to 5000",
    );
    refused_at(&b, Edit::Samples(1), "data.samples");
    refused(
        &b,
        Edit::Samples(5001),
        "data.samples",
        "5001 samples; give from 2 to 5000",
    );
    let seed = format!(
        "must be a whole number from 0 to {MAX_SEED}, got {}",
        MAX_SEED + 1
    );
    refused(&b, Edit::DataSeed(MAX_SEED + 1), "data.seed", &seed);
}

#[test]
fn explicit_data_refuses_the_generated_data_settings() {
    let s = explicit_data(1, "sigmoid", "bce");
    let only = "only for a generated data set (data.dataset), not with explicit x and y";
    refused(&s, Edit::Noise(0.1), "data.noise", only);
    refused(&s, Edit::TrainShare(0.5), "data.train_fraction", only);
    refused(&s, Edit::Samples(100), "data.samples", only);
    refused(&s, Edit::DataSeed(3), "data.seed", only);
}

/// Explicit data of two inputs take features of their points (issue 13): x1x2 of the points
/// (0, 0), (1, 0), (0, 1), (1, 1) is 0, 0, 0, 1 by hand.
#[test]
fn explicit_points_take_features() {
    let s = explicit_data(1, "sigmoid", "bce");
    let s = ok(
        &s,
        Edit::Features(vec![Feature::X1, Feature::X2, Feature::X1X2]),
    );
    assert_eq!(s.layers[0], 3);
    assert_eq!(s.dataset().train.x.row(2).to_vec(), [0.0, 0.0, 0.0, 1.0]);
    // and back to the points themselves
    let s = ok(&s, Edit::Features(vec![Feature::X1, Feature::X2]));
    assert_eq!(s.dataset().train.x.nrows(), 2);
}

#[test]
fn features_become_the_inputs() {
    let f = vec![Feature::X1, Feature::X2, Feature::X1X2];
    let s = ok(&base(), Edit::Features(f.clone()));
    assert_eq!((&generated(&s).features, s.layers[0]), (&f, 3));
    assert_eq!(s.dataset().train.x.nrows(), 3);
    let s = ok(&explicit_weights(), Edit::Features(vec![Feature::SinX1]));
    assert_eq!(s.layers, [1, 8, 8, 1]);
    assert_eq!(
        s.init,
        scheme(InitScheme::Auto, 1.0, 0),
        "W[1] no longer fits"
    );
}

#[test]
fn no_feature_or_a_feature_twice_is_refused() {
    let b = base();
    let none = "needs at least one input feature, e.g. [\"x1\", \"x2\"]";
    refused(&b, Edit::Features(vec![]), "data.features", none);
    let twice = vec![Feature::X1, Feature::X1];
    refused(
        &b,
        Edit::Features(twice),
        "data.features[1]",
        "x1 appears twice",
    );
}

// --- layers ----------------------------------------------------------------------------

#[test]
fn an_added_layer_copies_the_last_hidden_layer() {
    let s = ok(&base(), Edit::AddLayer);
    assert_eq!(s.layers, [2, 8, 8, 8, 1]);
    let tanh = Activation::Tanh;
    assert_eq!(s.activations, [tanh, tanh, tanh, Activation::Sigmoid]);
    let wide = ok(
        &base(),
        Edit::Units {
            layer: 2,
            units: 20,
        },
    );
    let wide = ok(
        &wide,
        Edit::Activation {
            layer: 2,
            activation: Activation::Relu,
        },
    );
    let s = ok(&wide, Edit::AddLayer);
    assert_eq!(
        (&s.layers[..], s.activations[2]),
        (&[2, 8, 20, 8, 1][..], Activation::Relu)
    );
    let one = ok(
        &ok(&base(), Edit::RemoveLayer(2)),
        Edit::Units { layer: 1, units: 1 },
    );
    assert_eq!(
        ok(&one, Edit::AddLayer).layers,
        [2, 1, 2, 1],
        "at least 2 units"
    );
}

#[test]
fn a_first_hidden_layer_has_4_tanh_units() {
    let logistic = ok(&ok(&base(), Edit::RemoveLayer(1)), Edit::RemoveLayer(1));
    assert_eq!(logistic.layers, [2, 1]);
    let s = ok(&logistic, Edit::AddLayer);
    assert_eq!(s.layers, [2, 4, 1]);
    assert_eq!(s.activations, [Activation::Tanh, Activation::Sigmoid]);
}

#[test]
fn a_seventh_hidden_layer_is_refused() {
    assert_eq!(ok(&with_hidden(5), Edit::AddLayer).layers.len(), 8);
    refused(
        &with_hidden(6),
        Edit::AddLayer,
        "layers",
        "7 hidden layers; the most is 6",
    );
}

#[test]
fn a_removed_layer_takes_its_activation_with_it() {
    let s = ok(
        &base(),
        Edit::Activation {
            layer: 2,
            activation: Activation::Relu,
        },
    );
    let s = ok(&s, Edit::RemoveLayer(1));
    assert_eq!(s.layers, [2, 8, 1]);
    assert_eq!(s.activations, [Activation::Relu, Activation::Sigmoid]);
    let s = ok(&s, Edit::RemoveLayer(1));
    assert_eq!(
        (&s.layers[..], &s.activations[..]),
        (&[2, 1][..], &[Activation::Sigmoid][..])
    );
    assert_eq!(s.network().layers.len(), 1, "logistic regression");
}

#[test]
fn only_a_hidden_layer_can_be_removed() {
    let b = base();
    let not = "is not a hidden layer; its hidden layers are 1 to 2";
    refused(
        &b,
        Edit::RemoveLayer(0),
        "layers",
        &format!("layer 0 {not}"),
    );
    refused(
        &b,
        Edit::RemoveLayer(3),
        "layers",
        &format!("layer 3 {not}"),
    );
    refused(
        &b,
        Edit::RemoveLayer(7),
        "layers",
        &format!("layer 7 {not}"),
    );
    let one = ok(&b, Edit::RemoveLayer(2));
    let only = "layer 2 is not a hidden layer; its only hidden layer is 1";
    refused(&one, Edit::RemoveLayer(2), "layers", only);
    let none = ok(&one, Edit::RemoveLayer(1));
    let no = "layer 1 is not a hidden layer; the network has no hidden layer";
    refused(&none, Edit::RemoveLayer(1), "layers", no);
}

#[test]
fn units_change_one_hidden_layer() {
    let s = ok(&base(), Edit::Units { layer: 2, units: 5 });
    assert_eq!(s.layers, [2, 8, 5, 1]);
    assert_eq!(s.network().layers[1].w.dim(), (5, 8));
    assert_eq!(
        ok(
            &base(),
            Edit::Units {
                layer: 1,
                units: 64
            }
        )
        .layers,
        [2, 64, 8, 1]
    );
}

#[test]
fn units_out_of_range_or_not_hidden_are_refused() {
    let b = base();
    let units = |layer, units| Edit::Units { layer, units };
    refused(
        &b,
        units(2, 0),
        "layers[2]",
        "a layer needs at least 1 unit",
    );
    refused(
        &b,
        units(2, 65),
        "layers[2]",
        "65 units; the most per layer is 64",
    );
    refused_at(&b, units(0, 3), "layers");
    refused_at(&b, units(3, 2), "layers");
    refused(
        &explicit_weights(),
        units(1, 0),
        "layers[1]",
        "a layer needs at least 1 unit",
    );
}

#[test]
fn an_activation_changes_one_hidden_layer() {
    let s = ok(
        &base(),
        Edit::Activation {
            layer: 2,
            activation: Activation::Relu,
        },
    );
    let expected = [Activation::Tanh, Activation::Relu, Activation::Sigmoid];
    assert_eq!(s.activations, expected);
    let w = explicit_weights();
    let s = ok(
        &w,
        Edit::Activation {
            layer: 1,
            activation: Activation::LeakyRelu,
        },
    );
    assert_eq!(s.init, w.init, "the weights still fit: kept");
}

#[test]
fn softmax_inside_or_an_activation_of_no_hidden_layer_is_refused() {
    let b = base();
    let soft = |layer| Edit::Activation {
        layer,
        activation: Activation::Softmax,
    };
    refused(
        &b,
        soft(1),
        "activations[0]",
        "softmax is allowed only on the output layer",
    );
    refused_at(&b, soft(3), "layers");
    let relu = Edit::Activation {
        layer: 0,
        activation: Activation::Relu,
    };
    refused_at(&b, relu, "layers");
}

#[test]
fn an_output_sets_its_activation_cost_and_size() {
    let pick = |a, c, n| Edit::Output(OutputChoice::new(a, c, n));
    let s = ok(&base(), pick(Activation::Softmax, Cost::CrossEntropy, 2));
    assert_eq!(
        (s.layers[3], s.activations[2], s.cost),
        (2, Activation::Softmax, Cost::CrossEntropy)
    );
    assert_eq!(generated(&s).outputs, 2, "one-hot labels");
    let s = ok(&explicit_weights(), pick(Activation::Tanh, Cost::Mse, 1));
    assert_eq!((s.activations[2], s.cost), (Activation::Tanh, Cost::Mse));
    assert!(
        matches!(s.init, Init::Explicit(_)),
        "the same sizes: weights kept"
    );
    let s = ok(
        &explicit_weights(),
        pick(Activation::Softmax, Cost::CrossEntropy, 2),
    );
    assert_eq!(
        s.init,
        scheme(InitScheme::Auto, 1.0, 0),
        "W[3] no longer fits"
    );
}

#[test]
fn an_output_the_math_or_the_data_does_not_allow_is_refused() {
    let b = base();
    let pick = |a, c, n| Edit::Output(OutputChoice::new(a, c, n));
    let one = "softmax needs at least 2 output units; layers[3] is 1";
    refused(
        &b,
        pick(Activation::Softmax, Cost::CrossEntropy, 1),
        "activations[2]",
        one,
    );
    refused(
        &b,
        pick(Activation::Softmax, Cost::Mse, 1),
        "activations[2]",
        one,
    );
    let ce = "cross_entropy needs a softmax output, not sigmoid";
    refused(
        &b,
        pick(Activation::Sigmoid, Cost::CrossEntropy, 2),
        "cost",
        ce,
    );
    refused_at(&b, pick(Activation::Tanh, Cost::Bce, 1), "cost");
    let three = "the spiral data set gives 1 output (a 0/1 label) or 2 (one-hot), not 3";
    refused(
        &b,
        pick(Activation::Sigmoid, Cost::Bce, 3),
        "layers[3]",
        three,
    );
    let sine = ok(&b, Edit::Dataset(Dataset::Sine));
    let mse = "sine is a regression data set (real-valued targets); use mse";
    refused(&sine, pick(Activation::Sigmoid, Cost::Bce, 1), "cost", mse);
    refused_at(&b, pick(Activation::Sigmoid, Cost::Bce, 0), "layers[3]");
}

// --- the output choices ----------------------------------------------------------------

#[test]
fn every_output_choice_of_a_task_is_a_pair_the_math_allows() {
    for d in Dataset::ALL {
        let task = Some(d.task());
        let on_d = ok(&base(), Edit::Dataset(d));
        let choices = output_choices(task, 1);
        let proposed = OutputChoice::new(on_d.activations[2], on_d.cost, on_d.layers[3]);
        assert_eq!(
            choices[0], proposed,
            "{d:?}: the first is what a new data set proposes"
        );
        for c in choices {
            assert_eq!(
                c.cost.check_pair(c.activation, c.outputs),
                None,
                "{d:?} {c:?}"
            );
            assert!(d.output_sizes().contains(&c.outputs), "{d:?} {c:?}");
            ok(&on_d, Edit::Output(c));
        }
    }
    let sizes = |t| {
        output_choices(Some(t), 1)
            .iter()
            .map(|c| c.outputs)
            .collect::<Vec<_>>()
    };
    assert_eq!(sizes(Task::ThreeClass), [3, 3, 3, 3]);
    assert_eq!(sizes(Task::Regression), [1, 1, 1, 1, 1]);
    assert!(
        output_choices(Some(Task::Regression), 1)
            .iter()
            .all(|c| c.cost == Cost::Mse)
    );
}

#[test]
fn explicit_data_is_offered_every_pair_the_checker_takes() {
    for n in 1..=4 {
        let s = explicit_data(n, "sigmoid", "bce");
        let offered = output_choices(None, n);
        for a in Activation::ALL {
            for c in Cost::ALL {
                let choice = OutputChoice::new(a, c, n);
                let allowed = c.check_pair(a, n).is_none() && (a != Activation::Softmax || n >= 2);
                assert_eq!(offered.contains(&choice), allowed, "{choice:?}");
                assert_eq!(s.edit(Edit::Output(choice)).is_ok(), allowed, "{choice:?}");
            }
        }
        assert_eq!(
            offered[0],
            OutputChoice::new(Activation::Sigmoid, Cost::Bce, n)
        );
    }
}

#[test]
fn output_choices_are_labelled_as_the_page_shows_them() {
    let label = |a, c, n| OutputChoice::new(a, c, n).label();
    assert_eq!(label(Activation::Sigmoid, Cost::Bce, 1), "sigmoid + BCE");
    assert_eq!(
        label(Activation::Softmax, Cost::CrossEntropy, 3),
        "softmax ×3 + cross-entropy"
    );
    assert_eq!(
        label(Activation::LeakyRelu, Cost::Mse, 1),
        "leaky relu + MSE"
    );
}

// --- initialisation, batches, regularization -------------------------------------------

#[test]
fn init_edits_keep_the_rest_of_the_scheme() {
    let b = base();
    assert_eq!(
        ok(&b, Edit::InitScheme(InitScheme::He)).init,
        scheme(InitScheme::He, 1.0, 1)
    );
    assert_eq!(
        ok(&b, Edit::InitScale(2.5)).init,
        scheme(InitScheme::Auto, 2.5, 1)
    );
    assert_eq!(
        ok(&b, Edit::InitSeed(9)).init,
        scheme(InitScheme::Auto, 1.0, 9)
    );
    let zeros = ok(&b, Edit::InitScheme(InitScheme::Zeros));
    assert!(
        zeros
            .network()
            .layers
            .iter()
            .all(|l| l.w.iter().all(|&w| w == 0.0))
    );
}

#[test]
fn init_edits_on_explicit_weights_draw_them_from_a_scheme() {
    let w = explicit_weights();
    let x = InitScheme::Xavier;
    assert_eq!(ok(&w, Edit::InitScheme(x)).init, scheme(x, 1.0, 0));
    assert_eq!(
        ok(&w, Edit::InitScale(0.5)).init,
        scheme(InitScheme::Auto, 0.5, 0)
    );
    assert_eq!(
        ok(&w, Edit::InitSeed(3)).init,
        scheme(InitScheme::Auto, 1.0, 3)
    );
    for s in InitScheme::ALL {
        assert_eq!(
            ok(&w, Edit::InitScheme(s)).init,
            scheme(s, 1.0, 0),
            "never refused"
        );
    }
}

#[test]
fn a_bad_init_scale_or_seed_is_refused() {
    let b = base();
    refused(
        &b,
        Edit::InitScale(-1.0),
        "init.scale",
        "must be a number from 0 to 1000, got -1",
    );
    refused_at(&b, Edit::InitScale(1001.0), "init.scale");
    refused_at(&explicit_weights(), Edit::InitScale(f64::NAN), "init.scale");
    refused_at(&b, Edit::InitSeed(MAX_SEED + 1), "init.seed");
    assert_eq!(
        ok(&b, Edit::InitSeed(MAX_SEED)).init,
        scheme(InitScheme::Auto, 1.0, MAX_SEED)
    );
}

#[test]
fn batch_size_and_shuffling() {
    let b = base();
    assert_eq!(ok(&b, Edit::BatchSize(64)).batch_size, 64);
    refused(
        &b,
        Edit::BatchSize(0),
        "batch_size",
        "must be at least 1 example",
    );
    let s = ok(&b, Edit::Shuffle(false));
    assert_eq!(
        (s.shuffle, s.shuffle_seed, s.shuffle_seed()),
        (false, 0, None)
    );
    assert!(ok(&s, Edit::Shuffle(true)).shuffle, "never refused");
}

#[test]
fn regularization_sets_the_penalty_and_its_rate() {
    let b = base();
    let l2 = Regularization {
        penalty: Penalty::L2,
        rate: 0.01,
    };
    assert_eq!(
        ok(&b, Edit::Regularization(Penalty::L2, 0.01)).regularization,
        l2
    );
    let l1 = ok(&b, Edit::Regularization(Penalty::L1, 10.0)).regularization;
    assert_eq!((l1.penalty, l1.rate), (Penalty::L1, 10.0));
    let s = b.edit(Edit::Regularization(Penalty::L2, 0.01)).unwrap();
    let off = s.edit(Edit::Regularization(Penalty::None, 0.3)).unwrap();
    assert_eq!(off.regularization.penalty, Penalty::None);
    assert!(!off.regularization.is_active());
}

#[test]
fn a_rate_out_of_range_is_refused_even_without_a_penalty() {
    let b = base();
    let bad = "λ must be a number from 0 to 10, got -0.1";
    refused(
        &b,
        Edit::Regularization(Penalty::L2, -0.1),
        "regularization.rate",
        bad,
    );
    refused_at(
        &b,
        Edit::Regularization(Penalty::L1, 11.0),
        "regularization.rate",
    );
    refused_at(
        &b,
        Edit::Regularization(Penalty::L1, f64::NAN),
        "regularization.rate",
    );
    refused_at(
        &b,
        Edit::Regularization(Penalty::None, 20.0),
        "regularization.rate",
    );
}

// --- the racers ------------------------------------------------------------------------

#[test]
fn a_racer_takes_its_settings_and_the_followed_optimizer_follows() {
    let b = base();
    let m = OptimizerSettings::Momentum {
        learning_rate: 0.05,
        beta: 0.8,
    };
    let s = ok(&b, Edit::Racer(m));
    assert_eq!(s.race, [b.race[0], m, b.race[2], b.race[3]]);
    assert_eq!(s.optimizer, b.optimizer, "the followed optimizer is adam");
    let a = OptimizerSettings::Adam {
        learning_rate: 0.002,
        beta1: 0.8,
        beta2: 0.99,
        epsilon: 1e-6,
    };
    let s = ok(&b, Edit::Racer(a));
    assert_eq!((s.race[3], s.optimizer), (a, a));
}

#[test]
fn a_racer_setting_out_of_range_is_refused_at_its_place_in_the_race() {
    let b = base();
    let momentum = OptimizerSettings::Momentum {
        learning_rate: 0.1,
        beta: 1.0,
    };
    let below = "must be at least 0 and below 1, got 1";
    refused(&b, Edit::Racer(momentum), "race[1].beta", below);
    let sgd = OptimizerSettings::Sgd { learning_rate: 0.0 };
    refused(
        &b,
        Edit::Racer(sgd),
        "race[0].learning_rate",
        "must be a positive number, got 0",
    );
    let nan = f64::NAN;
    let rms = OptimizerSettings::RmsProp {
        learning_rate: nan,
        beta: 0.9,
        epsilon: 1e-8,
    };
    refused_at(&b, Edit::Racer(rms), "race[2].learning_rate");
    let adam = |beta1, beta2, epsilon| OptimizerSettings::Adam {
        learning_rate: 0.01,
        beta1,
        beta2,
        epsilon,
    };
    refused(
        &b,
        Edit::Racer(adam(0.9, 1.0, 1e-8)),
        "race[3].beta2",
        below,
    );
    refused_at(&b, Edit::Racer(adam(nan, 0.999, 1e-8)), "race[3].beta1");
    refused_at(&b, Edit::Racer(adam(0.9, 0.999, nan)), "race[3].epsilon");
    refused_at(&b, Edit::Racer(adam(-0.1, 0.999, 1e-8)), "race[3].beta1");
}

// --- explicit weights ------------------------------------------------------------------

#[test]
fn explicit_weights_give_way_only_when_they_no_longer_fit() {
    let w = explicit_weights();
    for edit in [
        Edit::Noise(0.2),
        Edit::BatchSize(4),
        Edit::Regularization(Penalty::L1, 0.1),
    ] {
        assert_eq!(ok(&w, edit.clone()).init, w.init, "{edit:?}: kept");
    }
    for edit in [
        Edit::AddLayer,
        Edit::RemoveLayer(1),
        Edit::Units { layer: 1, units: 3 },
    ] {
        let s = ok(&w, edit.clone());
        assert_eq!(
            s.init,
            scheme(InitScheme::Auto, 1.0, 0),
            "{edit:?}: the defaults"
        );
    }
    let s = ok(&w, Edit::Dataset(Dataset::Blobs3));
    assert_eq!(s.init, scheme(InitScheme::Auto, 1.0, 0), "3 outputs now");
}

// --- the notes -------------------------------------------------------------------------

#[test]
fn each_edit_says_what_it_changed_as_the_page_does() {
    let restarted = |e: Edit| e.note();
    let cases = [
        (Edit::Dataset(Dataset::Xor), "New data set"),
        (Edit::Noise(0.1), "Noise"),
        (Edit::TrainShare(0.5), "Training share"),
        (Edit::Samples(100), "Samples"),
        (Edit::DataSeed(3), "New data seed"),
        (
            Edit::Features(vec![Feature::X1, Feature::X1Squared]),
            "Inputs: x1, x1^2",
        ),
        (Edit::AddLayer, "Layer added"),
        (Edit::RemoveLayer(2), "Layer 2 removed"),
        (Edit::Units { layer: 1, units: 5 }, "Layer 1: 5 units"),
        (
            Edit::Activation {
                layer: 2,
                activation: Activation::LeakyRelu,
            },
            "Layer 2: leaky_relu",
        ),
        (
            Edit::Output(OutputChoice::new(Activation::Tanh, Cost::Mse, 1)),
            "New output and cost",
        ),
        (Edit::InitScheme(InitScheme::He), "New initialisation"),
        (Edit::InitScale(2.0), "New initial scale"),
        (Edit::InitSeed(4), "New initial weights"),
        (Edit::BatchSize(16), "Batch size m = 16"),
        (Edit::Shuffle(false), "Shuffling off"),
        (Edit::Shuffle(true), "Shuffling on"),
    ];
    for (edit, what) in cases {
        assert_eq!(edit.describe(), what);
        assert!(edit.restarts(), "{edit:?}");
        assert_eq!(
            restarted(edit),
            format!("{what}: a new network, so the race restarted.")
        );
    }
}

#[test]
fn a_penalty_and_a_racer_say_what_they_change() {
    let l2 = Edit::Regularization(Penalty::L2, 0.001);
    assert_eq!(l2.describe(), "L2 regularization, λ = 0.001");
    assert_eq!(
        l2.note(),
        "L2 regularization, λ = 0.001: the optimizers now descend J = C + λ·R(W); the race restarted from the same start."
    );
    let none = Edit::Regularization(Penalty::None, 0.001);
    assert_eq!(
        none.note(),
        "No regularization: the objective is the cost alone again; the race restarted from the same start."
    );
    let adam = Edit::Racer(OptimizerKind::Adam.defaults());
    assert!(!adam.restarts());
    assert_eq!(
        adam.describe(),
        "Adam: α = 0.01, β1 = 0.9, β2 = 0.999, ε = 1e-8"
    );
    assert_eq!(
        adam.note(),
        "Adam now uses α = 0.01, β1 = 0.9, β2 = 0.999, ε = 1e-8; the race goes on."
    );
    let sgd = Edit::Racer(OptimizerSettings::Sgd { learning_rate: 0.5 });
    assert_eq!(sgd.note(), "SGD now uses α = 0.5; the race goes on.");
}
