//! The words the settings panel's note says after an edit worked: what changed
//! (`describe`), and whether the race restarted or goes on (`note`).

use super::Edit;
use crate::math::optimizer::{HyperParam, OptimizerSettings};
use crate::math::regularization::Penalty;

impl Edit {
    /// What the edit changes, in a few words: "New data set", "Layer 2: relu",
    /// "Batch size m = 16", "L2 regularization, λ = 0.001",
    /// "Adam: α = 0.01, β1 = 0.9, β2 = 0.999, ε = 1e-8".
    pub fn describe(&self) -> String {
        match self {
            Edit::Dataset(_) => "New data set".into(),
            Edit::Noise(_) => "Noise".into(),
            Edit::TrainShare(_) => "Training share".into(),
            Edit::Samples(_) => "Samples".into(),
            Edit::DataSeed(_) => "New data seed".into(),
            Edit::Features(features) => {
                let names: Vec<&str> = features.iter().map(|f| f.name()).collect();
                format!("Inputs: {}", names.join(", "))
            }
            Edit::AddLayer => "Layer added".into(),
            Edit::RemoveLayer(l) => format!("Layer {l} removed"),
            Edit::Units { layer, units } => format!("Layer {layer}: {units} units"),
            Edit::Activation { layer, activation } => {
                format!("Layer {layer}: {}", activation.name())
            }
            Edit::Output(_) => "New output and cost".into(),
            Edit::InitScheme(_) => "New initialisation".into(),
            Edit::InitScale(_) => "New initial scale".into(),
            Edit::InitSeed(_) => "New initial weights".into(),
            Edit::BatchSize(m) => format!("Batch size m = {m}"),
            Edit::Shuffle(on) => format!("Shuffling {}", if *on { "on" } else { "off" }),
            Edit::Regularization(Penalty::None, _) => "No regularization".into(),
            Edit::Regularization(penalty, rate) => format!(
                "{} regularization, λ = {rate}",
                penalty.name().to_ascii_uppercase()
            ),
            Edit::Racer(s) => format!("{}: {}", s.kind().label(), hyper_params(s)),
        }
    }

    /// False only for a racer's settings, which apply to the running race; every other
    /// edit needs a new race from the edited scenario's start.
    pub fn restarts(&self) -> bool {
        !matches!(self, Edit::Racer(_))
    }

    /// The page's note once the edit is made: "Layer 2: relu: a new network, so the race
    /// restarted."; for a penalty, what the optimizers now descend; for a racer,
    /// "Adam now uses α = …; the race goes on."
    pub fn note(&self) -> String {
        const SAME_START: &str = "the race restarted from the same start.";
        match self {
            Edit::Regularization(Penalty::None, _) => {
                format!("No regularization: the objective is the cost alone again; {SAME_START}")
            }
            Edit::Regularization(..) => format!(
                "{}: the optimizers now descend J = C + λ·R(W); {SAME_START}",
                self.describe()
            ),
            Edit::Racer(s) => format!(
                "{} now uses {}; the race goes on.",
                s.kind().label(),
                hyper_params(s)
            ),
            _ => format!("{}: a new network, so the race restarted.", self.describe()),
        }
    }
}

/// "α = 0.01, β1 = 0.9, β2 = 0.999, ε = 1e-8": the settings of the kind, by symbol.
fn hyper_params(settings: &OptimizerSettings) -> String {
    HyperParam::of(settings.kind())
        .iter()
        .filter_map(|&h| {
            Some(format!(
                "{} = {}",
                h.symbol(),
                number_text(settings.get(h)?)
            ))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A number as the panel's fields show it: 1e-8 rather than 0.00000001.
fn number_text(v: f64) -> String {
    if v != 0.0 && (v.abs() < 1e-4 || v.abs() >= 1e16) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}
