//! Typed edits of a scenario: one change the settings panel can make, turned into the new
//! *checked* `Scenario` or the checker's `ScenarioError` (its field path and words).
//!
//! Every edit goes the same way, so no rule of the checker is restated here: the scenario is
//! written back to its file form (`Scenario::to_file`), the edit changes that file as the page
//! does, and the file is checked again (`Scenario::from_file`). A field the edit leaves
//! omitted takes the checker's default (`scenario::defaults`). Three rules belong to the edits
//! themselves:
//!
//! - **explicit weights give way**: when the edited file is refused at `init.weights…` (the
//!   weights given no longer fit a changed network: a layer added or removed, other units,
//!   other inputs or outputs), it is checked again with its initialisation omitted, i.e.
//!   drawn by the default scheme, scale and seed; any other error is the edit's error;
//! - **a layer index names a hidden layer** (1..L−1) for `RemoveLayer`, `Units` and
//!   `Activation`: n[0] follows the inputs (`Features`), n[L] and σ[L] the output (`Output`);
//!   another index is refused at `layers`;
//! - **the followed optimizer follows its racer**: `Racer` changes one racer of `race`
//!   (refused at `race[i].…`, i its place in `OptimizerKind::ALL`), and the `optimizer` too
//!   when it is that kind, as the page's settings have it.
//!
//! `Edit::describe` and `Edit::note` give the words the page's note shows.

mod apply;
pub(in crate::scenario) use apply::set_output;
mod notes;
mod output;
pub use output::{OutputChoice, output_choices};

use super::file::ScenarioFile;
use super::{Scenario, ScenarioError};
use crate::math::activation::Activation;
use crate::math::init::InitScheme;
use crate::math::optimizer::{OptimizerKind, OptimizerSettings};
use crate::math::regularization::Penalty;
use crate::training::data::{Dataset, Feature};

/// One change of a scenario, as a control of the settings panel makes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// A generated data set: keeps the samples, noise, training share and seed of generated
    /// data (the defaults after explicit data), drops the features and input scale (the
    /// inputs are x1, x2 again, n[0] = 2), and proposes the output and cost that fit its
    /// task: the first of `output_choices` (sigmoid + bce, softmax ×3 + cross-entropy, or
    /// linear + mse).
    Dataset(Dataset),
    /// `data.noise`
    Noise(f64),
    /// `data.train_fraction`
    TrainShare(f64),
    /// `data.samples`
    Samples(usize),
    /// `data.seed`
    DataSeed(u64),
    /// `data.features`, and n[0] their number
    Features(Vec<Feature>),
    /// A hidden layer before the output: 4 tanh units when there was none, else the size
    /// of the layer before it clamped to 2..8, and the last hidden layer's activation.
    AddLayer,
    /// Hidden layer l (1..L−1) removed; removing the last one leaves logistic regression.
    RemoveLayer(usize),
    /// n[l] of hidden layer l
    Units { layer: usize, units: usize },
    /// σ[l] of hidden layer l
    Activation {
        layer: usize,
        activation: Activation,
    },
    /// σ[L], the cost and n[L] together
    Output(OutputChoice),
    /// `init.kind`; the scale and seed kept (the defaults after explicit weights)
    InitScheme(InitScheme),
    /// `init.scale`; the scheme and seed kept (the defaults after explicit weights)
    InitScale(f64),
    /// `init.seed`; the scheme and scale kept (the defaults after explicit weights)
    InitSeed(u64),
    /// m, the examples per update
    BatchSize(usize),
    /// reshuffle the training set every epoch
    Shuffle(bool),
    /// the penalty R and its rate λ (λ is checked even with no penalty, as the page does)
    Regularization(Penalty, f64),
    /// one racer's α and β / β1, β2, ε (the racer of that kind)
    Racer(OptimizerSettings),
}

impl Scenario {
    /// This scenario with `edit` made, checked; or the checker's error, with the path of the
    /// field at fault. `self` is unchanged either way. See the module's rules.
    pub fn edit(&self, edit: Edit) -> Result<Scenario, ScenarioError> {
        let mut file = self.to_file();
        edit.apply(self, &mut file)?;
        let mut edited = check_giving_way(file)?;
        if let Edit::Racer(settings) = edit {
            edited.follow_racer(settings.kind());
        }
        Ok(edited)
    }

    /// The `optimizer` takes its racer's settings when it is of `kind`.
    fn follow_racer(&mut self, kind: OptimizerKind) {
        if self.optimizer.kind() == kind {
            let slot = OptimizerKind::ALL.iter().position(|&k| k == kind);
            if let Some(i) = slot {
                self.optimizer = self.race[i];
            }
        }
    }
}

/// The file checked; if its explicit weights are refused, checked again with the
/// initialisation omitted (the page's `restart_saying` did the same).
pub(in crate::scenario) fn check_giving_way(
    mut file: ScenarioFile,
) -> Result<Scenario, ScenarioError> {
    match Scenario::from_file(file.clone()) {
        Err(e) if e.path.starts_with("init.weights") => {
            file.init = None;
            Scenario::from_file(file)
        }
        checked => checked,
    }
}

/// `Ok` when `layer` is a hidden layer of a network of `sizes` n[0..L], else the refusal
/// at `layers`.
fn hidden_layer(sizes: &[usize], layer: usize) -> Result<(), ScenarioError> {
    let last_hidden = sizes.len().saturating_sub(2);
    if (1..=last_hidden).contains(&layer) {
        return Ok(());
    }
    let which = match last_hidden {
        0 => "the network has no hidden layer".to_string(),
        1 => "its only hidden layer is 1".to_string(),
        n => format!("its hidden layers are 1 to {n}"),
    };
    Err(ScenarioError::new(
        "layers",
        format!("layer {layer} is not a hidden layer; {which}"),
    ))
}

#[cfg(test)]
mod tests;
