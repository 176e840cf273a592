//! Costs C, their gradients ∇_a C, and the output error δ[L] they start backprop with
//! (`docs/math.md`, costs and backpropagation). The cost of a batch is the mean over its m columns.

use crate::math::activation::{Activation, softmax_backward};
use ndarray::{Array2, ArrayView2, Axis, Zip};
use serde::{Deserialize, Serialize};

/// Every log argument is floored here when a loss value is computed: ln(max(a, 1e-12)).
pub const LOG_FLOOR: f64 = 1e-12;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cost {
    /// C = ½ Σ_j (y_j − a_j)²
    Mse,
    /// C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], sigmoid output only
    Bce,
    /// C = −Σ_k y_k ln a_k, softmax output with one-hot y only
    CrossEntropy,
}

fn ln_floored(v: f64) -> f64 {
    libm::log(v.max(LOG_FLOOR))
}

impl Cost {
    pub const ALL: [Cost; 3] = [Cost::Mse, Cost::Bce, Cost::CrossEntropy];

    pub fn name(self) -> &'static str {
        match self {
            Cost::Mse => "mse",
            Cost::Bce => "bce",
            Cost::CrossEntropy => "cross_entropy",
        }
    }

    pub fn from_name(name: &str) -> Option<Cost> {
        Cost::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether `docs/math.md` allows this cost after this output activation; `None` if so,
    /// else the reason in words.
    pub fn check_pair(self, output: Activation, n_out: usize) -> Option<String> {
        match self {
            Cost::Bce if output != Activation::Sigmoid => Some(format!(
                "bce needs a sigmoid output (each unit a yes/no probability), not {}",
                output.name()
            )),
            Cost::CrossEntropy if output != Activation::Softmax => Some(format!(
                "cross_entropy needs a softmax output, not {}",
                output.name()
            )),
            Cost::CrossEntropy if n_out < 2 => {
                Some("cross_entropy needs at least 2 output units (one per class)".into())
            }
            _ => None,
        }
    }

    /// C of one example, column `a` against column `y`, each (n[L]).
    pub fn example_cost(self, a: ArrayView2<f64>, y: ArrayView2<f64>, col: usize) -> f64 {
        let (a, y) = (a.column(col), y.column(col));
        match self {
            Cost::Mse => 0.5 * a.iter().zip(y).map(|(a, y)| (y - a) * (y - a)).sum::<f64>(),
            Cost::Bce => -a
                .iter()
                .zip(y)
                .map(|(&a, &y)| y * ln_floored(a) + (1.0 - y) * ln_floored(1.0 - a))
                .sum::<f64>(),
            Cost::CrossEntropy => -a
                .iter()
                .zip(y)
                .map(|(&a, &y)| y * ln_floored(a))
                .sum::<f64>(),
        }
    }

    /// The batch cost: (1/m) Σ over the m columns of C.   A, Y: (n[L] × m).
    pub fn cost(self, a: ArrayView2<f64>, y: ArrayView2<f64>) -> f64 {
        let m = a.ncols();
        if m == 0 {
            return 0.0;
        }
        (0..m).map(|j| self.example_cost(a, y, j)).sum::<f64>() / m as f64
    }

    /// ∇_a C per example, (n[L] × m): mse a − y; bce −y/a + (1 − y)/(1 − a); cross-entropy −y/a.
    /// (Shown to students; the simplified output errors below never divide by a.)
    pub fn gradient(self, a: ArrayView2<f64>, y: ArrayView2<f64>) -> Array2<f64> {
        Zip::from(&a).and(&y).map_collect(|&a, &y| match self {
            Cost::Mse => a - y,
            Cost::Bce => -y / a + (1.0 - y) / (1.0 - a),
            Cost::CrossEntropy => -y / a,
        })
    }

    /// True when δ[L] simplifies to A − Y: sigmoid + bce and softmax + cross-entropy.
    pub fn simplifies_with(self, output: Activation) -> bool {
        matches!(
            (output, self),
            (Activation::Sigmoid, Cost::Bce) | (Activation::Softmax, Cost::CrossEntropy)
        )
    }

    /// The output error δ[L] = ∂C/∂Z[L] per example, (n[L] × m), as backprop computes it:
    /// A − Y for sigmoid + bce and softmax + cross-entropy; the softmax Jacobian applied to
    /// ∇_a C for softmax with another cost; ∇_a C ⊙ σ'(Z) otherwise.
    pub fn output_error(
        self,
        output: Activation,
        z: ArrayView2<f64>,
        a: ArrayView2<f64>,
        y: ArrayView2<f64>,
    ) -> Array2<f64> {
        if self.simplifies_with(output) {
            &a - &y
        } else {
            self.output_error_general(output, z, a, y)
        }
    }

    /// δ[L] by the general route, never simplified: ∇_a C ⊙ σ'(Z), or the softmax Jacobian
    /// applied to ∇_a C. Equal to `output_error` (up to rounding) where both are finite; shown
    /// to students to make the simplification visible.
    pub fn output_error_general(
        self,
        output: Activation,
        z: ArrayView2<f64>,
        a: ArrayView2<f64>,
        y: ArrayView2<f64>,
    ) -> Array2<f64> {
        let mut g = self.gradient(a, y);
        if output == Activation::Softmax {
            softmax_backward(a, g.view())
        } else {
            output.times_derivative(&mut g, z, a);
            g
        }
    }

    /// Accuracy (`docs/math.md`): bce — the fraction of output numbers with (a ≥ 0.5) == y;
    /// cross-entropy — the fraction of columns whose argmax of A equals that of Y;
    /// mse — none.
    pub fn accuracy(self, a: ArrayView2<f64>, y: ArrayView2<f64>) -> Option<f64> {
        if a.is_empty() {
            return None;
        }
        match self {
            Cost::Mse => None,
            Cost::Bce => {
                let right = Zip::from(&a).and(&y).fold(0usize, |n, &a, &y| {
                    n + usize::from((a >= 0.5) == (y >= 0.5))
                });
                Some(right as f64 / a.len() as f64)
            }
            Cost::CrossEntropy => {
                let right = a
                    .axis_iter(Axis(1))
                    .zip(y.axis_iter(Axis(1)))
                    .filter(|(a, y)| argmax(a.iter()) == argmax(y.iter()))
                    .count();
                Some(right as f64 / a.ncols() as f64)
            }
        }
    }
}

/// Index of the largest value, the first one on ties.
pub fn argmax<'a>(values: impl Iterator<Item = &'a f64>) -> usize {
    let mut best = (0, f64::NEG_INFINITY);
    for (i, &v) in values.enumerate() {
        if v > best.1 {
            best = (i, v);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::activation::softmax;
    use approx::assert_relative_eq;
    use ndarray::array;

    // Literals computed outside the code with Python's math module:
    // mse: 0.5*((0.2-1)**2 + (0.9-0)**2) = 0.7250000000000001 ; second column 0.5*(0.25+0.01)=0.13
    // bce: -(math.log(0.8)) - math.log(1-0.3) = 0.5798184952529422
    // bce floored: a=1.0, y=0 -> -math.log(1e-12) = 27.631021115928547
    // ce: -math.log(0.7) = 0.35667494393873245
    #[test]
    fn costs_at_fixed_points() {
        let a = array![[0.2, 0.5], [0.9, 0.1]];
        let y = array![[1.0, 0.0], [0.0, 0.0]];
        assert_relative_eq!(
            Cost::Mse.example_cost(a.view(), y.view(), 0),
            0.7250000000000001
        );
        assert_relative_eq!(
            Cost::Mse.cost(a.view(), y.view()),
            (0.725 + 0.13) / 2.0,
            max_relative = 1e-15
        );

        let a = array![[0.8, 1.0], [0.3, 0.0]];
        let y = array![[1.0, 0.0], [0.0, 0.0]];
        assert_relative_eq!(
            Cost::Bce.example_cost(a.view(), y.view(), 0),
            0.5798184952529422,
            max_relative = 1e-15
        );
        // a = 1 with y = 0 hits the floor: −ln(1e-12); a = 0 with y = 0 costs nothing
        assert_relative_eq!(
            Cost::Bce.example_cost(a.view(), y.view(), 1),
            27.631021115928547,
            max_relative = 1e-15
        );

        let a = array![[0.1, 0.0], [0.7, 1.0], [0.2, 0.0]];
        let y = array![[0.0, 1.0], [1.0, 0.0], [0.0, 0.0]];
        assert_relative_eq!(
            Cost::CrossEntropy.example_cost(a.view(), y.view(), 0),
            0.35667494393873245,
            max_relative = 1e-15
        );
        assert_relative_eq!(
            Cost::CrossEntropy.example_cost(a.view(), y.view(), 1),
            27.631021115928547,
            max_relative = 1e-15
        );
        assert_relative_eq!(
            Cost::CrossEntropy.cost(a.view(), y.view()),
            (0.35667494393873245 + 27.631021115928547) / 2.0,
            max_relative = 1e-15
        );
    }

    // ∇aC by hand: mse a − y = [−0.8, 0.9]; bce at a = 0.8, y = 1: −1/0.8 = −1.25;
    // at a = 0.3, y = 0: 1/0.7 = 1.4285714285714286; ce at a = 0.7, y = 1: −1/0.7.
    #[test]
    fn gradients_at_fixed_points() {
        let a = array![[0.2], [0.9]];
        let y = array![[1.0], [0.0]];
        let g = Cost::Mse.gradient(a.view(), y.view());
        assert_relative_eq!(g[[0, 0]], -0.8, max_relative = 1e-15);
        assert_relative_eq!(g[[1, 0]], 0.9, max_relative = 1e-15);
        let a = array![[0.8], [0.3]];
        let y = array![[1.0], [0.0]];
        let g = Cost::Bce.gradient(a.view(), y.view());
        assert_relative_eq!(g[[0, 0]], -1.25, max_relative = 1e-15);
        assert_relative_eq!(g[[1, 0]], 1.4285714285714286, max_relative = 1e-15);
        let a = array![[0.3], [0.7]];
        let y = array![[0.0], [1.0]];
        let g = Cost::CrossEntropy.gradient(a.view(), y.view());
        assert_eq!(g[[0, 0]], 0.0);
        assert_relative_eq!(g[[1, 0]], -1.4285714285714286, max_relative = 1e-15);
    }

    #[test]
    fn sigmoid_bce_output_error_is_a_minus_y_and_equals_the_general_path() {
        let z = array![[0.3, -1.2, 2.0], [-0.7, 0.1, 4.0]];
        let a = Activation::Sigmoid.apply(z.view());
        let y = array![[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]];
        let simple = Cost::Bce.output_error(Activation::Sigmoid, z.view(), a.view(), y.view());
        assert_eq!(simple, &a - &y);
        let general =
            Cost::Bce.output_error_general(Activation::Sigmoid, z.view(), a.view(), y.view());
        for (s, g) in simple.iter().zip(general.iter()) {
            assert_relative_eq!(s, g, max_relative = 1e-12);
        }
    }

    #[test]
    fn softmax_cross_entropy_output_error_is_p_minus_y_and_equals_the_jacobian_path() {
        let z = array![[0.3, -1.2], [-0.7, 0.1], [1.5, 0.4]];
        let a = softmax(z.view());
        let y = array![[0.0, 1.0], [0.0, 0.0], [1.0, 0.0]];
        let simple =
            Cost::CrossEntropy.output_error(Activation::Softmax, z.view(), a.view(), y.view());
        assert_eq!(simple, &a - &y);
        let general = Cost::CrossEntropy.output_error_general(
            Activation::Softmax,
            z.view(),
            a.view(),
            y.view(),
        );
        for (s, g) in simple.iter().zip(general.iter()) {
            assert_relative_eq!(s, g, max_relative = 1e-12, epsilon = 1e-15);
        }
    }

    // tanh + mse at z = 0.5, y = 1: a = 0.46211715726000974, ∇aC = a − 1, σ' = 0.7864477329659274
    // δ = (0.46211715726000974 − 1)·0.7864477329659274 = −0.42301805615963897 (Python).
    #[test]
    fn elementwise_output_error_is_gradient_times_sigma_prime() {
        let z = array![[0.5]];
        let a = Activation::Tanh.apply(z.view());
        let y = array![[1.0]];
        let d = Cost::Mse.output_error(Activation::Tanh, z.view(), a.view(), y.view());
        assert_relative_eq!(d[[0, 0]], -0.4230167422741337, max_relative = 1e-14);
    }

    // softmax + mse goes through the Jacobian: z = [0, ln 3] gives a = [0.25, 0.75];
    // y = [1, 0]: g = a − y = [−0.75, 0.75]; Σ a g = −0.1875 + 0.5625 = 0.375;
    // δ = a ⊙ (g − 0.375) = [0.25·(−1.125), 0.75·0.375] = [−0.28125, 0.28125] (by hand).
    #[test]
    fn softmax_mse_output_error_uses_the_jacobian() {
        let z = array![[0.0], [libm::log(3.0)]];
        let a = softmax(z.view());
        let y = array![[1.0], [0.0]];
        let d = Cost::Mse.output_error(Activation::Softmax, z.view(), a.view(), y.view());
        assert_relative_eq!(d[[0, 0]], -0.28125, max_relative = 1e-14);
        assert_relative_eq!(d[[1, 0]], 0.28125, max_relative = 1e-14);
    }

    #[test]
    fn accuracy_follows_the_spec() {
        let a = array![[0.7, 0.5, 0.2, 0.49]];
        let y = array![[1.0, 1.0, 1.0, 0.0]];
        // right: 0.7→1 ✓, 0.5→1 ✓ (a ≥ 0.5), 0.2→0 ✗, 0.49→0 ✓
        assert_eq!(Cost::Bce.accuracy(a.view(), y.view()), Some(0.75));
        let a = array![[0.1, 0.6], [0.7, 0.3], [0.2, 0.1]];
        let y = array![[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]];
        assert_eq!(Cost::CrossEntropy.accuracy(a.view(), y.view()), Some(0.5));
        assert_eq!(Cost::Mse.accuracy(a.view(), y.view()), None);
    }

    #[test]
    fn argmax_takes_the_first_of_equal_values() {
        // a two-class softmax at z = (0, 0) gives (0.5, 0.5): the example counts as class 0
        assert_eq!(argmax([0.2, 0.5, 0.5].iter()), 1);
        assert_eq!(argmax([0.5, 0.5].iter()), 0);
        assert_eq!(argmax([0.1, 0.3, 0.9].iter()), 2);
        let a = array![[0.5, 0.2], [0.5, 0.8]];
        let y = array![[1.0, 0.0], [0.0, 1.0]];
        assert_eq!(Cost::CrossEntropy.accuracy(a.view(), y.view()), Some(1.0));
    }

    #[test]
    fn pairs_follow_the_spec() {
        assert!(Cost::Bce.check_pair(Activation::Sigmoid, 1).is_none());
        assert!(
            Cost::Bce
                .check_pair(Activation::Tanh, 1)
                .unwrap()
                .contains("sigmoid")
        );
        assert!(
            Cost::CrossEntropy
                .check_pair(Activation::Softmax, 3)
                .is_none()
        );
        assert!(
            Cost::CrossEntropy
                .check_pair(Activation::Sigmoid, 3)
                .unwrap()
                .contains("softmax")
        );
        assert!(
            Cost::CrossEntropy
                .check_pair(Activation::Softmax, 1)
                .unwrap()
                .contains("2")
        );
        for act in Activation::ALL {
            assert!(Cost::Mse.check_pair(act, 2).is_none());
        }
        for c in Cost::ALL {
            assert_eq!(Cost::from_name(c.name()), Some(c));
        }
    }
}
