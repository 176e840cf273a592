//! The race on a surface against closed forms on the bowl f = ½ xᵀHx, the phenomena the
//! presets claim, and the stops. Every expected number comes from an independent formula
//! (eigen-coordinates, matrix powers by `libm::pow`, the scalar recurrences), never from the
//! update code under test.

use super::*;
use crate::math::surface::functions::bowl_eigen_coordinates;

const BETA: f64 = 0.9;

fn sgd(learning_rate: f64) -> OptimizerSettings {
    OptimizerSettings::Sgd { learning_rate }
}

fn momentum(learning_rate: f64) -> OptimizerSettings {
    OptimizerSettings::Momentum {
        learning_rate,
        beta: BETA,
    }
}

fn adam(learning_rate: f64) -> OptimizerSettings {
    OptimizerSettings::Adam {
        learning_rate,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
    }
}

/// (x, y) = R(θ)(u, v): from eigen-coordinates back (c = cos θ, s = sin θ by `libm`).
fn from_eigen(angle: f64, u: f64, v: f64) -> [f64; 2] {
    let theta = angle * std::f64::consts::PI / 180.0;
    let (c, s) = (libm::cos(theta), libm::sin(theta));
    [c * u - s * v, s * u + c * v]
}

/// |got − want| ≤ 1e-12·‖want‖ for both coordinates: relative to the iterate's size (a
/// coordinate passing near 0 has no relative error of its own).
fn assert_near(got: [f64; 2], want: [f64; 2], what: &str) {
    let size = want[0].hypot(want[1]);
    for i in 0..2 {
        assert!(
            (got[i] - want[i]).abs() <= 1e-12 * size,
            "{what}: {got:?} against {want:?}"
        );
    }
}

const BOWLS: [(f64, f64); 4] = [(10.0, 30.0), (50.0, 0.0), (50.0, 75.0), (3.0, -140.0)];

/// SGD on f = ½ xᵀHx: x_t = (I − αH)^t x₀ = R diag((1 − α)^t, (1 − ακ)^t) Rᵀ x₀, so the
/// eigen-coordinates are u_t = (1 − α)^t u₀ and v_t = (1 − ακ)^t v₀ (`libm::pow`).
#[test]
fn sgd_on_the_bowl_is_the_matrix_power() {
    for (kappa, angle) in BOWLS {
        let surface = Surface::Bowl { kappa, angle };
        let start = surface.default_start();
        let alpha = 1.8 / kappa;
        let mut race = SurfaceRace::new(surface, start, &[sgd(alpha)]);
        race.run(100).unwrap();
        let (u0, v0) = bowl_eigen_coordinates(angle, start[0], start[1]);
        for (t, &p) in race.racers[0].path.iter().enumerate() {
            let t = t as f64;
            let u = libm::pow(1.0 - alpha, t) * u0;
            let v = libm::pow(1.0 - alpha * kappa, t) * v0;
            assert_near(
                p,
                from_eigen(angle, u, v),
                &format!("κ {kappa} θ {angle} t {t}"),
            );
        }
        assert_eq!(race.racers[0].path.len(), 101);
        // and as the matrix power itself: M = I − αH with H written out (the doc comment of
        // `Surface::Bowl`), M^t by repeated products, applied to x₀
        let theta = angle * std::f64::consts::PI / 180.0;
        let (c, s) = (libm::cos(theta), libm::sin(theta));
        let h = [
            [c * c + kappa * s * s, (1.0 - kappa) * c * s],
            [(1.0 - kappa) * c * s, s * s + kappa * c * c],
        ];
        let m = [
            [1.0 - alpha * h[0][0], -alpha * h[0][1]],
            [-alpha * h[1][0], 1.0 - alpha * h[1][1]],
        ];
        let mut power = [[1.0, 0.0], [0.0, 1.0]];
        for &p in &race.racers[0].path {
            let x = [0, 1].map(|i| power[i][0] * start[0] + power[i][1] * start[1]);
            assert_near(p, x, &format!("κ {kappa} θ {angle}, (I − αH)^t x₀"));
            power = [0, 1].map(|i| [0, 1].map(|j| power[i][0] * m[0][j] + power[i][1] * m[1][j]));
        }
    }
}

/// Momentum (EMA form, V ← βV + (1 − β)∇f, x ← x − αV) on the bowl: in the eigen-direction
/// of eigenvalue λ (1 or κ) the coordinate z and the velocity's coordinate w follow the 2×2
/// recurrence w_t = β w_{t−1} + (1 − β) λ z_{t−1}, z_t = z_{t−1} − α w_t, i.e.
/// (z, w)_t = [[1 − α(1 − β)λ, −αβ], [(1 − β)λ, β]] (z, w)_{t−1}, from w₀ = 0.
#[test]
fn momentum_on_the_bowl_follows_its_recurrence_per_eigen_direction() {
    for (kappa, angle) in BOWLS {
        let surface = Surface::Bowl { kappa, angle };
        let start = surface.default_start();
        let alpha = 1.8 / kappa;
        let mut race = SurfaceRace::new(surface, start, &[momentum(alpha)]);
        race.run(100).unwrap();
        let (u0, v0) = bowl_eigen_coordinates(angle, start[0], start[1]);
        let mut shallow = (u0, 0.0);
        let mut steep = (v0, 0.0);
        let next = |(z, w): (f64, f64), lambda: f64| {
            let (a11, a12, a21, a22) = (
                1.0 - alpha * (1.0 - BETA) * lambda,
                -alpha * BETA,
                (1.0 - BETA) * lambda,
                BETA,
            );
            (a11 * z + a12 * w, a21 * z + a22 * w)
        };
        for (t, &p) in race.racers[0].path.iter().enumerate() {
            let what = format!("κ {kappa} θ {angle} t {t}");
            assert_near(p, from_eigen(angle, shallow.0, steep.0), &what);
            shallow = next(shallow, 1.0);
            steep = next(steep, kappa);
        }
    }
}

/// Adam's first step: V̂ = g and Ŝ = g² after the bias corrections, so the step is
/// −α g / (|g| + ε) per coordinate — from every surface's default start.
#[test]
fn adams_first_step_is_alpha_times_the_sign() {
    let surfaces = [
        Surface::Bowl {
            kappa: 50.0,
            angle: 0.0,
        },
        Surface::Rosenbrock,
        Surface::Beale,
        Surface::Himmelblau,
        Surface::Saddle,
        Surface::Rastrigin,
    ];
    for surface in surfaces {
        let start = surface.default_start();
        let alpha = 0.05;
        let mut race = SurfaceRace::new(surface, start, &[adam(alpha)]);
        race.step().unwrap();
        let g = surface.gradient(start);
        let want = [0, 1].map(|i| start[i] - alpha * g[i] / (g[i].abs() + 1e-8));
        let got = race.racers[0].path[1];
        for i in 0..2 {
            let step = want[i] - start[i];
            assert!(
                ((got[i] - start[i]) - step).abs() <= 1e-12 * step.abs(),
                "{surface:?}: {got:?} against {want:?}"
            );
        }
        // the effective step is the change made, to the rounding of x + step
        let e = race.racers[0].effective_step().unwrap();
        for i in 0..2 {
            let change = got[i] - start[i];
            assert!((e[i] - change).abs() <= 1e-15 * (1.0 + start[i].abs()));
        }
    }
}

/// The ravine preset (bowl, κ = 50, θ = 0, the steep axis y) with α = 0.039 just below
/// 2/κ = 0.04: SGD's steep factor 1 − ακ = −0.95 makes its steep coordinate change sign at
/// every update, while its shallow factor 1 − α = 0.961 keeps the shallow one's sign.
/// Momentum with the same α and β = 0.9 has complex roots along the shallow axis
/// ((1 + β − α(1 − β))² < 4β, i.e. α(1 − β) > (1 − √β)² ≈ 0.00263), so it overshoots:
/// its shallow coordinate changes sign, which SGD's never does.
#[test]
fn the_ravine_sgd_zig_zags_and_momentum_passes_the_minimum() {
    for angle in [0.0, 30.0] {
        let surface = Surface::Bowl { kappa: 50.0, angle };
        let start = surface.default_start();
        let mut race = SurfaceRace::new(surface, start, &[sgd(0.039), momentum(0.039)]);
        race.run(200).unwrap();
        let eigen = |p: [f64; 2]| bowl_eigen_coordinates(angle, p[0], p[1]);
        let sgd_path: Vec<(f64, f64)> = race.racers[0].path.iter().map(|&p| eigen(p)).collect();
        for w in sgd_path[..101].windows(2) {
            assert!(
                w[0].1 * w[1].1 < 0.0,
                "θ {angle}: the steep coordinate keeps its sign"
            );
            assert!(w[0].0 * w[1].0 > 0.0 && w[1].0.abs() < w[0].0.abs());
        }
        let u0 = sgd_path[0].0;
        let momentum_u: Vec<f64> = race.racers[1].path.iter().map(|&p| eigen(p).0).collect();
        let passed = momentum_u.iter().position(|&u| u * u0 < 0.0);
        assert!(
            passed.is_some(),
            "θ {angle}: momentum never passed the minimum"
        );
        assert!(sgd_path.iter().all(|&(u, _)| u * u0 > 0.0));
    }
}

/// Adam on the saddle x² − y² from (−1.5, 0.001), just off the ridge y = 0: its first steps
/// are ±α in each coordinate whatever the gradient's size, so it leaves along the unstable
/// direction y at once, while SGD's |y| only grows by 1 + 2α = 1.1 an update.
#[test]
fn adam_leaves_the_saddle_along_the_unstable_direction() {
    let start = Surface::Saddle.default_start();
    let mut race = SurfaceRace::new(Surface::Saddle, start, &[sgd(0.05), adam(0.05)]);
    race.run(10).unwrap();
    let sgd_y = race.racers[0].path[10][1];
    let adam_y = race.racers[1].path[10][1];
    // SGD: y_t = 1.1^t · 0.001 exactly in the closed form
    approx::assert_relative_eq!(sgd_y, libm::pow(1.1, 10.0) * 0.001, max_relative = 1e-12);
    assert!(adam_y > 100.0 * sgd_y, "Adam {adam_y}, SGD {sgd_y}");
    // Adam's y moves away from the ridge at every update
    let ys: Vec<f64> = race.racers[1].path.iter().map(|p| p[1]).collect();
    assert!(ys.windows(2).all(|w| w[1] > w[0]), "{ys:?}");
}

/// SGD on the bowl κ = 10, θ = 0 from (−2.5, 1) with α = 2.5/κ: the steep factor is
/// 1 − 2.5 = −1.5, so |y_t| = 1.5^t leaves the doubled square (|y| ≤ 6) at t = 5
/// (1.5⁴ = 5.06, 1.5⁵ = 7.59); the point is kept, the racer is marked, the others go on.
#[test]
fn a_racer_leaving_the_plot_is_stopped_and_the_others_go_on() {
    let surface = Surface::Bowl {
        kappa: 10.0,
        angle: 0.0,
    };
    let start = [-2.5, 1.0];
    let mut race = SurfaceRace::new(surface, start, &[sgd(0.25), momentum(0.18), adam(0.1)]);
    race.run(50).unwrap();
    let out = &race.racers[0];
    let stop = Stop {
        step: 5,
        reason: StopReason::LeftPlot,
    };
    assert_eq!(out.stopped, Some(stop));
    assert_eq!(out.path.len(), 6);
    assert_eq!(out.losses.len(), 6);
    approx::assert_relative_eq!(out.path[5][1], -7.59375, max_relative = 1e-14);
    for r in &race.racers[1..] {
        assert_eq!(r.stopped, None);
        assert_eq!(r.path.len(), 51);
        assert!(r.losses[50] < r.losses[0]);
    }
    assert_eq!(race.steps, 50);
}

/// α = 1e308: the first SGD step from (−2.5, 1) on the bowl (∇ = (−2.5, 10)) overflows to
/// ±∞: the racer is stopped at t = 1 for a non-finite number and keeps only its start.
#[test]
fn a_racer_that_overflows_is_stopped_and_keeps_its_last_finite_point() {
    let surface = Surface::Bowl {
        kappa: 10.0,
        angle: 0.0,
    };
    let mut race = SurfaceRace::new(surface, [-2.5, 1.0], &[sgd(1e308), adam(0.1)]);
    race.run(3).unwrap();
    let stop = Stop {
        step: 1,
        reason: StopReason::NonFinite,
    };
    assert_eq!(race.racers[0].stopped, Some(stop));
    assert_eq!(race.racers[0].path, vec![[-2.5, 1.0]]);
    assert_eq!(race.racers[1].path.len(), 4);
}

#[test]
fn the_race_ends_at_its_cap_with_an_error() {
    let mut race = SurfaceRace::with_defaults(Surface::Himmelblau, [0.0, 0.0]);
    assert_eq!(
        race.run(MAX_SURFACE_STEPS + 1),
        Err(SurfaceRaceError::StepCap {
            done: 0,
            asked: MAX_SURFACE_STEPS + 1
        })
    );
    assert_eq!(race.steps, 0);
    race.run(MAX_SURFACE_STEPS).unwrap();
    let e = race.step().unwrap_err();
    assert_eq!(
        e.to_string(),
        "a race on a test surface ends at 10000 updates; it has made 10000, 1 more were asked"
    );
    assert_eq!(race.racers[0].path.len(), MAX_SURFACE_STEPS as usize + 1);
}

/// The defaults of `defaults.rs`: from each default start no racer leaves the plot in 1,000
/// updates, except on the saddle (unbounded below), where all four do; on the bowls, Beale
/// and Himmelblau every racer ends lower than it started.
#[test]
fn the_defaults_keep_the_racers_on_the_plot() {
    let surfaces = [
        Surface::from_name("bowl").unwrap(),
        Surface::Bowl {
            kappa: 50.0,
            angle: 0.0,
        },
        Surface::Rosenbrock,
        Surface::Beale,
        Surface::Himmelblau,
        Surface::Saddle,
        Surface::Rastrigin,
    ];
    for surface in surfaces {
        let mut race = SurfaceRace::with_defaults(surface, surface.default_start());
        race.run(1000).unwrap();
        for r in &race.racers {
            let stopped = r.stopped.map(|s| s.reason);
            if surface == Surface::Saddle {
                assert_eq!(stopped, Some(StopReason::LeftPlot), "{:?}", r.kind());
            } else {
                assert_eq!(stopped, None, "{surface:?} {:?}", r.kind());
                assert!(r.losses[1000] < r.losses[0], "{surface:?} {:?}", r.kind());
            }
        }
    }
}

/// Live settings: a new α applies from the next update on, point and state kept.
#[test]
fn settings_change_live() {
    let surface = Surface::Saddle;
    let mut race = SurfaceRace::with_defaults(surface, [1.0, 0.5]);
    race.step().unwrap();
    assert!(race.set_settings(sgd(0.1)));
    let p = race.racer(OptimizerKind::Sgd).unwrap().position();
    race.step().unwrap();
    // x ← x − 0.1·2x = 0.8x, y ← y + 0.1·2y = 1.2y
    let q = race.racer(OptimizerKind::Sgd).unwrap().position();
    assert_eq!(q, [p[0] - 0.1 * (2.0 * p[0]), p[1] - 0.1 * (-2.0 * p[1])]);
    let mut only_sgd = SurfaceRace::new(surface, [1.0, 0.5], &[sgd(0.1)]);
    assert!(!only_sgd.set_settings(adam(0.1)));
    only_sgd.step().unwrap();
}

#[test]
fn the_landscape_is_f_over_the_plot_square_row_0_at_the_top() {
    use crate::training::landscape::LandscapeError;
    // the saddle f = x² − y² on [−2, 2]², 3 × 3: a = b = (−2, 0, 2); by hand, row 0 (y = 2)
    // is 4 − 4, 0 − 4, 4 − 4; row 1 (y = 0) is 4, 0, 4; row 2 (y = −2) as row 0
    let race = SurfaceRace::with_defaults(Surface::Saddle, [-1.5, 0.001]);
    let l = race.landscape(3).unwrap();
    assert_eq!(l.a, [-2.0, 0.0, 2.0]);
    assert_eq!(l.b, [-2.0, 0.0, 2.0]);
    assert_eq!(l.cost, [0.0, -4.0, 0.0, 4.0, 0.0, 4.0, 0.0, -4.0, 0.0]);
    assert_eq!(l.paths.len(), 4);
    assert_eq!(l.paths[0].1, [-1.5, 0.001], "the start, before any update");
    assert_eq!(race.landscape(1), Err(LandscapeError::Resolution(1)));
    assert_eq!(race.landscape(42), Err(LandscapeError::Resolution(42)));
}
