//! `exp`, `tanh` and `sigmoid` against a double-double reference (about 2⁻¹⁰⁰ relative, so its
//! rounding is the correctly rounded result) and against `libm`, on millions of seeded
//! arguments; their special values; a few values worked out by hand (or with mpmath, 50
//! digits); and, ignored by default, their speed beside `libm`'s:
//!
//!   cargo test --release --lib math::elementary -- --include-ignored --nocapture
//!
//! prints the worst error of each sweep and the timings.

use super::{N, N_BITS, TABLE, exp, fast_two_sum, sigmoid, sigmoid_row, tanh, tanh_row, two_sum};
use crate::math::random::Random;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------
// Double-double arithmetic: a value is hi + lo, |lo| ≤ ulp(hi)/2

#[derive(Clone, Copy, Debug)]
struct Dd(f64, f64);

const ONE: Dd = Dd(1.0, 0.0);
/// ln 2 = 0x1.62e42fefa39ef35793c7673007e5…p−1, to 106 bits.
const LN2: Dd = Dd(
    f64::from_bits(0x3fe62e42fefa39ef),
    f64::from_bits(0x3c7abc9e3b39803f),
);

/// a = hi + lo with hi of 26 bits (Veltkamp).
fn split(a: f64) -> (f64, f64) {
    let c = 134217729.0 * a; // 2²⁷ + 1
    let hi = c - (c - a);
    (hi, a - hi)
}

/// a·b as the rounded product and its exact error (Dekker), without FMA.
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}

impl Dd {
    fn add(self, o: Dd) -> Dd {
        let (s, e) = two_sum(self.0, o.0);
        let (t, f) = two_sum(self.1, o.1);
        let (s, e) = fast_two_sum(s, e + t);
        let (s, e) = fast_two_sum(s, e + f);
        Dd(s, e)
    }
    fn neg(self) -> Dd {
        Dd(-self.0, -self.1)
    }
    fn mul(self, o: Dd) -> Dd {
        let (p, e) = two_prod(self.0, o.0);
        let (p, e) = fast_two_sum(p, e + (self.0 * o.1 + self.1 * o.0));
        Dd(p, e)
    }
    fn div(self, o: Dd) -> Dd {
        let q1 = self.0 / o.0;
        let r = self.add(o.mul(Dd(q1, 0.0)).neg());
        let q2 = r.0 / o.0;
        let r = r.add(o.mul(Dd(q2, 0.0)).neg());
        let (q1, q2) = fast_two_sum(q1, q2);
        Dd(q1, q2).add(Dd(r.0 / o.0, 0.0))
    }
    fn scale(self, k: i32) -> Dd {
        Dd(libm::scalbn(self.0, k), libm::scalbn(self.1, k))
    }
}

/// 1/n! for n = 0..=14.
fn inverse_factorials() -> &'static [Dd; 15] {
    static TABLE: OnceLock<[Dd; 15]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [ONE; 15];
        for n in 1..15 {
            t[n] = t[n - 1].div(Dd(n as f64, 0.0));
        }
        t
    })
}

/// e^r − 1 for |r| ≤ 0.36: Taylor to r¹⁴ at r/16, then e^{2h} − 1 = 2m + m², four times.
fn expm1_dd(r: Dd) -> Dd {
    let f = inverse_factorials();
    let h = r.scale(-4);
    let mut p = f[14];
    for n in (1..14).rev() {
        p = p.mul(h).add(f[n]);
    }
    let mut m = p.mul(h);
    for _ in 0..4 {
        m = m.scale(1).add(m.mul(m));
    }
    m
}

/// e^x = 2^k · v, v ∈ [0.7, 1.42], for |x| ≤ 750.
fn exp_dd(x: f64) -> (i32, Dd) {
    let k = (x / LN2.0).round();
    let r = Dd(x, 0.0).add(LN2.mul(Dd(k, 0.0)).neg());
    (k as i32, ONE.add(expm1_dd(r)))
}

/// tanh a for a ≥ 0 (a < 2⁻²⁷: a − a³/3, whose next term is below 2⁻¹³⁰ a).
fn tanh_dd(a: f64) -> Dd {
    if a < libm::exp2(-27.0) {
        return Dd(a, 0.0).add(Dd(-a * a * a / 3.0, 0.0));
    }
    let t = if 2.0 * a < 0.34 {
        expm1_dd(Dd(2.0 * a, 0.0))
    } else {
        let (k, v) = exp_dd(2.0 * a);
        v.scale(k).add(ONE.neg())
    };
    t.div(t.add(Dd(2.0, 0.0)))
}

/// σ(x) = 1/(1 + e^{−x}) for x ≥ 0, e^x/(1 + e^x) for x < 0; |x| ≤ 60.
fn sigmoid_dd(x: f64) -> Dd {
    let (k, v) = exp_dd(-x.abs());
    let u = v.scale(k);
    let d = ONE.add(u);
    if x >= 0.0 { ONE.div(d) } else { u.div(d) }
}

// ---------------------------------------------------------------------------------------
// Measuring

fn exponent(v: f64) -> i32 {
    ((v.to_bits() >> 52) & 0x7ff) as i32 - 1023
}

/// The spacing of the doubles at |v| (2⁻¹⁰⁷⁴ among the subnormals).
fn ulp_of(v: f64) -> f64 {
    libm::scalbn(1.0, (exponent(v.abs()) - 52).max(-1074))
}

/// y − r in ulps of r, for a positive reference r of normal size.
fn ulps(y: f64, r: Dd) -> f64 {
    ((y - r.0) - r.1) / ulp_of(r.0)
}

/// y − e^x in ulps of e^x, subnormal and overflowing results included (∞ is 0 ulp off when
/// e^x rounds to ∞, and infinitely far otherwise).
fn exp_error(x: f64, y: f64) -> f64 {
    let (k, v) = exp_dd(x);
    let e = exponent(v.0) + k;
    if y.is_infinite() || e >= 1024 {
        // e^x rounds to ∞ from 2¹⁰²⁴·(1 − 2⁻⁵⁴) on
        let overflows = v
            .add(Dd(-libm::scalbn(1.0 - libm::exp2(-54.0), 1024 - k), 0.0))
            .0
            >= 0.0;
        return if overflows == y.is_infinite() {
            0.0
        } else {
            f64::INFINITY
        };
    }
    // in units of 2^k, where y·2^−k is exact
    let ulp = libm::scalbn(1.0, e.max(-1022) - 52 - k);
    ((libm::scalbn(y, -k) - v.0) - v.1) / ulp
}

fn tanh_error(x: f64, y: f64) -> f64 {
    let sign = if x < 0.0 { -1.0 } else { 1.0 };
    ulps(sign * y, tanh_dd(x.abs()))
}

/// For x ≤ −40 against e^x, which σ(x) = e^x/(1 + e^x) is within 2⁻⁵⁷·⁷ of (relative).
fn sigmoid_error(x: f64, y: f64) -> f64 {
    if x <= -40.0 {
        exp_error(x, y)
    } else {
        ulps(y, sigmoid_dd(x))
    }
}

/// Distance in ulps: how many doubles lie from a to b, plus one (±0 are one; NaN = NaN).
fn ulp_distance(a: f64, b: f64) -> u64 {
    if a.is_nan() || b.is_nan() {
        return if a.is_nan() && b.is_nan() {
            0
        } else {
            u64::MAX
        };
    }
    let ordered = |v: f64| {
        let bits = v.to_bits() as i64;
        if bits < 0 { -(bits & i64::MAX) } else { bits }
    };
    ordered(a).abs_diff(ordered(b))
}

/// The libm-based σ the activations use today: 1/(1 + exp(−x)), e^x/(1 + e^x) for x < 0.
fn libm_sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + libm::exp(-x))
    } else {
        let e = libm::exp(x);
        e / (1.0 + e)
    }
}

/// One function over one set of arguments: its worst error against the reference, and its
/// farthest distance from `libm` (with `libm`'s own worst error, for comparison).
struct Sweep {
    name: &'static str,
    ours: fn(f64) -> f64,
    libm: fn(f64) -> f64,
    error: fn(f64, f64) -> f64,
}

#[derive(Debug)]
struct Worst {
    error: f64,
    error_at: f64,
    libm_error: f64,
    libm_error_at: f64,
    distance: u64,
    distance_at: f64,
}

impl Sweep {
    fn run(&self, what: &str, args: impl Iterator<Item = f64>) -> Worst {
        let mut w = Worst {
            error: 0.0,
            error_at: f64::NAN,
            libm_error: 0.0,
            libm_error_at: f64::NAN,
            distance: 0,
            distance_at: f64::NAN,
        };
        let mut n = 0;
        for x in args {
            n += 1;
            let (y, z) = ((self.ours)(x), (self.libm)(x));
            let (e, ez, d) = (
                (self.error)(x, y).abs(),
                (self.error)(x, z).abs(),
                ulp_distance(y, z),
            );
            if e > w.error || e.is_nan() {
                (w.error, w.error_at) = (e, x);
            }
            if ez > w.libm_error {
                (w.libm_error, w.libm_error_at) = (ez, x);
            }
            if d > w.distance {
                (w.distance, w.distance_at) = (d, x);
            }
        }
        println!(
            "{:8} {what:34} n = {n:8}: worst {:.4} ulp at {:e}; libm's {:.4} ulp at {:e}; \
             farthest from libm {} ulp at {:e}",
            self.name,
            w.error,
            w.error_at,
            w.libm_error,
            w.libm_error_at,
            w.distance,
            w.distance_at
        );
        w
    }
}

const EXP: Sweep = Sweep {
    name: "exp",
    ours: exp,
    libm: libm::exp,
    error: exp_error,
};
const TANH: Sweep = Sweep {
    name: "tanh",
    ours: tanh,
    libm: libm::tanh,
    error: tanh_error,
};
const SIGMOID: Sweep = Sweep {
    name: "sigmoid",
    ours: sigmoid,
    libm: libm_sigmoid,
    error: sigmoid_error,
};

fn uniform(seed: u64, n: usize, lo: f64, hi: f64) -> impl Iterator<Item = f64> {
    let mut r = Random::new(seed);
    (0..n).map(move |_| r.uniform_in(lo, hi))
}

/// ±2^e, e uniform in [lo, hi), the sign at random.
fn log_uniform(seed: u64, n: usize, lo: f64, hi: f64) -> impl Iterator<Item = f64> {
    let mut r = Random::new(seed);
    (0..n).map(move |_| {
        let m = libm::exp2(r.uniform_in(lo, hi));
        if r.uniform() < 0.5 { -m } else { m }
    })
}

/// Within `bound` ulp of the exact value, and (exp, tanh) at most 2 ulp from `libm`'s result:
/// `libm`'s own error reaches 0.9 ulp (exp) and 2.1 ulp (tanh) on these sweeps, so 1 ulp is too
/// tight. σ has no `libm` function; the formula on `libm::exp` errs by up to 2.3 ulp, so the
/// double-double value is σ's only reference.
fn assert_accurate(w: Worst, bound: f64, against_libm: bool) {
    assert!(w.error <= bound, "{w:?}");
    assert!(!against_libm || w.distance <= 2, "{w:?}");
}

// ---------------------------------------------------------------------------------------
// Sweeps

/// The bounds in ulp: 1/2 for the last rounding, and what comes before it: for exp about
/// 2⁻⁶⁰ relative (the roundings of r, of m and of s·m, the τ_j·r dropped, the polynomial's
/// 2⁻⁶³·⁷), under 0.01 ulp; for tanh near 1/8 that error on e^{2x} is 4.5 times larger relative
/// to t = e^{2x} − 1, and below 1/8 the roundings in x·(x²·Q) add as much; σ carries at most
/// exp's error. Measured: 0.507, 0.511, 0.505.
const EXP_BOUND: f64 = 0.51;
const TANH_BOUND: f64 = 0.52;
const SIGMOID_BOUND: f64 = 0.51;

#[test]
fn exp_is_within_half_an_ulp_and_a_little() {
    let main = uniform(1, 1_000_000, -20.0, 20.0);
    assert_accurate(EXP.run("uniform in [−20, 20]", main), EXP_BOUND, true);
    let all = uniform(2, 1_000_000, -745.2, 710.0);
    assert_accurate(EXP.run("uniform in [−745.2, 710]", all), EXP_BOUND, true);
    let subnormal = uniform(3, 100_000, -745.2, -708.0);
    assert_accurate(
        EXP.run("uniform in [−745.2, −708]", subnormal),
        EXP_BOUND,
        true,
    );
    let top = uniform(4, 100_000, 708.0, 709.8);
    assert_accurate(EXP.run("uniform in [708, 709.8]", top), EXP_BOUND, true);
    let tiny = log_uniform(5, 100_000, -60.0, -1.0);
    assert_accurate(EXP.run("±2^[−60, −1]", tiny), EXP_BOUND, true);
}

#[test]
fn tanh_is_within_half_an_ulp_and_a_little() {
    let main = uniform(11, 1_000_000, -20.0, 20.0);
    assert_accurate(TANH.run("uniform in [−20, 20]", main), TANH_BOUND, true);
    let middle = uniform(12, 300_000, -1.0, 1.0);
    assert_accurate(TANH.run("uniform in [−1, 1]", middle), TANH_BOUND, true);
    let wide = log_uniform(13, 300_000, -40.0, 4.4);
    assert_accurate(TANH.run("±2^[−40, 4.4]", wide), TANH_BOUND, true);
}

#[test]
fn sigmoid_is_within_half_an_ulp_and_a_little() {
    let main = uniform(21, 1_000_000, -40.0, 40.0);
    assert_accurate(
        SIGMOID.run("uniform in [−40, 40]", main),
        SIGMOID_BOUND,
        false,
    );
    let wide = log_uniform(22, 300_000, -40.0, 5.3);
    assert_accurate(SIGMOID.run("±2^[−40, 5.3]", wide), SIGMOID_BOUND, false);
    let far = uniform(23, 100_000, -745.2, -40.0);
    assert_accurate(
        SIGMOID.run("uniform in [−745.2, −40]", far),
        SIGMOID_BOUND,
        false,
    );
}

// ---------------------------------------------------------------------------------------
// The table, the special values, values worked by hand

/// (T_j·(1 + τ_j))¹²⁸ = 2^j, to double-double precision.
#[test]
fn the_table_holds_the_powers_of_two() {
    for j in 0..N as usize {
        let (tail, t) = (
            f64::from_bits(TABLE[2 * j]),
            f64::from_bits(TABLE[2 * j + 1]),
        );
        assert!(
            (1.0..2.0).contains(&t) && tail.abs() <= libm::exp2(-53.0),
            "j = {j}"
        );
        let mut p = Dd(t, 0.0).mul(Dd(1.0, tail));
        for _ in 0..N_BITS {
            p = p.mul(p);
        }
        let off = p.add(Dd(-libm::exp2(j as f64), 0.0)).0 / libm::exp2(j as f64);
        assert!(off.abs() < libm::exp2(-96.0), "j = {j}: relative {off:e}");
    }
}

#[test]
fn special_values() {
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let min_sub = f64::from_bits(1);
    assert!(exp(nan).is_nan() && tanh(nan).is_nan() && sigmoid(nan).is_nan());
    assert!(exp(-nan).is_nan() && tanh(-nan).is_nan() && sigmoid(-nan).is_nan());
    assert_eq!((exp(inf), exp(-inf)), (inf, 0.0));
    assert_eq!((tanh(inf), tanh(-inf)), (1.0, -1.0));
    assert_eq!((sigmoid(inf), sigmoid(-inf)), (1.0, 0.0));
    // ±0, subnormal and tiny arguments
    for x in [
        0.0,
        -0.0,
        min_sub,
        -min_sub,
        f64::MIN_POSITIVE,
        1e-300,
        -1e-200,
        1e-17,
        -1e-17,
    ] {
        assert_eq!(exp(x), 1.0, "exp({x:e})");
        assert_eq!(tanh(x).to_bits(), x.to_bits(), "tanh({x:e})");
        assert_eq!(sigmoid(x), 0.5, "sigmoid({x:e})");
    }
    // tanh x = x below 2⁻²⁷ (|x³/3| < ulp(x)/2); σ(x) = 1/2 + x/4 below 2⁻²⁸ (x³/48 is far
    // below the ulp of 1/2)
    for x in log_uniform(31, 100_000, -1074.0, -27.0) {
        assert_eq!(tanh(x).to_bits(), x.to_bits(), "tanh({x:e})");
        if x.abs() < libm::exp2(-28.0) {
            assert_eq!(sigmoid(x), 0.5 + x / 4.0, "sigmoid({x:e})");
        }
    }
    // the ends of exp: e^709.782712893384 = 0.99999999999997636·MAX; the next double overflows;
    // e^x = 2⁻¹⁰⁷⁵·(1 ± 10⁻¹³) either side of −745.1332191019411 (mpmath)
    let top = 709.782712893384;
    assert_eq!(exp(top), libm::exp(top));
    assert!(exp(top) < f64::MAX && exp(top) > 0.9999999999999 * f64::MAX);
    assert_eq!(exp(f64::from_bits(top.to_bits() + 1)), inf);
    assert_eq!(
        (exp(-745.1332191019411), exp(-745.1332191019412)),
        (min_sub, 0.0)
    );
    assert_eq!((exp(-746.0), exp(-1e300), exp(1e300)), (0.0, 0.0, inf));
    // the tails: tanh rounds to ±1 from 19.0616 on, σ to 1 from 37.43 on
    for x in uniform(32, 10_000, 19.07, 1e6).chain([20.0, 22.0, 37.5, 40.0, 1e300, f64::MAX]) {
        assert_eq!((tanh(x), tanh(-x)), (1.0, -1.0), "x = {x}");
        if x >= 37.5 {
            assert_eq!(sigmoid(x), 1.0, "x = {x}");
        }
        if x >= 40.0 {
            assert_eq!(sigmoid(-x), exp(-x), "x = {x}");
        }
    }
    assert!(tanh(19.0) < 1.0 && sigmoid(37.0) < 1.0);
}

/// The correctly rounded values (mpmath, 50 digits) where ours must land exactly.
#[test]
fn hand_worked_values() {
    assert_eq!((exp(0.0), tanh(0.0), sigmoid(0.0)), (1.0, 0.0, 0.5));
    // exp(k·ln2) with k·ln2 rounded, so not always 2^k: exactly 2^k for |k| ≤ 2 and 10; for
    // k = 3, e^x = 8·(1 − 1.8·10⁻¹⁶) (mpmath), the nearest double 2 ulp below 8;
    // k = 4: 1 ulp below 16; k = −3: 1 ulp above 1/8
    let ln2 = std::f64::consts::LN_2;
    for (k, want) in [
        (1i32, 2.0),
        (2, 4.0),
        (3, 7.999999999999998),
        (4, 15.999999999999998),
        (10, 1024.0),
        (-1, 0.5),
        (-2, 0.25),
        (-3, 0.12500000000000003),
        (-10, 0.0009765625),
        (100, 1.2676506002282317e30),
        (-1000, 9.332636185032827e-302),
    ] {
        assert_eq!(exp(ln2 * k as f64), want, "exp({k}·ln2)");
        if k.abs() <= 10 {
            assert!(ulp_distance(exp(ln2 * k as f64), libm::exp2(k as f64)) <= 2);
        }
    }
    for (x, e, t, s) in [
        (
            1.0,
            std::f64::consts::E,
            0.7615941559557649,
            0.7310585786300049,
        ),
        (
            -1.0,
            0.36787944117144233,
            -0.7615941559557649,
            0.2689414213699951,
        ),
        (
            0.5,
            1.6487212707001282,
            0.46211715726000974,
            0.6224593312018546,
        ),
        (
            2.0,
            7.38905609893065,
            0.9640275800758169,
            0.8807970779778824,
        ),
        (
            10.0,
            22026.465794806718,
            0.9999999958776927,
            0.9999546021312976,
        ),
        (
            -10.0,
            4.5399929762484854e-05,
            -0.9999999958776927,
            4.5397868702434395e-05,
        ),
    ] {
        assert_eq!((exp(x), tanh(x), sigmoid(x)), (e, t, s), "x = {x}");
    }
    for (x, t) in [
        (0.125, 0.12435300177159621),
        (0.2, 0.197375320224904),
        (0.3, 0.2913126124515909),
        (1e-5, 9.999999999666668e-06),
        (3.0, 0.9950547536867305),
        (15.0, 0.9999999999998128),
        (19.0, 0.9999999999999999),
    ] {
        assert_eq!(tanh(x), t, "tanh({x})");
    }
    for (x, s) in [
        (1e-5, 0.5000025),
        (-1e-5, 0.49999750000000004),
        (0.125, 0.5312093733737563),
        (-3.0, 0.04742587317756678),
        (30.0, 0.9999999999999064),
        (-30.0, 9.357622968839299e-14),
        (38.0, 1.0),
        (-40.0, 4.248354255291589e-18),
    ] {
        assert_eq!(sigmoid(x), s, "sigmoid({x})");
    }
    let (e709, e_708_5) = (8.218407461554972e307, 2.006132305331306e-308);
    assert_eq!((exp(709.0), exp(-708.5)), (e709, e_708_5));
    assert_eq!((exp(-720.0), exp(-740.0)), (2.0322308024e-313, 4.2e-322));
}

/// The row version (two lanes, no branch) gives `tanh`'s bits on every kind of argument: the
/// sweeps' ranges, both sides of 1/8 and of 20, ±0, subnormals, ±∞ and NaN, odd lengths.
#[test]
fn tanh_row_is_tanh() {
    let special = [
        0.0,
        -0.0,
        5e-324,
        -2.2e-308,
        0.125,
        -0.125,
        0.12499999999999999,
        19.999999,
        20.0,
        -20.0,
        1e300,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
        1.0,
    ];
    let args: Vec<f64> = uniform(61, 1_000_000, -25.0, 25.0)
        .chain(log_uniform(62, 300_000, -1075.0, 11.0))
        .chain(uniform(63, 100_000, -0.13, 0.13))
        .chain(special)
        .collect();
    let mut rows = vec![0.0f64; args.len()];
    tanh_row(&args, &mut rows);
    for (x, t) in args.iter().zip(&rows) {
        assert_eq!(t.to_bits(), tanh(*x).to_bits(), "x = {x:e}");
    }
    for n in 0..7 {
        let mut short = vec![0.0f64; n];
        tanh_row(&special[..n], &mut short);
        for (x, t) in special.iter().zip(&short) {
            assert_eq!(t.to_bits(), tanh(*x).to_bits(), "x = {x:e} in a row of {n}");
        }
    }
}

/// The row version (two lanes; a pair with a lane at |x| ≥ 40 or NaN goes to the scalar
/// function) gives `sigmoid`'s bits on every kind of argument: the sweeps' ranges, both sides of
/// ±40 and of 0, ±0, subnormals, the tails down to −745 and below, ±∞ and NaN — alone and in a
/// pair with an ordinary number — and odd lengths.
#[test]
fn sigmoid_row_is_sigmoid() {
    let special = [
        0.0,
        -0.0,
        5e-324,
        -5e-324,
        -2.2e-308,
        1.0,
        40.0,
        -1.0,
        -40.0,
        39.99999999999999,
        -39.99999999999999,
        37.43,
        -745.2,
        3.0,
        1e300,
        -1e300,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
        -2.5,
    ];
    let args: Vec<f64> = uniform(71, 1_000_000, -50.0, 50.0)
        .chain(log_uniform(72, 300_000, -1075.0, 11.0))
        .chain(uniform(73, 100_000, -40.001, -39.999))
        .chain(uniform(74, 100_000, 39.999, 40.001))
        .chain(special)
        .collect();
    let mut rows = vec![0.0f64; args.len()];
    sigmoid_row(&args, &mut rows);
    for (x, s) in args.iter().zip(&rows) {
        assert_eq!(s.to_bits(), sigmoid(*x).to_bits(), "x = {x:e}");
    }
    for n in 0..10 {
        for start in 0..special.len() - n {
            let mut short = vec![0.0f64; n];
            sigmoid_row(&special[start..start + n], &mut short);
            for (x, s) in special[start..].iter().zip(&short) {
                let at = format!("x = {x:e} in a row of {n} from {start}");
                assert_eq!(s.to_bits(), sigmoid(*x).to_bits(), "{at}");
            }
        }
    }
}

/// Odd bit for bit; σ(−x) = 1 − σ(x) to within an ulp of the larger.
#[test]
fn symmetries() {
    for x in uniform(41, 100_000, -25.0, 25.0) {
        assert_eq!(tanh(-x).to_bits(), (-tanh(x)).to_bits(), "x = {x}");
        let (s, t) = (sigmoid(x), sigmoid(-x));
        assert!(((s + t) - 1.0).abs() <= 1.5 * libm::exp2(-53.0), "x = {x}");
    }
}

// ---------------------------------------------------------------------------------------
// Speed (not a check)

/// ns per call of f over xs, the best of five runs of `reps` passes (results stored, as `mapv`
/// does).
fn ns_per_call(f: fn(f64) -> f64, xs: &[f64], reps: usize) -> f64 {
    let mut out = vec![0.0; xs.len()];
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let started = std::time::Instant::now();
        for _ in 0..reps {
            for (o, &x) in out.iter_mut().zip(std::hint::black_box(xs)) {
                *o = f(x);
            }
            std::hint::black_box(&mut out);
        }
        best = best.min(started.elapsed().as_secs_f64() * 1e9 / (reps * xs.len()) as f64);
    }
    best
}

#[test]
#[ignore = "timing: cargo test --release --lib math::elementary -- --ignored --nocapture"]
fn speed_against_libm() {
    type Case = (&'static str, fn(f64) -> f64, fn(f64) -> f64, f64, f64);
    let cases: [Case; 6] = [
        ("exp", exp, libm::exp, -20.0, 20.0),
        ("exp", exp, libm::exp, -10.0, 0.0),
        ("tanh", tanh, libm::tanh, -3.0, 3.0),
        ("tanh", tanh, libm::tanh, -0.125, 0.125),
        ("sigmoid", sigmoid, libm_sigmoid, -10.0, 10.0),
        ("sigmoid", sigmoid, libm_sigmoid, -40.0, 40.0),
    ];
    for (i, (name, ours, theirs, lo, hi)) in cases.into_iter().enumerate() {
        let xs: Vec<f64> = uniform(50 + i as u64, 10_000, lo, hi).collect();
        let reps = 1000; // 10⁷ calls a run
        let (a, b) = (ns_per_call(ours, &xs, reps), ns_per_call(theirs, &xs, reps));
        println!(
            "{name:8} on [{lo}, {hi}]: ours {a:.2} ns, libm {b:.2} ns a call: {:.2}× as fast",
            b / a
        );
    }
}
