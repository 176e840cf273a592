//! Adam: momentum and RMSprop together, with bias correction for their zero start.

use ndarray::{Array2, Zip};

/// Hyper-parameters of one Adam update.
#[derive(Clone, Copy, Debug)]
pub struct AdamStep {
    pub learning_rate: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub epsilon: f64,
    /// t, the number of this update (the first is 1)
    pub step: u64,
}

impl AdamStep {
    /// Adam's hyper-parameters in `settings`, at update t = `step`; `None` for another kind.
    pub fn of(settings: super::OptimizerSettings, step: u64) -> Option<AdamStep> {
        match settings {
            super::OptimizerSettings::Adam {
                learning_rate,
                beta1,
                beta2,
                epsilon,
            } => Some(AdamStep {
                learning_rate,
                beta1,
                beta2,
                epsilon,
                step,
            }),
            _ => None,
        }
    }

    /// (1 − β1^t, 1 − β2^t), the bias-correction divisors.
    pub fn corrections(&self) -> (f64, f64) {
        let t = self.step as f64;
        (
            1.0 - crate::math::pow(self.beta1, t),
            1.0 - crate::math::pow(self.beta2, t),
        )
    }
}

/// V ← β1 V + (1 − β1) dP;  S ← β2 S + (1 − β2) dP²;
/// V̂ = V / (1 − β1^t);  Ŝ = S / (1 − β2^t);  P ← P − α V̂ / (√Ŝ + ε).
pub fn update(
    p: &mut Array2<f64>,
    dp: &Array2<f64>,
    velocity: &mut Array2<f64>,
    sq_avg: &mut Array2<f64>,
    h: AdamStep,
) {
    let (c1, c2) = h.corrections();
    Zip::from(p)
        .and(dp)
        .and(velocity)
        .and(sq_avg)
        .for_each(|p, &g, v, s| {
            *v = h.beta1 * *v + (1.0 - h.beta1) * g;
            *s = h.beta2 * *s + (1.0 - h.beta2) * g * g;
            let v_hat = *v / c1;
            let s_hat = *s / c2;
            *p -= h.learning_rate * v_hat / (s_hat.sqrt() + h.epsilon);
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use ndarray::array;

    // By hand, α = 0.01, β1 = 0.9, β2 = 0.999, ε = 1e-8, p = 1, V = S = 0:
    // t = 1, dP = 0.5: V = 0.05, S = 0.001·0.25 = 0.00025; V̂ = 0.05/0.1 = 0.5;
    //   Ŝ = 0.00025/0.001 = 0.25, √Ŝ = 0.5; p = 1 − 0.01·0.5/(0.5 + 1e-8) = 0.99000000020000000
    //   (the first Adam step is ±α whatever the gradient's size)
    // t = 2, dP = −2: V = 0.045 − 0.2 = −0.155; S = 0.999·0.00025 + 0.001·4 = 0.00424975;
    //   1 − 0.9² = 0.19, 1 − 0.999² = 0.001999; V̂ = −0.8157894736842107;
    //   Ŝ = 2.125937968984521, √Ŝ = 1.4580596589250117;
    //   p = 0.9900000002 + 0.01·0.8157894736842107/(1.4580596589250117 + 1e-8) = 0.9955950…
    //   = 0.9955950351020055 with Python floats.
    #[test]
    fn first_two_updates() {
        let mut p = array![[1.0]];
        let (mut v, mut s) = (array![[0.0]], array![[0.0]]);
        let mut h = AdamStep {
            learning_rate: 0.01,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
            step: 1,
        };
        update(&mut p, &array![[0.5]], &mut v, &mut s, h);
        assert_relative_eq!(v[[0, 0]], 0.05, max_relative = 1e-15);
        assert_relative_eq!(s[[0, 0]], 0.00025, max_relative = 1e-14);
        assert_relative_eq!(p[[0, 0]], 0.9900000002, max_relative = 1e-15);
        h.step = 2;
        update(&mut p, &array![[-2.0]], &mut v, &mut s, h);
        assert_relative_eq!(v[[0, 0]], -0.155, max_relative = 1e-14);
        assert_relative_eq!(s[[0, 0]], 0.00424975, max_relative = 1e-14);
        assert_relative_eq!(p[[0, 0]], 0.9955950351020055, max_relative = 1e-14);
    }

    #[test]
    fn bias_corrections_at_t_1_and_2() {
        let h = AdamStep {
            learning_rate: 0.01,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
            step: 2,
        };
        let (c1, c2) = h.corrections();
        assert_relative_eq!(c1, 0.19, max_relative = 1e-14);
        assert_relative_eq!(c2, 0.001999, max_relative = 1e-12);
    }
}
