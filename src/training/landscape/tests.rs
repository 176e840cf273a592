use super::*;
use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::math::network::Layer;
use crate::training::data::DataSet;
use crate::training::race::Snapshot;
use ndarray::Array2;

/// A 2-4-1 tanh/sigmoid net and `m` random points, the four racers, batches of 8.
fn race_of(m: usize) -> Race {
    let mut rng = Random::new(11);
    let x = Array2::from_shape_fn((2, m), |_| rng.uniform_in(-2.0, 2.0));
    let y = Array2::from_shape_fn((1, m), |(_, j)| f64::from(x[[0, j]] * x[[1, j]] > 0.0));
    let layer = |rows, cols, activation, rng: &mut Random| Layer {
        w: Array2::from_shape_fn((rows, cols), |_| rng.uniform_in(-1.0, 1.0)),
        b: Array2::from_shape_fn((rows, 1), |_| rng.uniform_in(-0.1, 0.1)),
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
    // Race::of_defaults, which is backprop_core's and for its tests only
    let data = DataSet {
        train: Examples::new(x, y),
        test: None,
    };
    let settings: Vec<_> = OptimizerKind::ALL.map(|k| k.defaults()).to_vec();
    Race::new(data, &net, &settings, 8, Some(3))
}

fn options(plane: PlaneKind) -> LandscapeOptions {
    LandscapeOptions {
        plane,
        ..Default::default()
    }
}

/// The grid's middle point (0, 0) of an odd resolution.
fn centre_cost(l: &Landscape) -> f64 {
    let n = l.a.len();
    assert_eq!((l.a[n / 2], l.b[n / 2]), (0.0, 0.0));
    l.cost[(n / 2) * n + n / 2]
}

#[test]
fn the_random_planes_centre_is_the_followed_racers_last_train_loss_same_bits() {
    let mut race = race_of(40);
    race.train_epochs(2);
    for focus in 0..4 {
        let l = landscape(&race, focus, &options(PlaneKind::Random)).unwrap();
        let last = race.racers[focus].history.last().unwrap().train_loss;
        assert_eq!(centre_cost(&l).to_bits(), last.to_bits(), "racer {focus}");
        assert_eq!((l.examples, l.subsampled), (40, false));
        assert_eq!(l.explained, None);
        // the followed racer's path ends at the centre: its θ is θc
        let path = &l.paths[focus].1;
        assert_eq!(&path[path.len() - 2..], &[0.0, 0.0]);
    }
}

#[test]
fn the_pca_planes_centre_is_the_train_loss_at_the_start_and_every_path_starts_there() {
    let mut race = race_of(40);
    let start = race.racers[0].network.clone();
    race.train_epochs(3);
    let l = landscape(&race, 0, &options(PlaneKind::Pca)).unwrap();
    let expected = evaluate(&start, &race.data.train).0;
    assert_eq!(centre_cost(&l).to_bits(), expected.to_bits());
    for (kind, path) in &l.paths {
        assert_eq!(&path[..2], &[0.0, 0.0], "{kind:?}");
        // the start, three epochs; the epoch ends are the last update: no extra point
        assert_eq!(path.len(), 2 * 4, "{kind:?}");
    }
    let [s1, s2] = l.explained.unwrap();
    assert!(s1 >= s2 && s2 >= 0.0 && s1 + s2 <= 1.0 + 1e-12, "{s1} {s2}");
}

/// Replaces every racer's snapshots by θ₀ + `offset(e)` for epochs 1 … 6.
fn with_path(race: &mut Race, offset: impl Fn(usize, usize) -> f64) {
    let theta0 = race.initial.as_ref().clone();
    for (i, r) in race.racers.iter_mut().enumerate() {
        r.snapshots = (1..=6)
            .map(|e| Snapshot {
                epoch: e,
                step: e as u64,
                theta: theta0
                    .iter()
                    .enumerate()
                    .map(|(k, t)| t + (i as f64 + 1.0) * offset(e, k))
                    .collect(),
            })
            .collect();
        r.optimizer.step = 6;
    }
}

// A straight path θ_e = θ₀ + c·e·u: one direction explains it all, the other nothing, and
// each point's a is ±c·e·‖u‖ (racer i has c = i + 1).
#[test]
fn a_straight_path_is_recovered_by_the_pca_projection() {
    let mut race = race_of(40);
    let u = |k: usize| ((k % 5) as f64 - 2.0) * 0.1;
    let norm_u = (0..race.initial.len())
        .map(|k| u(k) * u(k))
        .sum::<f64>()
        .sqrt();
    with_path(&mut race, |e, k| e as f64 * u(k));
    let l = landscape(&race, 0, &options(PlaneKind::Pca)).unwrap();
    let [s1, s2] = l.explained.unwrap();
    assert!((s1 - 1.0).abs() < 1e-12 && s2.abs() < 1e-12, "{s1} {s2}");
    for (i, (_, path)) in l.paths.iter().enumerate() {
        for e in 1..=6 {
            let (a, b) = (path[2 * e], path[2 * e + 1]);
            let want = (i as f64 + 1.0) * e as f64 * norm_u;
            assert!((a.abs() - want).abs() < 1e-12 * want, "{a} vs ±{want}");
            assert!(b.abs() < 1e-12, "{b}");
        }
    }
}

// A path in a plane through θ₀ (two directions, not orthogonal): the two shares sum to 1 and
// θ₀ + a·d₁ + b·d₂ gives back every snapshot.
#[test]
fn a_path_in_a_plane_is_recovered_exactly_by_the_pca_projection() {
    let mut race = race_of(40);
    let (u, w) = (|k: usize| (k as f64).sin(), |k: usize| 1.0 + (k % 3) as f64);
    with_path(&mut race, |e, k| {
        e as f64 * u(k) + (e * e) as f64 * 0.01 * w(k)
    });
    let mut job = LandscapeJob::new(&race, 0, &options(PlaneKind::Pca)).unwrap();
    job.run(f64::INFINITY);
    let l = job.result().unwrap();
    let [s1, s2] = l.explained.unwrap();
    assert!((s1 + s2 - 1.0).abs() < 1e-12 && s2 > 1e-6, "{s1} {s2}");
    let plane = job.plane.as_ref().unwrap();
    for (i, r) in race.racers.iter().enumerate() {
        for (e, s) in r.snapshots.iter().enumerate() {
            let (a, b) = (l.paths[i].1[2 * e + 2], l.paths[i].1[2 * e + 3]);
            let mut back = Vec::new();
            plane.point_into(a, b, &mut back);
            for (x, y) in back.iter().zip(&s.theta) {
                assert!((x - y).abs() < 1e-12 * (1.0 + y.abs()), "{x} vs {y}");
            }
        }
    }
}

// Each row of each W[l]'s direction is the Gaussian row drawn for it (in order: layer by
// layer, row by row) times ‖W[l] row‖ / ‖drawn row‖; bias directions 0.
#[test]
fn filter_normalisation_matches_its_definition_row_by_row() {
    let race = race_of(40);
    let net = &race.racers[0].network;
    let d = filter_normalised(net, &mut Random::new(9));
    let mut rng = Random::new(9);
    let mut at = 0;
    for layer in &net.layers {
        for row in layer.w.rows() {
            let g: Vec<f64> = row.iter().map(|_| rng.normal()).collect();
            let g_norm = g.iter().map(|x| x * x).sum::<f64>().sqrt();
            let w_norm = row.iter().map(|x| x * x).sum::<f64>().sqrt();
            let got = &d[at..at + g.len()];
            let got_norm = got.iter().map(|x| x * x).sum::<f64>().sqrt();
            assert!((got_norm - w_norm).abs() < 1e-14 * w_norm);
            for (x, gx) in got.iter().zip(&g) {
                assert!((x - gx * w_norm / g_norm).abs() < 1e-14 * w_norm);
            }
            at += g.len();
        }
        assert!(d[at..at + layer.b.len()].iter().all(|&x| x == 0.0));
        at += layer.b.len();
    }
    assert_eq!(at, net.parameter_count());
}

#[test]
fn a_job_in_parts_is_the_landscape_in_one_go_and_row_zero_is_the_largest_b() {
    let mut race = race_of(300);
    race.train_epochs(2);
    for plane in [PlaneKind::Pca, PlaneKind::Random] {
        let o = LandscapeOptions {
            plane,
            resolution: 7,
            span: None,
            seed: 4,
        };
        let whole = landscape(&race, 1, &o).unwrap();
        let mut job = LandscapeJob::new(&race, 1, &o).unwrap();
        let mut calls = 1;
        while !job.run(1.0) {
            calls += 1;
        }
        assert!(calls >= 49, "one point a call at most: {calls}");
        assert_eq!(job.result().unwrap(), whole);
        assert_eq!((whole.examples, whole.subsampled), (MAX_EXAMPLES, true));
        // cost[0] is at (a₀, b₆): θc + (a·d₁ + b·d₂) on the subsample
        let p = job.plane.as_ref().unwrap();
        let theta: Vec<f64> = (0..p.centre.len())
            .map(|k| p.centre[k] + (whole.a[0] * p.d1[k] + whole.b[6] * p.d2[k]))
            .collect();
        let mut net = race.racers[1].network.clone();
        set_parameters(&mut net, &theta);
        let (examples, _) = subsample(&race.data.train, 4);
        assert_eq!(whole.cost[0], evaluate(&net, &examples).0);
        assert!(whole.b[6] > 0.0 && whole.a[0] < 0.0);
    }
}

#[test]
fn a_subsample_is_256_distinct_examples_in_order_the_same_for_a_seed() {
    let race = race_of(300);
    let (s, sub) = subsample(&race.data.train, 1);
    assert!(sub && s.len() == 256);
    assert_eq!(s, subsample(&race.data.train, 1).0);
    assert_ne!(s, subsample(&race.data.train, 2).0);
    // each a column of the train set, in increasing order of column
    let column = |j: usize| {
        (0..300)
            .find(|&i| race.data.train.x.column(i) == s.x.column(j))
            .unwrap()
    };
    let cols: Vec<usize> = (0..256).map(column).collect();
    assert!(cols.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn axes_by_hand() {
    assert_eq!(axis(5, 2.0), vec![-2.0, -1.0, 0.0, 1.0, 2.0]);
    assert_eq!(axis(2, 1.0), vec![-1.0, 1.0]);
    assert_eq!(axis(41, 0.3)[20], 0.0);
}

#[test]
fn jacobi_by_hand() {
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2
    let (values, v) = jacobi(vec![vec![2.0, 1.0], vec![1.0, 2.0]]);
    let mut sorted = values.clone();
    sorted.sort_by(f64::total_cmp);
    assert!((sorted[0] - 1.0).abs() < 1e-15 && (sorted[1] - 3.0).abs() < 1e-15);
    let top = if values[0] > values[1] { 0 } else { 1 };
    assert!((v[0][top].abs() - 0.5f64.sqrt()).abs() < 1e-15);
    assert!((v[0][top] - v[1][top]).abs() < 1e-15);
}

#[test]
fn what_cannot_be_drawn_says_why() {
    let race = race_of(40);
    let err = |o: LandscapeOptions| landscape(&race, 0, &o).unwrap_err();
    let random = options(PlaneKind::Random);
    for bad in [0, 1, 42] {
        let o = LandscapeOptions {
            resolution: bad,
            ..random
        };
        assert_eq!(err(o), LandscapeError::Resolution(bad));
    }
    for bad in [0.0, -1.0, f64::INFINITY] {
        let o = LandscapeOptions {
            span: Some(bad),
            ..random
        };
        assert_eq!(err(o), LandscapeError::Span(bad));
    }
    assert!(matches!(
        err(LandscapeOptions {
            span: Some(f64::NAN),
            ..random
        }),
        LandscapeError::Span(_)
    ));
    assert_eq!(err(options(PlaneKind::Pca)), LandscapeError::NoPaths);
    let mut zeros = race_of(40);
    for l in &mut zeros.racers[0].network.layers {
        l.w.fill(0.0);
    }
    assert_eq!(err_of(&zeros, random), LandscapeError::FlatPlane);
    assert_eq!(
        LandscapeError::NoPaths.to_string(),
        "the PCA plane needs the racers' paths: train at least one epoch first (or ask for the random plane)"
    );
}

fn err_of(race: &Race, o: LandscapeOptions) -> LandscapeError {
    landscape(race, 0, &o).unwrap_err()
}
