//! The scenario file as it is written (`docs/scenario.md`): plain structs, every field
//! optional where the format lets it be omitted, read by the tables at the end of this file
//! (`read.rs`: one reader for every struct, unknown fields refused; a number, whole number or
//! boolean must be one when present, `null` refused; any other optional field reads `null` as
//! omitted) and written by `write.rs`, fields in their order here, the ones that are `None`
//! left out. `check.rs` turns one into a valid `Scenario`; `Scenario::to_file` turns one back.

use super::read::{Item, Record, Shape, optional, required};
use crate::json::Value;
use crate::math::optimizer::HyperParam;
use crate::math::surface::SurfaceSpec;

pub type Matrix = Vec<Vec<f64>>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScenarioFile {
    pub version: Option<u64>,
    pub layers: Vec<usize>,
    pub activations: Vec<String>,
    pub cost: String,
    pub optimizer: Option<OptimizerFile>,
    pub race: Option<Vec<OptimizerFile>>,
    pub init: Option<InitFile>,
    pub data: DataFile,
    pub batch_size: Option<usize>,
    pub shuffle: Option<bool>,
    pub shuffle_seed: Option<u64>,
    pub epochs: Option<usize>,
    /// a penalty on the weights; written only when there is one
    pub regularization: Option<RegularizationFile>,
    pub view: Option<Value>,
    /// a test function instead of the network (a surface lesson); written only when there is one
    pub surface: Option<SurfaceSpec>,
}

/// `"regularization": {"kind": "l2", "rate": 0.001}`: kind none, l1 or l2; rate λ.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RegularizationFile {
    pub kind: String,
    pub rate: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct OptimizerFile {
    pub kind: String,
    pub learning_rate: Option<f64>,
    pub beta: Option<f64>,
    pub beta1: Option<f64>,
    pub beta2: Option<f64>,
    pub epsilon: Option<f64>,
}

impl OptimizerFile {
    /// The value the file gives for `h`, if it gives one.
    pub fn get(&self, h: HyperParam) -> Option<f64> {
        match h {
            HyperParam::LearningRate => self.learning_rate,
            HyperParam::Beta => self.beta,
            HyperParam::Beta1 => self.beta1,
            HyperParam::Beta2 => self.beta2,
            HyperParam::Epsilon => self.epsilon,
        }
    }

    /// Gives `v` for `h` (`None` leaves the field out).
    pub fn set(&mut self, h: HyperParam, v: Option<f64>) {
        let field = match h {
            HyperParam::LearningRate => &mut self.learning_rate,
            HyperParam::Beta => &mut self.beta,
            HyperParam::Beta1 => &mut self.beta1,
            HyperParam::Beta2 => &mut self.beta2,
            HyperParam::Epsilon => &mut self.epsilon,
        };
        *field = v;
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct InitFile {
    pub kind: Option<String>,
    pub scale: Option<f64>,
    pub seed: Option<u64>,
    pub weights: Option<Vec<LayerFile>>,
}

/// One layer's explicit parameters: `w` as n[l] rows of n[l-1] numbers, `b` as n[l] rows of one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayerFile {
    pub w: Matrix,
    pub b: Matrix,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataFile {
    pub dataset: Option<String>,
    pub samples: Option<usize>,
    pub noise: Option<f64>,
    pub train_fraction: Option<f64>,
    pub seed: Option<u64>,
    pub input_scale: Option<Vec<f64>>,
    /// the inputs computed from each point: x1, x2, x1^2, x2^2, x1x2, sin_x1, sin_x2 (of a
    /// generated set's points, or of explicit x's two rows)
    pub features: Option<Vec<String>>,
    pub x: Option<Matrix>,
    pub y: Option<Matrix>,
    pub x_test: Option<Matrix>,
    pub y_test: Option<Matrix>,
    /// explicit data's class names (1 to 3), which the targets index; written only when given
    pub classes: Option<Vec<String>>,
}

// How each struct is read: one row per field, in the order serde's messages list them. A new
// optional field is one row: its name, its shape, and where its value goes.

pub static SCENARIO: Record<ScenarioFile> = Record {
    name: "ScenarioFile",
    fields: &[
        optional("version", Shape::Uint, |f, v| f.version = Some(v.uint())),
        required("layers", Shape::List(&Shape::Size), |f, v| {
            f.layers = v.list(Item::size)
        }),
        required("activations", TEXTS, |f, v| {
            f.activations = v.list(Item::text)
        }),
        required("cost", Shape::Text, |f, v| f.cost = v.text()),
        optional("optimizer", Shape::Maybe(&OPTIMIZER_SHAPE), |f, v| {
            f.optimizer = Some(OPTIMIZER.build(v))
        }),
        optional("race", Shape::Maybe(&RACE_SHAPE), |f, v| {
            f.race = Some(v.list(|o| OPTIMIZER.build(o)))
        }),
        optional("init", Shape::Maybe(&INIT_SHAPE), |f, v| {
            f.init = Some(INIT.build(v))
        }),
        required("data", DATA_SHAPE, |f, v| f.data = DATA.build(v)),
        optional("batch_size", Shape::Size, |f, v| {
            f.batch_size = Some(v.size())
        }),
        optional("shuffle", Shape::Flag, |f, v| f.shuffle = Some(v.flag())),
        optional("shuffle_seed", Shape::Uint, |f, v| {
            f.shuffle_seed = Some(v.uint())
        }),
        optional("epochs", Shape::Size, |f, v| f.epochs = Some(v.size())),
        optional("regularization", Shape::Maybe(&PENALTY_SHAPE), |f, v| {
            f.regularization = Some(PENALTY.build(v))
        }),
        optional("view", Shape::Maybe(&Shape::Json), |f, v| {
            f.view = Some(v.json())
        }),
        optional("surface", Shape::Maybe(&SURFACE_SHAPE), |f, v| {
            f.surface = Some(SURFACE.build(v))
        }),
    ],
};

static PENALTY: Record<RegularizationFile> = Record {
    name: "RegularizationFile",
    fields: &[
        required("kind", Shape::Text, |f, v| f.kind = v.text()),
        optional("rate", Shape::Number, |f, v| f.rate = Some(v.number())),
    ],
};
static PENALTY_SHAPE: Shape = Shape::Record(&PENALTY);

pub static OPTIMIZER: Record<OptimizerFile> = Record {
    name: "OptimizerFile",
    fields: &[
        required("kind", Shape::Text, |f, v| f.kind = v.text()),
        optional("learning_rate", Shape::Number, |f, v| {
            f.learning_rate = Some(v.number())
        }),
        optional("beta", Shape::Number, |f, v| f.beta = Some(v.number())),
        optional("beta1", Shape::Number, |f, v| f.beta1 = Some(v.number())),
        optional("beta2", Shape::Number, |f, v| f.beta2 = Some(v.number())),
        optional("epsilon", Shape::Number, |f, v| {
            f.epsilon = Some(v.number())
        }),
    ],
};
pub static OPTIMIZER_SHAPE: Shape = Shape::Record(&OPTIMIZER);
static RACE_SHAPE: Shape = Shape::List(&OPTIMIZER_SHAPE);

static INIT: Record<InitFile> = Record {
    name: "InitFile",
    fields: &[
        optional("kind", Shape::Maybe(&Shape::Text), |f, v| {
            f.kind = Some(v.text())
        }),
        optional("scale", Shape::Number, |f, v| f.scale = Some(v.number())),
        optional("seed", Shape::Uint, |f, v| f.seed = Some(v.uint())),
        optional("weights", Shape::Maybe(&LAYERS_SHAPE), |f, v| {
            f.weights = Some(v.list(|l| LAYER.build(l)))
        }),
    ],
};
static INIT_SHAPE: Shape = Shape::Record(&INIT);

static LAYER: Record<LayerFile> = Record {
    name: "LayerFile",
    fields: &[
        required("w", MATRIX, |f, v| f.w = v.matrix()),
        required("b", MATRIX, |f, v| f.b = v.matrix()),
    ],
};
static LAYER_SHAPE: Shape = Shape::Record(&LAYER);
static LAYERS_SHAPE: Shape = Shape::List(&LAYER_SHAPE);

static DATA: Record<DataFile> = Record {
    name: "DataFile",
    fields: &[
        optional("dataset", Shape::Maybe(&Shape::Text), |f, v| {
            f.dataset = Some(v.text())
        }),
        optional("samples", Shape::Size, |f, v| f.samples = Some(v.size())),
        optional("noise", Shape::Number, |f, v| f.noise = Some(v.number())),
        optional("train_fraction", Shape::Number, |f, v| {
            f.train_fraction = Some(v.number())
        }),
        optional("seed", Shape::Uint, |f, v| f.seed = Some(v.uint())),
        optional("input_scale", Shape::Maybe(&NUMBERS), |f, v| {
            f.input_scale = Some(v.list(Item::number))
        }),
        optional("features", Shape::Maybe(&TEXTS), |f, v| {
            f.features = Some(v.list(Item::text))
        }),
        optional("x", Shape::Maybe(&MATRIX), |f, v| f.x = Some(v.matrix())),
        optional("y", Shape::Maybe(&MATRIX), |f, v| f.y = Some(v.matrix())),
        optional("x_test", Shape::Maybe(&MATRIX), |f, v| {
            f.x_test = Some(v.matrix())
        }),
        optional("y_test", Shape::Maybe(&MATRIX), |f, v| {
            f.y_test = Some(v.matrix())
        }),
        optional("classes", Shape::Maybe(&TEXTS), |f, v| {
            f.classes = Some(v.list(Item::text))
        }),
    ],
};
static DATA_SHAPE: Shape = Shape::Record(&DATA);

const NUMBERS: Shape = Shape::List(&Shape::Number);
const TEXTS: Shape = Shape::List(&Shape::Text);
const MATRIX: Shape = Shape::List(&NUMBERS);

static SURFACE: Record<SurfaceSpec> = Record {
    name: "SurfaceSpec",
    fields: &[
        required("function", Shape::Text, |f, v| f.function = v.text()),
        optional("kappa", Shape::Number, |f, v| f.kappa = Some(v.number())),
        optional("angle", Shape::Number, |f, v| f.angle = Some(v.number())),
        optional("start", POINT, |f, v| {
            if let [x, y] = v.list(Item::number)[..] {
                f.start = Some([x, y]);
            }
        }),
    ],
};
static SURFACE_SHAPE: Shape = Shape::Record(&SURFACE);
const POINT: Shape = Shape::Exactly(2, &Shape::Number);

/// A scenario file as read from a `Value` (the shape of `Record` fields that hold one).
pub static SCENARIO_SHAPE: Shape = Shape::Record(&SCENARIO);

impl ScenarioFile {
    /// The file from the item `SCENARIO_SHAPE` read.
    pub fn build(item: Item) -> ScenarioFile {
        SCENARIO.build(item)
    }
}

impl OptimizerFile {
    /// A racer's settings from the item `OPTIMIZER_SHAPE` read (as the page's kept run holds
    /// them).
    pub fn build(item: Item) -> OptimizerFile {
        OPTIMIZER.build(item)
    }
}
