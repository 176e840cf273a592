//! `exp`, `tanh` and the logistic `sigmoid`, written here for speed, with the same bits on every
//! target.
//!
//! Only IEEE-754 double operations are used — `+ − × ÷`, comparisons, and moving bits in and out
//! of an `f64` — each correctly rounded to nearest on x86-64 and in wasm32 alike. There is no
//! `mul_add`, no `libm`, no float function of `std` but `to_bits`, `from_bits` and `is_nan`, and
//! Rust does not contract `a * b + c` into an FMA unless asked: a native build and the page get
//! the same bits (checked once on 27 million arguments, native against Node's wasm32). A NaN
//! argument is returned as it is, payload and all.
//!
//! Speed, against `libm` (`speed_against_libm` in the tests prints it): exp about 2.1× as fast,
//! natively and in wasm32 (Node); tanh 1.6× natively and 1.8× in wasm32 on [−3, 3], 4× below
//! 1/8; sigmoid 1.05× natively and 1.27× in wasm32 (see its accuracy below).
//!
//! **exp** (the table-driven method of Tang, 1989): x = k·ln2/128 + r, k the nearest integer,
//! |r| ≤ ln2/256, with ln2/128 split in a 35-bit head (k·head is exact for |k| < 2¹⁸) and a
//! tail. Then e^x = 2^(k div 128) · 2^(j/128) · e^r, j = k mod 128; 2^(j/128) comes from a
//! table as the nearest double T_j and the relative remainder τ_j = (2^(j/128) − T_j)/T_j, and
//! e^r − 1 − r from a degree-5 minimax polynomial (error < 2⁻⁶³·⁷). So e^x ≈ s·(1 + m) with
//! s = 2^(k div 128)·T_j and m = r + (τ_j + r²·P(r)), |m| < 0.003, and s + s·m is rounded once.
//! Near the ends of the range s is formed with a shifted exponent, and results in the subnormal
//! range are rounded once, onto their own grid.
//!
//! **tanh**: odd in x (the sign bit is put back at the end, so tanh(−x) = −tanh(x) bit for bit).
//! For |x| < 1/8, tanh x = x + x·(x²·Q(x²)), Q a degree-5 minimax fit (relative error < 2⁻⁶²).
//! For 1/8 ≤ |x| < 20, with t = e^{2|x|} − 1 = (s − 1) + s·m (s − 1 is exact), tanh|x| =
//! t/(t + 2), t and t + 2 carried as sums of two doubles and divided by `div_dd`. Nothing
//! cancels there: t's error is that of e^{2|x|} times e^{2|x|}/t, 4.5 at |x| = 1/8, still
//! under 0.04 ulp; so the threshold is where Q gets long (it would need 8 terms up to 1/4, 10 up
//! to 1/2), not the usual ln3/2 ≈ 0.55. From 20 on, tanh|x| = 1 (it rounds so from 19.07 on).
//!
//! **sigmoid** σ(x) = 1/(1 + e^{−x}): with u = e^{−|x|} ∈ (0, 1] as a sum of two doubles,
//! σ(x) = 1/(1 + u) for x ≥ 0 and u/(1 + u) for x < 0 — nothing overflows and nothing cancels.
//! From |x| ≥ 40 on, σ(x) rounds to 1 (x > 0), or is e^x to within 2⁻⁵⁷ of its value (x < 0).
//!
//! **Accuracy**, measured by `elementary/tests.rs` against a double-double reference on millions
//! of arguments: exp within 0.507 ulp of the exact value, tanh 0.511, sigmoid 0.505 (0.5 ulp is
//! the error of the correctly rounded result), so within 1 ulp of `libm::exp` (which errs by up
//! to 0.88 ulp) and within 2 of `libm::tanh` (2.13 ulp near 0.23). Sigmoid's reference is
//! 1/(1 + e^{−x}) (e^x/(1 + e^x) for x < 0) in double-double arithmetic with a double-double
//! e^x, good to about 2⁻¹⁰⁰: σ has no `libm` counterpart, and the same formula on `libm::exp`
//! errs by up to 2.3 ulp. The divisions carried to twice the precision are the price of that:
//! σ as 1/(1 + exp(−x)) on this `exp` takes about 40% less time, and errs by 2.3 ulp too.
//!
//! The constants come from `scripts/elementary-constants.py` (mpmath, 60 digits: the table,
//! the split of ln2/128, and the minimax coefficients by the Remez exchange).

/// The table has N = 2⁷ entries: 2^(j/128) for j = 0..128.
const N_BITS: u32 = 7;
const N: i64 = 1 << N_BITS;
/// 128/ln2, and ln2/128 as a 35-bit head and the rest.
const INV_LN2_N: f64 = f64::from_bits(0x40671547652b82fe);
const LN2_N_HI: f64 = f64::from_bits(0x3f762e42fefc0000);
const LN2_N_LO: f64 = f64::from_bits(0xbd3c610ca86c3899);
/// 1.5·2⁵²: adding it rounds a number below 2⁵¹ in magnitude to an integer, which then sits in
/// the low bits (round to nearest, ties to even — the mode of both targets).
const SHIFT: f64 = 6755399441055744.0;
/// e^r ≈ 1 + r + r²·(C2 + C3·r + C4·r² + C5·r³) on |r| ≤ ln2/256 (·(1 + 2⁻²⁰)), error < 2⁻⁶³·⁷.
const C2: f64 = f64::from_bits(0x3fdfffffffffff58);
const C3: f64 = f64::from_bits(0x3fc5555555555495);
const C4: f64 = f64::from_bits(0x3fa55555accc1cbf);
const C5: f64 = f64::from_bits(0x3f8111115c1955d1);
/// tanh x ≈ x + x·w·(Q1 + Q2·w + … + Q6·w⁵), w = x², on |x| ≤ 1/8.
const Q: [f64; 6] = [
    f64::from_bits(0xbfd5555555555555),
    f64::from_bits(0x3fc1111111110a7f),
    f64::from_bits(0xbfaba1ba1b550118),
    f64::from_bits(0x3f9664f3e44217e6),
    f64::from_bits(0xbf822644ed6869a5),
    f64::from_bits(0x3f6cdfd81e0f86aa),
];
const TANH_POLY_BELOW: f64 = 0.125;
const TANH_ONE_FROM: f64 = 20.0;
const SIGMOID_TAIL_FROM: f64 = 40.0;
/// exp(x) needs no care about the exponent of s for |x| < 704: s stays normal, and s·m, if it
/// is subnormal, rounds by at most 2⁻¹⁰⁷⁵, below 1/128 of the result's ulp (from −708 on, 1/4).
const EXP_PLAIN_BELOW_BITS: u64 = 704.0f64.to_bits();
const EXP_OVERFLOW_ABOVE: f64 = 709.8;
const EXP_ZERO_BELOW: f64 = -746.0;
const ABS: u64 = !(1 << 63);

/// Pairs (τ_j, T_j) as bits: T_j the double nearest 2^(j/128), τ_j = (2^(j/128) − T_j)/T_j.
#[rustfmt::skip]
const TABLE: [u64; 2 * N as usize] = [
    0x0000000000000000, 0x3ff0000000000000, 0x3c9b3b4f1a88bf6e, 0x3ff0163da9fb3335,
    0xbc7160139cd8dc5d, 0x3ff02c9a3e778061, 0xbc905e7a108766d1, 0x3ff04315e86e7f85,
    0x3c8cd2523567f613, 0x3ff059b0d3158574, 0xbc8bce8023f98efa, 0x3ff0706b29ddf6de,
    0x3c60f74e61e6c861, 0x3ff0874518759bc8, 0x3c90a3e45b33d399, 0x3ff09e3ecac6f383,
    0x3c979aa65d837b6d, 0x3ff0b5586cf9890f, 0x3c8eb51a92fdeffc, 0x3ff0cc922b7247f7,
    0x3c3ebe3d702f9cd1, 0x3ff0e3ec32d3d1a2, 0xbc6a033489906e0b, 0x3ff0fb66affed31b,
    0xbc9556522a2fbd0e, 0x3ff11301d0125b51, 0xbc5080ef8c4eea55, 0x3ff12abdc06c31cc,
    0xbc91c923b9d5f416, 0x3ff1429aaea92de0, 0x3c80d3e3e95c55af, 0x3ff15a98c8a58e51,
    0xbc801b15eaa59348, 0x3ff172b83c7d517b, 0xbc8f1ff055de323d, 0x3ff18af9388c8dea,
    0x3c8b898c3f1353bf, 0x3ff1a35beb6fcb75, 0xbc96d99c7611eb26, 0x3ff1bbe084045cd4,
    0x3c9aecf73e3a2f60, 0x3ff1d4873168b9aa, 0xbc8fe782cb86389d, 0x3ff1ed5022fcd91d,
    0x3c8a6f4144a6c38d, 0x3ff2063b88628cd6, 0x3c807a05b0e4047d, 0x3ff21f49917ddc96,
    0x3c968efde3a8a894, 0x3ff2387a6e756238, 0x3c875e18f274487d, 0x3ff251ce4fb2a63f,
    0x3c80472b981fe7f2, 0x3ff26b4565e27cdd, 0xbc96b87b3f71085e, 0x3ff284dfe1f56381,
    0x3c82f7e16d09ab31, 0x3ff29e9df51fdee1, 0xbc3d219b1a6fbffa, 0x3ff2b87fd0dad990,
    0x3c8b3782720c0ab4, 0x3ff2d285a6e4030b, 0x3c6e149289cecb8f, 0x3ff2ecafa93e2f56,
    0x3c834d754db0abb6, 0x3ff306fe0a31b715, 0x3c864201e2ac744c, 0x3ff32170fc4cd831,
    0x3c8fdd395dd3f84a, 0x3ff33c08b26416ff, 0xbc86a3803b8e5b04, 0x3ff356c55f929ff1,
    0xbc924aedcc4b5068, 0x3ff371a7373aa9cb, 0xbc9907f81b512d8e, 0x3ff38cae6d05d866,
    0xbc71d1e83e9436d2, 0x3ff3a7db34e59ff7, 0xbc991919b3ce1b15, 0x3ff3c32dc313a8e5,
    0x3c859f48a72a4c6d, 0x3ff3dea64c123422, 0xbc9312607a28698a, 0x3ff3fa4504ac801c,
    0xbc58a78f4817895b, 0x3ff4160a21f72e2a, 0xbc7c2c9b67499a1b, 0x3ff431f5d950a897,
    0x3c4363ed60c2ac11, 0x3ff44e086061892d, 0x3c9666093b0664ef, 0x3ff46a41ed1d0057,
    0x3c6ecce1daa10379, 0x3ff486a2b5c13cd0, 0x3c93ff8e3f0f1230, 0x3ff4a32af0d7d3de,
    0x3c7690cebb7aafb0, 0x3ff4bfdad5362a27, 0x3c931dbdeb54e077, 0x3ff4dcb299fddd0d,
    0xbc8f94340071a38e, 0x3ff4f9b2769d2ca7, 0xbc87deccdc93a349, 0x3ff516daa2cf6642,
    0xbc78dec6bd0f385f, 0x3ff5342b569d4f82, 0xbc861246ec7b5cf6, 0x3ff551a4ca5d920f,
    0x3c93350518fdd78e, 0x3ff56f4736b527da, 0x3c7b98b72f8a9b05, 0x3ff58d12d497c7fd,
    0x3c9063e1e21c5409, 0x3ff5ab07dd485429, 0x3c34c7855019c6ea, 0x3ff5c9268a5946b7,
    0x3c9432e62b64c035, 0x3ff5e76f15ad2148, 0xbc8ce44a6199769f, 0x3ff605e1b976dc09,
    0xbc8c33c53bef4da8, 0x3ff6247eb03a5585, 0xbc845378892be9ae, 0x3ff6434634ccc320,
    0xbc93cedd78565858, 0x3ff6623882552225, 0x3c5710aa807e1964, 0x3ff68155d44ca973,
    0xbc93b3efbf5e2228, 0x3ff6a09e667f3bcd, 0xbc6a12ad8734b982, 0x3ff6c012750bdabf,
    0xbc6367efb86da9ee, 0x3ff6dfb23c651a2f, 0xbc80dc3d54e08851, 0x3ff6ff7df9519484,
    0xbc781f647e5a3ecf, 0x3ff71f75e8ec5f74, 0xbc86ee4ac08b7db0, 0x3ff73f9a48a58174,
    0xbc8619321e55e68a, 0x3ff75feb564267c9, 0x3c909ccb5e09d4d3, 0x3ff780694fde5d3f,
    0xbc7b32dcb94da51d, 0x3ff7a11473eb0187, 0x3c94ecfd5467c06b, 0x3ff7c1ed0130c132,
    0x3c65ebe1abd66c55, 0x3ff7e2f336cf4e62, 0xbc88a1c52fb3cf42, 0x3ff80427543e1a12,
    0xbc9369b6f13b3734, 0x3ff82589994cce13, 0xbc805e843a19ff1e, 0x3ff8471a4623c7ad,
    0xbc94d450d872576e, 0x3ff868d99b4492ed, 0x3c90ad675b0e8a00, 0x3ff88ac7d98a6699,
    0x3c8db72fc1f0eab4, 0x3ff8ace5422aa0db, 0xbc65b6609cc5e7ff, 0x3ff8cf3216b5448c,
    0x3c7bf68359f35f44, 0x3ff8f1ae99157736, 0xbc93091fa71e3d83, 0x3ff9145b0b91ffc6,
    0xbc5da9b88b6c1e29, 0x3ff93737b0cdc5e5, 0xbc6c23f97c90b959, 0x3ff95a44cbc8520f,
    0xbc92434322f4f9aa, 0x3ff97d829fde4e50, 0xbc85ca6cd7668e4b, 0x3ff9a0f170ca07ba,
    0x3c71affc2b91ce27, 0x3ff9c49182a3f090, 0x3c6dd235e10a73bb, 0x3ff9e86319e32323,
    0xbc87c50422622263, 0x3ffa0c667b5de565, 0x3c8b1c86e3e231d5, 0x3ffa309bec4a2d33,
    0xbc91bbd1d3bcbb15, 0x3ffa5503b23e255d, 0x3c90cc319cee31d2, 0x3ffa799e1330b358,
    0x3c8469846e735ab3, 0x3ffa9e6b5579fdbf, 0xbc82dfcd978e9db4, 0x3ffac36bbfd3f37a,
    0x3c8c1a7792cb3387, 0x3ffae89f995ad3ad, 0xbc907b8f4ad1d9fa, 0x3ffb0e07298db666,
    0xbc55c3d956dcaeba, 0x3ffb33a2b84f15fb, 0xbc90a40e3da6f640, 0x3ffb59728de5593a,
    0xbc68d6f438ad9334, 0x3ffb7f76f2fb5e47, 0xbc91eee26b588a35, 0x3ffba5b030a1064a,
    0x3c74ffd70a5fddcd, 0x3ffbcc1e904bc1d2, 0xbc91bdfbfa9298ac, 0x3ffbf2c25bd71e09,
    0x3c736eae30af0cb3, 0x3ffc199bdd85529c, 0x3c8ee3325c9ffd94, 0x3ffc40ab5fffd07a,
    0x3c84e08fd10959ac, 0x3ffc67f12e57d14b, 0x3c63cdaf384e1a67, 0x3ffc8f6d9406e7b5,
    0x3c676b2c6c921968, 0x3ffcb720dcef9069, 0xbc808a1883ccb5d2, 0x3ffcdf0b555dc3fa,
    0xbc8fad5d3ffffa6f, 0x3ffd072d4a07897c, 0xbc900dae3875a949, 0x3ffd2f87080d89f2,
    0x3c74a385a63d07a7, 0x3ffd5818dcfba487, 0xbc82919e2040220f, 0x3ffd80e316c98398,
    0x3c8e5a50d5c192ac, 0x3ffda9e603db3285, 0x3c843a59ac016b4b, 0x3ffdd321f301b460,
    0xbc82d52107b43e1f, 0x3ffdfc97337b9b5f, 0xbc892ab93b470dc9, 0x3ffe264614f5a129,
    0x3c74b604603a88d3, 0x3ffe502ee78b3ff6, 0x3c83c5ec519d7271, 0x3ffe7a51fbc74c83,
    0xbc8ff7128fd391f0, 0x3ffea4afa2a490da, 0xbc8dae98e223747d, 0x3ffecf482d8e67f1,
    0x3c8ec3bc41aa2008, 0x3ffefa1bee615a27, 0x3c842b94c3a9eb32, 0x3fff252b376bba97,
    0x3c8a64a931d185ee, 0x3fff50765b6e4540, 0xbc8e37bae43be3ed, 0x3fff7bfdad9cbe14,
    0x3c77893b4d91cd9d, 0x3fffa7c1819e90d8, 0x3c5305c14160cc89, 0x3fffd3c22b8f71f1,
];

/// x = k·ln2/128 + r: returns k and m = r + (τ_j + r²·P(r)), so that e^x ≈ 2^(k/128)·(1 + m)
/// with 2^(k/128) = `scale(k)`. For |x| ≤ 746 (|k| < 2¹⁸).
#[inline(always)]
fn reduce(x: f64) -> (i64, f64) {
    let shifted = x * INV_LN2_N + SHIFT;
    let k = shifted.to_bits() as i64 - SHIFT.to_bits() as i64;
    let kd = shifted - SHIFT;
    // k·LN2_N_HI is exact and x − k·LN2_N_HI too (the two are within a factor 2, or k = 0)
    let r = (x - kd * LN2_N_HI) - kd * LN2_N_LO;
    let tail = f64::from_bits(TABLE[2 * (k & (N - 1)) as usize]);
    let r2 = r * r;
    // r last: the rest is below 2⁻¹⁷, so its roundings are far below that of r + rest
    let m = r + (tail + r2 * (C2 + r * C3) + r2 * r2 * (C4 + r * C5));
    (k, m)
}

/// 2^(k div 128)·T_(k mod 128), for k whose power is a normal number (−1022·128 ≤ k <
/// 1024·128): T_j's exponent field moved by k div 128.
#[inline(always)]
fn scale(k: i64) -> f64 {
    let t = TABLE[2 * (k & (N - 1)) as usize + 1];
    f64::from_bits(t.wrapping_add(((k >> N_BITS) as u64) << 52))
}

/// (a + b) as the rounded sum and its exact error, for |a| ≥ |b| (Dekker's Fast2Sum).
#[inline(always)]
fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    (s, b - (s - a))
}

/// (a + b) as the rounded sum and its exact error, in any order (Knuth's TwoSum).
#[inline(always)]
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// x with the low 27 bits of the significand cleared: 26 significant bits, so the product of
/// two such numbers is exact.
#[inline(always)]
fn head26(x: f64) -> f64 {
    f64::from_bits(x.to_bits() & !((1 << 27) - 1))
}

/// (n_hi + n_lo)/(d_hi + d_lo) as q1 + q2, q1 of 26 bits and |q2| ≤ 2⁻²⁴·|q1|, within about
/// 2⁻⁷⁵ of the quotient (relative), so that `q1 + q2` is rounded once. The pairs are
/// normalised (|n_lo| ≤ ulp(n_hi), |d_lo| ≤ ulp(d_hi)), and n_hi, d_hi in [2⁻⁹⁰⁰, 2⁹⁰⁰].
///
/// q1 is n_hi/d_hi cut to 26 bits, and d_hi = head + rest with a head of 26 bits. Then
/// n − q1·d = (n_hi − q1·head) − q1·(rest + d_lo) + n_lo, where q1·head is exact, n_hi − q1·head
/// too (the two are within a factor 2), and the rest is below 2⁻²⁴·n, so that its roundings
/// are far below; divided by d_hi it gives the correction q2.
#[inline(always)]
fn div_dd(n_hi: f64, n_lo: f64, d_hi: f64, d_lo: f64) -> (f64, f64) {
    let inv = 1.0 / d_hi;
    let q1 = head26(n_hi * inv);
    let d_head = head26(d_hi);
    let rem = ((n_hi - q1 * d_head) - q1 * ((d_hi - d_head) + d_lo)) + n_lo;
    (q1, rem * inv)
}

/// e^x, within 0.51 ulp; +∞ above 709.78, subnormal results below −708.4, 0 below −745.13.
#[inline]
pub fn exp(x: f64) -> f64 {
    if x.to_bits() & ABS < EXP_PLAIN_BELOW_BITS {
        let (k, m) = reduce(x);
        let s = scale(k);
        s + s * m
    } else {
        exp_far(x)
    }
}

/// exp for |x| ≥ 704, ±∞ and NaN.
#[cold]
#[inline(never)]
fn exp_far(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > EXP_OVERFLOW_ABOVE {
        return f64::INFINITY;
    }
    if x < EXP_ZERO_BELOW {
        return 0.0;
    }
    let (k, m) = reduce(x);
    if k > 0 {
        // 2^(k/128) may reach 2¹⁰²⁴: take half of it, and double the rounded result (exact, or ∞)
        let s = scale(k - N);
        return 2.0 * (s + s * m);
    }
    // e^x = 2⁻¹⁰²² · y with y = s·(1 + m) < 2⁷; if y < 1 the result is subnormal, and rounding y
    // first and then again to the subnormal grid could be wrong by more than half an ulp.
    let s = scale(k + 1022 * N);
    let sm = s * m;
    let y = s + sm;
    if y >= 1.0 {
        return y * f64::MIN_POSITIVE;
    }
    let y_err = (s - y) + sm; // s − y is exact: y is within 0.3% of s
    // 1 + y rounds on the grid of 2⁻⁵², which 2⁻¹⁰²² maps onto the subnormals' 2⁻¹⁰⁷⁴
    let (hi, lo) = fast_two_sum(1.0, y);
    ((hi + (lo + y_err)) - 1.0) * f64::MIN_POSITIVE
}

/// tanh x, within 0.52 ulp; odd bit for bit, tanh(±0) = ±0, ±1 from |x| ≥ 20.
#[inline]
pub fn tanh(x: f64) -> f64 {
    let sign = x.to_bits() & !ABS;
    let a = f64::from_bits(x.to_bits() & ABS);
    let t = if a < TANH_POLY_BELOW {
        let w = a * a;
        let q = Q[0] + w * (Q[1] + w * (Q[2] + w * (Q[3] + w * (Q[4] + w * Q[5]))));
        a + a * (w * q)
    } else if a < TANH_ONE_FROM {
        tanh_mid(a)
    } else if a.is_nan() {
        return x;
    } else {
        1.0
    };
    f64::from_bits(t.to_bits() | sign)
}

/// tanh a for 1/8 ≤ a < 20: t/(t + 2), t = e^{2a} − 1.
#[inline(always)]
fn tanh_mid(a: f64) -> f64 {
    let (k, m) = reduce(2.0 * a);
    let s = scale(k); // ≥ 2^(46/128) > 1, so s − 1 is exact (and |s − 1| > |s·m|)
    let (t_hi, t_lo) = fast_two_sum(s - 1.0, s * m);
    let (d_hi, d_err) = two_sum(t_hi, 2.0);
    let (q1, q2) = div_dd(t_hi, t_lo, d_hi, d_err + t_lo);
    q1 + q2
}

/// The logistic function σ(x) = 1/(1 + e^{−x}), within 0.51 ulp; σ(±0) = 0.5, σ(x) = 1 from
/// x ≥ 37.43, e^x for x ≤ −40 (down to 0 below −745.13).
#[inline]
pub fn sigmoid(x: f64) -> f64 {
    let a = f64::from_bits(x.to_bits() & ABS);
    if a < SIGMOID_TAIL_FROM {
        sigmoid_near(x, a)
    } else if x > 0.0 {
        1.0
    } else if x < 0.0 {
        exp(x)
    } else {
        x // NaN
    }
}

/// σ(x) for a = |x| < 40.
#[inline(always)]
fn sigmoid_near(x: f64, a: f64) -> f64 {
    let (k, m) = reduce(-a);
    let s = scale(k); // ≤ 1
    let (u_hi, u_lo) = fast_two_sum(s, s * m); // e^−a
    let (d_hi, d_err) = fast_two_sum(1.0, u_hi); // 1 + e^−a
    let (n_hi, n_lo) = if x < 0.0 { (u_hi, u_lo) } else { (1.0, 0.0) };
    let (q1, q2) = div_dd(n_hi, n_lo, d_hi, d_err + u_lo);
    q1 + q2
}

mod row;
pub use row::{sigmoid_row, tanh_row};

#[cfg(test)]
mod tests;
