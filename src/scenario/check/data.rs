//! `data`: a generated data set that fits the network's input and output sizes, or explicit
//! X (n[0] × m) and Y (n[L] × m) whose targets suit the cost.

use super::{Result, fail, matrix, names, seed};
use crate::math::cost::Cost;
use crate::scenario::defaults;
use crate::scenario::file::{DataFile, Matrix};
use crate::scenario::{Data, MAX_SAMPLES};
use crate::training::data::{Dataset, Examples, Feature, Generate, Task};
use ndarray::Array2;

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
fn check_features(given: Option<&[String]>) -> Result<Vec<Feature>> {
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

fn check_explicit(data: &DataFile, layers: &[usize], cost: Cost) -> Result<Data> {
    let generated_fields = [
        ("samples", data.samples.is_some()),
        ("noise", data.noise.is_some()),
        ("train_fraction", data.train_fraction.is_some()),
        ("seed", data.seed.is_some()),
        ("input_scale", data.input_scale.is_some()),
        ("features", data.features.is_some()),
    ];
    if let Some((field, _)) = generated_fields.iter().find(|(_, given)| *given) {
        return fail(
            format!("data.{field}"),
            "only for a generated data set (data.dataset), not with explicit x and y",
        );
    }
    let train = examples(data.x.as_ref(), data.y.as_ref(), "x", "y", layers, cost)?;
    let test = match (&data.x_test, &data.y_test) {
        (None, None) => None,
        (Some(_), None) => return fail("data.y_test", "missing: x_test is given without y_test"),
        (None, Some(_)) => return fail("data.x_test", "missing: y_test is given without x_test"),
        (x, y) => Some(examples(
            x.as_ref(),
            y.as_ref(),
            "x_test",
            "y_test",
            layers,
            cost,
        )?),
    };
    let total = train.len() + test.as_ref().map_or(0, Examples::len);
    if total > MAX_SAMPLES {
        return fail(
            "data.x",
            format!("{total} examples in all; the most is {MAX_SAMPLES}"),
        );
    }
    Ok(Data::Explicit { train, test })
}

/// Explicit examples: X (n[0] × m) and Y (n[L] × m), both given, 1 ≤ m ≤ `MAX_SAMPLES`, with
/// targets the cost can take.
fn examples(
    x: Option<&Matrix>,
    y: Option<&Matrix>,
    x_name: &str,
    y_name: &str,
    layers: &[usize],
    cost: Cost,
) -> Result<Examples> {
    let Some(x) = x else {
        return fail(
            format!("data.{x_name}"),
            format!("missing: {y_name} is given without {x_name}"),
        );
    };
    let Some(y) = y else {
        return fail(
            format!("data.{y_name}"),
            format!("missing: {x_name} is given without {y_name}"),
        );
    };
    let m = example_count(x, x_name)?;
    let n_in = layers[0];
    let n_out = layers[layers.len() - 1];
    let last = layers.len() - 1;
    let xm = matrix(
        x,
        &format!("data.{x_name}"),
        n_in,
        m,
        &format!("{x_name} is n[0] × m = {n_in} × {m} (one row per input, one column per example)"),
    )?;
    let ym = matrix(
        y,
        &format!("data.{y_name}"),
        n_out,
        m,
        &format!(
            "{y_name} is n[{last}] × m = {n_out} × {m} (one row per output, one column per example)"
        ),
    )?;
    check_targets(&ym, y_name, cost)?;
    Ok(Examples::new(xm, ym))
}

/// m: the longest row of X, from 1 to `MAX_SAMPLES`.
fn example_count(x: &Matrix, x_name: &str) -> Result<usize> {
    let m = x.iter().map(Vec::len).max().unwrap_or(0);
    if m == 0 {
        return fail(
            format!("data.{x_name}"),
            "needs at least one example (one column)",
        );
    }
    if m > MAX_SAMPLES {
        return fail(
            format!("data.{x_name}"),
            format!("{m} examples; the most is {MAX_SAMPLES}"),
        );
    }
    Ok(m)
}

/// Targets the cost can take: bce from 0 to 1, cross_entropy one-hot columns, mse any.
fn check_targets(ym: &Array2<f64>, y_name: &str, cost: Cost) -> Result<()> {
    match cost {
        Cost::Bce => {
            if let Some(((r, c), v)) = ym.indexed_iter().find(|(_, v)| !(0.0..=1.0).contains(*v)) {
                return fail(
                    format!("data.{y_name}[{r}][{c}]"),
                    format!("bce needs targets from 0 to 1, got {v}"),
                );
            }
        }
        Cost::CrossEntropy => {
            for (c, col) in ym.columns().into_iter().enumerate() {
                let ones = col.iter().filter(|&&v| v == 1.0).count();
                let zeros = col.iter().filter(|&&v| v == 0.0).count();
                if ones != 1 || zeros != col.len() - 1 {
                    return fail(
                        format!("data.{y_name}"),
                        format!(
                            "column {c} is not one-hot; cross_entropy needs exactly one 1 (the class) and 0 elsewhere in each example"
                        ),
                    );
                }
            }
        }
        Cost::Mse => {}
    }
    Ok(())
}
