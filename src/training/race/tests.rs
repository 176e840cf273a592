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

/// Four racers on a 2-4-1 tanh/sigmoid net and 40 random points, shuffled batches of 8.
fn small_race() -> Race {
    let mut rng = crate::math::random::Random::new(7);
    let x = Array2::from_shape_fn((2, 40), |_| rng.uniform_in(-2.0, 2.0));
    let y = Array2::from_shape_fn((1, 40), |(_, j)| f64::from(x[[0, j]] * x[[1, j]] > 0.0));
    let layer = |rows, cols, activation, rng: &mut crate::math::random::Random| Layer {
        w: Array2::from_shape_fn((rows, cols), |_| rng.uniform_in(-1.0, 1.0)),
        b: Array2::zeros((rows, 1)),
        activation,
    };
    let net = Network {
        layers: vec![
            layer(4, 2, Activation::Tanh, &mut rng),
            layer(1, 4, Activation::Sigmoid, &mut rng),
        ],
        cost: Cost::Bce,
        regularization: Default::default(),
    };
    Race::of_defaults(&net, (x, y), 8, Some(3))
}

/// Every racer's parameters, optimizer state and history as text (`{:?}` prints each f64 so
/// that it reads back to the same bits).
fn racers_text(race: &Race) -> String {
    format!("{:?} {:?}", race.racers, race.schedule)
}

// The page's workers: two copies of a race each train two racers from the same state, then
// send them back; the race that takes them in is the race trained in one piece, bit for bit —
// and again after a second round that sends only the history since the first.
#[test]
fn racers_trained_apart_and_installed_are_the_race_trained_whole() {
    let mut whole = small_race();
    whole.train_epochs(3);
    let mut main = small_race();
    main.train_epochs(1);
    let mut since = 1;
    for target in [2, 3] {
        let mut reports = Vec::new();
        for mine in [[0, 1], [2, 3]] {
            let mut worker = small_race();
            worker.install(&main.state(&[0, 1, 2, 3], 0)).unwrap();
            for i in 0..4 {
                worker.resting[i] = !mine.contains(&i);
            }
            worker.train_until(target);
            reports.push(worker.state(&mine, since));
        }
        for r in &reports {
            main.install(r).unwrap();
        }
        since = target;
    }
    assert_eq!(racers_text(&main), racers_text(&whole));
}

#[test]
fn bytes_that_are_not_this_races_state_change_nothing() {
    let mut race = small_race();
    race.train_epochs(1);
    let before = racers_text(&race);
    let err = |bytes: &[u8], race: &mut Race| race.install(bytes).unwrap_err();
    assert!(matches!(err(&[1, 2, 3], &mut race), SyncError::Bytes(_)));
    // another net: one more hidden unit
    let mut other = small_race();
    other.racers[2].network.layers[0].w = Array2::zeros((5, 2));
    assert_eq!(err(&other.state(&[2], 0), &mut race), SyncError::Shape(2));
    // a history that starts after the end of this one
    let mut ahead = small_race();
    ahead.train_epochs(3);
    assert_eq!(
        err(&ahead.state(&[1], 2), &mut race),
        SyncError::Gap(1, 1, 2)
    );
    // racer 5 of four: the state of a six-racer race
    let mut six = small_race();
    let extra = six.racers[0].clone();
    six.racers.extend([extra.clone(), extra]);
    assert_eq!(
        err(&six.state(&[5], 0), &mut race),
        SyncError::NoSuchRacer(5)
    );
    assert_eq!(racers_text(&race), before);
}

// The bytes read back to the same state, the shuffle's generator included (`{:?}` does not
// print it); any of them cut short is refused.
#[test]
fn a_state_reads_back_to_the_same_bytes_and_cut_short_is_refused() {
    let mut race = small_race();
    race.schedule = Schedule::new(race.schedule.order.len(), 3, Some(7));
    race.train_epochs(2);
    let bytes = race.state(&[0, 1, 2, 3], 0);
    let mut copy = small_race();
    copy.schedule = Schedule::new(race.schedule.order.len(), 3, None);
    copy.install(&bytes).unwrap();
    assert_eq!(copy.state(&[0, 1, 2, 3], 0), bytes);
    for n in 0..bytes.len() {
        assert!(matches!(
            copy.install(&bytes[..n]),
            Err(SyncError::Bytes(_))
        ));
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(matches!(copy.install(&longer), Err(SyncError::Bytes(_))));
}

// The snapshots for the landscape's PCA plane: the workers start from a state without them,
// report the ones they take, and the page thins them by the epoch alone — so across the
// stride's doubling at 500 epochs (2-4-1: 500 a racer) they are the race's trained whole.
#[test]
fn snapshots_taken_apart_are_the_snapshots_of_the_race_trained_whole() {
    let mut whole = small_race();
    whole.train_epochs(520);
    let epochs: Vec<usize> = whole.racers[0].snapshots.iter().map(|s| s.epoch).collect();
    assert_eq!(epochs, (1..=260).map(|e| 2 * e).collect::<Vec<_>>());
    let mut main = small_race();
    main.train_epochs(480);
    let mut since = 480;
    for target in [499, 505, 520] {
        let mut reports = Vec::new();
        for mine in [[0, 1], [2, 3]] {
            let mut worker = small_race();
            worker
                .install(&main.state_without_snapshots(&[0, 1, 2, 3]))
                .unwrap();
            assert!(worker.racers.iter().all(|r| r.snapshots.is_empty()));
            for i in 0..4 {
                worker.resting[i] = !mine.contains(&i);
            }
            worker.train_until(target);
            reports.push(worker.state(&mine, since));
        }
        for r in &reports {
            main.install(r).unwrap();
        }
        since = target;
    }
    assert_eq!(racers_text(&main), racers_text(&whole));
}

// Undoing the update that ended epoch 501 (the stride doubles there, thinning away the odd
// epochs) brings the snapshots back.
#[test]
fn undoing_the_epoch_that_thinned_brings_the_snapshots_back() {
    let mut race = small_race();
    race.train_until(500);
    for _ in 0..4 {
        race.step_batch();
    }
    let before = racers_text(&race);
    let undo = race.snapshot();
    race.step_batch();
    assert_eq!(race.epochs_done(), 501);
    assert_eq!(race.racers[0].snapshots.len(), 250);
    race.restore(undo);
    assert_eq!(racers_text(&race), before);
    assert_eq!(race.racers[0].snapshots.len(), 500);
}
