//! Each edit as a change of the scenario's file form, as the settings panel makes it. Values
//! are written as given, never judged here: the checker judges the file afterwards.

use super::{Edit, OutputChoice, hidden_layer, output_choices};
use crate::math::init::InitScheme;
use crate::math::optimizer::OptimizerSettings;
use crate::math::regularization::Penalty;
use crate::scenario::file::{DataFile, InitFile, RegularizationFile, ScenarioFile};
use crate::scenario::{Init, Scenario, ScenarioError, defaults, optimizer_file};
use crate::training::data::{Dataset, Feature};

/// The units and activation of a first hidden layer (`Edit::AddLayer` on a net without one).
const FIRST_HIDDEN_UNITS: usize = 4;
const FIRST_HIDDEN_ACTIVATION: &str = "tanh";
/// The units a later added layer may copy from the layer before it.
const ADDED_UNITS: std::ops::RangeInclusive<usize> = 2..=8;

impl Edit {
    /// Changes `file`, the file form of `scenario`; refuses only an index that names no
    /// hidden layer.
    pub(super) fn apply(
        &self,
        scenario: &Scenario,
        file: &mut ScenarioFile,
    ) -> Result<(), ScenarioError> {
        match self {
            Edit::Dataset(d) => new_dataset(file, *d),
            Edit::Noise(v) => file.data.noise = Some(*v),
            Edit::TrainShare(v) => file.data.train_fraction = Some(*v),
            Edit::Samples(v) => file.data.samples = Some(*v),
            Edit::DataSeed(v) => file.data.seed = Some(*v),
            Edit::Features(features) => set_features(file, features),
            Edit::AddLayer => add_layer(file),
            Edit::RemoveLayer(l) => remove_layer(file, *l)?,
            Edit::Units { layer, units } => {
                hidden_layer(&file.layers, *layer)?;
                file.layers[*layer] = *units;
            }
            Edit::Activation { layer, activation } => {
                hidden_layer(&file.layers, *layer)?;
                file.activations[layer - 1] = activation.name().into();
            }
            Edit::Output(choice) => set_output(file, *choice),
            Edit::InitScheme(s) => set_init(file, scenario, Some(*s), None, None),
            Edit::InitScale(v) => set_init(file, scenario, None, Some(*v), None),
            Edit::InitSeed(v) => set_init(file, scenario, None, None, Some(*v)),
            Edit::BatchSize(v) => file.batch_size = Some(*v),
            Edit::Shuffle(on) => file.shuffle = Some(*on),
            Edit::Regularization(penalty, rate) => set_regularization(file, *penalty, *rate),
            Edit::Racer(settings) => set_racer(file, scenario, *settings),
        }
        Ok(())
    }
}

/// The inputs computed from each point, and n[0] their number (kept for none, so that the
/// checker names the features, not n[0] = 0).
fn set_features(file: &mut ScenarioFile, features: &[Feature]) {
    file.data.features = Some(features.iter().map(|f| f.name().into()).collect());
    if !features.is_empty() {
        file.layers[0] = features.len();
    }
}

/// Hidden layer `l` and its activation removed.
fn remove_layer(file: &mut ScenarioFile, l: usize) -> Result<(), ScenarioError> {
    hidden_layer(&file.layers, l)?;
    file.layers.remove(l);
    file.activations.remove(l - 1);
    Ok(())
}

/// The penalty and λ, written even with no penalty (the checker then judges λ, and the
/// file written back leaves them out).
fn set_regularization(file: &mut ScenarioFile, penalty: Penalty, rate: f64) {
    file.regularization = Some(RegularizationFile {
        kind: penalty.name().into(),
        rate: Some(rate),
    });
}

/// A new generated data set: the drawing settings of generated data kept (omitted, so
/// defaulted, after explicit data), features and input scale dropped, n[0] the default
/// features' number, and the output the data set's task proposes.
fn new_dataset(file: &mut ScenarioFile, dataset: Dataset) {
    let old = std::mem::take(&mut file.data);
    file.data = DataFile {
        dataset: Some(dataset.name().into()),
        samples: old.samples,
        noise: old.noise,
        train_fraction: old.train_fraction,
        seed: old.seed,
        ..DataFile::default()
    };
    file.layers[0] = defaults::FEATURES.len();
    // a square fitted to (or drawn on) the old data would not frame the new
    if let Some(crate::json::Value::Object(view)) = &mut file.view {
        view.remove(crate::scenario::view::SQUARE);
    }
    let proposed = output_choices(Some(dataset.task()), 1)[0];
    set_output(file, proposed);
}

/// σ[L], n[L] and the cost.
pub(in crate::scenario) fn set_output(file: &mut ScenarioFile, choice: OutputChoice) {
    if let Some(a) = file.activations.last_mut() {
        *a = choice.activation.name().into();
    }
    if let Some(n) = file.layers.last_mut() {
        *n = choice.outputs;
    }
    file.cost = choice.cost.name().into();
}

/// A hidden layer inserted before the output (see `Edit::AddLayer`).
fn add_layer(file: &mut ScenarioFile) {
    let at = file.layers.len() - 1;
    let (units, activation) = if at == 1 {
        (FIRST_HIDDEN_UNITS, FIRST_HIDDEN_ACTIVATION.to_string())
    } else {
        let units = file.layers[at - 1].clamp(*ADDED_UNITS.start(), *ADDED_UNITS.end());
        (units, file.activations[at - 2].clone())
    };
    file.layers.insert(at, units);
    file.activations.insert(at - 1, activation);
}

/// The initialisation's scheme, scale or seed where given, the others kept from a scheme
/// (omitted, so defaulted, after explicit weights, which a scheme replaces).
fn set_init(
    file: &mut ScenarioFile,
    scenario: &Scenario,
    scheme: Option<InitScheme>,
    scale: Option<f64>,
    seed: Option<u64>,
) {
    let (old_scheme, old_scale, old_seed) = match &scenario.init {
        Init::Scheme {
            scheme,
            scale,
            seed,
        } => (Some(*scheme), Some(*scale), Some(*seed)),
        Init::Explicit(_) => (None, None, None),
    };
    file.init = Some(InitFile {
        kind: scheme.or(old_scheme).map(|s| s.name().into()),
        scale: scale.or(old_scale),
        seed: seed.or(old_seed),
        weights: None,
    });
}

/// The race with the racer of `settings`' kind replaced.
fn set_racer(file: &mut ScenarioFile, scenario: &Scenario, settings: OptimizerSettings) {
    let racer = |s: &OptimizerSettings| {
        if s.kind() == settings.kind() {
            optimizer_file(&settings)
        } else {
            optimizer_file(s)
        }
    };
    file.race = Some(scenario.race.iter().map(racer).collect());
}
