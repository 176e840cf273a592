//! Matrix products with a fixed order of summation.
//!
//! `ndarray`'s `dot` hands f64 products to `matrixmultiply`, which picks an FMA/AVX kernel at
//! run time on x86-64 and a plain one on wasm32; the two round differently, and the
//! playground promises the same bits natively and in every browser (`docs/math.md`). These loops
//! sum over k in increasing order with a separate multiply and add, on every target.
//! The nets here are small (≤ 64 units), so the plain loops cost little.

use ndarray::{Array2, ArrayView2};

/// C = A · B.   A: (n × k), B: (k × m) → C: (n × m);  c_ij = Σ_k a_ik b_kj.
pub fn matmul(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    let (n, k) = a.dim();
    let (k2, m) = b.dim();
    assert_eq!(k, k2, "matmul: ({n} × {k}) · ({k2} × {m})");
    let a = a.as_standard_layout();
    let b = b.as_standard_layout();
    let (a, b) = (a.as_slice().unwrap(), b.as_slice().unwrap());
    let mut c = vec![0.0; n * m];
    for i in 0..n {
        let row = &a[i * k..(i + 1) * k];
        let out = &mut c[i * m..(i + 1) * m];
        for (p, &a_ip) in row.iter().enumerate() {
            let b_row = &b[p * m..(p + 1) * m];
            for (o, &b_pj) in out.iter_mut().zip(b_row) {
                *o += a_ip * b_pj;
            }
        }
    }
    Array2::from_shape_vec((n, m), c).unwrap()
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

    #[test]
    #[should_panic(expected = "matmul")]
    fn mismatched_inner_dimensions_are_refused() {
        let a = Array2::<f64>::zeros((2, 3));
        matmul(a.view(), a.view());
    }
}
