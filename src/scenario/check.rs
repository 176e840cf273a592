//! From a scenario file to a valid `Scenario`: defaults filled in, every impossible value
//! refused with the path of its field (`Params → check() → ValidParams`). The whole file and
//! its small parts are checked here; the optimizers, the initial parameters and the data in
//! the modules below.

mod data;
mod explicit;
pub(crate) use explicit::{MAX_CLASS_NAME, one_hot};
mod init;
mod optimizer;
pub use optimizer::check_optimizer;

use super::file::{Matrix, RegularizationFile, ScenarioFile};
use super::{
    MAX_EPOCHS, MAX_HIDDEN_LAYERS, MAX_SEED, MAX_UNITS, Scenario, ScenarioError, SurfaceLesson,
    VERSION,
};
use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::math::optimizer::{OptimizerKind, OptimizerSettings};
use crate::math::regularization::{DEFAULT_RATE, MAX_RATE, Penalty, Regularization};
use crate::math::surface::SurfaceSpec;
use crate::scenario::defaults;
use crate::training::surface_race::{MAX_SURFACE_STEPS, surface_settings};
use data::check_data;
use init::check_init;
use ndarray::Array2;
use optimizer::check_race;

type Result<T> = std::result::Result<T, ScenarioError>;

fn fail<T>(path: impl Into<String>, problem: impl Into<String>) -> Result<T> {
    Err(ScenarioError::new(path, problem))
}

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> String {
    all.iter().map(|&v| name(v)).collect::<Vec<_>>().join(", ")
}

pub fn check(file: ScenarioFile) -> Result<Scenario> {
    let version = file.version.unwrap_or(VERSION);
    if version != VERSION {
        return fail(
            "version",
            format!("this playground reads format version {VERSION}, not {version}"),
        );
    }
    let layers = check_layers(&file.layers)?;
    let activations = check_activations(&file.activations, &layers)?;
    let cost = check_cost(&file.cost, &activations, &layers)?;
    let optimizer = match &file.optimizer {
        Some(o) => check_optimizer(o, "optimizer")?,
        None => OptimizerKind::Adam.defaults(),
    };
    let surface = check_surface(file.surface.as_ref())?;
    let race = check_race(file.race.as_deref(), race_fallback(optimizer, surface))?;
    let init = check_init(file.init.as_ref(), &layers)?;
    let data = check_data(&file.data, &layers, cost)?;
    let batch_size = file.batch_size.unwrap_or(defaults::BATCH_SIZE);
    if batch_size == 0 {
        return fail("batch_size", "must be at least 1 example");
    }
    let epochs = check_epochs(file.epochs, surface.is_some())?;
    let regularization = check_regularization(file.regularization.as_ref())?;
    let view = match file.view {
        None => crate::json::Map::new(),
        Some(crate::json::Value::Object(map)) => map,
        Some(_) => return fail("view", "must be an object ({ … })"),
    };
    Ok(Scenario {
        layers,
        activations,
        cost,
        optimizer,
        race,
        init,
        data,
        batch_size,
        shuffle: file.shuffle.unwrap_or(defaults::SHUFFLE),
        shuffle_seed: seed(file.shuffle_seed, "shuffle_seed")?,
        epochs,
        regularization,
        view,
        surface,
    })
}

/// `surface`: absent for a network lesson; else checked by `SurfaceSpec::check`, a bad value
/// refused at `surface.<field>` with the spec's own words.
fn check_surface(spec: Option<&SurfaceSpec>) -> Result<Option<SurfaceLesson>> {
    let Some(spec) = spec else {
        return Ok(None);
    };
    match spec.check() {
        Ok((surface, start)) => Ok(Some(SurfaceLesson { surface, start })),
        Err(e) => fail(format!("surface.{}", e.field()), e.to_string()),
    }
}

/// What a racer the `race` leaves out takes: on a surface, that surface's settings
/// (`surface_settings`); on the network, the `optimizer` if it is that kind, else the kind's
/// defaults.
fn race_fallback(
    optimizer: OptimizerSettings,
    surface: Option<SurfaceLesson>,
) -> [OptimizerSettings; 4] {
    match surface {
        Some(l) => surface_settings(&l.surface),
        None => OptimizerKind::ALL.map(|k| {
            if optimizer.kind() == k {
                optimizer
            } else {
                k.defaults()
            }
        }),
    }
}

/// `epochs`: from 1 to `MAX_EPOCHS`; on a surface, where one epoch is one update, to
/// `MAX_SURFACE_STEPS`.
fn check_epochs(epochs: Option<usize>, on_surface: bool) -> Result<usize> {
    let epochs = epochs.unwrap_or(defaults::EPOCHS);
    let most = if on_surface {
        MAX_SURFACE_STEPS as usize
    } else {
        MAX_EPOCHS
    };
    if epochs == 0 || epochs > most {
        let what = if on_surface {
            " updates on a surface"
        } else {
            ""
        };
        return fail(
            "epochs",
            format!("must be between 1 and {most}{what}, got {epochs}"),
        );
    }
    Ok(epochs)
}

/// `regularization`: absent is none; a kind without a rate takes λ = 0.001 (TF Playground's
/// usual choice); λ must be a number from 0 to `MAX_RATE`.
fn check_regularization(r: Option<&RegularizationFile>) -> Result<Regularization> {
    let Some(r) = r else {
        return Ok(Regularization::default());
    };
    let Some(penalty) = Penalty::from_name(&r.kind) else {
        return fail(
            "regularization.kind",
            format!(
                "unknown regularization \"{}\"; one of {}",
                r.kind,
                names(&Penalty::ALL, Penalty::name)
            ),
        );
    };
    let rate = r.rate.unwrap_or(DEFAULT_RATE);
    if !(0.0..=MAX_RATE).contains(&rate) {
        return fail(
            "regularization.rate",
            format!("λ must be a number from 0 to {MAX_RATE}, got {rate}"),
        );
    }
    Ok(Regularization { penalty, rate })
}

fn check_layers(layers: &[usize]) -> Result<Vec<usize>> {
    if layers.len() < 2 {
        return fail(
            "layers",
            "needs at least the input and the output size, e.g. [2, 8, 1]",
        );
    }
    let hidden = layers.len() - 2;
    if hidden > MAX_HIDDEN_LAYERS {
        return fail(
            "layers",
            format!("{hidden} hidden layers; the most is {MAX_HIDDEN_LAYERS}"),
        );
    }
    for (i, &n) in layers.iter().enumerate() {
        if n == 0 {
            return fail(format!("layers[{i}]"), "a layer needs at least 1 unit");
        }
        if n > MAX_UNITS {
            return fail(
                format!("layers[{i}]"),
                format!("{n} units; the most per layer is {MAX_UNITS}"),
            );
        }
    }
    Ok(layers.to_vec())
}

fn check_activations(given: &[String], layers: &[usize]) -> Result<Vec<Activation>> {
    let depth = layers.len() - 1;
    if given.len() != depth {
        return fail(
            "activations",
            format!(
                "{} given for {depth} layers; give one per layer 1..L (layers has {} sizes)",
                given.len(),
                layers.len()
            ),
        );
    }
    let mut out = Vec::with_capacity(depth);
    for (i, name) in given.iter().enumerate() {
        let path = format!("activations[{i}]");
        let Some(act) = Activation::from_name(name) else {
            return fail(
                path,
                format!(
                    "unknown activation \"{name}\"; one of {}",
                    names(&Activation::ALL, Activation::name)
                ),
            );
        };
        if act == Activation::Softmax {
            if i + 1 != depth {
                return fail(path, "softmax is allowed only on the output layer");
            }
            if layers[depth] < 2 {
                return fail(
                    path,
                    format!(
                        "softmax needs at least 2 output units; layers[{depth}] is {}",
                        layers[depth]
                    ),
                );
            }
        }
        out.push(act);
    }
    Ok(out)
}

fn check_cost(name: &str, activations: &[Activation], layers: &[usize]) -> Result<Cost> {
    let Some(cost) = Cost::from_name(name) else {
        return fail(
            "cost",
            format!(
                "unknown cost \"{name}\"; one of {}",
                names(&Cost::ALL, Cost::name)
            ),
        );
    };
    let output = *activations.last().expect("at least one layer");
    if let Some(problem) = cost.check_pair(output, *layers.last().expect("sizes")) {
        return fail("cost", problem);
    }
    Ok(cost)
}

/// A seed (`defaults::SEED` when omitted), at most 2⁵³ − 1: the largest whole number JavaScript holds
/// exactly, so that the page, links and the JS API carry it unchanged.
fn seed(value: Option<u64>, path: &str) -> Result<u64> {
    let v = value.unwrap_or(defaults::SEED);
    if v > MAX_SEED {
        return fail(
            path,
            format!("must be a whole number from 0 to {MAX_SEED}, got {v}"),
        );
    }
    Ok(v)
}

/// A matrix given as rows, checked to be `rows × cols` of finite numbers.
fn matrix(m: &Matrix, path: &str, rows: usize, cols: usize, what: &str) -> Result<Array2<f64>> {
    if m.len() != rows {
        return fail(path, format!("{} rows; {what}", m.len()));
    }
    for (r, row) in m.iter().enumerate() {
        if row.len() != cols {
            return fail(
                format!("{path}[{r}]"),
                format!("{} numbers; {what}", row.len()),
            );
        }
        if let Some(c) = row.iter().position(|v| !v.is_finite()) {
            return fail(
                format!("{path}[{r}][{c}]"),
                format!("{} is not a finite number", row[c]),
            );
        }
    }
    Ok(Array2::from_shape_fn((rows, cols), |(r, c)| m[r][c]))
}
