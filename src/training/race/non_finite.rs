//! Where a number stopped being finite (NaN or ±∞): the first matrix, in the order a training
//! step computes them, that holds one.

use crate::math::linalg::finite;
use crate::math::network::{ForwardCache, Gradients, Network};
use crate::math::optimizer::Optimizer;
use crate::math::quantity::Quantity;
use crate::training::phase::Phase;

/// Where a number that is not finite (NaN or ±∞) first appeared: the update (epoch, batch),
/// the sub-step and layer, and the matrix.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NonFinite {
    pub epoch: usize,
    pub batch: usize,
    pub phase: Phase,
    pub layer: usize,
    /// Z, A, C, δ, dW, db, W, b, V, S
    pub matrix: Quantity,
}

/// The first matrix, in the order backprop computes them, that holds a non-finite number:
/// Z[l], A[l] for l = 1..L, the cost, then δ[l], dW[l], db[l] for l = L..1.
pub fn first_non_finite(
    cache: &ForwardCache,
    cost: f64,
    grads: &Gradients,
) -> Option<(Phase, usize, Quantity)> {
    for (i, f) in cache.layers.iter().enumerate() {
        for (name, m) in [(Quantity::Z, &f.z), (Quantity::A, &f.a)] {
            if !finite(m) {
                return Some((Phase::Forward, i + 1, name));
            }
        }
    }
    if !cost.is_finite() {
        return Some((Phase::Cost, cache.layers.len(), Quantity::Cost));
    }
    for (i, g) in grads.layers.iter().enumerate().rev() {
        for (name, m) in [
            (Quantity::Delta, &g.delta),
            (Quantity::DW, &g.dw),
            (Quantity::Db, &g.db),
        ] {
            if !finite(m) {
                return Some((Phase::Backward, i + 1, name));
            }
        }
    }
    None
}

/// The first parameter or optimizer state that is not finite, after an update.
pub(super) fn first_non_finite_after_update(
    net: &Network,
    opt: &Optimizer,
) -> Option<(Phase, usize, Quantity)> {
    for (i, l) in net.layers.iter().enumerate() {
        for (name, m) in [(Quantity::W, &l.w), (Quantity::B, &l.b)] {
            if !finite(m) {
                return Some((Phase::Update, i + 1, name));
            }
        }
        for (name, state) in [(Quantity::V, &opt.velocity), (Quantity::S, &opt.sq_avg)] {
            if state
                .as_ref()
                .is_some_and(|s| !(finite(&s[i].w) && finite(&s[i].b)))
            {
                return Some((Phase::Update, i + 1, name));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::finite;
    use ndarray::Array2;

    // each value alone among finite ones, in a contiguous matrix and in a transposed view
    #[test]
    fn finite_is_false_exactly_for_nan_and_infinities() {
        let cases = [
            (f64::NAN, false),
            (-f64::NAN, false),
            (f64::INFINITY, false),
            (f64::NEG_INFINITY, false),
            (f64::from_bits(0x7ff0_0000_0000_0001), false), // a signalling NaN
            (f64::MAX, true),
            (f64::MIN, true),
            (f64::MIN_POSITIVE / 4.0, true), // subnormal
            (-0.0, true),
            (1.0, true),
        ];
        for (v, want) in cases {
            for at in [0, 7, 11] {
                let mut m = Array2::from_elem((3, 4), 0.5);
                m[[at / 4, at % 4]] = v;
                assert_eq!(finite(&m), want, "{v:?} at {at}");
                assert_eq!(finite(&m.t().to_owned()), want, "{v:?} at {at}, transposed");
            }
        }
        assert!(finite(&Array2::zeros((0, 3))));
    }
}
