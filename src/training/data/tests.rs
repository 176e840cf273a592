use super::*;
use ndarray::Axis;
use std::f64::consts::PI;

#[test]
fn a_set_is_empty_only_without_columns() {
    let three = Examples::new(Array2::zeros((2, 3)), Array2::zeros((1, 3)));
    assert_eq!((three.len(), three.is_empty()), (3, false));
    let none = three.select(&[]);
    assert_eq!((none.len(), none.is_empty()), (0, true));
}

fn spec(dataset: Dataset, outputs: usize) -> Generate {
    Generate {
        dataset,
        samples: 400,
        noise: 0.0,
        train_fraction: 0.75,
        seed: 3,
        input_scale: None,
        outputs,
        features: vec![Feature::X1, Feature::X2],
    }
}

#[test]
fn every_data_set_has_the_right_shapes_split_and_labels() {
    for d in Dataset::ALL {
        for &outputs in d.output_sizes() {
            let set = spec(d, outputs).generate();
            assert_eq!(set.train.x.dim(), (2, 300), "{}", d.name());
            assert_eq!(set.train.y.dim(), (outputs, 300));
            let test = set.test.expect("test set");
            assert_eq!(test.len(), 100);
            assert!(
                max_abs_input(set.train.x.view()) <= RADIUS + 1e-12,
                "{}",
                d.name()
            );
            if d.task() != Task::Regression {
                // labels are 0/1 (one-hot columns sum to 1) and every class is there
                assert!(set.train.y.iter().all(|&v| v == 0.0 || v == 1.0));
                if outputs > 1 {
                    assert!(set.train.y.sum_axis(Axis(0)).iter().all(|&s| s == 1.0));
                }
                let counts = set.train.y.sum_axis(Axis(1));
                if outputs == 1 {
                    assert!(
                        counts[0] > 100.0 && counts[0] < 200.0,
                        "{}: {counts}",
                        d.name()
                    );
                } else {
                    assert!(counts.iter().all(|&c| c > 60.0), "{}: {counts}", d.name());
                }
            }
        }
    }
}

#[test]
fn labels_match_the_geometry() {
    let set = spec(Dataset::Circle, 1).generate();
    for (x, y) in set.train.x.axis_iter(Axis(1)).zip(set.train.y.iter()) {
        let r = (x[0] * x[0] + x[1] * x[1]).sqrt();
        assert_eq!(*y == 1.0, r < 0.6 * RADIUS, "r = {r}");
    }
    let set = spec(Dataset::Xor, 1).generate();
    for (x, y) in set.train.x.axis_iter(Axis(1)).zip(set.train.y.iter()) {
        assert_eq!(*y == 1.0, x[0] * x[1] > 0.0);
    }
    let set = spec(Dataset::Plane, 1).generate();
    for (x, y) in set.train.x.axis_iter(Axis(1)).zip(set.train.y.iter()) {
        assert!((y - (x[0] + x[1]) / (2.0 * RADIUS)).abs() < 1e-12);
    }
}

/// The clean points (noise 0) of xor, gaussian and moons, in units of RADIUS, against the
/// geometry their comments give.
#[test]
fn xor_gaussian_and_moons_points_sit_where_they_should() {
    let points = |d: Dataset| {
        let set = spec(d, 1).generate();
        let x = set.train.x.mapv(|v| v / RADIUS);
        (0..x.ncols())
            .map(|j| (x[[0, j]], x[[1, j]], set.train.y[[0, j]]))
            .collect::<Vec<_>>()
    };
    // xor: |x1|, |x2| in [0.05, 1], spread over the whole square
    let xor = points(Dataset::Xor);
    for &(x1, x2, _) in &xor {
        for v in [x1, x2] {
            assert!((0.05 - 1e-12..=1.0 + 1e-12).contains(&v.abs()), "{v}");
        }
    }
    let spread = |f: fn(&(f64, f64, f64)) -> f64| {
        let v: Vec<f64> = xor.iter().map(f).collect();
        let (lo, hi) = v.iter().fold((1.0f64, 0.0f64), |(lo, hi), x| {
            (lo.min(x.abs()), hi.max(x.abs()))
        });
        (
            lo < 0.1,
            hi > 0.9,
            v.iter().any(|&x| x < 0.0) && v.iter().any(|&x| x > 0.0),
        )
    };
    assert_eq!(spread(|p| p.0), (true, true, true));
    assert_eq!(spread(|p| p.1), (true, true, true));
    // gaussian: class 1 around (0.4, 0.4), class 0 around (−0.4, −0.4), spread 0.15
    let gaussian = points(Dataset::Gaussian);
    for (label, centre) in [(1.0, 0.4), (0.0, -0.4)] {
        let class: Vec<_> = gaussian.iter().filter(|p| p.2 == label).collect();
        let n = class.len() as f64;
        for coord in [|p: &&(f64, f64, f64)| p.0, |p: &&(f64, f64, f64)| p.1] {
            let mean = class.iter().map(coord).sum::<f64>() / n;
            let sd = (class.iter().map(|p| (coord(p) - mean).powi(2)).sum::<f64>() / n).sqrt();
            assert!((mean - centre).abs() < 0.04, "class {label}: mean {mean}");
            assert!((sd - 0.15).abs() < 0.03, "class {label}: spread {sd}");
        }
    }
    // blobs3: class k around 0.55·(cos θ, sin θ), θ = π/2 + 2πk/3, spread 0.15
    let set = spec(Dataset::Blobs3, 3).generate();
    for k in 0..3 {
        let cols: Vec<usize> = (0..set.train.len())
            .filter(|&j| set.train.y[[k, j]] == 1.0)
            .collect();
        let n = cols.len() as f64;
        let angle = PI / 2.0 + 2.0 * PI * k as f64 / 3.0;
        for (row, centre) in [(0, 0.55 * angle.cos()), (1, 0.55 * angle.sin())] {
            let v: Vec<f64> = cols
                .iter()
                .map(|&j| set.train.x[[row, j]] / RADIUS)
                .collect();
            let mean = v.iter().sum::<f64>() / n;
            let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
            assert!(
                (mean - centre).abs() < 0.04,
                "class {k}: mean {mean}, centre {centre}"
            );
            assert!((sd - 0.15).abs() < 0.03, "class {k}: spread {sd}");
        }
    }
    // plane: inputs spread over [−1, 1]² (the labels are checked in labels_match_the_geometry)
    let plane = points(Dataset::Plane);
    for f in [|p: &(f64, f64, f64)| p.0, |p: &(f64, f64, f64)| p.1] {
        let (lo, hi) = plane
            .iter()
            .map(f)
            .fold((1.0f64, -1.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        assert!(
            lo < -0.9 && hi > 0.9 && lo >= -1.0 && hi <= 1.0,
            "[{lo}, {hi}]"
        );
    }
    // moons: undo the centring and scaling, x' = 1.5x + 0.5, y' = 1.5y + 0.25; class 0 on
    // the upper half of the unit circle, class 1 on the lower half of the one at (1, 0.5)
    for (x, y, label) in points(Dataset::Moons) {
        let (u, v) = (1.5 * x + 0.5, 1.5 * y + 0.25);
        let (du, dv) = if label == 0.0 {
            (u, v)
        } else {
            (1.0 - u, 0.5 - v)
        };
        assert!(
            (du * du + dv * dv - 1.0).abs() < 1e-9,
            "class {label} at ({u}, {v})"
        );
        assert!(dv >= -1e-12, "class {label} at ({u}, {v}) is on its half");
    }
}

#[test]
fn seed_noise_scale_and_fraction_do_what_they_say() {
    let a = spec(Dataset::Spiral, 1).generate();
    assert_eq!(a, spec(Dataset::Spiral, 1).generate());
    let mut other = spec(Dataset::Spiral, 1);
    other.seed = 4;
    assert_ne!(a.train.x, other.generate().train.x);
    let mut noisy = spec(Dataset::Spiral, 1);
    noisy.noise = 0.2;
    let noisy = noisy.generate();
    assert_ne!(a.train.x, noisy.train.x);
    let mut scaled = spec(Dataset::Spiral, 1);
    scaled.input_scale = Some(vec![1.0, 100.0]);
    let scaled = scaled.generate();
    assert_eq!(scaled.train.x.row(1), a.train.x.row(1).mapv(|v| v * 100.0));
    assert_eq!(scaled.train.x.row(0), a.train.x.row(0));
    let mut all = spec(Dataset::Moons, 1);
    all.train_fraction = 1.0;
    let all = all.generate();
    assert_eq!(all.train.len(), 400);
    assert!(all.test.is_none());
}

#[test]
fn select_takes_columns_in_order() {
    let set = spec(Dataset::Gaussian, 2).generate();
    let b = set.train.select(&[5, 2]);
    assert_eq!(b.x.column(0), set.train.x.column(5));
    assert_eq!(b.y.column(1), set.train.y.column(2));
    // ndarray's select, the reference, on repeated and reordered columns and on none
    for idx in [vec![], vec![3, 3, 0], (0..set.train.len()).rev().collect()] {
        let b = set.train.select(&idx);
        assert_eq!(b.x, set.train.x.select(Axis(1), &idx));
        assert_eq!(b.y, set.train.y.select(Axis(1), &idx));
        assert_eq!(b.coords, set.train.coords.select(Axis(1), &idx));
    }
    for d in Dataset::ALL {
        assert_eq!(Dataset::from_name(d.name()), Some(d));
    }
}

/// The split of m examples: round(m × share) train (at least 1), every example once, each
/// part in order; the same seed the same split, another seed (here) another.
#[test]
fn split_keeps_every_example_once() {
    let (train, test) = split(7, 0.6, 3);
    assert_eq!(train.len(), 4, "round(7 × 0.6) = round(4.2) = 4");
    let mut all = [train.clone(), test.clone()].concat();
    all.sort_unstable();
    assert_eq!(all, (0..7).collect::<Vec<_>>());
    assert!(train.windows(2).all(|w| w[0] < w[1]) && test.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(split(7, 0.6, 3), (train.clone(), test));
    assert_ne!(split(7, 0.6, 4).0, train);
    assert_eq!(split(3, 0.01, 0).0.len(), 1, "at least one trains");
    assert_eq!(split(3, 1.0, 0).1, Vec::<usize>::new());
}
