//! Activations σ and their derivatives σ', side by side (`docs/math.md`, activations).
//!
//! Every transcendental function comes from `libm`, so native and wasm32 builds agree to the bit.

use crate::math::elementary;
use ndarray::{Array2, ArrayView2, Axis, Zip};
use serde::{Deserialize, Serialize};

/// σ[l] of one layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    Linear,
    Sigmoid,
    Tanh,
    Relu,
    LeakyRelu,
    /// Output layer only, n[L] ≥ 2; acts on each column (one example) as a whole.
    Softmax,
}

/// Slope of leaky ReLU for z ≤ 0.
pub const LEAKY_SLOPE: f64 = 0.01;

impl Activation {
    pub const ALL: [Activation; 6] = [
        Activation::Linear,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Softmax,
    ];

    /// The name used in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Linear => "linear",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::LeakyRelu => "leaky_relu",
            Activation::Softmax => "softmax",
        }
    }

    #[inline] // cold: built in the calling crate, for size (src/core.rs)
    pub fn from_name(name: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|a| a.name() == name)
    }

    /// True for the activations applied to each number on its own (all but softmax).
    pub fn is_elementwise(self) -> bool {
        self != Activation::Softmax
    }

    /// A = σ(Z), Z and A: (n[l] × m). Softmax normalises each column.
    pub fn apply(self, z: ArrayView2<f64>) -> Array2<f64> {
        match self {
            Activation::Softmax => softmax(z),
            _ => z.mapv(|v| self.sigma(v)),
        }
    }

    /// A = σ(Z) on one row of numbers (z and a of the same length); softmax, which needs the
    /// whole column, leaves `a` alone.
    pub fn apply_row(self, z: &[f64], a: &mut [f64]) {
        match self {
            Activation::Softmax => {}
            Activation::Tanh => elementary::tanh_row(z, a),
            Activation::Sigmoid => elementary::sigmoid_row(z, a),
            _ => a.iter_mut().zip(z).for_each(|(a, &z)| *a = self.sigma(z)),
        }
    }

    /// back ⊙ σ'(Z) in place, given Z and A = σ(Z), all (n[l] × m): the hidden layers' δ[l]
    /// from back = W[l+1]ᵀ·δ[l+1], with σ' as `derivative_at` has it (softmax: its diagonal).
    pub fn times_derivative(self, back: &mut Array2<f64>, z: ArrayView2<f64>, a: ArrayView2<f64>) {
        debug_assert!(
            back.dim() == z.dim() && z.dim() == a.dim(),
            "δ, Z and A of one shape"
        );
        if !back.is_standard_layout() {
            *back = back.as_standard_layout().into_owned();
        }
        let (z, a) = (z.as_standard_layout(), a.as_standard_layout());
        let back = back.as_slice_mut().expect("standard layout");
        let (z, a) = (
            z.as_slice().expect("standard layout"),
            a.as_slice().expect("standard layout"),
        );
        for ((d, &z), &a) in back.iter_mut().zip(z).zip(a) {
            *d *= self.sigma_prime_at(z, a);
        }
    }

    /// σ'(Z) element by element, (n[l] × m). For softmax, whose derivative is a Jacobian per
    /// column, this is its diagonal σ_i(1 − σ_i) — shown to students, never used to backprop.
    pub fn derivative(self, z: ArrayView2<f64>) -> Array2<f64> {
        match self {
            Activation::Softmax => softmax(z).mapv(|s| s * (1.0 - s)),
            _ => z.mapv(|v| self.sigma_prime(v)),
        }
    }

    /// σ'(Z) given A = σ(Z) as well, (n[l] × m): tanh 1 − a², sigmoid a(1 − a), the others
    /// from Z. The same numbers as `derivative(z)` — A is σ(Z) computed by the same function —
    /// without computing each exponential a second time in backprop. (1 ⊙ σ'(Z): a product by
    /// 1 is exact.)
    pub fn derivative_at(self, z: ArrayView2<f64>, a: ArrayView2<f64>) -> Array2<f64> {
        let mut d = Array2::ones(z.raw_dim());
        self.times_derivative(&mut d, z, a);
        d
    }

    /// σ(z) of one number (element-wise activations; softmax of a lone number is 1).
    pub fn sigma(self, z: f64) -> f64 {
        match self {
            Activation::Linear => z,
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => elementary::tanh(z),
            Activation::Relu => {
                if z > 0.0 {
                    z
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    LEAKY_SLOPE * z
                }
            }
            Activation::Softmax => 1.0,
        }
    }

    /// σ'(z) of one number: linear 1; sigmoid σ(1 − σ); tanh 1 − tanh²; relu 1 if z > 0
    /// else 0 (0 at z = 0); leaky relu 1 if z > 0 else 0.01.
    pub fn sigma_prime(self, z: f64) -> f64 {
        self.sigma_prime_at(z, self.sigma(z))
    }

    /// σ'(z) given a = σ(z) too: sigmoid a(1 − a) and tanh 1 − a² from a (no second
    /// exponential), the others from z; softmax a(1 − a), the diagonal of its Jacobian (0 for
    /// `sigma_prime`, where a lone softmax is 1).
    #[inline]
    pub fn sigma_prime_at(self, z: f64, a: f64) -> f64 {
        match self {
            Activation::Linear => 1.0,
            Activation::Sigmoid | Activation::Softmax => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    LEAKY_SLOPE
                }
            }
        }
    }
}

/// σ(z) = 1/(1 + e^−z), computed without overflow for any z (`elementary::sigmoid`, within
/// 0.51 ulp, the same bits on every target).
pub fn sigmoid(z: f64) -> f64 {
    elementary::sigmoid(z)
}

/// Softmax of each column: a_i = e^(z_i − max z) / Σ_j e^(z_j − max z).   Z, A: (n × m).
pub fn softmax(z: ArrayView2<f64>) -> Array2<f64> {
    let mut a = z.to_owned();
    for mut col in a.axis_iter_mut(Axis(1)) {
        let max = col.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        col.mapv_inplace(|v| elementary::exp(v - max));
        let sum: f64 = col.iter().sum();
        col.mapv_inplace(|v| v / sum);
    }
    a
}

/// The softmax Jacobian applied to a gradient, column by column:
/// δ_i = Σ_j ∂a_j/∂z_i g_j = a_i (g_i − Σ_j a_j g_j), with ∂a_j/∂z_i = a_j(δ_ij − a_i).
/// A, G, δ: (n × m).
pub fn softmax_backward(a: ArrayView2<f64>, g: ArrayView2<f64>) -> Array2<f64> {
    let mut delta = Array2::zeros(a.raw_dim());
    for ((a_col, g_col), mut d_col) in a
        .axis_iter(Axis(1))
        .zip(g.axis_iter(Axis(1)))
        .zip(delta.axis_iter_mut(Axis(1)))
    {
        let dot: f64 = a_col.iter().zip(g_col.iter()).map(|(a, g)| a * g).sum();
        Zip::from(&mut d_col)
            .and(&a_col)
            .and(&g_col)
            .for_each(|d, &a, &g| *d = a * (g - dot));
    }
    delta
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use ndarray::array;

    // Expected values below were computed outside this code, with Python 3's `math` module
    // (math.exp, math.tanh), e.g. 1/(1+math.exp(-0.5)) = 0.6224593312018546.
    #[test]
    fn sigma_at_fixed_points() {
        use Activation::*;
        let cases = [
            (Linear, -1.5, -1.5),
            (Sigmoid, 0.0, 0.5),
            (Sigmoid, 0.5, 0.6224593312018546),
            (Sigmoid, -2.0, 0.11920292202211755),
            (Sigmoid, 40.0, 1.0),
            (Sigmoid, -800.0, 0.0),
            (Sigmoid, -40.0, 4.248354255291589e-18),
            (Tanh, 0.5, 0.46211715726000974),
            (Tanh, -1.0, -0.7615941559557649),
            (Relu, 2.5, 2.5),
            (Relu, -2.5, 0.0),
            (Relu, 0.0, 0.0),
            (LeakyRelu, 2.5, 2.5),
            (LeakyRelu, -2.5, -0.025),
        ];
        for (act, z, want) in cases {
            assert_relative_eq!(act.sigma(z), want, max_relative = 1e-15);
        }
    }

    // σ' literals: sigmoid 0.6224593312018546·(1−0.6224593312018546) = 0.2350037122015945,
    // tanh 1 − 0.46211715726000974² = 0.7864477329659274 (Python floats).
    #[test]
    fn sigma_prime_at_fixed_points() {
        use Activation::*;
        let cases = [
            (Linear, 3.0, 1.0),
            (Sigmoid, 0.0, 0.25),
            (Sigmoid, 0.5, 0.2350037122015945),
            (Sigmoid, -2.0, 0.1049935854035065),
            (Tanh, 0.5, 0.7864477329659274),
            (Tanh, 0.0, 1.0),
            (Relu, 0.3, 1.0),
            (Relu, 0.0, 0.0),
            (Relu, -0.3, 0.0),
            (LeakyRelu, 0.3, 1.0),
            (LeakyRelu, 0.0, 0.01),
            (LeakyRelu, -0.3, 0.01),
        ];
        for (act, z, want) in cases {
            assert_relative_eq!(act.sigma_prime(z), want, max_relative = 1e-15);
        }
    }

    // backprop takes σ' from A where it can: it must be the same numbers, bit for bit, as σ'
    // from Z (a one-bit difference would change every trace after it)
    #[test]
    fn derivative_from_a_is_derivative_from_z() {
        let z = Array2::from_shape_fn((7, 300), |(i, j)| {
            (i as f64 - 3.0) * 3.7 + (j as f64 - 150.0) * 0.0137
        });
        for act in Activation::ALL {
            let a = act.apply(z.view());
            let from_a = act.derivative_at(z.view(), a.view());
            let from_z = act.derivative(z.view());
            for (x, y) in from_a.iter().zip(&from_z) {
                assert_eq!(x.to_bits(), y.to_bits(), "{act:?}");
            }
        }
    }

    // times_derivative multiplies element by element whatever the layouts: a column-major
    // `back`, column-major Z and A, and each mixed with the other, give the numbers of the
    // row-major case (back ⊙ σ'(Z) from `derivative`, which takes Z alone); softmax's diagonal
    // a(1 − a) stands for its σ'.
    #[test]
    fn times_derivative_is_the_product_with_the_derivative_in_any_layout() {
        let z = Array2::from_shape_fn((3, 5), |(i, j)| (i as f64 - 1.0) * 1.3 - j as f64 * 0.41);
        let back = Array2::from_shape_fn((3, 5), |(i, j)| 0.5 + i as f64 * 0.25 - j as f64 * 0.1);
        // the same logical matrix laid out column by column in memory
        let column_major =
            |m: &Array2<f64>| m.t().as_standard_layout().into_owned().reversed_axes();
        for act in Activation::ALL {
            let a = act.apply(z.view());
            let want = &back * &act.derivative(z.view());
            let (zc, ac) = (column_major(&z), column_major(&a));
            assert!(!zc.is_standard_layout() && zc == z);
            for (back_columns, z_columns) in
                [(false, false), (true, true), (true, false), (false, true)]
            {
                let mut got = if back_columns {
                    column_major(&back)
                } else {
                    back.clone()
                };
                assert_eq!(got.is_standard_layout(), !back_columns);
                let (z, a) = if z_columns {
                    (zc.view(), ac.view())
                } else {
                    (z.view(), a.view())
                };
                act.times_derivative(&mut got, z, a);
                assert_eq!(
                    got, want,
                    "{act:?}, back columns {back_columns}, Z columns {z_columns}"
                );
            }
        }
        let a = array![[0.25], [0.75]];
        let mut back = array![[2.0], [4.0]];
        Activation::Softmax.times_derivative(&mut back, a.view(), a.view());
        assert_eq!(back, array![[0.375], [0.75]]);
    }

    #[test]
    fn matrices_apply_element_by_element() {
        let z = array![[0.5, -1.0], [0.0, 2.0]];
        let a = Activation::Tanh.apply(z.view());
        assert_relative_eq!(a[[0, 0]], 0.46211715726000974, max_relative = 1e-15);
        assert_relative_eq!(a[[0, 1]], -0.7615941559557649, max_relative = 1e-15);
        let d = Activation::Relu.derivative(z.view());
        assert_eq!(d, array![[1.0, 0.0], [0.0, 1.0]]);
    }

    // softmax([1, 2, 3]) with Python: e = [math.exp(v - 3) for v in (1, 2, 3)]; [x/sum(e) for x in e]
    // = [0.09003057317038046, 0.24472847105479764, 0.6652409557748218]
    #[test]
    fn softmax_normalises_each_column() {
        let z = array![[1.0, 1000.0], [2.0, 1000.0], [3.0, -1000.0]];
        let a = softmax(z.view());
        assert_relative_eq!(a[[0, 0]], 0.09003057317038046, max_relative = 1e-15);
        assert_relative_eq!(a[[1, 0]], 0.24472847105479764, max_relative = 1e-15);
        assert_relative_eq!(a[[2, 0]], 0.6652409557748218, max_relative = 1e-15);
        // huge logits do not overflow: the max is subtracted first
        assert_eq!(a.column(1).to_vec(), vec![0.5, 0.5, 0.0]);
        assert_eq!(Activation::Softmax.apply(z.view()), a);
    }

    // Jacobian of softmax at a = [0.2, 0.3, 0.5] applied to g = [1, -2, 0.5]:
    // Σ a g = 0.2 − 0.6 + 0.25 = −0.15; δ = a ⊙ (g + 0.15) = [0.23, −0.555, 0.325] (by hand).
    #[test]
    fn softmax_backward_applies_the_jacobian() {
        let a = array![[0.2], [0.3], [0.5]];
        let g = array![[1.0], [-2.0], [0.5]];
        let d = softmax_backward(a.view(), g.view());
        assert_relative_eq!(d[[0, 0]], 0.23, max_relative = 1e-14);
        assert_relative_eq!(d[[1, 0]], -0.555, max_relative = 1e-14);
        assert_relative_eq!(d[[2, 0]], 0.325, max_relative = 1e-14);
        // the softmax "derivative" shown to students is the Jacobian's diagonal a(1 − a)
        let z = array![[1.0], [2.0], [3.0]];
        let diag = Activation::Softmax.derivative(z.view());
        let s = softmax(z.view());
        assert_relative_eq!(diag[[2, 0]], s[[2, 0]] * (1.0 - s[[2, 0]]));
    }

    #[test]
    fn names_round_trip() {
        for act in Activation::ALL {
            assert_eq!(Activation::from_name(act.name()), Some(act));
            let json = serde_json::to_string(&act).unwrap();
            assert_eq!(json, format!("\"{}\"", act.name()));
        }
        assert_eq!(Activation::from_name("swish"), None);
        assert!(!Activation::Softmax.is_elementwise());
        assert!(Activation::Tanh.is_elementwise());
    }
}
