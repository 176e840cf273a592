//! The lesson presets in `scenarios/lessons/`: each file is a valid scenario with a short
//! explanation for the screen, and the phenomenon it names really happens in the engine's
//! numbers (everything is seeded, so these are exact replays, not statistics).

// The hand computations index i, j, k as the formulas do.
#![allow(clippy::needless_range_loop)]

use backprop_playground::math::activation::Activation;
use backprop_playground::math::init::InitScheme;
use backprop_playground::math::optimizer::OptimizerKind;
use backprop_playground::math::quantity::Quantity as Q;
use backprop_playground::scenario::trace::trace;
use backprop_playground::scenario::{Data, Init, Scenario};
use backprop_playground::session::{MatrixData, Session};
use backprop_playground::training::phase::Phase;
use ndarray::Array2;
use serde_json::Value;

const LESSONS: [&str; 8] = [
    "forward-backward-2-3-1.json",
    "momentum-overshoot.json",
    "zero-init.json",
    "saturated-sigmoid.json",
    "badly-scaled-inputs.json",
    "softmax-three-classes.json",
    "diverging-learning-rate.json",
    "overfitting-l2.json",
];

/// The longest title and explanation line the screen is given (in characters).
const MAX_TITLE: usize = 60;
const MAX_LINE: usize = 130;

fn text(name: &str) -> String {
    let path = format!("{}/scenarios/lessons/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn lesson(name: &str) -> Scenario {
    Scenario::from_json(&text(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn json(name: &str) -> Value {
    serde_json::from_str(&text(name)).unwrap()
}

fn array(m: &MatrixData) -> Array2<f64> {
    Array2::from_shape_vec((m.rows, m.cols), m.data.clone()).unwrap()
}

/// A matrix of the JSON file, given as rows.
fn rows(v: &Value) -> Vec<Vec<f64>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect()
        })
        .collect()
}

fn mean_abs<'a>(v: impl IntoIterator<Item = &'a f64>) -> f64 {
    let (sum, n) = v
        .into_iter()
        .fold((0.0, 0usize), |(s, n), x| (s + x.abs(), n + 1));
    sum / n as f64
}

fn median_abs<'a>(v: impl IntoIterator<Item = &'a f64>) -> f64 {
    let mut x: Vec<f64> = v.into_iter().map(|x| x.abs()).collect();
    x.sort_by(f64::total_cmp);
    x[x.len() / 2]
}

/// Epochs e (1-based) where the loss rose by more than `margin` (relative): loss[e] > loss[e−1]·(1 + margin).
fn rises(losses: &[f64], margin: f64) -> Vec<usize> {
    losses
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[1] > w[0] * (1.0 + margin))
        .map(|(i, _)| i + 2)
        .collect()
}

#[test]
fn every_lesson_parses_explains_itself_in_two_lines_and_traces() {
    let dir = format!("{}/scenarios/lessons", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = LESSONS.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "every preset in {dir} is tested here");

    for name in LESSONS {
        let s = lesson(name);
        // the page-only state: exactly title, explanation and focus
        let mut keys: Vec<&str> = s.view.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["explanation", "focus", "title"], "{name}: view keys");
        let title = s.view["title"].as_str().expect("title is a string");
        assert!(
            !title.trim().is_empty() && title.chars().count() <= MAX_TITLE,
            "{name}: title {title:?}"
        );
        let explanation = s.view["explanation"]
            .as_str()
            .expect("explanation is a string");
        let lines: Vec<&str> = explanation.split('\n').collect();
        assert_eq!(
            lines.len(),
            2,
            "{name}: two lines, one '\\n': {explanation:?}"
        );
        for line in &lines {
            let n = line.chars().count();
            assert!(
                (20..=MAX_LINE).contains(&n) && line.trim() == *line,
                "{name}: a line of {n} characters (20..={MAX_LINE}, no outer spaces): {line:?}"
            );
        }
        let focus = s.view["focus"].as_str().expect("focus is a string");
        let kind =
            OptimizerKind::from_name(focus).unwrap_or_else(|| panic!("{name}: focus {focus}"));
        assert_eq!(
            kind,
            s.optimizer.kind(),
            "{name}: the page follows the traced optimizer"
        );
        assert!(
            s.race.contains(&s.optimizer),
            "{name}: the traced optimizer is the racer of its kind"
        );
        // the file is written out with its defaults and reads back the same
        assert_eq!(
            Scenario::from_json(&s.to_json()).unwrap(),
            s,
            "{name}: round trip"
        );
        // what `playground trace FILE` runs
        let t = trace(&s);
        assert_eq!(t.epochs.len(), s.epochs, "{name}");
        let out: Value = serde_json::from_str(&t.to_json()).unwrap();
        assert!(out["first_step"]["layers"].as_array().unwrap().len() == s.depth());
    }
}

#[test]
fn forward_backward_2_3_1_walks_one_step_that_a_student_can_redo_by_hand() {
    let name = "forward-backward-2-3-1.json";
    let s = lesson(name);
    assert_eq!(s.layers, [2, 3, 1]);
    assert_eq!(s.activations, [Activation::Tanh, Activation::Sigmoid]);
    assert!(matches!(s.init, Init::Explicit(_)));
    let Data::Explicit { train, test, .. } = &s.data else {
        panic!("explicit data")
    };
    assert_eq!((train.len(), test.is_none()), (4, true));
    assert_eq!((s.batch_size, s.shuffle, s.epochs), (4, false, 50));
    assert_eq!(s.optimizer.kind(), OptimizerKind::Sgd);
    let alpha = s.optimizer.learning_rate();

    // the file's own numbers, read without the engine
    let file = json(name);
    let w1 = rows(&file["init"]["weights"][0]["w"]);
    let b1 = rows(&file["init"]["weights"][0]["b"]);
    let w2 = rows(&file["init"]["weights"][1]["w"]);
    let b2 = rows(&file["init"]["weights"][1]["b"]);
    let x = rows(&file["data"]["x"]);
    let y = rows(&file["data"]["y"])[0].clone();
    let close = |a: f64, b: f64, what: &str| {
        assert!((a - b).abs() <= 1e-12, "{what}: engine {a}, by hand {b}")
    };

    let mut session = Session::new(s.clone());
    assert_eq!(session.focused_kind(), OptimizerKind::Sgd);
    session.run_phase(Phase::Forward);
    // forward, by hand: z = w·x + b, a = tanh z; then the output unit
    let z1 = session.matrix(Q::Z, 1).unwrap();
    let a1 = session.matrix(Q::A, 1).unwrap();
    assert_eq!((z1.rows, z1.cols), (3, 4));
    let mut a1_hand = [[0.0; 4]; 3];
    for i in 0..3 {
        for j in 0..4 {
            let z = w1[i][0] * x[0][j] + w1[i][1] * x[1][j] + b1[i][0];
            close(z1.data[i * 4 + j], z, &format!("Z[1]({i},{j})"));
            a1_hand[i][j] = z.tanh();
            close(a1.data[i * 4 + j], a1_hand[i][j], &format!("A[1]({i},{j})"));
        }
    }
    let a2 = session.matrix(Q::A, 2).unwrap();
    let mut a2_hand = [0.0; 4];
    for j in 0..4 {
        let z: f64 = (0..3).map(|i| w2[0][i] * a1_hand[i][j]).sum::<f64>() + b2[0][0];
        close(session.matrix(Q::Z, 2).unwrap().data[j], z, "Z[2]");
        a2_hand[j] = 1.0 / (1.0 + (-z).exp());
        close(a2.data[j], a2_hand[j], "A[2]");
    }
    // the cost: the mean binary cross-entropy over the 4 examples
    session.run_phase(Phase::Cost);
    let cost_hand = (0..4)
        .map(|j| -(y[j] * a2_hand[j].ln() + (1.0 - y[j]) * (1.0 - a2_hand[j]).ln()))
        .sum::<f64>()
        / 4.0;
    close(session.cost().unwrap(), cost_hand, "cost");

    // backward: δ[2] = A[2] − Y exactly, δ[1] = W[2]ᵀδ[2] ⊙ (1 − A[1]²)
    session.run_phase(Phase::Backward);
    let d2 = session.matrix(Q::Delta, 2).unwrap();
    for j in 0..4 {
        assert_eq!(d2.data[j], a2.data[j] - y[j], "δ[2] = A[2] − Y");
    }
    let d1 = session.matrix(Q::Delta, 1).unwrap();
    let dw1 = session.matrix(Q::DW, 1).unwrap();
    for i in 0..3 {
        for j in 0..4 {
            let d = w2[0][i] * d2.data[j] * (1.0 - a1_hand[i][j] * a1_hand[i][j]);
            close(d1.data[i * 4 + j], d, "δ[1]");
        }
        for k in 0..2 {
            let dw = (0..4).map(|j| d1.data[i * 4 + j] * x[k][j]).sum::<f64>() / 4.0;
            close(dw1.data[i * 2 + k], dw, "dW[1]");
        }
    }

    // the update: W[l] ← W[l] − α dW[l], for every weight
    let before: Vec<MatrixData> = (1..=2).map(|l| session.matrix(Q::W, l).unwrap()).collect();
    let grads: Vec<MatrixData> = (1..=2).map(|l| session.matrix(Q::DW, l).unwrap()).collect();
    session.run_phase(Phase::Update);
    assert_eq!(session.step(), 1);
    for l in 1..=2 {
        let after = session.matrix(Q::W, l).unwrap();
        assert_ne!(after.data, before[l - 1].data, "W[{l}] changed");
        for k in 0..after.data.len() {
            close(
                after.data[k],
                before[l - 1].data[k] - alpha * grads[l - 1].data[k],
                "W ← W − α dW",
            );
        }
    }

    // and the file's 50 epochs (that step was the first) learn XOR
    assert_eq!(session.epochs_done(), 1, "one batch of 4 is one epoch");
    train_epochs(&mut session, s.epochs - 1);
    let sgd = session.racer(OptimizerKind::Sgd);
    let last = sgd.history.last().unwrap();
    assert_eq!(sgd.history.len(), s.epochs);
    eprintln!(
        "2-3-1: cost at the start {cost_hand:.4}, SGD loss after {} epochs {:.4}, accuracy {:?}",
        s.epochs, last.train_loss, last.train_accuracy
    );
    assert!(last.train_loss < 0.6 * cost_hand, "{last:?}");
    assert_eq!(last.train_accuracy, Some(1.0));
}

#[test]
fn momentum_with_a_high_beta_overshoots_while_sgd_goes_down_smoothly() {
    let s = lesson("momentum-overshoot.json");
    let (sgd_alpha, momentum) = (s.race[0].learning_rate(), s.race[1]);
    assert_eq!(momentum.learning_rate(), sgd_alpha, "the same α");
    assert!(!s.shuffle);
    let mut session = Session::new(s.clone());
    train_epochs(&mut session, s.epochs);
    let sgd = session.loss_history(OptimizerKind::Sgd);
    let mom = session.loss_history(OptimizerKind::Momentum);
    assert_eq!((sgd.len(), mom.len()), (s.epochs, s.epochs));
    let mom_rises = rises(&mom, 0.05);
    let sgd_rises = rises(&sgd, 0.001);
    // the largest rebound: how far the loss climbs again after a low point
    let rebound = (1..mom.len())
        .map(|e| {
            mom[e..].iter().cloned().fold(0.0, f64::max)
                / mom[..e].iter().cloned().fold(f64::INFINITY, f64::min)
        })
        .fold(0.0, f64::max);
    eprintln!(
        "momentum: {} rises of > 5 % in {} epochs (at {mom_rises:?}), largest rebound ×{rebound:.0}; \
         SGD: {} rises of > 0.1 %, loss {:.4} → {:.6} (Momentum ends at {:.6})",
        mom_rises.len(),
        s.epochs,
        sgd_rises.len(),
        sgd[0],
        sgd[sgd.len() - 1],
        mom[mom.len() - 1],
    );
    assert!(
        mom_rises.len() >= 6,
        "Momentum rises {mom_rises:?}: {mom:?}"
    );
    assert!(
        rebound > 20.0,
        "Momentum climbs back from a low point: ×{rebound}"
    );
    assert!(sgd_rises.is_empty(), "SGD rises {sgd_rises:?}: {sgd:?}");
    assert!(
        sgd[9] < sgd[0] / 100.0,
        "SGD is down within 10 epochs: {sgd:?}"
    );
    assert!(
        session.racer(OptimizerKind::Momentum).diverged.is_none(),
        "it oscillates, it does not diverge"
    );
}

#[test]
fn zero_init_keeps_every_hidden_unit_identical_forever() {
    let s = lesson("zero-init.json");
    assert!(matches!(
        s.init,
        Init::Scheme {
            scheme: InitScheme::Zeros,
            ..
        }
    ));
    let net = s.network();
    assert!(
        net.layers
            .iter()
            .all(|l| l.w.iter().chain(l.b.iter()).all(|&v| v == 0.0))
    );
    let mut session = Session::new(s.clone());
    train_epochs(&mut session, s.epochs);
    for kind in OptimizerKind::ALL {
        let racer = session.racer(kind);
        assert!(racer.diverged.is_none());
        let (w1, b1, w2) = (
            &racer.network.layers[0].w,
            &racer.network.layers[0].b,
            &racer.network.layers[1].w,
        );
        assert!(w1.iter().any(|&v| v != 0.0), "{kind:?}: W[1] did move");
        for i in 1..w1.nrows() {
            assert_eq!(w1.row(i), w1.row(0), "{kind:?}: row {i} of W[1]");
            assert_eq!(b1.row(i), b1.row(0), "{kind:?}: b[1] of unit {i}");
            assert_eq!(w2.column(i), w2.column(0), "{kind:?}: column {i} of W[2]");
        }
    }
    // no better than one unit: the same net from Xavier weights learns the circle
    let mut xavier = s.clone();
    xavier.init = Init::Scheme {
        scheme: InitScheme::Auto,
        scale: 1.0,
        seed: 1,
    };
    let mut other = Session::new(xavier);
    train_epochs(&mut other, s.epochs);
    let acc = |ses: &Session, kind| {
        ses.racer(kind)
            .history
            .last()
            .unwrap()
            .test_accuracy
            .unwrap()
    };
    for kind in OptimizerKind::ALL {
        eprintln!(
            "zero init: {kind:?} test accuracy {:.3} (from Xavier weights {:.3})",
            acc(&session, kind),
            acc(&other, kind)
        );
        assert!(acc(&session, kind) < 0.75, "{kind:?}");
    }
    assert!(acc(&other, OptimizerKind::Sgd) >= 0.9);
}

#[test]
fn saturated_sigmoids_have_sigma_prime_near_zero_and_a_vanishing_delta() {
    let s = lesson("saturated-sigmoid.json");
    let Init::Scheme { scale, .. } = s.init else {
        panic!("an init scheme")
    };
    assert!(scale >= 8.0, "large initial weights: scale {scale}");
    let l = s.depth();
    assert!(
        s.activations[..l - 1]
            .iter()
            .all(|&a| a == Activation::Sigmoid)
    );

    // the first mini-batch, forward and backward
    let first_batch = |s: &Scenario| {
        let mut session = Session::new(s.clone());
        session.run_phase(Phase::Backward);
        let sigma_prime =
            Activation::Sigmoid.derivative(array(&session.matrix(Q::Z, 1).unwrap()).view());
        let delta: Vec<Vec<f64>> = (1..=l)
            .map(|k| session.matrix(Q::Delta, k).unwrap().data)
            .collect();
        (sigma_prime, delta)
    };
    let (sp, delta) = first_batch(&s);
    let delta_means: Vec<f64> = delta.iter().map(|d| mean_abs(d.iter())).collect();
    let delta_l = delta_means[l - 1];
    let tiny = delta[0]
        .iter()
        .filter(|d| d.abs() < delta_l / 100.0)
        .count() as f64
        / delta[0].len() as f64;

    let mut normal = s.clone();
    normal.init = match s.init {
        Init::Scheme { scheme, seed, .. } => Init::Scheme {
            scheme,
            scale: 1.0,
            seed,
        },
        Init::Explicit(_) => unreachable!(),
    };
    let (sp_normal, _) = first_batch(&normal);
    eprintln!(
        "saturated: mean σ'(Z[1]) {:.4} (median {:.1e}; at scale 1: {:.3}); mean |δ[l]|, l = 1..L: {delta_means:?}; \
         δ[1]/δ[L] = {:.4}; {:.0} % of δ[1] entries under mean |δ[L]|/100",
        mean_abs(&sp),
        median_abs(&sp),
        mean_abs(&sp_normal),
        delta_means[0] / delta_l,
        100.0 * tiny
    );
    assert!(mean_abs(&sp) < 0.02, "σ'(Z[1]) ≈ 0");
    assert!(median_abs(&sp) < 1e-4);
    assert!(
        mean_abs(&sp_normal) > 0.1,
        "at scale 1 the units are not saturated"
    );
    assert!(delta_means[0] < delta_l / 100.0, "δ[1] under 1/100 of δ[L]");
    assert!(
        delta_means.windows(2).all(|w| w[0] < w[1]),
        "δ shrinks going back"
    );
    assert!(tiny > 0.9);

    // training: W[1] barely turns (relative to its size), compared with a scale-1 start,
    // and its units stay sharp steps (A[1] within 0.01 of 0 or 1)
    let relative_change_of_w1 = |s: &Scenario| {
        let start = s.network();
        let mut session = Session::new(s.clone());
        train_epochs(&mut session, s.epochs);
        OptimizerKind::ALL.map(|kind| {
            let net = &session.racer(kind).network;
            let change = &net.layers[0].w - &start.layers[0].w;
            let a1 = net.forward(s.dataset().train.x.view()).layers.remove(0).a;
            let sharp = a1.iter().filter(|&&a| !(0.01..=0.99).contains(&a)).count() as f64
                / a1.len() as f64;
            (mean_abs(&change) / mean_abs(&start.layers[0].w), sharp)
        })
    };
    let big = relative_change_of_w1(&s);
    let small = relative_change_of_w1(&normal);
    for (k, kind) in OptimizerKind::ALL.iter().enumerate() {
        eprintln!(
            "saturated: {kind:?} mean |ΔW[1]| / mean |W[1]| after {} epochs: {:.3} (from scale 1: {:.3}); {:.0} % of A[1] sharp",
            s.epochs,
            big[k].0,
            small[k].0,
            100.0 * big[k].1
        );
        assert!(big[k].0 < small[k].0 / 4.0, "{kind:?}");
        assert!(big[k].1 > 0.8, "{kind:?}");
    }
}

#[test]
fn badly_scaled_inputs_make_sgd_crawl_while_rmsprop_and_adam_learn() {
    let s = lesson("badly-scaled-inputs.json");
    let Data::Generated(g) = &s.data else {
        panic!("a generated data set")
    };
    let scale = g.input_scale.clone().expect("input_scale");
    assert!(
        scale[1] / scale[0] >= 100.0 || scale[0] / scale[1] >= 100.0,
        "{scale:?}"
    );
    let mut session = Session::new(s.clone());
    train_epochs(&mut session, s.epochs);
    let last = |ses: &Session, kind| *ses.loss_history(kind).last().unwrap();
    let (sgd, momentum, rmsprop, adam) = (
        last(&session, OptimizerKind::Sgd),
        last(&session, OptimizerKind::Momentum),
        last(&session, OptimizerKind::RmsProp),
        last(&session, OptimizerKind::Adam),
    );
    // the same race on the same points, well scaled
    let mut scaled = s.clone();
    if let Data::Generated(g) = &mut scaled.data {
        g.input_scale = None;
    }
    let mut fair = Session::new(scaled);
    train_epochs(&mut fair, s.epochs);
    eprintln!(
        "badly scaled: train loss after {} epochs: SGD {sgd:.4}, Momentum {momentum:.4}, RMSprop {rmsprop:.4}, Adam {adam:.4} \
         (RMSprop/SGD {:.2}, Adam/SGD {:.2}); with input_scale [1, 1] SGD reaches {:.4}",
        s.epochs,
        rmsprop / sgd,
        adam / sgd,
        last(&fair, OptimizerKind::Sgd)
    );
    for kind in OptimizerKind::ALL {
        let r = session.racer(kind);
        assert!(r.diverged.is_none(), "{kind:?} did not diverge");
        assert_eq!(r.history.len(), s.epochs);
    }
    assert!(sgd.is_finite() && momentum.is_finite());
    assert!(rmsprop < sgd / 2.0 && adam < sgd / 2.0);
    assert!(rmsprop < momentum / 2.0 && adam < momentum / 2.0);
    assert!(sgd > 0.6, "SGD crawls: it is still near ln 2 = 0.693");
    assert!(
        last(&fair, OptimizerKind::Sgd) < sgd / 2.0,
        "scaling is what slows SGD"
    );
}

#[test]
fn softmax_with_cross_entropy_has_output_error_a_minus_y_and_learns_three_classes() {
    let s = lesson("softmax-three-classes.json");
    let l = s.depth();
    assert_eq!(s.layers[l], 3);
    assert_eq!(s.activations[l - 1], Activation::Softmax);
    let mut session = Session::new(s.clone());
    session.run_phase(Phase::Backward);
    let a = session.matrix(Q::A, l).unwrap();
    let y = session.matrix(Q::Y, 0).unwrap();
    let delta = session.matrix(Q::Delta, l).unwrap();
    assert_eq!((delta.rows, delta.cols), (3, s.batch_size));
    for k in 0..delta.data.len() {
        assert_eq!(
            delta.data[k],
            a.data[k] - y.data[k],
            "δ[L] = A − Y, entry {k}"
        );
    }
    for j in 0..a.cols {
        let sum: f64 = (0..3).map(|i| a.data[i * a.cols + j]).sum();
        assert!((sum - 1.0).abs() < 1e-12, "a column of A[L] sums to 1");
    }
    train_epochs(&mut session, s.epochs);
    let focus = session.racer(s.optimizer.kind());
    let accuracy: Vec<f64> = focus
        .history
        .iter()
        .map(|r| r.test_accuracy.unwrap())
        .collect();
    let first = accuracy.iter().position(|&a| a >= 0.9).map(|e| e + 1);
    eprintln!(
        "softmax: {:?} test accuracy ≥ 0.9 first at epoch {first:?}, {:.3} after {} epochs (train loss {:.4})",
        s.optimizer.kind(),
        accuracy.last().unwrap(),
        s.epochs,
        focus.history.last().unwrap().train_loss
    );
    assert!(*accuracy.last().unwrap() >= 0.9);
}

#[test]
fn a_learning_rate_too_large_diverges_one_racer_while_the_others_go_on() {
    let s = lesson("diverging-learning-rate.json");
    let mut session = Session::new(s.clone());
    train_epochs(&mut session, s.epochs);
    let sgd = session.racer(OptimizerKind::Sgd);
    let at = sgd.diverged.clone().expect("SGD diverges");
    let losses = session.loss_history(OptimizerKind::Sgd);
    eprintln!(
        "diverging: SGD (α = {}) stopped in epoch {}, update t = {}; its loss per epoch before: {:?}",
        s.race[0].learning_rate(),
        at.epoch,
        at.step,
        losses
    );
    assert!(at.epoch <= 20, "{at:?}");
    assert!(losses.len() < s.epochs, "the page stops a diverged racer");
    assert!(
        losses[0] > 1e6,
        "its loss explodes from the first epoch: {}",
        losses[0]
    );
    for kind in [
        OptimizerKind::Momentum,
        OptimizerKind::RmsProp,
        OptimizerKind::Adam,
    ] {
        let r = session.racer(kind);
        let h = session.loss_history(kind);
        eprintln!(
            "diverging: {kind:?} loss {:.4} → {:.4}",
            h[0],
            h[h.len() - 1]
        );
        assert!(r.diverged.is_none(), "{kind:?}");
        assert!(r.network.is_finite(), "{kind:?}");
        assert_eq!(h.len(), s.epochs, "{kind:?} trained every epoch");
        assert!(h.iter().all(|v| v.is_finite()), "{kind:?}");
        assert!(h[h.len() - 1] < h[0], "{kind:?} learns");
    }
    // the trace of the file (SGD alone) writes the numbers that stopped being finite as null
    let t = trace(&s);
    assert!(t.first_non_finite_epoch().is_some_and(|e| e <= 20));
    assert!(t.to_json().contains("null"));
}

#[test]
fn without_regularization_the_net_overfits_and_l2_keeps_the_test_loss_low() {
    use backprop_playground::math::regularization::{Penalty, Regularization};
    let s = lesson("overfitting-l2.json");
    assert_eq!(
        s.regularization,
        Regularization::default(),
        "the preset starts without"
    );
    let Data::Generated(g) = &s.data else {
        panic!("a generated data set")
    };
    assert!(g.noise > 0.0);
    let plain = trace(&s);
    let mut l2 = s.clone();
    l2.regularization = Regularization {
        penalty: Penalty::L2,
        rate: 0.01,
    };
    let with = trace(&l2);
    let test = |t: &backprop_playground::scenario::trace::Trace| -> Vec<f64> {
        t.epochs.iter().map(|e| e.test_loss.unwrap()).collect()
    };
    let (test_plain, test_l2) = (test(&plain), test(&with));
    let best = test_plain.iter().copied().fold(f64::INFINITY, f64::min);
    let end = |v: &[f64]| *v.last().unwrap();
    let train_end =
        |t: &backprop_playground::scenario::trace::Trace| t.epochs.last().unwrap().train_loss;
    let norm = |t: &backprop_playground::scenario::trace::Trace| -> f64 {
        t.final_params
            .layers
            .iter()
            .flat_map(|l| l.w.iter().flatten())
            .map(|w| w * w)
            .sum()
    };
    eprintln!(
        "overfitting: without L2 train {:.4} test {:.4} (best {best:.4}) ‖W‖² {:.1}; with L2 λ = 0.01 train {:.4} test {:.4} ‖W‖² {:.1}",
        train_end(&plain),
        end(&test_plain),
        norm(&plain),
        train_end(&with),
        end(&test_l2),
        norm(&with)
    );
    // overfitting: the train loss near 0, the test loss well above its best, and rising
    assert!(train_end(&plain) < 0.02);
    assert!(end(&test_plain) > 2.0 * best);
    // L2: a higher train loss, a much lower test loss, smaller weights
    assert!(train_end(&with) > train_end(&plain));
    assert!(end(&test_l2) < 0.5 * end(&test_plain));
    assert!(norm(&with) < 0.5 * norm(&plain));
}

/// n epochs, one call each (a call is bounded by `budget::MAX_CALL_WORK`).
fn train_epochs(session: &mut Session, n: usize) {
    for _ in 0..n {
        session.train_epochs(1).unwrap();
    }
}
