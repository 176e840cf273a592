//! Regularization: a penalty on the weights added to the cost, with its gradient beside it
//! (`docs/math.md`, regularization). TF Playground's "L1" and "L2".
//!
//! The objective the optimizers descend is J = C + λ·R(W), with R summed over the weights of
//! every layer; biases are not penalised:
//!
//! - L2: R = ½ Σ_l Σ_ij W[l]ᵢⱼ²,  ∂R/∂W[l] = W[l]
//! - L1: R = Σ_l Σ_ij |W[l]ᵢⱼ|,   ∂R/∂W[l] = sign(W[l]) (0 at 0, as autograd has it)
//!
//! so that dW[l] = (1/m) δ[l]·A[l−1]ᵀ + λ·∂R/∂W[l], and db[l] is unchanged. The losses the
//! race reports are the data cost C alone, as TF Playground shows them.

use ndarray::{Array2, ArrayView2, Zip};

/// Which penalty R.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Penalty {
    #[default]
    None,
    L1,
    L2,
}

impl Penalty {
    pub const ALL: [Penalty; 3] = [Penalty::None, Penalty::L1, Penalty::L2];

    /// The name used in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Penalty::None => "none",
            Penalty::L1 => "l1",
            Penalty::L2 => "l2",
        }
    }

    pub fn from_name(name: &str) -> Option<Penalty> {
        Penalty::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// The penalty and its rate λ (≥ 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Regularization {
    pub penalty: Penalty,
    /// λ
    pub rate: f64,
}

/// The largest λ a scenario may set (TF Playground's largest choice).
pub const MAX_RATE: f64 = 10.0;
/// λ when a scenario names a penalty without a rate.
pub const DEFAULT_RATE: f64 = 0.001;

impl Regularization {
    /// True when it changes anything: a penalty with λ > 0.
    pub fn is_active(&self) -> bool {
        self.penalty != Penalty::None && self.rate > 0.0
    }

    /// λ·R of one layer's weights. w: (n[l] × n[l-1]).
    /// L2: (λ/2) Σ wᵢⱼ²;  L1: λ Σ |wᵢⱼ|;  none: 0.
    pub fn penalty(&self, w: ArrayView2<f64>) -> f64 {
        let sum = match self.penalty {
            Penalty::None => return 0.0,
            Penalty::L1 => w.iter().fold(0.0, |s, &v| s + v.abs()),
            Penalty::L2 => 0.5 * w.iter().fold(0.0, |s, &v| s + v * v),
        };
        self.rate * sum
    }

    /// dW += λ·∂R/∂W in place (the backward pass's term; the same numbers as
    /// `dw + gradient(w)`). w, dW: (n[l] × n[l-1]).
    pub fn add_gradient(&self, w: ArrayView2<f64>, dw: &mut Array2<f64>) {
        let rate = self.rate;
        match self.penalty {
            Penalty::None => {}
            Penalty::L1 => Zip::from(dw).and(&w).for_each(|d, &v| *d += rate * sign(v)),
            Penalty::L2 => Zip::from(dw).and(&w).for_each(|d, &v| *d += rate * v),
        }
    }

    /// λ·∂R/∂W of one layer's weights, the same shape as w.
    /// L2: λ·W;  L1: λ·sign(W) with sign(0) = 0;  none: zeros.
    #[inline] // cold: built in the calling crate, for size (src/core.rs)
    pub fn gradient(&self, w: ArrayView2<f64>) -> Array2<f64> {
        let rate = self.rate;
        match self.penalty {
            Penalty::None => Array2::zeros(w.raw_dim()),
            Penalty::L1 => w.mapv(|v| rate * sign(v)),
            Penalty::L2 => w.mapv(|v| rate * v),
        }
    }
}

/// sign(v): −1, 0 or 1 (`f64::signum` gives ±1 at ±0, which is not the subgradient used here).
fn sign(v: f64) -> f64 {
    if v > 0.0 {
        1.0
    } else if v < 0.0 {
        -1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{ShapeBuilder, array};

    // Hand-worked: W = [[1, −2], [0, 3]], λ = 0.1.
    // L2: (0.1/2)(1 + 4 + 0 + 9) = 0.7; gradient 0.1·W = [[0.1, −0.2], [0, 0.3]].
    // L1: 0.1·(1 + 2 + 0 + 3) = 0.6; gradient 0.1·sign(W) = [[0.1, −0.1], [0, 0.1]].
    #[test]
    fn penalties_and_gradients_worked_by_hand() {
        let w = array![[1.0, -2.0], [0.0, 3.0]];
        let l2 = Regularization {
            penalty: Penalty::L2,
            rate: 0.1,
        };
        assert!((l2.penalty(w.view()) - 0.7).abs() < 1e-15);
        assert_eq!(
            l2.gradient(w.view()),
            array![[0.1, -0.2], [0.0, 0.30000000000000004]]
        );
        let l1 = Regularization {
            penalty: Penalty::L1,
            rate: 0.1,
        };
        assert!((l1.penalty(w.view()) - 0.6).abs() < 1e-15);
        assert_eq!(l1.gradient(w.view()), array![[0.1, -0.1], [0.0, 0.1]]);
        let none = Regularization {
            penalty: Penalty::None,
            rate: 0.1,
        };
        assert_eq!(none.penalty(w.view()), 0.0);
        assert_eq!(none.gradient(w.view()), Array2::<f64>::zeros((2, 2)));
    }

    // Hand-worked with W = [[1, −2], [0, 3]], λ = 0.1 and dW = [[1, 1], [1, 1]] before:
    // L2 adds 0.1·W: [[1.1, 0.8], [1, 1.3]]; L1 adds 0.1·sign(W): [[1.1, 0.9], [1, 1.1]]; none
    // adds nothing. (1 + 0.30000000000000004 rounds to 1.3; 1 − 0.2 to 0.8.)
    #[test]
    fn add_gradient_adds_the_gradient_in_place() {
        let w = array![[1.0, -2.0], [0.0, 3.0]];
        for (penalty, want) in [
            (Penalty::L2, array![[1.1, 0.8], [1.0, 1.3]]),
            (Penalty::L1, array![[1.1, 0.9], [1.0, 1.1]]),
            (Penalty::None, array![[1.0, 1.0], [1.0, 1.0]]),
        ] {
            let mut dw = Array2::ones((2, 2));
            Regularization { penalty, rate: 0.1 }.add_gradient(w.view(), &mut dw);
            assert_eq!(dw, want, "{penalty:?}");
        }
        // element by element whatever the layouts: dW = [[1, 2], [3, 4]] laid out column by
        // column with W row by row, then row by row with Wᵀ = [[1, 0], [−2, 3]] column by column:
        // [[1.1, 1.8], [3, 4.3]] and [[1.1, 2], [2.8, 4.3]] (2 − 0.2 rounds to 1.8, 3 − 0.2 to 2.8)
        let l2 = Regularization {
            penalty: Penalty::L2,
            rate: 0.1,
        };
        let mut dw = Array2::from_shape_vec((2, 2).f(), vec![1.0, 3.0, 2.0, 4.0]).unwrap();
        assert!(!dw.is_standard_layout());
        l2.add_gradient(w.view(), &mut dw);
        assert_eq!(dw, array![[1.1, 1.8], [3.0, 4.3]]);
        let mut dw = array![[1.0, 2.0], [3.0, 4.0]];
        l2.add_gradient(w.t(), &mut dw);
        assert_eq!(dw, array![[1.1, 2.0], [2.8, 4.3]]);
    }

    #[test]
    fn the_l1_gradient_is_zero_at_zero_even_for_minus_zero() {
        let l1 = Regularization {
            penalty: Penalty::L1,
            rate: 2.0,
        };
        let g = l1.gradient(array![[0.0, -0.0, 1e-300, -1e-300]].view());
        assert_eq!(g, array![[0.0, 0.0, 2.0, -2.0]]);
    }

    #[test]
    fn active_only_with_a_penalty_and_a_positive_rate() {
        let r = |penalty, rate| Regularization { penalty, rate }.is_active();
        assert!(r(Penalty::L2, 0.001));
        assert!(r(Penalty::L1, 0.001));
        assert!(!r(Penalty::L2, 0.0));
        assert!(!r(Penalty::None, 1.0));
        assert!(!Regularization::default().is_active());
    }

    #[test]
    fn names_round_trip() {
        for p in Penalty::ALL {
            assert_eq!(Penalty::from_name(p.name()), Some(p));
        }
        assert_eq!(Penalty::from_name("L2"), None);
    }
}
