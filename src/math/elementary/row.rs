//! `tanh` over a row, two numbers at a time in the lanes of an `F2`, with the bits of `tanh`.
//!
//! The scalar `tanh` branches on |x| (polynomial below 1/8, t/(t + 2) below 20, 1 above); here
//! both formulas are computed for both lanes and each lane takes the one its argument chooses,
//! so the work is the same operations on two numbers at once. The integer part of the argument
//! reduction (k, the table lookups) is done lane by lane; every floating-point operation is the
//! scalar one in the same order, so each lane is rounded as `tanh` rounds it.

use super::{
    ABS, C2, C3, C4, C5, INV_LN2_N, LN2_N_HI, LN2_N_LO, N, N_BITS, Q, SHIFT, TABLE, TANH_ONE_FROM,
    TANH_POLY_BELOW, tanh,
};
use crate::math::lanes::F2;

/// a[i] = tanh(z[i]) for a row (z and a of one length), the same bits as `tanh` one by one.
pub fn tanh_row(z: &[f64], a: &mut [f64]) {
    let mut pairs = a.chunks_exact_mut(2);
    let mut args = z.chunks_exact(2);
    for (out, x) in (&mut pairs).zip(&mut args) {
        let [t0, t1] = tanh2(F2::new(x[0], x[1])).lanes();
        out[0] = t0;
        out[1] = t1;
    }
    for (out, &x) in pairs.into_remainder().iter_mut().zip(args.remainder()) {
        *out = tanh(x);
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

/// x with the low 27 bits of the significand cleared (`head26`).
#[inline(always)]
fn head26(x: F2) -> F2 {
    x.and_bits(!((1 << 27) - 1))
}

#[inline(always)]
fn tanh2(x: F2) -> F2 {
    let c = F2::splat;
    let sign = x.and_bits(!ABS);
    let a = x.and_bits(ABS);
    // below 1/8: a + a·(w·Q(w)), w = a²
    let poly = if a.any_lt(c(TANH_POLY_BELOW)) {
        let w = a * a;
        let q =
            c(Q[0]) + w * (c(Q[1]) + w * (c(Q[2]) + w * (c(Q[3]) + w * (c(Q[4]) + w * c(Q[5])))));
        a + a * (w * q)
    } else {
        a // not taken by either lane
    };
    // below 20: t/(t + 2), t = e^{2a} − 1 (`tanh_mid`), on an argument where `reduce` is valid
    let a_mid = a.lt_select(c(TANH_ONE_FROM), a, c(TANH_POLY_BELOW));
    let two_a = c(2.0) * a_mid;
    let shifted = two_a * c(INV_LN2_N) + c(SHIFT);
    let kd = shifted - c(SHIFT);
    let r = (two_a - kd * c(LN2_N_HI)) - kd * c(LN2_N_LO);
    let [l0, l1] = shifted.lanes().map(lookup);
    let (tail, s) = (F2::new(l0.0, l1.0), F2::new(l0.1, l1.1));
    let r2 = r * r;
    let m = r + (tail + r2 * (c(C2) + r * c(C3)) + r2 * r2 * (c(C4) + r * c(C5)));
    // fast_two_sum(s − 1, s·m)
    let (big, small) = (s - c(1.0), s * m);
    let t_hi = big + small;
    let t_lo = small - (t_hi - big);
    // two_sum(t_hi, 2)
    let d_hi = t_hi + c(2.0);
    let bb = d_hi - t_hi;
    let d_err = (t_hi - (d_hi - bb)) + (c(2.0) - bb);
    // div_dd(t_hi, t_lo, d_hi, d_err + t_lo)
    let d_lo = d_err + t_lo;
    let inv = c(1.0) / d_hi;
    let q1 = head26(t_hi * inv);
    let d_head = head26(d_hi);
    let rem = ((t_hi - q1 * d_head) - q1 * ((d_hi - d_head) + d_lo)) + t_lo;
    let mid = q1 + rem * inv;
    let t = a.lt_select(
        c(TANH_POLY_BELOW),
        poly,
        a.lt_select(c(TANH_ONE_FROM), mid, c(1.0)),
    );
    a.nan_select(x, t.or_bits(sign))
}
