use super::*;
use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::math::network::Layer;

/// A 1-2-1 net, its forward cache and gradients on one example, every number finite.
fn finite_step() -> (Network, ForwardCache, Gradients) {
    let layer = |rows, cols| Layer {
        w: Array2::ones((rows, cols)),
        b: Array2::zeros((rows, 1)),
        activation: Activation::Linear,
    };
    let net = Network {
        layers: vec![layer(2, 1), layer(1, 2)],
        cost: Cost::Mse,
        regularization: Default::default(),
    };
    let cache = net.forward(ndarray::array![[1.0]].view());
    let grads = net.backward(&cache, ndarray::array![[0.0]].view());
    (net, cache, grads)
}

/// A 1-1 linear net, mse, SGD α = 0.1, two batches of the one example x = 1, y = 0, by hand:
/// w = 2, b = 0: a = 2, δ = 2, dW = db = 2 → w = 1.8, b = −0.2, ‖ΔW‖/‖W‖ = 0.2/2 = 0.1;
/// a = 1.6, δ = 1.6 → w = 1.64, ratio 0.16/1.8; the epoch's mean (0.1 + 0.0888…)/2 = 0.09444….
/// A layer whose W is all 0 has ratio 0, not 0/0.
#[test]
fn step_ratios_are_the_epochs_mean_of_the_relative_weight_steps() {
    let ratios = |w0: f64| {
        let net = Network {
            layers: vec![Layer {
                w: ndarray::array![[w0]],
                b: ndarray::array![[0.0]],
                activation: Activation::Linear,
            }],
            cost: Cost::Mse,
            regularization: Default::default(),
        };
        let data = DataSet {
            train: Examples::new(ndarray::array![[1.0, 1.0]], ndarray::array![[0.0, 0.0]]),
            test: None,
        };
        let sgd = OptimizerSettings::Sgd { learning_rate: 0.1 };
        let mut race = Race::new(data, &net, &[sgd], 1, None);
        race.train_epochs(1);
        race.racers[0].step_ratios.clone()
    };
    let r = ratios(2.0);
    assert_eq!(r.len(), 1);
    assert!((r[0][0] - (0.1 + 0.16 / 1.8) / 2.0).abs() < 1e-12, "{r:?}");
    // from w = b = 0 the output is already y: nothing moves, and with ‖W‖ = 0 the ratio is
    // 0 (nothing to compare the step with), not 0/0
    assert_eq!(ratios(0.0), vec![vec![0.0]]);
}

#[test]
fn the_first_non_finite_matrix_is_named_by_phase_layer_and_name() {
    let (net, cache, grads) = finite_step();
    assert_eq!(first_non_finite(&cache, 1.0, &grads), None);
    let mut bad = cache.clone();
    bad.layers[1].a[[0, 0]] = f64::NAN;
    assert_eq!(
        first_non_finite(&bad, 1.0, &grads),
        Some((Phase::Forward, 2, Quantity::A))
    );
    assert_eq!(
        first_non_finite(&cache, f64::INFINITY, &grads),
        Some((Phase::Cost, 2, Quantity::Cost))
    );
    // backward runs from layer L down: a bad dW[2] comes before a bad δ[1]
    let mut g = grads.clone();
    g.layers[0].delta[[1, 0]] = f64::NAN;
    assert_eq!(
        first_non_finite(&cache, 1.0, &g),
        Some((Phase::Backward, 1, Quantity::Delta))
    );
    g.layers[1].dw[[0, 1]] = f64::INFINITY;
    assert_eq!(
        first_non_finite(&cache, 1.0, &g),
        Some((Phase::Backward, 2, Quantity::DW))
    );
    // after an update: parameters, then the optimizer's V and S, layer by layer
    let opt = Optimizer::new(OptimizerKind::Adam.defaults(), &net);
    assert_eq!(first_non_finite_after_update(&net, &opt), None);
    let mut n2 = net.clone();
    n2.layers[1].b[[0, 0]] = f64::NAN;
    assert_eq!(
        first_non_finite_after_update(&n2, &opt),
        Some((Phase::Update, 2, Quantity::B))
    );
    let mut o2 = opt.clone();
    o2.sq_avg.as_mut().unwrap()[1].w[[0, 0]] = f64::INFINITY;
    assert_eq!(
        first_non_finite_after_update(&net, &o2),
        Some((Phase::Update, 2, Quantity::S))
    );
}

#[test]
fn batches_cover_the_epoch_with_a_short_last_one() {
    let mut s = Schedule::new(10, 4, None);
    assert_eq!(s.batches_per_epoch(), 3);
    assert_eq!(s.next_batch(), &[0, 1, 2, 3]);
    assert!(!s.advance());
    assert_eq!(s.next_batch(), &[4, 5, 6, 7]);
    assert!(!s.advance());
    assert_eq!(s.next_batch(), &[8, 9]);
    assert!(s.advance());
    assert_eq!(s.epoch, 1);
    assert_eq!(s.next_batch(), &[0, 1, 2, 3]);
    let mut big = Schedule::new(3, 50, None);
    assert_eq!(big.next_batch(), &[0, 1, 2]);
    assert!(big.advance());
}

#[test]
fn shuffling_reorders_before_every_epoch_including_the_first() {
    let mut s = Schedule::new(20, 20, Some(0));
    let first = s.next_batch().to_vec();
    assert_ne!(first, (0..20).collect::<Vec<_>>());
    s.advance();
    let second = s.next_batch().to_vec();
    assert_ne!(first, second);
    let mut sorted = second.clone();
    sorted.sort();
    assert_eq!(sorted, (0..20).collect::<Vec<_>>());
    let mut again = Schedule::new(20, 20, Some(0));
    assert_eq!(again.next_batch(), first.as_slice());
}
