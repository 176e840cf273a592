//! Matrix products with a fixed order of summation.
//!
//! `ndarray`'s `dot` hands f64 products to `matrixmultiply`, which picks an FMA/AVX kernel at
//! run time on x86-64 and a plain one on wasm32; the two round differently, and the
//! playground promises the same bits natively and in every browser (`docs/math.md`). These loops
//! sum over k in increasing order with a separate multiply and add, on every target.
//! The nets here are small (≤ 64 units), so the plain loops cost little.

use crate::math::lanes::F2;
use ndarray::{Array2, ArrayView2};

/// Columns of C computed together, and terms of the sum taken together: a tile of B (at most
/// `DEPTH` rows of `TILE` numbers, 64 KB) stays in cache while every row of C uses it.
const TILE: usize = 256;
const DEPTH: usize = 32;

/// c = a · b on row-major slices.   a: (n × k), b: (k × m), c: (n × m);  c_ij = Σ_p a_ip b_pj,
/// summed from 0 over p in increasing order, one rounding per multiply and per add.
///
/// Blocks of 4 × 4 outputs are summed in registers (`block4`), two f64 lanes at a time
/// (`F2`: wasm `simd128`, SSE2 natively): each output still adds its terms one at a time in
/// increasing p, so the vector lanes and the registers change no sum. The rows and columns
/// left over from the blocks go through `add_products`, the same sums a row at a time. The
/// blocks of p are taken in increasing order, so each sum keeps its order across them.
pub fn gemm(n: usize, k: usize, m: usize, a: &[f64], b: &[f64], c: &mut [f64]) {
    assert!(
        a.len() == n * k && b.len() == k * m && c.len() == n * m,
        "gemm: slice lengths"
    );
    c.fill(0.0);
    let n4 = n / 4 * 4;
    for p0 in (0..k).step_by(DEPTH) {
        let p1 = (p0 + DEPTH).min(k);
        for j0 in (0..m).step_by(TILE) {
            let j1 = (j0 + TILE).min(m);
            let j4 = j0 + (j1 - j0) / 4 * 4;
            for i in (0..n4).step_by(4) {
                for j in (j0..j4).step_by(4) {
                    block4(a, k, b, m, c, (i, j), (p0, p1));
                }
            }
            for (i, (row, c_row)) in a.chunks_exact(k).zip(c.chunks_exact_mut(m)).enumerate() {
                let from = if i < n4 { j4 } else { j0 };
                let row = &row[p0..p1];
                add_products(row, &b[p0 * m..p1 * m], m, &mut c_row[from..j1], from);
            }
        }
    }
}

/// c[i + r][j + s] += Σ_{p0 ≤ p < p1} a[i + r][p] · b[p][j + s] for r, s in 0..4, each sum
/// in increasing p, the 16 sums held in 8 registers of two lanes across the block of p.
#[inline(always)]
fn block4(
    a: &[f64],
    k: usize,
    b: &[f64],
    m: usize,
    c: &mut [f64],
    (i, j): (usize, usize),
    (p0, p1): (usize, usize),
) {
    let rows: [&[f64]; 4] = std::array::from_fn(|r| &a[(i + r) * k + p0..(i + r) * k + p1]);
    let mut acc: [[F2; 2]; 4] = std::array::from_fn(|r| {
        let at = (i + r) * m + j;
        [F2::load(two(c, at)), F2::load(two(c, at + 2))]
    });
    for (q, b_row) in b[p0 * m..p1 * m].chunks_exact(m).enumerate() {
        let (b0, b1) = (F2::load(two(b_row, j)), F2::load(two(b_row, j + 2)));
        for (acc, row) in acc.iter_mut().zip(&rows) {
            let x = F2::splat(row[q]);
            acc[0] = acc[0] + x * b0;
            acc[1] = acc[1] + x * b1;
        }
    }
    for (r, [lo, hi]) in acc.into_iter().enumerate() {
        let at = (i + r) * m + j;
        lo.store(two_mut(c, at));
        hi.store(two_mut(c, at + 2));
    }
}

/// s[at], s[at + 1]
#[inline(always)]
fn two(s: &[f64], at: usize) -> &[f64; 2] {
    s[at..at + 2].try_into().expect("two numbers")
}

#[inline(always)]
fn two_mut(s: &mut [f64], at: usize) -> &mut [f64; 2] {
    (&mut s[at..at + 2]).try_into().expect("two numbers")
}

/// out_j += Σ_p row_p · b[p][j0 + j] for the rows p of one block, in increasing p.
#[inline(always)]
fn add_products(row: &[f64], b: &[f64], m: usize, out: &mut [f64], j0: usize) {
    let width = out.len();
    let b_row = |p: usize| &b[p * m + j0..p * m + j0 + width];
    let mut p = 0;
    while p + 4 <= row.len() {
        let (a0, a1, a2, a3) = (row[p], row[p + 1], row[p + 2], row[p + 3]);
        let rows = out
            .iter_mut()
            .zip(b_row(p))
            .zip(b_row(p + 1))
            .zip(b_row(p + 2))
            .zip(b_row(p + 3));
        for ((((o, &b0), &b1), &b2), &b3) in rows {
            *o = (((*o + a0 * b0) + a1 * b1) + a2 * b2) + a3 * b3;
        }
        p += 4;
    }
    for (p, &a_p) in row.iter().enumerate().skip(p) {
        for (o, &b_p) in out.iter_mut().zip(b_row(p)) {
            *o += a_p * b_p;
        }
    }
}

/// Whether every number of `m` is finite (`lanes::all_finite` on its memory).
pub fn finite(m: &Array2<f64>) -> bool {
    match m.as_slice_memory_order() {
        Some(s) => crate::math::lanes::all_finite(s),
        None => m.iter().all(|v| v.is_finite()),
    }
}

/// `c` reshaped to (n × m), keeping its memory when it already has that shape.
pub fn shaped(c: &mut Array2<f64>, n: usize, m: usize) -> &mut [f64] {
    if c.dim() != (n, m) || !c.is_standard_layout() {
        *c = Array2::zeros((n, m));
    }
    c.as_slice_mut().expect("standard layout")
}

/// `a` as a row-major slice: its own memory when it is laid out so, else a copy into `scratch`
/// (a transposed matrix by a transposing loop, anything else row by row).
fn rows<'a>(a: &'a ArrayView2<f64>, scratch: &'a mut Vec<f64>) -> &'a [f64] {
    if let Some(s) = a.as_slice() {
        return s;
    }
    let (n, k) = a.dim();
    scratch.clear();
    scratch.resize(n * k, 0.0);
    if n * k == 0 {
        return scratch;
    }
    if let Some(source) = a.t().as_slice() {
        // a = Sᵀ with S (k × n) row-major: a_ip = S_pi, eight rows of S at a time so that
        // each row of the copy is written a cache line at a time
        for p0 in (0..k).step_by(8) {
            let p1 = (p0 + 8).min(k);
            for (i, out) in scratch.chunks_exact_mut(k).enumerate() {
                for (p, o) in (p0..p1).zip(&mut out[p0..p1]) {
                    *o = source[p * n + i];
                }
            }
        }
    } else {
        for (out, row) in scratch.chunks_exact_mut(k).zip(a.rows()) {
            copy_row(row, out);
        }
    }
    scratch
}

/// out = row, by `copy_from_slice` when the row is contiguous.
pub fn copy_row(row: ndarray::ArrayView1<f64>, out: &mut [f64]) {
    match row.as_slice() {
        Some(s) => out.copy_from_slice(s),
        None => out.iter_mut().zip(row).for_each(|(o, &v)| *o = v),
    }
}

/// C = A · B into `c` (its memory reused when the shape fits); `scratch` holds a copy of an
/// operand that is not row-major (a transposed view), so nothing is allocated once sized.
/// A: (n × k), B: (k × m) → C: (n × m).
pub fn matmul_into(
    a: ArrayView2<f64>,
    b: ArrayView2<f64>,
    c: &mut Array2<f64>,
    scratch: &mut Vec<f64>,
) {
    let (n, k) = a.dim();
    let (k2, m) = b.dim();
    assert_eq!(k, k2, "matmul: ({n} × {k}) · ({k2} × {m})");
    let out = shaped(c, n, m);
    let mut other = Vec::new();
    match (a.as_slice(), b.as_slice()) {
        (Some(a), Some(b)) => gemm(n, k, m, a, b, out),
        (Some(a), None) => gemm(n, k, m, a, rows(&b, scratch), out),
        (None, Some(b)) => gemm(n, k, m, rows(&a, scratch), b, out),
        (None, None) => gemm(n, k, m, rows(&a, scratch), rows(&b, &mut other), out),
    }
}

/// C = A · B.   A: (n × k), B: (k × m) → C: (n × m);  c_ij = Σ_k a_ik b_kj.
pub fn matmul(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    let mut c = Array2::zeros((0, 0));
    matmul_into(a, b, &mut c, &mut Vec::new());
    c
}

/// C = Aᵀ · B.   A: (k × n), B: (k × m) → C: (n × m);  c_ij = Σ_k a_ki b_kj.
pub fn matmul_tn(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    matmul(a.t(), b)
}

/// C = A · Bᵀ.   A: (n × k), B: (m × k) → C: (n × m);  c_ij = Σ_k a_ik b_jk.
pub fn matmul_nt(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    matmul(a, b.t())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn products_match_hand_worked_values() {
        // [1 2; 3 4; 5 6] · [7 8 9; 10 11 12] worked by hand:
        // row 1: 1·7+2·10 = 27, 1·8+2·11 = 30, 1·9+2·12 = 33 ...
        let a = array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]];
        let b = array![[7.0, 8.0, 9.0], [10.0, 11.0, 12.0]];
        let want = array![[27.0, 30.0, 33.0], [61.0, 68.0, 75.0], [95.0, 106.0, 117.0]];
        assert_eq!(matmul(a.view(), b.view()), want);
        assert_eq!(matmul_tn(a.t(), b.view()), want);
        assert_eq!(matmul_nt(a.view(), b.t()), want);
    }

    // the blocked, tiled kernel against the plain definition — a sum over k from 0 in
    // increasing order — bit for bit, on shapes around the 4 × 4 blocks, the unroll (4), the
    // k-block (32) and the tile (256), with rows and columns left over
    #[test]
    fn kernel_sums_in_the_order_of_the_definition() {
        for (n, k, m) in [
            (1, 1, 1),
            (3, 5, 7),
            (16, 16, 32),
            (2, 4, 255),
            (5, 9, 513),
            (1, 0, 3),
            (8, 70, 260),
            (6, 33, 6),
            (64, 5, 2),
        ] {
            let a = Array2::from_shape_fn((n, k), |(i, p)| ((i * 7 + p * 3) as f64).sin() * 1e3);
            let b = Array2::from_shape_fn((k, m), |(p, j)| ((p * 5 + j) as f64 * 0.37).cos());
            let c = matmul(a.view(), b.view());
            for i in 0..n {
                for j in 0..m {
                    let want = (0..k).fold(0.0, |s, p| s + a[[i, p]] * b[[p, j]]);
                    assert_eq!(
                        c[[i, j]].to_bits(),
                        want.to_bits(),
                        "({n}×{k}×{m}) [{i},{j}]"
                    );
                }
            }
            let at = a.t().to_owned();
            assert_eq!(matmul_tn(at.view(), b.view()), c);
        }
    }

    #[test]
    #[should_panic(expected = "matmul")]
    fn mismatched_inner_dimensions_are_refused() {
        let a = Array2::<f64>::zeros((2, 3));
        matmul(a.view(), a.view());
    }
}
