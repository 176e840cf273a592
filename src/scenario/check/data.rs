//! `data`: a generated data set that fits the network's input and output sizes, or explicit
//! X (n[0] × m) and Y (n[L] × m) whose targets suit the cost.

use super::explicit::check_explicit;
use super::{Result, fail, names, seed};
use crate::math::cost::Cost;
use crate::scenario::defaults;
use crate::scenario::file::DataFile;
use crate::scenario::{Data, MAX_SAMPLES};
use crate::training::data::{Dataset, Feature, Generate, Task};

pub(super) fn check_data(data: &DataFile, layers: &[usize], cost: Cost) -> Result<Data> {
    let explicit =
        data.x.is_some() || data.y.is_some() || data.x_test.is_some() || data.y_test.is_some();
    match (&data.dataset, explicit) {
        (Some(_), true) => fail(
            "data",
            "give either a generated data set (data.dataset) or explicit x and y, not both",
        ),
        (None, false) => fail(
            "data",
            "needs a data set name (data.dataset) or explicit matrices (data.x, data.y)",
        ),
        (Some(_), false) if data.classes.is_some() => fail(
            "data.classes",
            "only with explicit x and y; a generated data set names its own classes",
        ),
        (Some(name), false) => check_generated(name, data, layers, cost),
        (None, true) => check_explicit(data, layers, cost),
    }
}

/// A generated data set: its name, features, sizes and drawing settings, in that order.
fn check_generated(name: &str, data: &DataFile, layers: &[usize], cost: Cost) -> Result<Data> {
    let Some(dataset) = Dataset::from_name(name) else {
        return fail(
            "data.dataset",
            format!(
                "unknown data set \"{name}\"; one of {}",
                names(&Dataset::ALL, Dataset::name)
            ),
        );
    };
    let features = check_features(data.features.as_deref())?;
    check_input_size(name, &features, layers)?;
    let n_out = check_output_size(name, dataset, layers)?;
    if dataset.task() == Task::Regression && cost != Cost::Mse {
        return fail(
            "cost",
            format!("{name} is a regression data set (real-valued targets); use mse"),
        );
    }
    let samples = check_samples(data.samples)?;
    let noise = check_noise(data.noise)?;
    let train_fraction = check_train_fraction(data.train_fraction)?;
    check_input_scale(data.input_scale.as_deref())?;
    Ok(Data::Generated(Generate {
        dataset,
        samples,
        noise,
        train_fraction,
        seed: seed(data.seed, "data.seed")?,
        input_scale: data.input_scale.clone(),
        outputs: n_out,
        features,
    }))
}

/// `data.features`: x1, x2 when omitted; else at least one, each known and given once.
pub(super) fn check_features(given: Option<&[String]>) -> Result<Vec<Feature>> {
    let Some(given) = given else {
        return Ok(defaults::FEATURES.to_vec());
    };
    if given.is_empty() {
        return fail(
            "data.features",
            "needs at least one input feature, e.g. [\"x1\", \"x2\"]",
        );
    }
    let mut out: Vec<Feature> = Vec::new();
    for (i, name) in given.iter().enumerate() {
        let Some(f) = Feature::from_name(name) else {
            return fail(
                format!("data.features[{i}]"),
                format!(
                    "unknown feature \"{name}\"; one of {}",
                    names(&Feature::ALL, Feature::name)
                ),
            );
        };
        if out.contains(&f) {
            return fail(
                format!("data.features[{i}]"),
                format!("{name} appears twice"),
            );
        }
        out.push(f);
    }
    Ok(out)
}

/// n[0] is the number of features.
fn check_input_size(name: &str, features: &[Feature], layers: &[usize]) -> Result<()> {
    if layers[0] == features.len() {
        return Ok(());
    }
    let list = features
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(", ");
    let s = if features.len() == 1 { "" } else { "s" };
    fail(
        "layers[0]",
        format!(
            "the {name} data set's inputs are {} feature{s} ({list}), so n[0] is {}, not {}",
            features.len(),
            features.len(),
            layers[0]
        ),
    )
}

/// n[L], if the data set can feed it (`Dataset::output_sizes`).
fn check_output_size(name: &str, dataset: Dataset, layers: &[usize]) -> Result<usize> {
    let n_out = layers[layers.len() - 1];
    let last = layers.len() - 1;
    if dataset.output_sizes().contains(&n_out) {
        return Ok(n_out);
    }
    let said = match dataset.task() {
        Task::Binary => "1 output (a 0/1 label) or 2 (one-hot)",
        Task::ThreeClass => "3 outputs (one-hot over 3 classes)",
        Task::Regression => "1 output (a real value)",
    };
    fail(
        format!("layers[{last}]"),
        format!("the {name} data set gives {said}, not {n_out}"),
    )
}

/// `data.samples`: 500 when omitted, from 2 to `MAX_SAMPLES`.
fn check_samples(samples: Option<usize>) -> Result<usize> {
    let samples = samples.unwrap_or(defaults::SAMPLES);
    if !(2..=MAX_SAMPLES).contains(&samples) {
        return fail(
            "data.samples",
            format!("{samples} samples; give from 2 to {MAX_SAMPLES}"),
        );
    }
    Ok(samples)
}

/// `data.noise`: 0.05 when omitted, from 0 to 1.
fn check_noise(noise: Option<f64>) -> Result<f64> {
    let noise = noise.unwrap_or(defaults::NOISE);
    if !(noise.is_finite() && (0.0..=1.0).contains(&noise)) {
        return fail("data.noise", format!("must be from 0 to 1, got {noise}"));
    }
    Ok(noise)
}

/// `data.train_fraction`: 0.8 when omitted, in (0, 1].
fn check_train_fraction(train_fraction: Option<f64>) -> Result<f64> {
    let train_fraction = train_fraction.unwrap_or(defaults::TRAIN_FRACTION);
    if !(train_fraction > 0.0 && train_fraction <= 1.0) {
        return fail(
            "data.train_fraction",
            format!("must be above 0 and at most 1, got {train_fraction}"),
        );
    }
    Ok(train_fraction)
}

/// `data.input_scale`, when given: one non-zero multiplier per input (2), |s| ≤ 1e6.
fn check_input_scale(scale: Option<&[f64]>) -> Result<()> {
    let Some(scale) = scale else {
        return Ok(());
    };
    if scale.len() != 2 {
        return fail(
            "data.input_scale",
            format!("{} numbers; give one per input (2)", scale.len()),
        );
    }
    if let Some(i) = scale
        .iter()
        .position(|s| !(s.is_finite() && *s != 0.0 && s.abs() <= 1e6))
    {
        return fail(
            format!("data.input_scale[{i}]"),
            format!(
                "must be a non-zero number up to 1e6 in size, got {}",
                scale[i]
            ),
        );
    }
    Ok(())
}
