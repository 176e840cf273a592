//! One parameter matrix and its optimizer state, outside a network: what a two-parameter test
//! surface (`math::surface`) descends with. The update is the network's own — the same
//! `update_one`, rule by rule, as `Optimizer::update` — so there is one implementation of each
//! rule in the codebase, whatever the parameters are.

use super::{OptimizerSettings, adam, step_of, update_one};
use ndarray::Array2;

/// An optimizer of one parameter P of any shape (a surface's point is a 2 × 1 column
/// (x, y)): t, and V and S of P's shape where the kind keeps them (`Optimizer::new`'s rule),
/// all starting at 0.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ParameterOptimizer {
    pub settings: OptimizerSettings,
    /// t, the number of updates done (the first update has t = 1)
    pub step: u64,
    /// V (momentum, Adam), the shape of P
    pub velocity: Option<Array2<f64>>,
    /// S (RMSprop, Adam), the shape of P
    pub sq_avg: Option<Array2<f64>>,
}

impl ParameterOptimizer {
    /// A fresh optimizer for a parameter of `shape` (rows, columns): t = 0, V = S = 0.
    pub fn new(settings: OptimizerSettings, shape: (usize, usize)) -> Self {
        let kind = settings.kind();
        ParameterOptimizer {
            settings,
            step: 0,
            velocity: kind.keeps_velocity().then(|| Array2::zeros(shape)),
            sq_avg: kind.keeps_sq_avg().then(|| Array2::zeros(shape)),
        }
    }

    /// One update of P (shape of `new`) with its gradient dP (the same shape) by the kind's
    /// rule of `docs/math.md`, t ← t + 1 first — the code `Optimizer::update` runs on every
    /// W[l] and b[l].
    pub fn update(&mut self, p: &mut Array2<f64>, dp: &Array2<f64>) {
        self.step += 1;
        update_one(
            self.settings,
            self.step,
            p,
            dp,
            self.velocity.as_mut(),
            self.sq_avg.as_mut(),
        );
    }

    /// The step P takes with the current state (t, V, S) and the gradient dP: −α dP (SGD),
    /// −α V (momentum), −α dP / (√S + ε) (RMSprop), −α V̂ / (√Ŝ + ε) (Adam). Right after
    /// `update(p, dp)` this is the change that update made (the page's "effective step").
    #[inline] // cold: built in the calling crate, for size (src/core.rs)
    pub fn effective_step(&self, dp: &Array2<f64>) -> Array2<f64> {
        step_of(
            self.settings,
            self.step,
            dp,
            self.velocity.as_ref(),
            self.sq_avg.as_ref(),
        )
    }

    /// Adam's bias-correction divisors (1 − β1^t, 1 − β2^t) at the current t (at least 1), so
    /// that V̂ = V / (1 − β1^t) and Ŝ = S / (1 − β2^t); `None` for the other kinds.
    pub fn corrections(&self) -> Option<(f64, f64)> {
        adam::AdamStep::of(self.settings, self.step.max(1)).map(|h| h.corrections())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::activation::Activation;
    use crate::math::cost::Cost;
    use crate::math::init::{InitScheme, initialise};
    use crate::math::optimizer::{Optimizer, OptimizerKind};

    /// A parameter optimizer on W[1] gives the network optimizer's bits, update after
    /// update: the same code runs.
    #[test]
    fn the_same_bits_as_the_network_optimizer() {
        let net0 = initialise(
            &[2, 3, 1],
            &[Activation::Tanh, Activation::Sigmoid],
            Cost::Bce,
            InitScheme::Auto,
            1.0,
            7,
        );
        let x = ndarray::array![[0.5, -1.0, 2.0], [1.5, 0.2, -0.7]];
        let y = ndarray::array![[1.0, 0.0, 1.0]];
        for kind in OptimizerKind::ALL {
            let mut net = net0.clone();
            let mut opt = Optimizer::new(kind.defaults(), &net);
            let mut w = net0.layers[0].w.clone();
            let mut one = ParameterOptimizer::new(kind.defaults(), w.dim());
            for _ in 0..4 {
                let grads = net.backward(&net.forward(x.view()), y.view());
                opt.update(&mut net, &grads);
                one.update(&mut w, &grads.layers[0].dw);
                // the gradients are the net's, so w follows W[1] exactly
                assert_eq!(w, net.layers[0].w, "{kind:?}");
                let v = opt.velocity.as_ref().map(|v| v[0].w.clone());
                assert_eq!(one.velocity, v, "{kind:?}");
                let s = opt.sq_avg.as_ref().map(|s| s[0].w.clone());
                assert_eq!(one.sq_avg, s, "{kind:?}");
                let dw = &grads.layers[0].dw;
                assert_eq!(one.effective_step(dw), opt.weight_step(1, dw));
            }
        }
    }

    // Adam with β1 = 0.9, β2 = 0.999 after 2 updates: 1 − 0.81 = 0.19, 1 − 0.998001 = 0.001999.
    #[test]
    fn adam_reads_its_corrections_and_the_others_have_none() {
        let mut one = ParameterOptimizer::new(OptimizerKind::Adam.defaults(), (2, 1));
        let mut p = ndarray::array![[1.0], [2.0]];
        let g = ndarray::array![[0.5], [-1.0]];
        one.update(&mut p, &g);
        one.update(&mut p, &g);
        let (c1, c2) = one.corrections().expect("Adam");
        approx::assert_relative_eq!(c1, 0.19, max_relative = 1e-14);
        approx::assert_relative_eq!(c2, 0.001999, max_relative = 1e-12);
        for kind in [
            OptimizerKind::Sgd,
            OptimizerKind::Momentum,
            OptimizerKind::RmsProp,
        ] {
            assert_eq!(
                ParameterOptimizer::new(kind.defaults(), (2, 1)).corrections(),
                None
            );
        }
    }
}
