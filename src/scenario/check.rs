//! From a scenario file to a valid `Scenario`: defaults filled in, every impossible value
//! refused with the path of its field (`Params → check() → ValidParams`).

use super::file::{
    DataFile, InitFile, LayerFile, Matrix, OptimizerFile, RegularizationFile, ScenarioFile,
};
use super::{
    Data, Init, MAX_EPOCHS, MAX_HIDDEN_LAYERS, MAX_SAMPLES, MAX_SEED, MAX_UNITS, Scenario,
    ScenarioError, VERSION,
};
use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::math::init::InitScheme;
use crate::math::optimizer::{OptimizerKind, OptimizerSettings};
use crate::math::regularization::{DEFAULT_RATE, MAX_RATE, Penalty, Regularization};
use crate::training::data::{Dataset, Examples, Feature, Generate, Task};
use ndarray::Array2;

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
    let race = check_race(file.race.as_deref(), optimizer)?;
    let init = check_init(file.init.as_ref(), &layers)?;
    let data = check_data(&file.data, &layers, cost)?;
    let batch_size = file.batch_size.unwrap_or(32);
    if batch_size == 0 {
        return fail("batch_size", "must be at least 1 example");
    }
    let epochs = file.epochs.unwrap_or(100);
    if epochs == 0 || epochs > MAX_EPOCHS {
        return fail(
            "epochs",
            format!("must be between 1 and {MAX_EPOCHS}, got {epochs}"),
        );
    }
    let regularization = check_regularization(file.regularization.as_ref())?;
    let view = match file.view {
        None => serde_json::Map::new(),
        Some(serde_json::Value::Object(map)) => map,
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
        shuffle: file.shuffle.unwrap_or(true),
        shuffle_seed: seed(file.shuffle_seed, "shuffle_seed")?,
        epochs,
        regularization,
        view,
    })
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

fn positive(path: &str, field: &str, value: Option<f64>, default: f64) -> Result<f64> {
    let v = value.unwrap_or(default);
    if !(v.is_finite() && v > 0.0) {
        return fail(
            format!("{path}.{field}"),
            format!("must be a positive number, got {v}"),
        );
    }
    Ok(v)
}

fn fraction_below_one(path: &str, field: &str, value: Option<f64>, default: f64) -> Result<f64> {
    let v = value.unwrap_or(default);
    if !(0.0..1.0).contains(&v) {
        return fail(
            format!("{path}.{field}"),
            format!("must be at least 0 and below 1, got {v}"),
        );
    }
    Ok(v)
}

pub fn check_optimizer(o: &OptimizerFile, path: &str) -> Result<OptimizerSettings> {
    let Some(kind) = OptimizerKind::from_name(&o.kind) else {
        return fail(
            format!("{path}.kind"),
            format!(
                "unknown optimizer \"{}\"; one of {}",
                o.kind,
                names(&OptimizerKind::ALL, OptimizerKind::name)
            ),
        );
    };
    let allowed: &[&str] = match kind {
        OptimizerKind::Sgd => &["learning_rate"],
        OptimizerKind::Momentum => &["learning_rate", "beta"],
        OptimizerKind::RmsProp => &["learning_rate", "beta", "epsilon"],
        OptimizerKind::Adam => &["learning_rate", "beta1", "beta2", "epsilon"],
    };
    let present = [
        ("beta", o.beta),
        ("beta1", o.beta1),
        ("beta2", o.beta2),
        ("epsilon", o.epsilon),
    ];
    for (field, value) in present {
        if value.is_some() && !allowed.contains(&field) {
            return fail(
                format!("{path}.{field}"),
                format!(
                    "{} does not use {field}; it takes {}",
                    kind.name(),
                    allowed.join(", ")
                ),
            );
        }
    }
    let d = kind.defaults();
    let lr = positive(path, "learning_rate", o.learning_rate, d.learning_rate())?;
    Ok(match d {
        OptimizerSettings::Sgd { .. } => OptimizerSettings::Sgd { learning_rate: lr },
        OptimizerSettings::Momentum { beta, .. } => OptimizerSettings::Momentum {
            learning_rate: lr,
            beta: fraction_below_one(path, "beta", o.beta, beta)?,
        },
        OptimizerSettings::RmsProp { beta, epsilon, .. } => OptimizerSettings::RmsProp {
            learning_rate: lr,
            beta: fraction_below_one(path, "beta", o.beta, beta)?,
            epsilon: positive(path, "epsilon", o.epsilon, epsilon)?,
        },
        OptimizerSettings::Adam {
            beta1,
            beta2,
            epsilon,
            ..
        } => OptimizerSettings::Adam {
            learning_rate: lr,
            beta1: fraction_below_one(path, "beta1", o.beta1, beta1)?,
            beta2: fraction_below_one(path, "beta2", o.beta2, beta2)?,
            epsilon: positive(path, "epsilon", o.epsilon, epsilon)?,
        },
    })
}

/// The race's four settings in `OptimizerKind::ALL` order. A kind the race leaves out takes
/// the `optimizer`'s settings if it is that kind, else the defaults.
fn check_race(
    race: Option<&[OptimizerFile]>,
    optimizer: OptimizerSettings,
) -> Result<[OptimizerSettings; 4]> {
    let mut out: [Option<OptimizerSettings>; 4] = [None; 4];
    for (i, o) in race.unwrap_or(&[]).iter().enumerate() {
        let path = format!("race[{i}]");
        let s = check_optimizer(o, &path)?;
        let slot = OptimizerKind::ALL
            .iter()
            .position(|&k| k == s.kind())
            .expect("a kind");
        if out[slot].is_some() {
            return fail(
                format!("{path}.kind"),
                format!("{} appears twice; the race has one racer per kind", o.kind),
            );
        }
        out[slot] = Some(s);
    }
    Ok(std::array::from_fn(|i| {
        out[i].unwrap_or_else(|| {
            let kind = OptimizerKind::ALL[i];
            if optimizer.kind() == kind {
                optimizer
            } else {
                kind.defaults()
            }
        })
    }))
}

fn check_init(init: Option<&InitFile>, layers: &[usize]) -> Result<Init> {
    let Some(init) = init else {
        return Ok(Init::Scheme {
            scheme: InitScheme::Auto,
            scale: 1.0,
            seed: 0,
        });
    };
    if let Some(weights) = &init.weights {
        for (field, given) in [
            ("kind", init.kind.is_some()),
            ("scale", init.scale.is_some()),
            ("seed", init.seed.is_some()),
        ] {
            if given {
                return fail(
                    format!("init.{field}"),
                    "give either a scheme (kind, scale, seed) or explicit weights, not both",
                );
            }
        }
        return check_weights(weights, layers).map(Init::Explicit);
    }
    let scheme = match &init.kind {
        None => InitScheme::Auto,
        Some(name) => InitScheme::from_name(name).ok_or_else(|| {
            ScenarioError::new(
                "init.kind",
                format!(
                    "unknown scheme \"{name}\"; one of {} (or give init.weights)",
                    names(&InitScheme::ALL, InitScheme::name)
                ),
            )
        })?,
    };
    let scale = init.scale.unwrap_or(1.0);
    if !(scale.is_finite() && (0.0..=1000.0).contains(&scale)) {
        return fail(
            "init.scale",
            format!("must be a number from 0 to 1000, got {scale}"),
        );
    }
    Ok(Init::Scheme {
        scheme,
        scale,
        seed: seed(init.seed, "init.seed")?,
    })
}

/// A seed (0 when omitted), at most 2⁵³ − 1: the largest whole number JavaScript holds
/// exactly, so that the page, links and the JS API carry it unchanged.
fn seed(value: Option<u64>, path: &str) -> Result<u64> {
    let v = value.unwrap_or(0);
    if v > MAX_SEED {
        return fail(
            path,
            format!("must be a whole number from 0 to {MAX_SEED}, got {v}"),
        );
    }
    Ok(v)
}

fn check_weights(
    weights: &[LayerFile],
    layers: &[usize],
) -> Result<Vec<(Array2<f64>, Array2<f64>)>> {
    let depth = layers.len() - 1;
    if weights.len() != depth {
        return fail(
            "init.weights",
            format!(
                "{} layers given; the network has {depth} (layers 1..L)",
                weights.len()
            ),
        );
    }
    weights
        .iter()
        .enumerate()
        .map(|(i, lw)| {
            let path = format!("init.weights[{i}]");
            let (n_out, n_in) = (layers[i + 1], layers[i]);
            let l = i + 1;
            let w = matrix(
                &lw.w,
                &format!("{path}.w"),
                n_out,
                n_in,
                &format!("W[{l}] is n[{l}] × n[{i}] = {n_out} × {n_in}"),
            )?;
            let b = matrix(
                &lw.b,
                &format!("{path}.b"),
                n_out,
                1,
                &format!("b[{l}] is n[{l}] × 1 = {n_out} × 1"),
            )?;
            Ok((w, b))
        })
        .collect()
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

fn check_data(data: &DataFile, layers: &[usize], cost: Cost) -> Result<Data> {
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
    let features = match &data.features {
        None => vec![Feature::X1, Feature::X2],
        Some(given) => {
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
            out
        }
    };
    if layers[0] != features.len() {
        let list = features
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ");
        let s = if features.len() == 1 { "" } else { "s" };
        return fail(
            "layers[0]",
            format!(
                "the {name} data set's inputs are {} feature{s} ({list}), so n[0] is {}, not {}",
                features.len(),
                features.len(),
                layers[0]
            ),
        );
    }
    let n_out = layers[layers.len() - 1];
    let last = layers.len() - 1;
    let sizes = dataset.output_sizes();
    if !sizes.contains(&n_out) {
        let said = match dataset.task() {
            Task::Binary => "1 output (a 0/1 label) or 2 (one-hot)",
            Task::ThreeClass => "3 outputs (one-hot over 3 classes)",
            Task::Regression => "1 output (a real value)",
        };
        return fail(
            format!("layers[{last}]"),
            format!("the {name} data set gives {said}, not {n_out}"),
        );
    }
    if dataset.task() == Task::Regression && cost != Cost::Mse {
        return fail(
            "cost",
            format!("{name} is a regression data set (real-valued targets); use mse"),
        );
    }
    let samples = data.samples.unwrap_or(500);
    if !(2..=MAX_SAMPLES).contains(&samples) {
        return fail(
            "data.samples",
            format!("{samples} samples; give from 2 to {MAX_SAMPLES}"),
        );
    }
    let noise = data.noise.unwrap_or(0.05);
    if !(noise.is_finite() && (0.0..=1.0).contains(&noise)) {
        return fail("data.noise", format!("must be from 0 to 1, got {noise}"));
    }
    let train_fraction = data.train_fraction.unwrap_or(0.8);
    if !(train_fraction > 0.0 && train_fraction <= 1.0) {
        return fail(
            "data.train_fraction",
            format!("must be above 0 and at most 1, got {train_fraction}"),
        );
    }
    if let Some(scale) = &data.input_scale {
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
    }
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
    Ok(Examples::new(xm, ym))
}
