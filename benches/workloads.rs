//! The canonical workloads (benches/README.md) natively: P1-adam, P1-sgd, P2 and the P3 frame,
//! timed for the engine and, in the same process on the same data and weights, for a peer —
//! the obvious ndarray code (`dot`, whose kernel may use FMA and any summation order, and the
//! platform's `tanh` / `exp`), i.e. what the engine's fixed-order products and `libm` cost.
//! Prints medians and ratios and checks that both compute the right numbers.
//!
//!   cargo bench --bench workloads

use backprop_playground::math::optimizer::OptimizerKind;
use backprop_playground::scenario::Scenario;
use ndarray::{Array2, Axis};
use std::time::Instant;

const SCENARIO: &str = include_str!("spiral-scenario.json");

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn time(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64() * 1e3
}

/// The 200 × 200 grid of the workload: point i·200 + j at (lo + (hi−lo)·i/199, lo + (hi−lo)·j/199).
fn grid(side: usize) -> Array2<f64> {
    let (lo, hi) = (-6.0, 6.0);
    let step = (hi - lo) / (side - 1) as f64;
    Array2::from_shape_fn((2, side * side), |(r, p)| {
        lo + step * if r == 0 { p / side } else { p % side } as f64
    })
}

/// The peer: tanh hidden layers, a sigmoid output, BCE, written the obvious way with ndarray.
#[derive(Clone)]
struct Peer {
    w: Vec<Array2<f64>>,
    b: Vec<Array2<f64>>,
    v: Vec<Array2<f64>>,
    s: Vec<Array2<f64>>,
    t: i32,
}

impl Peer {
    fn new(scenario: &Scenario) -> Peer {
        let net = scenario.network();
        let w: Vec<_> = net.layers.iter().map(|l| l.w.clone()).collect();
        let b: Vec<_> = net.layers.iter().map(|l| l.b.clone()).collect();
        let zeros = |p: &Vec<Array2<f64>>| -> Vec<Array2<f64>> {
            p.iter().map(|a| Array2::zeros(a.raw_dim())).collect()
        };
        let (mut v, mut s) = (zeros(&w), zeros(&w));
        v.extend(zeros(&b));
        s.extend(zeros(&b));
        Peer { w, b, v, s, t: 0 }
    }

    fn forward(&self, x: &Array2<f64>) -> Vec<Array2<f64>> {
        let mut a = vec![x.clone()];
        let last = self.w.len() - 1;
        for (l, (w, b)) in self.w.iter().zip(&self.b).enumerate() {
            let z = w.dot(&a[l]) + b;
            a.push(if l == last {
                z.mapv(|z| 1.0 / (1.0 + (-z).exp()))
            } else {
                z.mapv(f64::tanh)
            });
        }
        a
    }

    /// One mini-batch: forward, δ[L] = A − Y, backward, then the update of `kind` with α and
    /// the defaults of docs/math.md (β = 0.9; β1 = 0.9, β2 = 0.999; ε = 1e-8).
    fn step(&mut self, x: &Array2<f64>, y: &Array2<f64>, kind: OptimizerKind, alpha: f64) {
        let a = self.forward(x);
        let m = x.ncols() as f64;
        let depth = self.w.len();
        let mut delta = &a[depth] - y;
        let mut grads = vec![(Array2::zeros((0, 0)), Array2::zeros((0, 0))); depth];
        for l in (0..depth).rev() {
            let dw = delta.dot(&a[l].t()) / m;
            let db = delta.sum_axis(Axis(1)).insert_axis(Axis(1)) / m;
            if l > 0 {
                delta = self.w[l].t().dot(&delta) * a[l].mapv(|v| 1.0 - v * v);
            }
            grads[l] = (dw, db);
        }
        self.t += 1;
        let (b1, b2, eps) = (0.9, 0.999, 1e-8);
        let (c1, c2) = (1.0 - f64::powi(b1, self.t), 1.0 - f64::powi(b2, self.t));
        let params = self.w.iter_mut().chain(self.b.iter_mut());
        let gs = grads.iter().map(|g| &g.0).chain(grads.iter().map(|g| &g.1));
        for (((p, g), v), s) in params.zip(gs).zip(&mut self.v).zip(&mut self.s) {
            match kind {
                OptimizerKind::Sgd => p.scaled_add(-alpha, g),
                OptimizerKind::Momentum => {
                    v.zip_mut_with(g, |v, &g| *v = b1 * *v + (1.0 - b1) * g);
                    p.scaled_add(-alpha, v);
                }
                OptimizerKind::RmsProp => {
                    s.zip_mut_with(g, |s, &g| *s = b1 * *s + (1.0 - b1) * g * g);
                    ndarray::Zip::from(p)
                        .and(g)
                        .and(&*s)
                        .for_each(|p, &g, &s| *p -= alpha * g / (s.sqrt() + eps));
                }
                OptimizerKind::Adam => {
                    v.zip_mut_with(g, |v, &g| *v = b1 * *v + (1.0 - b1) * g);
                    s.zip_mut_with(g, |s, &g| *s = b2 * *s + (1.0 - b2) * g * g);
                    ndarray::Zip::from(p)
                        .and(&*v)
                        .and(&*s)
                        .for_each(|p, &v, &s| {
                            *p -= alpha * (v / c1) / ((s / c2).sqrt() + eps);
                        });
                }
            }
        }
    }

    /// One epoch: mini-batches of `batch` columns in data order.
    fn epoch(
        &mut self,
        x: &Array2<f64>,
        y: &Array2<f64>,
        batch: usize,
        kind: OptimizerKind,
        alpha: f64,
    ) {
        let mut start = 0;
        while start < x.ncols() {
            let end = (start + batch).min(x.ncols());
            let cols = ndarray::s![.., start..end];
            self.step(
                &x.slice(cols).to_owned(),
                &y.slice(cols).to_owned(),
                kind,
                alpha,
            );
            start = end;
        }
    }

    fn loss(&self, x: &Array2<f64>, y: &Array2<f64>) -> f64 {
        let a = self.forward(x);
        let out = &a[self.w.len()];
        let terms = ndarray::Zip::from(out)
            .and(y)
            .map_collect(|&a, &y| -(y * a.max(1e-12).ln() + (1.0 - y) * (1.0 - a).max(1e-12).ln()));
        terms.sum() / y.ncols() as f64
    }
}

fn main() {
    let scenario = Scenario::from_json(SCENARIO).expect("benches/spiral-scenario.json");
    let data = scenario.dataset();
    let (x, y) = (&data.train.x, &data.train.y);
    let batch = scenario.batch_size;
    let settings = |kind: OptimizerKind| {
        *scenario
            .race
            .iter()
            .find(|s| s.kind() == kind)
            .expect("the race has every kind")
    };

    // P1: one epoch (and the train loss after it), median of epochs 11..110
    let mut rows = Vec::new();
    let mut losses = Vec::new();
    for kind in [OptimizerKind::Adam, OptimizerKind::Sgd] {
        let mut race = scenario.race_of(&[settings(kind)]);
        let ours: Vec<f64> = (0..110).map(|_| time(|| race.train_epochs(1))).collect();
        let mut peer = Peer::new(&scenario);
        let alpha = settings(kind).learning_rate();
        let mut peer_loss = 0.0;
        let theirs: Vec<f64> = (0..110)
            .map(|_| {
                time(|| {
                    peer.epoch(x, y, batch, kind, alpha);
                    peer_loss = peer.loss(x, y);
                })
            })
            .collect();
        let ours_loss = race.racers[0]
            .history
            .last()
            .expect("110 epochs")
            .train_loss;
        losses.push((kind, ours_loss, peer_loss));
        rows.push((
            format!("P1-{} (epoch + train loss)", kind.name()),
            median(ours[10..].to_vec()),
            median(theirs[10..].to_vec()),
        ));
    }

    // P2: the forward pass over the 200 × 200 grid with the initial weights
    let net = scenario.network();
    let points = grid(200);
    let peer = Peer::new(&scenario);
    let (mut ours_out, mut peer_out) = (Array2::zeros((1, 1)), Array2::zeros((1, 1)));
    for _ in 0..5 {
        ours_out = net.predict(points.view());
        peer_out = peer.forward(&points).pop().expect("output");
    }
    let ours: Vec<f64> = (0..50)
        .map(|_| time(|| ours_out = net.predict(points.view())))
        .collect();
    let theirs: Vec<f64> = (0..50)
        .map(|_| time(|| peer_out = peer.forward(&points).pop().expect("output")))
        .collect();
    rows.push(("P2 (40,000 points)".into(), median(ours), median(theirs)));

    // P3: a race epoch of the four optimizers and their four boundaries at 100 × 100
    let small = grid(100);
    let mut race = scenario.race_of(&scenario.race);
    let ours: Vec<f64> = (0..40)
        .map(|_| {
            time(|| {
                race.train_epochs(1);
                for r in &race.racers {
                    std::hint::black_box(r.network.predict(small.view()));
                }
            })
        })
        .collect();
    let mut peers: Vec<(Peer, OptimizerKind, f64)> = OptimizerKind::ALL
        .iter()
        .map(|&k| (Peer::new(&scenario), k, settings(k).learning_rate()))
        .collect();
    let theirs: Vec<f64> = (0..40)
        .map(|_| {
            time(|| {
                for (p, kind, alpha) in &mut peers {
                    p.epoch(x, y, batch, *kind, *alpha);
                    std::hint::black_box(p.loss(x, y));
                }
                for (p, ..) in &peers {
                    std::hint::black_box(p.forward(&small));
                }
            })
        })
        .collect();
    rows.push((
        "P3 frame (4 epochs + 4 × 100²)".into(),
        median(ours[5..].to_vec()),
        median(theirs[5..].to_vec()),
    ));

    println!("Native benchmark (medians; ratio = engine / ndarray peer, below 1 is faster)");
    println!(
        "{:34} {:>11} {:>11} {:>7}",
        "workload", "engine", "peer", "ratio"
    );
    for (name, ours, theirs) in &rows {
        println!(
            "{name:34} {ours:>8.3} ms {theirs:>8.3} ms {:>6.2}×",
            ours / theirs
        );
    }
    println!();
    // expected values: ../shared/bench/workloads.md (PyTorch float64 for the losses)
    let mut ok = true;
    let mut check = |what: &str, got: f64, want: f64, tol: f64| {
        let good = (got - want).abs() <= tol;
        ok &= good;
        println!(
            "{} {what}: {got} (expected {want} ± {tol})",
            if good { "ok " } else { "BAD" }
        );
    };
    for (kind, ours, theirs) in losses {
        let want = if kind == OptimizerKind::Adam {
            0.655
        } else {
            0.6923
        };
        check(
            &format!("engine P1-{} loss after 110 epochs", kind.name()),
            ours,
            want,
            0.002,
        );
        check(
            &format!("peer P1-{} loss after 110 epochs", kind.name()),
            theirs,
            want,
            0.002,
        );
    }
    let mean = |a: &Array2<f64>| a.mean().expect("points");
    check("engine P2 mean output", mean(&ours_out), 0.5, 1e-12);
    check("peer P2 mean output", mean(&peer_out), 0.5, 1e-12);
    check(
        "engine P2 out[12345]",
        ours_out[[0, 12345]],
        0.630775903,
        5e-10,
    );
    check(
        "peer P2 out[12345]",
        peer_out[[0, 12345]],
        0.630775903,
        5e-10,
    );
    if !ok {
        std::process::exit(1);
    }
}
