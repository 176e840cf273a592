//! Explicit `data`: X (n[0] × m) and Y (n[L] × m) whose targets suit the cost, optionally
//! with input features computed from two-row X (the points) and the names of the classes.

use super::data::check_features;
use super::{Result, fail, matrix};
use crate::math::cost::Cost;
use crate::scenario::file::{DataFile, Matrix};
use crate::scenario::{Data, MAX_SAMPLES};
use crate::training::data::{Examples, Feature, features_of};
use ndarray::Array2;

/// The most characters in a class name.
pub const MAX_CLASS_NAME: usize = 40;

pub(super) fn check_explicit(data: &DataFile, layers: &[usize], cost: Cost) -> Result<Data> {
    let generated_fields = [
        ("samples", data.samples.is_some()),
        ("noise", data.noise.is_some()),
        ("train_fraction", data.train_fraction.is_some()),
        ("seed", data.seed.is_some()),
        ("input_scale", data.input_scale.is_some()),
    ];
    if let Some((field, _)) = generated_fields.iter().find(|(_, given)| *given) {
        return fail(
            format!("data.{field}"),
            "only for a generated data set (data.dataset), not with explicit x and y",
        );
    }
    let features = explicit_features(data.features.as_deref(), layers)?;
    let n_x = if features.is_empty() { layers[0] } else { 2 };
    let shapes = Shapes {
        n_x,
        layers,
        cost,
        features: &features,
    };
    let train = examples(data.x.as_ref(), data.y.as_ref(), "x", "y", &shapes)?;
    let test = match (&data.x_test, &data.y_test) {
        (None, None) => None,
        (Some(_), None) => return fail("data.y_test", "missing: x_test is given without y_test"),
        (None, Some(_)) => return fail("data.x_test", "missing: y_test is given without x_test"),
        (x, y) => Some(examples(
            x.as_ref(),
            y.as_ref(),
            "x_test",
            "y_test",
            &shapes,
        )?),
    };
    let total = train.len() + test.as_ref().map_or(0, Examples::len);
    if total > MAX_SAMPLES {
        return fail(
            "data.x",
            format!("{total} examples in all; the most is {MAX_SAMPLES}"),
        );
    }
    let classes = check_classes(data.classes.as_deref(), &train, test.as_ref())?;
    Ok(Data::Explicit {
        train,
        test,
        features,
        classes,
    })
}

/// `data.features` with explicit data: none (X is the inputs as they are), or features of the
/// points (x1, x2) that X then holds, n[0] being the features' number.
fn explicit_features(given: Option<&[String]>, layers: &[usize]) -> Result<Vec<Feature>> {
    if given.is_none() {
        return Ok(Vec::new());
    }
    let features = check_features(given)?;
    if layers[0] != features.len() {
        let s = if features.len() == 1 { "" } else { "s" };
        return fail(
            "layers[0]",
            format!(
                "the inputs are {} feature{s} of the points, so n[0] is {}, not {}",
                features.len(),
                features.len(),
                layers[0]
            ),
        );
    }
    Ok(features)
}

/// What explicit examples must fit: n_x rows of X (n[0], or 2 when X holds the points that
/// the features are computed from), n[L] rows of Y, targets the cost takes.
struct Shapes<'a> {
    n_x: usize,
    layers: &'a [usize],
    cost: Cost,
    features: &'a [Feature],
}

/// Explicit examples: X (n_x × m) and Y (n[L] × m), both given, 1 ≤ m ≤ `MAX_SAMPLES`, with
/// targets the cost can take; with features, X holds the points and the inputs are
/// `features_of(X)` (n[0] × m).
fn examples(
    x: Option<&Matrix>,
    y: Option<&Matrix>,
    x_name: &str,
    y_name: &str,
    shapes: &Shapes,
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
    let n_in = shapes.n_x;
    let n_out = shapes.layers[shapes.layers.len() - 1];
    let last = shapes.layers.len() - 1;
    let what = if shapes.features.is_empty() {
        format!("{x_name} is n[0] × m = {n_in} × {m} (one row per input, one column per example)")
    } else {
        format!("with features, {x_name} holds the points: 2 × m = 2 × {m} (x1, x2)")
    };
    let xm = matrix(x, &format!("data.{x_name}"), n_in, m, &what)?;
    let ym = matrix(
        y,
        &format!("data.{y_name}"),
        n_out,
        m,
        &format!(
            "{y_name} is n[{last}] × m = {n_out} × {m} (one row per output, one column per example)"
        ),
    )?;
    check_targets(&ym, y_name, shapes.cost)?;
    if shapes.features.is_empty() {
        return Ok(Examples::new(xm, ym));
    }
    Ok(Examples {
        x: features_of(xm.view(), shapes.features),
        y: ym,
        coords: xm,
    })
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
            if let Some(c) = (0..ym.ncols()).find(|&c| one_hot(ym, c).is_none()) {
                return fail(
                    format!("data.{y_name}"),
                    format!(
                        "column {c} is not one-hot; cross_entropy needs exactly one 1 (the class) and 0 elsewhere in each example"
                    ),
                );
            }
        }
        Cost::Mse => {}
    }
    Ok(())
}

/// The row of the single 1 of column c, when it is one-hot (one 1, 0 elsewhere).
pub fn one_hot(y: &Array2<f64>, c: usize) -> Option<usize> {
    let col = y.column(c);
    let ones = col.iter().filter(|&&v| v == 1.0).count();
    let zeros = col.iter().filter(|&&v| v == 0.0).count();
    (ones == 1 && zeros == col.len() - 1).then(|| col.iter().position(|&v| v == 1.0))?
}

/// `data.classes`: none, or 1 to 3 distinct names (each 1 to `MAX_CLASS_NAME` characters, no
/// control characters) that the targets index: with one output, y is the class's number
/// (0 or 1); with n[L] outputs, n[L] names and one-hot columns.
fn check_classes(
    given: Option<&[String]>,
    train: &Examples,
    test: Option<&Examples>,
) -> Result<Vec<String>> {
    let Some(names) = given else {
        return Ok(Vec::new());
    };
    if names.is_empty() || names.len() > 3 {
        return fail(
            "data.classes",
            format!("{} names; give 1 to 3 class names", names.len()),
        );
    }
    for (i, name) in names.iter().enumerate() {
        let chars = name.chars().count();
        let problem = if name.trim().is_empty() || chars > MAX_CLASS_NAME {
            format!("a class name has 1 to {MAX_CLASS_NAME} characters, got {chars}")
        } else if name.chars().any(char::is_control) {
            "a class name has no control characters (line breaks, tabs)".to_string()
        } else if names[..i].contains(name) {
            format!("\"{name}\" appears twice")
        } else {
            continue;
        };
        return fail(format!("data.classes[{i}]"), problem);
    }
    for (set, y_name) in [(Some(train), "y"), (test, "y_test")] {
        if let Some(set) = set {
            classes_fit(&set.y, names.len(), y_name)?;
        }
    }
    Ok(names.to_vec())
}

/// Every target names one of k classes: one output holding 0 or 1 below k, or k one-hot rows.
fn classes_fit(y: &Array2<f64>, k: usize, y_name: &str) -> Result<()> {
    if y.nrows() == 1 && k > 2 {
        return fail(
            "data.classes",
            format!("{k} names for one output; one output holds 2 classes (0 or 1)"),
        );
    }
    if y.nrows() == 1 {
        if let Some((c, v)) = y
            .row(0)
            .iter()
            .enumerate()
            .find(|&(_, &v)| !(v == 0.0 || v == 1.0) || v as usize >= k)
        {
            return fail(
                format!("data.{y_name}[0][{c}]"),
                format!("with {k} class names, a target is a class's number below {k}, got {v}"),
            );
        }
        return Ok(());
    }
    if y.nrows() != k {
        return fail(
            "data.classes",
            format!(
                "{k} names for {} outputs; give one name per output",
                y.nrows()
            ),
        );
    }
    if let Some(c) = (0..y.ncols()).find(|&c| one_hot(y, c).is_none()) {
        return fail(
            format!("data.{y_name}"),
            format!("column {c} is not one-hot, so it names no class of data.classes"),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests;
