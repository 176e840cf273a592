//! The optimizers' hyper-parameters by name: α, β, β1, β2, ε, with the symbol people read and
//! the field name scenario files use.

use super::{OptimizerKind, OptimizerSettings};

/// One hyper-parameter of an optimizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HyperParam {
    /// α, the learning rate (every kind)
    LearningRate,
    /// β, momentum's and RMSprop's decay
    Beta,
    /// β1, Adam's decay of the first moment
    Beta1,
    /// β2, Adam's decay of the second moment
    Beta2,
    /// ε, RMSprop's and Adam's guard against dividing by zero
    Epsilon,
}

impl HyperParam {
    pub const ALL: [HyperParam; 5] = [
        HyperParam::LearningRate,
        HyperParam::Beta,
        HyperParam::Beta1,
        HyperParam::Beta2,
        HyperParam::Epsilon,
    ];

    /// The field name in scenario files and the JS API.
    pub fn key(self) -> &'static str {
        match self {
            HyperParam::LearningRate => "learning_rate",
            HyperParam::Beta => "beta",
            HyperParam::Beta1 => "beta1",
            HyperParam::Beta2 => "beta2",
            HyperParam::Epsilon => "epsilon",
        }
    }

    /// The symbol of `docs/math.md`.
    pub fn symbol(self) -> &'static str {
        match self {
            HyperParam::LearningRate => "α",
            HyperParam::Beta => "β",
            HyperParam::Beta1 => "β1",
            HyperParam::Beta2 => "β2",
            HyperParam::Epsilon => "ε",
        }
    }

    #[inline] // cold: built in the calling crate, for size (src/core.rs)
    pub fn from_key(key: &str) -> Option<HyperParam> {
        HyperParam::ALL.into_iter().find(|h| h.key() == key)
    }

    /// The hyper-parameters `kind` takes, in the order of `docs/math.md`.
    pub fn of(kind: OptimizerKind) -> &'static [HyperParam] {
        use HyperParam::*;
        match kind {
            OptimizerKind::Sgd => &[LearningRate],
            OptimizerKind::Momentum => &[LearningRate, Beta],
            OptimizerKind::RmsProp => &[LearningRate, Beta, Epsilon],
            OptimizerKind::Adam => &[LearningRate, Beta1, Beta2, Epsilon],
        }
    }

    /// True for the decays, which must lie in [0, 1); the others must be > 0.
    pub fn is_decay(self) -> bool {
        matches!(
            self,
            HyperParam::Beta | HyperParam::Beta1 | HyperParam::Beta2
        )
    }
}

impl OptimizerSettings {
    /// The value of `h`, if this kind takes it.
    pub fn get(&self, h: HyperParam) -> Option<f64> {
        use HyperParam::*;
        match (*self, h) {
            (_, LearningRate) => Some(self.learning_rate()),
            (OptimizerSettings::Momentum { beta, .. }, Beta)
            | (OptimizerSettings::RmsProp { beta, .. }, Beta) => Some(beta),
            (OptimizerSettings::RmsProp { epsilon, .. }, Epsilon)
            | (OptimizerSettings::Adam { epsilon, .. }, Epsilon) => Some(epsilon),
            (OptimizerSettings::Adam { beta1, .. }, Beta1) => Some(beta1),
            (OptimizerSettings::Adam { beta2, .. }, Beta2) => Some(beta2),
            _ => None,
        }
    }

    /// These settings with `h` set to `value`; `None` if this kind does not take `h`.
    pub fn with(&self, h: HyperParam, value: f64) -> Option<OptimizerSettings> {
        use HyperParam::*;
        let mut s = *self;
        let slot = match (&mut s, h) {
            (OptimizerSettings::Sgd { learning_rate }, LearningRate)
            | (OptimizerSettings::Momentum { learning_rate, .. }, LearningRate)
            | (OptimizerSettings::RmsProp { learning_rate, .. }, LearningRate)
            | (OptimizerSettings::Adam { learning_rate, .. }, LearningRate) => learning_rate,
            (OptimizerSettings::Momentum { beta, .. }, Beta)
            | (OptimizerSettings::RmsProp { beta, .. }, Beta) => beta,
            (OptimizerSettings::RmsProp { epsilon, .. }, Epsilon)
            | (OptimizerSettings::Adam { epsilon, .. }, Epsilon) => epsilon,
            (OptimizerSettings::Adam { beta1, .. }, Beta1) => beta1,
            (OptimizerSettings::Adam { beta2, .. }, Beta2) => beta2,
            _ => return None,
        };
        *slot = value;
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each kind takes exactly the hyper-parameters `of` lists (docs/math.md §optimizers), and
    /// `with` changes only the one named.
    #[test]
    fn each_kind_takes_its_own_hyper_parameters() {
        for kind in OptimizerKind::ALL {
            let d = kind.defaults();
            for h in HyperParam::ALL {
                let takes = HyperParam::of(kind).contains(&h);
                assert_eq!(d.get(h).is_some(), takes, "{kind:?} {h:?}");
                let changed = d.with(h, 0.123);
                assert_eq!(changed.is_some(), takes, "{kind:?} {h:?}");
                if let Some(c) = changed {
                    assert_eq!(c.get(h), Some(0.123));
                    for other in HyperParam::ALL.into_iter().filter(|o| *o != h) {
                        assert_eq!(c.get(other), d.get(other));
                    }
                }
            }
        }
        assert_eq!(HyperParam::from_key("beta2"), Some(HyperParam::Beta2));
        assert_eq!(HyperParam::from_key("gamma"), None);
    }
}
