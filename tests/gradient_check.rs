//! Central-difference gradient checks (f64, ε = 1e-6) of dW and db against backprop, for every
//! activation × cost pair `math.md` allows, on random small nets and batches.

use backprop_playground::math::activation::Activation;
use backprop_playground::math::cost::Cost;
use backprop_playground::math::gradient_check::{numerical_gradients, relative_error};
use backprop_playground::math::init::{InitScheme, initialise};
use backprop_playground::math::random::Random;
use ndarray::Array2;

const HIDDEN: [Activation; 5] = [
    Activation::Linear,
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu,
];

/// Every (output activation, cost) pair the spec allows.
fn output_pairs() -> Vec<(Activation, Cost)> {
    let mut pairs = vec![
        (Activation::Sigmoid, Cost::Bce),
        (Activation::Softmax, Cost::CrossEntropy),
    ];
    pairs.extend(Activation::ALL.iter().map(|&a| (a, Cost::Mse)));
    pairs
}

/// Targets that fit the cost: 0/1 for bce, one-hot for cross-entropy, anything for mse.
fn targets(cost: Cost, n: usize, m: usize, rng: &mut Random) -> Array2<f64> {
    match cost {
        Cost::Bce => Array2::from_shape_simple_fn((n, m), || f64::from(rng.uniform() < 0.5)),
        Cost::CrossEntropy => {
            let mut y = Array2::zeros((n, m));
            for j in 0..m {
                y[[rng.below(n), j]] = 1.0;
            }
            y
        }
        Cost::Mse => Array2::from_shape_simple_fn((n, m), || rng.uniform_in(-1.0, 1.0)),
    }
}

#[test]
fn backprop_matches_central_differences_for_every_allowed_pair() {
    let mut rng = Random::new(2024);
    let mut checked = 0;
    let mut worst: f64 = 0.0;
    for hidden in HIDDEN {
        for (output, cost) in output_pairs() {
            for trial in 0..2 {
                let depth = 1 + rng.below(3); // 1 to 3 hidden layers
                let mut sizes = vec![1 + rng.below(4)];
                for _ in 0..depth {
                    sizes.push(1 + rng.below(5));
                }
                sizes.push(if output == Activation::Softmax {
                    2 + rng.below(3)
                } else {
                    1 + rng.below(3)
                });
                let mut acts = vec![hidden; depth];
                acts.push(output);
                let mut net = initialise(
                    &sizes,
                    &acts,
                    cost,
                    InitScheme::Auto,
                    1.0,
                    rng.below(1000) as u64,
                );
                for layer in &mut net.layers {
                    layer.b.mapv_inplace(|_| rng.uniform_in(-0.5, 0.5));
                }
                let m = 1 + rng.below(6);
                let x = Array2::from_shape_simple_fn((sizes[0], m), || rng.uniform_in(-2.0, 2.0));
                let y = targets(cost, *sizes.last().unwrap(), m, &mut rng);

                let cache = net.forward(x.view());
                let grads = net.backward(&cache, y.view());
                let numeric = numerical_gradients(&net, x.view(), y.view(), 1e-6);
                for (l, (g, (dw, db))) in grads.layers.iter().zip(&numeric).enumerate() {
                    for (analytic, numeric) in g.dw.iter().zip(dw).chain(g.db.iter().zip(db)) {
                        // relu's kink: a z within ε of 0 makes the difference quotient meaningless
                        let near_kink = cache
                            .layers
                            .iter()
                            .any(|c| c.z.iter().any(|z| z.abs() < 1e-5));
                        if near_kink && matches!(hidden, Activation::Relu | Activation::LeakyRelu) {
                            continue;
                        }
                        // the difference quotient carries ~1e-10 of rounding (cost ~1, ε = 1e-6),
                        // so small gradients are judged against a floor of 1e-3
                        let err = (analytic - numeric).abs()
                            / analytic.abs().max(numeric.abs()).max(1e-3);
                        worst = worst.max(err);
                        assert!(
                            err < 1e-6,
                            "{:?} hidden, {:?} + {:?}, trial {trial}, layer {}: backprop {analytic}, numeric {numeric}",
                            hidden,
                            output,
                            cost,
                            l + 1
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} parameters checked");
    eprintln!("{checked} parameters checked, worst relative error {worst:e}");
}

#[test]
fn the_check_notices_a_wrong_gradient() {
    let net = initialise(
        &[2, 3, 1],
        &[Activation::Tanh, Activation::Sigmoid],
        Cost::Bce,
        InitScheme::Auto,
        1.0,
        1,
    );
    let x = ndarray::array![[0.5, -1.0], [1.5, 0.2]];
    let y = ndarray::array![[1.0, 0.0]];
    let grads = net.backward(&net.forward(x.view()), y.view());
    let numeric = numerical_gradients(&net, x.view(), y.view(), 1e-6);
    let right = relative_error(grads.layers[0].dw[[1, 0]], numeric[0].0[[1, 0]]);
    let wrong = relative_error(grads.layers[0].dw[[1, 0]] * 1.01, numeric[0].0[[1, 0]]);
    assert!(right < 1e-7, "{right}");
    assert!(wrong > 1e-3, "{wrong}");
}

/// With a penalty the optimizers descend J = C + λ·R(W): backprop's dW must equal the central
/// difference of J (not of C), and db stays the gradient of C (biases are not penalised).
#[test]
fn with_l1_or_l2_backprop_matches_central_differences_of_the_objective() {
    use backprop_playground::math::regularization::{Penalty, Regularization};
    let mut rng = Random::new(77);
    let mut checked = 0;
    for penalty in [Penalty::L1, Penalty::L2] {
        for (rate, (output, cost)) in [0.003, 0.05, 0.7].into_iter().zip([
            (Activation::Sigmoid, Cost::Bce),
            (Activation::Softmax, Cost::CrossEntropy),
            (Activation::Linear, Cost::Mse),
        ]) {
            let sizes = [3, 4, 3, if output == Activation::Softmax { 3 } else { 2 }];
            let acts = [Activation::Tanh, Activation::Sigmoid, output];
            let mut net = initialise(&sizes, &acts, cost, InitScheme::Auto, 1.0, 5);
            let plain = net.clone();
            net.regularization = Regularization { penalty, rate };
            let m = 5;
            let x = Array2::from_shape_simple_fn((3, m), || rng.uniform_in(-2.0, 2.0));
            let y = targets(cost, sizes[3], m, &mut rng);
            let cache = net.forward(x.view());
            let grads = net.backward(&cache, y.view());
            let without = plain.backward(&plain.forward(x.view()), y.view());
            let numeric = numerical_gradients(&net, x.view(), y.view(), 1e-6);
            for (l, (g, (dw, db))) in grads.layers.iter().zip(&numeric).enumerate() {
                for ((analytic, numeric), w) in g.dw.iter().zip(dw).zip(&net.layers[l].w) {
                    assert!(
                        w.abs() > 1e-5,
                        "a weight at |R|'s kink would make the check moot"
                    );
                    let err =
                        (analytic - numeric).abs() / analytic.abs().max(numeric.abs()).max(1e-3);
                    assert!(
                        err < 1e-6,
                        "{penalty:?} λ={rate}, layer {}: backprop {analytic}, numeric {numeric}",
                        l + 1
                    );
                    checked += 1;
                }
                for (analytic, numeric) in g.db.iter().zip(db) {
                    let err =
                        (analytic - numeric).abs() / analytic.abs().max(numeric.abs()).max(1e-3);
                    assert!(err < 1e-6, "{penalty:?} db, layer {}", l + 1);
                }
                assert_eq!(g.db, without.layers[l].db, "biases are not penalised");
                assert_eq!(
                    g.delta, without.layers[l].delta,
                    "δ does not see the penalty"
                );
                // the penalty's part of dW, by hand: λ·W for L2, λ·sign(W) for L1
                for ((with, plain), w) in
                    g.dw.iter().zip(&without.layers[l].dw).zip(&net.layers[l].w)
                {
                    let by_hand = match penalty {
                        Penalty::L2 => rate * w,
                        _ => rate * w.signum(),
                    };
                    assert!((with - plain - by_hand).abs() < 1e-12);
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} weights checked");
}
