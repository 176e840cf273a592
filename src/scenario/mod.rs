//! Scenarios: everything needed to reproduce a run (`docs/scenario.md`). Read from JSON text
//! (a JavaScript object comes as the text `JSON.stringify` makes of it), checked once into a
//! valid `Scenario`, and written back in the same format.

mod check;
pub mod csv;
pub mod defaults;
pub mod draw;
pub mod edit;
pub use check::check_optimizer;
pub use edit::{Edit, OutputChoice, output_choices};
pub mod file;
pub mod presets;
pub mod read;
pub mod share;
pub mod trace;
pub mod view;
mod write;
pub use write::optimizer_file;

use crate::json::{self, Map, Value};
use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::math::init::{InitScheme, initialise};
use crate::math::network::{Layer, Network};
use crate::math::optimizer::{OptimizerKind, OptimizerSettings};
use crate::math::regularization::Regularization;
use crate::math::surface::Surface;
use crate::training::data::{DataSet, Examples, Feature, Generate};
use crate::training::race::Race;
use crate::training::stepper::Stepper;
use file::ScenarioFile;
use ndarray::Array2;

/// The most hidden layers a scenario may have.
pub const MAX_HIDDEN_LAYERS: usize = 6;
/// The most units in any layer (inputs and outputs included).
pub const MAX_UNITS: usize = 64;
/// The most examples, train and test together.
pub const MAX_SAMPLES: usize = 5000;
/// The most epochs a scenario may ask for.
pub const MAX_EPOCHS: usize = 100_000;
/// The largest seed: 2⁵³ − 1, the largest whole number a JavaScript number holds exactly.
pub const MAX_SEED: u64 = (1 << 53) - 1;
/// The format version this code reads and writes.
pub const VERSION: u64 = 1;

/// The scenario the page opens with: a spiral, a 2-8-8-1 tanh net, the race at the
/// defaults of `docs/math.md`.
pub const DEFAULT_JSON: &str = include_str!("../../scenarios/default.json");

/// What is wrong with a scenario: the path of the field (`optimizer.beta1`, `layers[2]`,
/// empty for the whole file) and the problem in words.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}{problem}", if path.is_empty() { String::new() } else { format!("{path}: ") })]
pub struct ScenarioError {
    pub path: String,
    pub problem: String,
}

impl ScenarioError {
    pub fn new(path: impl Into<String>, problem: impl Into<String>) -> Self {
        ScenarioError {
            path: path.into(),
            problem: problem.into(),
        }
    }
}

/// Where the initial parameters come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Init {
    /// drawn from `seed` by `scheme`, multiplied by `scale`
    Scheme {
        scheme: InitScheme,
        scale: f64,
        seed: u64,
    },
    /// (W[l], b[l]) for l = 1..L, at index l − 1
    Explicit(Vec<(Array2<f64>, Array2<f64>)>),
}

/// Where the examples come from.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // one per scenario, never in bulk
pub enum Data {
    Generated(Generate),
    /// X and Y as given: with `features`, X (2 × m) holds the points and the inputs are their
    /// features (`Examples::coords` the points, `x` the features); `classes` names what the
    /// targets index, when given (`data.classes`)
    Explicit {
        train: Examples,
        test: Option<Examples>,
        features: Vec<Feature>,
        classes: Vec<String>,
    },
}

/// A checked scenario: every value possible, every default filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// n[0..L]
    pub layers: Vec<usize>,
    /// σ[1..L], σ[l] at index l − 1
    pub activations: Vec<Activation>,
    pub cost: Cost,
    /// the optimizer `trace` replays and the page follows
    pub optimizer: OptimizerSettings,
    /// the four racers, in the order of `OptimizerKind::ALL`
    pub race: [OptimizerSettings; 4],
    pub init: Init,
    pub data: Data,
    pub batch_size: usize,
    pub shuffle: bool,
    pub shuffle_seed: u64,
    pub epochs: usize,
    /// the penalty on the weights (none by default)
    pub regularization: Regularization,
    /// page-only state, an object; the page defines its fields
    pub view: Map,
    /// a surface lesson: the racers descend this test function instead of training the
    /// network (whose fields are then not used); `None` for a network lesson
    pub surface: Option<SurfaceLesson>,
}

/// A surface lesson (`"surface"` in the file): the test function and the racers' common
/// start, checked (`SurfaceSpec::check`). The racers' settings are the scenario's `race`;
/// one step is one update, and `epochs` counts updates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SurfaceLesson {
    pub surface: Surface,
    pub start: [f64; 2],
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario::from_json(DEFAULT_JSON).expect("scenarios/default.json is valid")
    }
}

impl Scenario {
    /// Reads and checks a scenario from JSON text. A leading UTF-8 byte-order mark (as some
    /// editors write) is skipped; the text must hold one object.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let start = text.trim_start().chars().next();
        let found = match start {
            None | Some('{') => None,
            Some('[') => Some("an array"),
            Some('"') => Some("a string"),
            Some('t' | 'f') => Some("true or false"),
            Some('n') => Some("null"),
            Some(c) if c == '-' || c.is_ascii_digit() => Some("a number"),
            // not JSON at all: serde says where
            Some(_) => None,
        };
        if let Some(found) = found {
            return Err(ScenarioError::new(
                "(root)",
                format!("expected an object, found {found}"),
            ));
        }
        Scenario::from_value(read_text(text, "the scenario")?)
    }

    /// Reads and checks a scenario from a JSON value, as from its text.
    pub fn from_value(value: Value) -> Result<Scenario, ScenarioError> {
        let item = file::SCENARIO_SHAPE
            .read(value, "")
            .map_err(ScenarioError::from)?;
        check::check(ScenarioFile::build(item))
    }

    /// Checks a scenario in file form (as built by a form or read by another format).
    pub fn from_file(file: ScenarioFile) -> Result<Scenario, ScenarioError> {
        check::check(file)
    }

    /// L
    pub fn depth(&self) -> usize {
        self.layers.len() - 1
    }

    /// The initial network, with the scenario's regularization.
    pub fn network(&self) -> Network {
        let mut net = match &self.init {
            Init::Scheme {
                scheme,
                scale,
                seed,
            } => initialise(
                &self.layers,
                &self.activations,
                self.cost,
                *scheme,
                *scale,
                *seed,
            ),
            Init::Explicit(params) => Network {
                layers: params
                    .iter()
                    .zip(&self.activations)
                    .map(|((w, b), &activation)| Layer {
                        w: w.clone(),
                        b: b.clone(),
                        activation,
                    })
                    .collect(),
                cost: self.cost,
                regularization: Regularization::default(),
            },
        };
        net.regularization = self.regularization;
        net
    }

    /// The train and test sets.
    pub fn dataset(&self) -> DataSet {
        match &self.data {
            Data::Generated(g) => g.generate(),
            Data::Explicit { train, test, .. } => DataSet {
                train: train.clone(),
                test: test.clone(),
            },
        }
    }

    /// The racers' settings for a race of all four kinds, in `OptimizerKind::ALL` order.
    pub fn race_settings(&self) -> Vec<OptimizerSettings> {
        self.race.to_vec()
    }

    /// The shuffle seed when shuffling.
    pub fn shuffle_seed(&self) -> Option<u64> {
        self.shuffle.then_some(self.shuffle_seed)
    }

    /// A race of the given racers from this scenario's start.
    pub fn race_of(&self, settings: &[OptimizerSettings]) -> Race {
        Race::new(
            self.dataset(),
            &self.network(),
            settings,
            self.batch_size,
            self.shuffle_seed(),
        )
    }

    /// The four-optimizer race, stepped with the `optimizer`'s kind in focus.
    pub fn stepper(&self) -> Stepper {
        let race = self.race_of(&self.race_settings());
        let focus = OptimizerKind::ALL
            .iter()
            .position(|&k| k == self.optimizer.kind())
            .unwrap_or(0);
        Stepper::new(race, focus)
    }

    /// This scenario with its initial parameters replaced by `net`'s (explicit weights).
    pub fn with_parameters(&self, net: &Network) -> Scenario {
        let mut s = self.clone();
        s.init = Init::Explicit(
            net.layers
                .iter()
                .map(|l| (l.w.clone(), l.b.clone()))
                .collect(),
        );
        s
    }
}

/// Reads a value of the file format (a scenario file, or something that holds one) from JSON
/// text as `shape`, without checking it; a field of the wrong type or an unknown field is
/// reported with its path.
pub fn read_json(text: &str, shape: read::Shape) -> Result<read::Item, ScenarioError> {
    let value = read_text(text, "the end")?;
    shape.read(value, "").map_err(ScenarioError::from)
}

/// The JSON value of `text`; `what` says what the value is, for the message about text after
/// it.
fn read_text(text: &str, what: &str) -> Result<Value, ScenarioError> {
    json::from_str(text).map_err(|e| {
        let message = if e.message == "trailing characters" {
            format!("not valid JSON after {what}: {e}")
        } else {
            e.to_string()
        };
        ScenarioError::new(e.path, message)
    })
}

impl From<read::ReadError> for ScenarioError {
    fn from(e: read::ReadError) -> ScenarioError {
        ScenarioError::new(e.path, e.message)
    }
}

#[cfg(test)]
mod tests;
