//! The test functions against hand-worked values, central differences and the literature's
//! minima; the contour levels; the scenario field's check.

use super::*;
use crate::math::random::Random;
use approx::assert_relative_eq;

const ALL: [Surface; 8] = [
    Surface::Bowl {
        kappa: 10.0,
        angle: 30.0,
    },
    Surface::Bowl {
        kappa: 50.0,
        angle: 0.0,
    },
    Surface::Bowl {
        kappa: 1000.0,
        angle: -115.0,
    },
    Surface::Rosenbrock,
    Surface::Beale,
    Surface::Himmelblau,
    Surface::Saddle,
    Surface::Rastrigin,
];

fn close(got: [f64; 2], want: [f64; 2], what: &str) {
    for (g, w) in got.iter().zip(want) {
        assert!(
            approx::relative_eq!(*g, w, max_relative = 1e-15, epsilon = 1e-13),
            "{what}: {got:?} against {want:?}"
        );
    }
}

/// Each value worked by hand from the formula (in the comment), not from the code.
#[test]
fn values_and_gradients_by_hand() {
    let bowl = |kappa, angle| Surface::Bowl { kappa, angle };
    // θ = 0, κ = 10: H = diag(1, 10); at (1, 2): f = ½(1 + 10·4) = 20.5, ∇ = (1, 20)
    let cases: Vec<(Surface, [f64; 2], f64, [f64; 2])> = vec![
        (bowl(10.0, 0.0), [1.0, 2.0], 20.5, [1.0, 20.0]),
        // θ = 90°: H = diag(κ, 1) = diag(10, 1); at (1, 2): f = ½(10 + 4) = 7, ∇ = (10, 2)
        (bowl(10.0, 90.0), [1.0, 2.0], 7.0, [10.0, 2.0]),
        // θ = 45°, κ = 3: H = [[(1+3)/2, (1−3)/2], [(1−3)/2, (1+3)/2]] = [[2, −1], [−1, 2]];
        // at (1, 2): ∇ = Hx = (0, 3), f = ½ xᵀHx = ½ (1·0 + 2·3) = 3
        (bowl(3.0, 45.0), [1.0, 2.0], 3.0, [0.0, 3.0]),
        // (0, 0): f = 1, ∇ = (−2·1 − 0, 0)
        (Surface::Rosenbrock, [0.0, 0.0], 1.0, [-2.0, 0.0]),
        // (−1.2, 1): y − x² = −0.44; f = 2.2² + 100·0.1936 = 24.2 (Rosenbrock's own start);
        // ∇ = (−2·2.2 − 400·(−1.2)(−0.44), 200·(−0.44)) = (−4.4 − 211.2, −88)
        (Surface::Rosenbrock, [-1.2, 1.0], 24.2, [-215.6, -88.0]),
        // (0, 0): t = (1.5, 2.25, 2.625); f = 2.25 + 5.0625 + 6.890625 = 14.203125;
        // ∇ = (−2·1.5 − 2·2.25 − 2·2.625, 0) = (−12.75, 0)
        (Surface::Beale, [0.0, 0.0], 14.203125, [-12.75, 0.0]),
        // (1, 1): t = (1.5, 2.25, 2.625) again; ∂x = 0 (every y^k − 1 = 0);
        // ∂y = 2·1.5 + 4·2.25 + 6·2.625 = 3 + 9 + 15.75 = 27.75
        (Surface::Beale, [1.0, 1.0], 14.203125, [0.0, 27.75]),
        // (0, 0): p = −11, q = −7; f = 121 + 49 = 170; ∇ = (2·(−7), 2·(−11)) = (−14, −22)
        (Surface::Himmelblau, [0.0, 0.0], 170.0, [-14.0, -22.0]),
        // (1, 1): p = −9, q = −5; f = 81 + 25 = 106; ∇ = (4·(−9) + 2·(−5), 2·(−9) + 4·(−5))
        (Surface::Himmelblau, [1.0, 1.0], 106.0, [-46.0, -38.0]),
        // (1, 2): f = 1 − 4 = −3, ∇ = (2, −4)
        (Surface::Saddle, [1.0, 2.0], -3.0, [2.0, -4.0]),
        // (0.5, 0): cos π = −1, cos 0 = 1: f = 20 + (0.25 + 10) + (0 − 10) = 20.25;
        // ∇ = (1 + 20π sin π, 0) = (1, 0)
        (Surface::Rastrigin, [0.5, 0.0], 20.25, [1.0, 0.0]),
        // (0.25, 1): cos(π/2) = 0, cos 2π = 1: f = 20 + 0.0625 + (1 − 10) = 11.0625;
        // ∇ = (0.5 + 20π, 2 + 20π sin 2π) = (63.33185307179586…, 2)
        (
            Surface::Rastrigin,
            [0.25, 1.0],
            11.0625,
            [0.5 + 20.0 * std::f64::consts::PI, 2.0],
        ),
    ];
    for (s, p, f, g) in cases {
        assert_relative_eq!(s.value(p), f, max_relative = 1e-14, epsilon = 1e-13);
        close(s.gradient(p), g, s.name());
    }
}

/// ∇f against central differences (f(p + h eᵢ) − f(p − h eᵢ)) / 2h, h = 1e-6·max(1, |pᵢ|),
/// at 400 seeded points of each plot square and the grid of its corners and centre: relative
/// 1e-6, with a floor for the rounding of f, about 1e-16·|f|/h.
#[test]
fn gradients_match_central_differences() {
    let mut rng = Random::new(12);
    for s in ALL {
        let sq = s.domain();
        let ([x0, x1], [y0, y1]) = (sq.x_range(), sq.y_range());
        let mut points: Vec<[f64; 2]> = (0..400)
            .map(|_| [rng.uniform_in(x0, x1), rng.uniform_in(y0, y1)])
            .collect();
        for i in 0..=4 {
            for j in 0..=4 {
                let (a, b) = (i as f64 / 4.0, j as f64 / 4.0);
                points.push([x0 + (x1 - x0) * a, y0 + (y1 - y0) * b]);
            }
        }
        for p in points {
            let g = s.gradient(p);
            for i in 0..2 {
                let h = 1e-6 * p[i].abs().max(1.0);
                let (mut hi, mut lo) = (p, p);
                hi[i] += h;
                lo[i] -= h;
                let numeric = (s.value(hi) - s.value(lo)) / (hi[i] - lo[i]);
                let floor = 1e-8 * (1.0 + s.value(p).abs());
                assert!(
                    (numeric - g[i]).abs() <= 1e-6 * g[i].abs() + floor,
                    "{s:?} at {p:?}, ∂{i}: {} by hand, {numeric} by differences",
                    g[i]
                );
            }
        }
    }
}

/// The minima where the literature puts them, f = 0 and ∇f = 0 there, and f higher all
/// around; the saddle's saddle point.
#[test]
fn minima_where_the_literature_puts_them() {
    // Himmelblau's four (e.g. Himmelblau, "Applied Nonlinear Programming", 1972; six decimals)
    let literature: [(Surface, &[[f64; 2]]); 5] = [
        (ALL[0], &[[0.0, 0.0]]),
        (Surface::Rosenbrock, &[[1.0, 1.0]]),
        (Surface::Beale, &[[3.0, 0.5]]),
        (
            Surface::Himmelblau,
            &[
                [3.0, 2.0],
                [-2.805118, 3.131312],
                [-3.779310, -3.283186],
                [3.584428, -1.848126],
            ],
        ),
        (Surface::Rastrigin, &[[0.0, 0.0]]),
    ];
    for (s, points) in literature {
        let found = s.critical_points();
        assert_eq!(found.len(), points.len(), "{s:?}");
        for (c, want) in found.iter().zip(points) {
            assert_eq!(c.kind, CriticalKind::Minimum);
            assert_eq!(c.value, 0.0);
            for (got, want) in c.point.iter().zip(want) {
                // to the literature's last digit (it gives 3.131312 for 3.1313125…)
                assert!((got - want).abs() <= 1e-6, "{s:?} {c:?}");
            }
            assert!(s.value(c.point).abs() < 1e-26, "{s:?} f{:?}", c.point);
            let g = s.gradient(c.point);
            assert!(g[0].abs() < 1e-12 && g[1].abs() < 1e-12, "{s:?} {g:?}");
            for k in 0..8 {
                let a = k as f64 * std::f64::consts::FRAC_PI_4;
                let q = [c.point[0] + 1e-3 * a.cos(), c.point[1] + 1e-3 * a.sin()];
                assert!(s.value(q) > s.value(c.point), "{s:?} around {c:?}");
            }
        }
    }
    // the integer minima are exact: every term is 0 in floating point
    assert_eq!(Surface::Rosenbrock.value([1.0, 1.0]), 0.0);
    assert_eq!(Surface::Beale.value([3.0, 0.5]), 0.0);
    assert_eq!(Surface::Beale.gradient([3.0, 0.5]), [0.0, 0.0]);
    assert_eq!(Surface::Himmelblau.value([3.0, 2.0]), 0.0);
    assert_eq!(Surface::Rastrigin.value([0.0, 0.0]), 0.0);
    let saddle = Surface::Saddle.critical_points();
    assert_eq!(saddle.len(), 1);
    assert_eq!(saddle[0].kind, CriticalKind::Saddle);
    assert_eq!(Surface::Saddle.gradient(saddle[0].point), [0.0, 0.0]);
    // f rises along x and falls along y
    assert!(Surface::Saddle.value([0.1, 0.0]) > 0.0 && Surface::Saddle.value([0.0, 0.1]) < 0.0);
}

#[test]
fn names_domains_and_starts() {
    for name in Surface::NAMES {
        let s = Surface::from_name(name).expect(name);
        assert_eq!(s.name(), name);
        assert!(s.domain().contains(s.default_start()), "{name}");
    }
    assert_eq!(Surface::from_name("sphere"), None);
    // Rastrigin on [−5.12, 5.12]² (the issue); Rosenbrock's start, his (−1.2, 1)
    let r = Surface::Rastrigin.domain();
    assert_eq!((r.x_range(), r.y_range()), ([-5.12, 5.12], [-5.12, 5.12]));
    assert_eq!(Surface::Rosenbrock.default_start(), [-1.2, 1.0]);
    // the bowl's start is R(θ)(−2.5, 1): at θ = 90°, (−1, −2.5) (to rounding)
    let b = Surface::Bowl {
        kappa: 10.0,
        angle: 90.0,
    }
    .default_start();
    close(b, [-1.0, -2.5], "bowl at 90°");
    let b = Surface::Bowl {
        kappa: 50.0,
        angle: 0.0,
    };
    assert_eq!(b.default_start(), [-2.5, 1.0]);
    assert!(b.log_levels() && !Surface::Saddle.log_levels() && !Surface::Rastrigin.log_levels());
}

#[test]
fn contour_levels() {
    // the saddle on [−2, 2]²: min −4 and max 4 at the corners; n = 3 → −4 + 8·(1, 2, 3)/4
    assert_eq!(Surface::Saddle.levels(3), vec![-2.0, 0.0, 2.0]);
    assert_eq!(Surface::Saddle.levels(9)[4], 0.0);
    // the round bowl ½(x² + y²) on [−3, 3]², grid step 6/64 = 0.09375: the smallest
    // positive grid value is ½·0.09375² = 0.00439453125, the lowest level
    let round = Surface::Bowl {
        kappa: 1.0,
        angle: 0.0,
    };
    let l = round.levels(12);
    assert_relative_eq!(l[0], 0.00439453125, max_relative = 1e-15);
    for s in ALL {
        for n in [1, 2, 10, 30] {
            let l = s.levels(n);
            assert_eq!(l.len(), n, "{s:?}");
            assert!(l.windows(2).all(|w| w[0] < w[1]), "{s:?} {l:?}");
            if s.log_levels() {
                assert!(l[0] > 0.0);
                // log-spaced: a constant ratio
                let r = l.get(1).map(|v| v / l[0]);
                for w in l.windows(2) {
                    assert_relative_eq!(w[1] / w[0], r.unwrap(), max_relative = 1e-9);
                }
            } else {
                // linear: a constant difference, strictly inside the grid's range
                for w in l.windows(2) {
                    assert_relative_eq!(w[1] - w[0], l[1] - l[0], max_relative = 1e-9);
                }
            }
        }
    }
    assert!(Surface::Beale.levels(0).is_empty());
    assert_eq!(Surface::Beale.levels(10_000).len(), MAX_LEVELS);
}

/// The levels' ends against a sort of the grid (the reference the bisection replaced): the log
/// levels run from the smallest positive value (at least hi·10⁻⁶) to hi, the sorted grid's 90%
/// quantile; the linear ones' middle is the middle of the sorted grid's ends.
#[test]
fn level_ends_are_the_sorted_grids() {
    use crate::math::surface::LEVEL_GRID;
    for s in ALL {
        let square = s.domain();
        let ([x0, x1], [y0, y1]) = (square.x_range(), square.y_range());
        let at = |lo: f64, hi: f64, k: usize| lo + (hi - lo) * k as f64 / (LEVEL_GRID - 1) as f64;
        let mut sorted: Vec<f64> = (0..LEVEL_GRID * LEVEL_GRID)
            .map(|p| s.value([at(x0, x1, p % LEVEL_GRID), at(y0, y1, p / LEVEL_GRID)]))
            .collect();
        sorted.sort_by(f64::total_cmp);
        if s.log_levels() {
            let hi = sorted[(sorted.len() - 1) * 9 / 10];
            let smallest = *sorted.iter().find(|&&v| v > 0.0).unwrap();
            let l = s.levels(12);
            assert_eq!(l[0], smallest.max(hi * 1e-6), "{s:?}");
            assert_relative_eq!(l[11], hi, max_relative = 1e-14);
        } else {
            let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
            assert_eq!(s.levels(1), vec![min + (max - min) / 2.0], "{s:?}");
        }
    }
}

fn spec(json: &str) -> Result<SurfaceSpec, serde_json::Error> {
    serde_json::from_str(json)
}

#[test]
fn the_scenario_field_parses_and_checks() {
    let s = spec(r#"{"function": "bowl", "kappa": 50, "angle": 0, "start": [-1.5, 2.5]}"#).unwrap();
    let bowl = Surface::Bowl {
        kappa: 50.0,
        angle: 0.0,
    };
    assert_eq!(s.check(), Ok((bowl, [-1.5, 2.5])));
    // round trip: the spec written back checks to the same surface and start
    assert_eq!(SurfaceSpec::of(&bowl, [-1.5, 2.5]), s);
    let text = serde_json::to_string(&SurfaceSpec::of(&Surface::Beale, [1.0, 1.5])).unwrap();
    assert_eq!(text, r#"{"function":"beale","start":[1.0,1.5]}"#);
    // omitted: the defaults
    let r = spec(r#"{"function": "rosenbrock"}"#).unwrap().check();
    assert_eq!(r, Ok((Surface::Rosenbrock, [-1.2, 1.0])));
    let (b, _) = spec(r#"{"function": "bowl"}"#).unwrap().check().unwrap();
    assert_eq!(
        b,
        Surface::Bowl {
            kappa: DEFAULT_KAPPA,
            angle: DEFAULT_ANGLE
        }
    );
    // refused by serde: an unknown field, null, a start of three numbers
    for bad in [
        r#"{"function": "bowl", "kapa": 3}"#,
        r#"{"function": "bowl", "kappa": null}"#,
        r#"{"function": "bowl", "start": [1, 2, 3]}"#,
        r#"{"kappa": 3}"#,
    ] {
        assert!(spec(bad).is_err(), "{bad}");
    }
}

#[test]
fn bad_values_name_their_field() {
    let with = |function: &str, kappa, angle, start| SurfaceSpec {
        function: function.into(),
        kappa,
        angle,
        start,
    };
    let cases = [
        (with("sphere", None, None, None), "function"),
        (with("rosenbrock", Some(10.0), None, None), "kappa"),
        (with("saddle", None, Some(10.0), None), "angle"),
        (with("bowl", Some(0.5), None, None), "kappa"),
        (with("bowl", Some(2e6), None, None), "kappa"),
        (with("bowl", Some(f64::NAN), None, None), "kappa"),
        (with("bowl", None, Some(400.0), None), "angle"),
        (with("bowl", None, Some(f64::INFINITY), None), "angle"),
        (with("bowl", None, None, Some([f64::NAN, 0.0])), "start"),
        (with("bowl", None, None, Some([3.5, 0.0])), "start"),
        (with("rosenbrock", None, None, Some([0.0, -1.5])), "start"),
    ];
    for (s, field) in cases {
        let e = s.check().expect_err(field);
        assert_eq!(e.field(), field, "{s:?}: {e}");
    }
    // the limits themselves are allowed, and the message says what is wrong
    assert!(
        with("bowl", Some(1.0), Some(-360.0), Some([3.0, -3.0]))
            .check()
            .is_ok()
    );
    assert!(
        with("bowl", Some(MAX_KAPPA), Some(360.0), None)
            .check()
            .is_ok()
    );
    let e = with("rosenbrock", None, None, Some([0.0, -1.5]))
        .check()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "(0, -1.5) is outside the plot square [-2, 2] × [-1, 3]"
    );
}
