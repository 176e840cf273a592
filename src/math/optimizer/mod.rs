//! The four optimizers of `docs/math.md`, one file each, and the state they keep per parameter.

pub mod adam;
mod hyper;
pub use hyper::HyperParam;
pub mod momentum;
mod parameter;
pub use parameter::ParameterOptimizer;
pub mod rmsprop;
pub mod sgd;

use crate::math::network::{Gradients, Network};
use ndarray::Array2;

/// Which update rule; in files by `name()` (sgd, momentum, rmsprop, adam).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum OptimizerKind {
    Sgd,
    Momentum,
    RmsProp,
    Adam,
}

impl OptimizerKind {
    /// The race order, also the order of the page's legend.
    pub const ALL: [OptimizerKind; 4] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::RmsProp,
        OptimizerKind::Adam,
    ];

    /// The name in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::RmsProp => "rmsprop",
            OptimizerKind::Adam => "adam",
        }
    }

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "SGD",
            OptimizerKind::Momentum => "Momentum",
            OptimizerKind::RmsProp => "RMSprop",
            OptimizerKind::Adam => "Adam",
        }
    }

    pub fn from_name(name: &str) -> Option<OptimizerKind> {
        OptimizerKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// True for the kinds that keep a velocity V (momentum, Adam).
    pub fn keeps_velocity(self) -> bool {
        matches!(self, OptimizerKind::Momentum | OptimizerKind::Adam)
    }

    /// True for the kinds that keep a running mean of squares S (RMSprop, Adam).
    pub fn keeps_sq_avg(self) -> bool {
        matches!(self, OptimizerKind::RmsProp | OptimizerKind::Adam)
    }

    /// The settings of this kind with the defaults of `docs/math.md`.
    pub fn defaults(self) -> OptimizerSettings {
        match self {
            OptimizerKind::Sgd => OptimizerSettings::Sgd { learning_rate: 0.1 },
            OptimizerKind::Momentum => OptimizerSettings::Momentum {
                learning_rate: 0.1,
                beta: 0.9,
            },
            OptimizerKind::RmsProp => OptimizerSettings::RmsProp {
                learning_rate: 0.01,
                beta: 0.9,
                epsilon: 1e-8,
            },
            OptimizerKind::Adam => OptimizerSettings::Adam {
                learning_rate: 0.01,
                beta1: 0.9,
                beta2: 0.999,
                epsilon: 1e-8,
            },
        }
    }
}

/// An optimizer's hyper-parameters: α, and β / β1, β2, ε where the kind has them.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum OptimizerSettings {
    Sgd {
        learning_rate: f64,
    },
    Momentum {
        learning_rate: f64,
        beta: f64,
    },
    RmsProp {
        learning_rate: f64,
        beta: f64,
        epsilon: f64,
    },
    Adam {
        learning_rate: f64,
        beta1: f64,
        beta2: f64,
        epsilon: f64,
    },
}

impl OptimizerSettings {
    pub fn kind(&self) -> OptimizerKind {
        match self {
            OptimizerSettings::Sgd { .. } => OptimizerKind::Sgd,
            OptimizerSettings::Momentum { .. } => OptimizerKind::Momentum,
            OptimizerSettings::RmsProp { .. } => OptimizerKind::RmsProp,
            OptimizerSettings::Adam { .. } => OptimizerKind::Adam,
        }
    }

    /// α
    pub fn learning_rate(&self) -> f64 {
        match *self {
            OptimizerSettings::Sgd { learning_rate }
            | OptimizerSettings::Momentum { learning_rate, .. }
            | OptimizerSettings::RmsProp { learning_rate, .. }
            | OptimizerSettings::Adam { learning_rate, .. } => learning_rate,
        }
    }
}

/// V and S of one layer: for W[l] (n[l] × n[l-1]) and b[l] (n[l] × 1).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LayerMoments {
    pub w: Array2<f64>,
    pub b: Array2<f64>,
}

/// An optimizer with its state: t, the velocity V (momentum, Adam) and the running mean of
/// squares S (RMSprop, Adam) of every parameter, layer l at index l − 1; all start at 0.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Optimizer {
    pub settings: OptimizerSettings,
    /// t, the number of updates done (the first update has t = 1)
    pub step: u64,
    pub velocity: Option<Vec<LayerMoments>>,
    pub sq_avg: Option<Vec<LayerMoments>>,
}

fn zeros_like(net: &Network) -> Vec<LayerMoments> {
    net.layers
        .iter()
        .map(|l| LayerMoments {
            w: Array2::zeros(l.w.raw_dim()),
            b: Array2::zeros(l.b.raw_dim()),
        })
        .collect()
}

impl Optimizer {
    /// A fresh optimizer for this network: t = 0, V = S = 0 where the kind keeps them.
    pub fn new(settings: OptimizerSettings, net: &Network) -> Self {
        let kind = settings.kind();
        Optimizer {
            settings,
            step: 0,
            velocity: kind.keeps_velocity().then(|| zeros_like(net)),
            sq_avg: kind.keeps_sq_avg().then(|| zeros_like(net)),
        }
    }

    /// One update of every W[l] and b[l] with its gradient; t ← t + 1 first.
    pub fn update(&mut self, net: &mut Network, grads: &Gradients) {
        self.step += 1;
        let Optimizer {
            settings,
            step,
            velocity,
            sq_avg,
        } = self;
        for (i, (layer, g)) in net.layers.iter_mut().zip(&grads.layers).enumerate() {
            let (vw, vb) = split(velocity.as_mut().map(|v| &mut v[i]));
            let (sw, sb) = split(sq_avg.as_mut().map(|s| &mut s[i]));
            update_one(*settings, *step, &mut layer.w, &g.dw, vw, sw);
            update_one(*settings, *step, &mut layer.b, &g.db, vb, sb);
        }
    }
}

impl Optimizer {
    /// The step each weight of W[l] takes with the current state (t, V, S) and the gradient
    /// dW[l] (`step_of`). Right after an update with dW this is the change that update made
    /// (the page's "effective step").
    #[inline] // cold: built in the calling crate, for size (src/core.rs)
    pub fn weight_step(&self, layer: usize, dw: &Array2<f64>) -> Array2<f64> {
        fn state(m: &Option<Vec<LayerMoments>>, layer: usize) -> Option<&Array2<f64>> {
            m.as_ref().map(|s| &s[layer - 1].w)
        }
        step_of(
            self.settings,
            self.step,
            dw,
            state(&self.velocity, layer),
            state(&self.sq_avg, layer),
        )
    }
}

/// The step a parameter P takes with the state (t, V, S) and its gradient dP, all of P's
/// shape: −α dP (SGD), −α V (momentum), −α dP / (√S + ε) (RMSprop), −α V̂ / (√Ŝ + ε) with
/// V̂ = V / (1 − β1^t), Ŝ = S / (1 − β2^t) (Adam, t at least 1); a state the kind does not
/// keep reads as 0. Right after an update with dP this is the change that update made.
#[inline] // cold: built in the calling crate, for size (src/core.rs)
fn step_of(
    settings: OptimizerSettings,
    step: u64,
    dp: &Array2<f64>,
    velocity: Option<&Array2<f64>>,
    sq_avg: Option<&Array2<f64>>,
) -> Array2<f64> {
    let zeros = Array2::zeros(dp.raw_dim());
    let (v, s) = (velocity.unwrap_or(&zeros), sq_avg.unwrap_or(&zeros));
    match settings {
        OptimizerSettings::Sgd { learning_rate } => dp.mapv(|g| -learning_rate * g),
        OptimizerSettings::Momentum { learning_rate, .. } => v.mapv(|v| -learning_rate * v),
        OptimizerSettings::RmsProp {
            learning_rate,
            epsilon,
            ..
        } => ndarray::Zip::from(dp)
            .and(s)
            .map_collect(|&g, &s| -learning_rate * g / (s.sqrt() + epsilon)),
        OptimizerSettings::Adam {
            learning_rate,
            epsilon,
            ..
        } => {
            let h = adam::AdamStep::of(settings, step.max(1)).expect("an Adam setting");
            let (c1, c2) = h.corrections();
            ndarray::Zip::from(v)
                .and(s)
                .map_collect(|&v, &s| -learning_rate * (v / c1) / ((s / c2).sqrt() + epsilon))
        }
    }
}

fn split(m: Option<&mut LayerMoments>) -> (Option<&mut Array2<f64>>, Option<&mut Array2<f64>>) {
    match m {
        Some(m) => (Some(&mut m.w), Some(&mut m.b)),
        None => (None, None),
    }
}

/// One parameter's update by its kind's rule; `velocity` and `sq_avg` are present exactly
/// where the kind keeps them (`Optimizer::new`).
fn update_one(
    settings: OptimizerSettings,
    step: u64,
    p: &mut Array2<f64>,
    dp: &Array2<f64>,
    velocity: Option<&mut Array2<f64>>,
    sq_avg: Option<&mut Array2<f64>>,
) {
    const STATE: &str = "Optimizer::new keeps the state of its kind";
    match settings {
        OptimizerSettings::Sgd { learning_rate } => sgd::update(p, dp, learning_rate),
        OptimizerSettings::Momentum {
            learning_rate,
            beta,
        } => momentum::update(p, dp, velocity.expect(STATE), learning_rate, beta),
        OptimizerSettings::RmsProp {
            learning_rate,
            beta,
            epsilon,
        } => rmsprop::update(p, dp, sq_avg.expect(STATE), learning_rate, beta, epsilon),
        OptimizerSettings::Adam { .. } => {
            let h = adam::AdamStep::of(settings, step).expect("an Adam setting");
            adam::update(p, dp, velocity.expect(STATE), sq_avg.expect(STATE), h)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::activation::Activation;
    use crate::math::cost::Cost;
    use crate::math::init::{InitScheme, initialise};

    #[test]
    fn the_weight_step_is_the_change_the_last_update_made() {
        let net0 = initialise(
            &[2, 3, 1],
            &[Activation::Tanh, Activation::Sigmoid],
            Cost::Bce,
            InitScheme::Auto,
            1.0,
            4,
        );
        let x = ndarray::array![[0.5, -1.0, 2.0], [1.5, 0.2, -0.7]];
        let y = ndarray::array![[1.0, 0.0, 1.0]];
        for kind in OptimizerKind::ALL {
            let mut net = net0.clone();
            let mut opt = Optimizer::new(kind.defaults(), &net);
            for _ in 0..3 {
                let grads = net.backward(&net.forward(x.view()), y.view());
                let before = net.layers[0].w.clone();
                opt.update(&mut net, &grads);
                let step = opt.weight_step(1, &grads.layers[0].dw);
                for ((a, b), s) in net.layers[0].w.iter().zip(&before).zip(&step) {
                    approx::assert_relative_eq!(a - b, *s, max_relative = 1e-9, epsilon = 1e-15);
                }
            }
        }
    }
}
