//! The scenario file as it is written (`docs/scenario.md`): plain serde structs, every field
//! optional where the format lets it be omitted, unknown fields refused. `check.rs` turns one
//! into a valid `Scenario`; `Scenario::to_file` turns one back.

use crate::math::optimizer::HyperParam;
use crate::math::surface::SurfaceSpec;
use serde::{Deserialize, Deserializer, Serialize};

/// A number that must be a number when present: `null` is refused rather than read as
/// "omitted", so that `"learning_rate": null` gets a message instead of the default.
fn number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    f64::deserialize(d).map(Some)
}

fn uint<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    u64::deserialize(d).map(Some)
}

fn size<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    usize::deserialize(d).map(Some)
}

fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    bool::deserialize(d).map(Some)
}

pub type Matrix = Vec<Vec<f64>>;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    #[serde(
        default,
        deserialize_with = "uint",
        skip_serializing_if = "Option::is_none"
    )]
    pub version: Option<u64>,
    pub layers: Vec<usize>,
    pub activations: Vec<String>,
    pub cost: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optimizer: Option<OptimizerFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub race: Option<Vec<OptimizerFile>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub init: Option<InitFile>,
    pub data: DataFile,
    #[serde(
        default,
        deserialize_with = "size",
        skip_serializing_if = "Option::is_none"
    )]
    pub batch_size: Option<usize>,
    #[serde(
        default,
        deserialize_with = "flag",
        skip_serializing_if = "Option::is_none"
    )]
    pub shuffle: Option<bool>,
    #[serde(
        default,
        deserialize_with = "uint",
        skip_serializing_if = "Option::is_none"
    )]
    pub shuffle_seed: Option<u64>,
    #[serde(
        default,
        deserialize_with = "size",
        skip_serializing_if = "Option::is_none"
    )]
    pub epochs: Option<usize>,
    /// a penalty on the weights; written only when there is one
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regularization: Option<RegularizationFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<serde_json::Value>,
    /// a test function instead of the network (a surface lesson); written only when there is one
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surface: Option<SurfaceSpec>,
}

/// `"regularization": {"kind": "l2", "rate": 0.001}`: kind none, l1 or l2; rate λ.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegularizationFile {
    pub kind: String,
    #[serde(
        default,
        deserialize_with = "number",
        skip_serializing_if = "Option::is_none"
    )]
    pub rate: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptimizerFile {
    pub kind: String,
    #[serde(
        default,
        deserialize_with = "number",
        skip_serializing_if = "Option::is_none"
    )]
    pub learning_rate: Option<f64>,
    #[serde(
        default,
        deserialize_with = "number",
        skip_serializing_if = "Option::is_none"
    )]
    pub beta: Option<f64>,
    #[serde(
        default,
        deserialize_with = "number",
        skip_serializing_if = "Option::is_none"
    )]
    pub beta1: Option<f64>,
    #[serde(
        default,
        deserialize_with = "number",
        skip_serializing_if = "Option::is_none"
    )]
    pub beta2: Option<f64>,
    #[serde(
        default,
        deserialize_with = "number",
        skip_serializing_if = "Option::is_none"
    )]
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

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(
        default,
        deserialize_with = "number",
        skip_serializing_if = "Option::is_none"
    )]
    pub scale: Option<f64>,
    #[serde(
        default,
        deserialize_with = "uint",
        skip_serializing_if = "Option::is_none"
    )]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<Vec<LayerFile>>,
}

/// One layer's explicit parameters: `w` as n[l] rows of n[l-1] numbers, `b` as n[l] rows of one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerFile {
    pub w: Matrix,
    pub b: Matrix,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    #[serde(
        default,
        deserialize_with = "size",
        skip_serializing_if = "Option::is_none"
    )]
    pub samples: Option<usize>,
    #[serde(
        default,
        deserialize_with = "number",
        skip_serializing_if = "Option::is_none"
    )]
    pub noise: Option<f64>,
    #[serde(
        default,
        deserialize_with = "number",
        skip_serializing_if = "Option::is_none"
    )]
    pub train_fraction: Option<f64>,
    #[serde(
        default,
        deserialize_with = "uint",
        skip_serializing_if = "Option::is_none"
    )]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_scale: Option<Vec<f64>>,
    /// the inputs computed from each point: x1, x2, x1^2, x2^2, x1x2, sin_x1, sin_x2 (of a
    /// generated set's points, or of explicit x's two rows)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<Matrix>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<Matrix>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_test: Option<Matrix>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y_test: Option<Matrix>,
    /// explicit data's class names (1 to 3), which the targets index; written only when given
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classes: Option<Vec<String>>,
}
