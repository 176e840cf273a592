//! `tanh` and `sigmoid` over a row, two numbers at a time in the lanes of an `F2`, with the
//! bits of the scalar functions.
//!
//! The scalar `tanh` branches on |x| (polynomial below 1/8, t/(t + 2) below 20, 1 above); here
//! both formulas are computed for both lanes and each lane takes the one its argument chooses,
//! so the work is the same operations on two numbers at once. `sigmoid` has one formula below
//! |x| = 40, taken by both lanes; a pair with a lane at 40 or beyond (or NaN), rare, goes to the
//! scalar `sigmoid`. The integer part of the argument reduction (k, the table lookups) is done
//! lane by lane; every floating-point operation is the scalar one in the same order, so each
//! lane is rounded as the scalar function rounds it.

use super::{
    ABS, C2, C3, C4, C5, INV_LN2_N, LN2_N_HI, LN2_N_LO, N, N_BITS, Q, SHIFT, SIGMOID_TAIL_FROM,
    TABLE, TANH_ONE_FROM, TANH_POLY_BELOW, sigmoid, tanh,
};
use crate::math::lanes::F2;

/// a[i] = tanh(z[i]) for a row (z and a of one length), the same bits as `tanh` one by one.
pub fn tanh_row(z: &[f64], a: &mut [f64]) {
    let k = Consts::new();
    by_fours(z, a, |x| tanh2(x, &k), tanh);
}

/// a[i] = σ(z[i]) = 1/(1 + e^{−z[i]}) for a row (z and a of one length), the same bits as
/// `sigmoid` one by one.
pub fn sigmoid_row(z: &[f64], a: &mut [f64]) {
    let k = Consts::new();
    by_fours(z, a, |x| sigmoid2(x, &k), sigmoid);
}

/// a[i] = f(z[i]): four numbers a pass, as two pairs (the loop's reloads of the constants that
/// do not fit in registers serve twice the work), and the last up to three by `one`.
#[inline(always)]
fn by_fours(z: &[f64], a: &mut [f64], two: impl Fn(F2) -> F2, one: fn(f64) -> f64) {
    let mut fours = a.chunks_exact_mut(4);
    let mut args = z.chunks_exact(4);
    for (out, x) in (&mut fours).zip(&mut args) {
        let [t0, t1] = two(F2::new(x[0], x[1])).lanes();
        let [t2, t3] = two(F2::new(x[2], x[3])).lanes();
        out.copy_from_slice(&[t0, t1, t2, t3]);
    }
    for (out, &x) in fours.into_remainder().iter_mut().zip(args.remainder()) {
        *out = one(x);
    }
}

/// The constants of `tanh2` and `sigmoid2` in both lanes, made once per row and kept in locals (`F2::kept`):
/// written in place, each would be rebuilt at every use in the loop by V8 (P2 took about 15% longer).
struct Consts {
    q: [F2; 6],
    poly_below: F2,
    one_from: F2,
    inv_ln2_n: F2,
    shift: F2,
    ln2_n_hi: F2,
    ln2_n_lo: F2,
    c: [F2; 4],
    tail_from: F2,
    zero: F2,
    one: F2,
    two: F2,
    abs: F2,
    sign: F2,
    head26: F2,
}

impl Consts {
    #[inline(always)]
    fn new() -> Consts {
        let k = F2::kept;
        let bits = |b: u64| F2::kept(f64::from_bits(b));
        Consts {
            q: Q.map(k),
            poly_below: k(TANH_POLY_BELOW),
            one_from: k(TANH_ONE_FROM),
            inv_ln2_n: k(INV_LN2_N),
            shift: k(SHIFT),
            ln2_n_hi: k(LN2_N_HI),
            ln2_n_lo: k(LN2_N_LO),
            c: [C2, C3, C4, C5].map(k),
            tail_from: k(SIGMOID_TAIL_FROM),
            zero: k(0.0),
            one: k(1.0),
            two: k(2.0),
            abs: bits(ABS),
            sign: bits(!ABS),
            head26: bits(!((1 << 27) - 1)),
        }
    }
}

/// (T_j's tail τ_j, 2^(k div 128)·T_j) for the k of one lane: `reduce`'s lookup and `scale`.
#[inline(always)]
fn lookup(shifted: f64) -> (f64, f64) {
    let k = shifted.to_bits() as i64 - SHIFT.to_bits() as i64;
    let j = 2 * (k & (N - 1)) as usize;
    let t = TABLE[j + 1].wrapping_add(((k >> N_BITS) as u64) << 52);
    (f64::from_bits(TABLE[j]), f64::from_bits(t))
}

/// e^x ≈ s·(1 + m) (`reduce` and `scale`), as (s, m), for |x| ≤ 746.
#[inline(always)]
fn reduce2(x: F2, k: &Consts) -> (F2, F2) {
    let shifted = x * k.inv_ln2_n + k.shift;
    let kd = shifted - k.shift;
    let r = (x - kd * k.ln2_n_hi) - kd * k.ln2_n_lo;
    let [l0, l1] = shifted.lanes().map(lookup);
    let (tail, s) = (F2::new(l0.0, l1.0), F2::new(l0.1, l1.1));
    let r2 = r * r;
    let c = &k.c;
    let m = r + (tail + r2 * (c[0] + r * c[1]) + r2 * r2 * (c[2] + r * c[3]));
    (s, m)
}

/// (n_hi + n_lo)/(d_hi + d_lo) rounded once: `div_dd`'s q1 + q2.
#[inline(always)]
fn div_dd2(n_hi: F2, n_lo: F2, d_hi: F2, d_lo: F2, k: &Consts) -> F2 {
    let inv = k.one / d_hi;
    let q1 = (n_hi * inv).and_bits(k.head26);
    let d_head = d_hi.and_bits(k.head26);
    let rem = ((n_hi - q1 * d_head) - q1 * ((d_hi - d_head) + d_lo)) + n_lo;
    q1 + rem * inv
}

#[inline(always)]
fn tanh2(x: F2, k: &Consts) -> F2 {
    let sign = x.and_bits(k.sign);
    let a = x.and_bits(k.abs);
    // below 20: t/(t + 2), t = e^{2a} − 1 (`tanh_mid`), on an argument where `reduce` is valid
    // (20 for a lane above, whose result is not taken; a NaN goes through harmlessly)
    let a_mid = a.pmin(k.one_from);
    let (s, m) = reduce2(k.two * a_mid, k);
    // fast_two_sum(s − 1, s·m)
    let (big, small) = (s - k.one, s * m);
    let t_hi = big + small;
    let t_lo = small - (t_hi - big);
    // two_sum(t_hi, 2): its error is exact, so Fast2Sum on the larger and the smaller (both are
    // positive) gives the same bits in two operations fewer
    let d_hi = t_hi + k.two;
    let (big, small) = (t_hi.pmax(k.two), t_hi.pmin(k.two));
    let d_err = small - (d_hi - big);
    let mid = div_dd2(t_hi, t_lo, d_hi, d_err + t_lo, k);
    // mid < a wherever a is a number (tanh a < a; from 20 on, mid is that of 20, which rounds
    // to 1), so this is mid, or a NaN argument itself, whose sign is put back with the others'
    let t = a.pmin(mid);
    // below 1/8: a + a·(w·Q(w)), w = a²
    let t = if a.any_lt(k.poly_below) {
        let (q, w) = (&k.q, a * a);
        let q = q[0] + w * (q[1] + w * (q[2] + w * (q[3] + w * (q[4] + w * q[5]))));
        a.lt_select(k.poly_below, a + a * (w * q), t)
    } else {
        t // no lane is below 1/8
    };
    t.or_bits(sign)
}

/// `sigmoid_near` on both lanes when both |x| < 40, else `sigmoid` lane by lane.
#[inline(always)]
fn sigmoid2(x: F2, k: &Consts) -> F2 {
    let a = x.and_bits(k.abs);
    if !a.all_lt(k.tail_from) {
        let [x0, x1] = x.lanes();
        return F2::new(sigmoid(x0), sigmoid(x1));
    }
    let (s, m) = reduce2(a.or_bits(k.sign), k); // −a
    // fast_two_sum(s, s·m): e^−a
    let sm = s * m;
    let u_hi = s + sm;
    let u_lo = sm - (u_hi - s);
    // fast_two_sum(1, u_hi): 1 + e^−a
    let d_hi = k.one + u_hi;
    let d_err = u_hi - (d_hi - k.one);
    // e^−a/(1 + e^−a) for x < 0, 1/(1 + e^−a) otherwise
    let n_hi = x.lt_select(k.zero, u_hi, k.one);
    let n_lo = x.lt_select(k.zero, u_lo, k.zero);
    div_dd2(n_hi, n_lo, d_hi, d_err + u_lo, k)
}
