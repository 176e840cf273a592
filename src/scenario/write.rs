//! From a checked `Scenario` back to its file form (`docs/scenario.md`), every default written
//! out: what `check.rs` reads, it reads back to the same scenario.

use super::file::{
    DataFile, InitFile, LayerFile, Matrix, OptimizerFile, RegularizationFile, ScenarioFile,
};
use super::{Data, Init, Scenario, VERSION, defaults};
use crate::math::optimizer::{HyperParam, OptimizerSettings};
use crate::math::regularization::{Penalty, Regularization};
use ndarray::Array2;

impl Scenario {
    /// The scenario as JSON text, every default written out.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_file()).expect("a scenario is always serialisable")
    }

    /// The scenario in file form, every default written out.
    pub fn to_file(&self) -> ScenarioFile {
        ScenarioFile {
            version: Some(VERSION),
            layers: self.layers.clone(),
            activations: self
                .activations
                .iter()
                .map(|a| a.name().to_string())
                .collect(),
            cost: self.cost.name().to_string(),
            optimizer: Some(optimizer_file(&self.optimizer)),
            race: Some(self.race.iter().map(optimizer_file).collect()),
            init: Some(init_file(&self.init)),
            data: data_file(&self.data),
            batch_size: Some(self.batch_size),
            shuffle: Some(self.shuffle),
            shuffle_seed: Some(self.shuffle_seed),
            epochs: Some(self.epochs),
            regularization: regularization_file(&self.regularization),
            view: Some(serde_json::Value::Object(self.view.clone())),
        }
    }
}

/// An optimizer's settings in file form, every field written out.
pub fn optimizer_file(s: &OptimizerSettings) -> OptimizerFile {
    let mut file = OptimizerFile {
        kind: s.kind().name().to_string(),
        ..Default::default()
    };
    for &h in HyperParam::of(s.kind()) {
        file.set(h, s.get(h));
    }
    file
}

/// A scheme with its scale and seed, or the explicit W[l] and b[l] as rows.
fn init_file(init: &Init) -> InitFile {
    match init {
        Init::Scheme {
            scheme,
            scale,
            seed,
        } => InitFile {
            kind: Some(scheme.name().into()),
            scale: Some(*scale),
            seed: Some(*seed),
            weights: None,
        },
        Init::Explicit(params) => InitFile {
            weights: Some(
                params
                    .iter()
                    .map(|(w, b)| LayerFile {
                        w: rows(w),
                        b: rows(b),
                    })
                    .collect(),
            ),
            ..InitFile::default()
        },
    }
}

/// How to generate the data (the features only when not the default x1, x2), or the explicit
/// matrices.
fn data_file(data: &Data) -> DataFile {
    match data {
        Data::Generated(g) => DataFile {
            dataset: Some(g.dataset.name().into()),
            samples: Some(g.samples),
            noise: Some(g.noise),
            train_fraction: Some(g.train_fraction),
            seed: Some(g.seed),
            input_scale: g.input_scale.clone(),
            features: (g.features != defaults::FEATURES)
                .then(|| g.features.iter().map(|f| f.name().to_string()).collect()),
            ..DataFile::default()
        },
        Data::Explicit { train, test } => DataFile {
            x: Some(rows(&train.x)),
            y: Some(rows(&train.y)),
            x_test: test.as_ref().map(|t| rows(&t.x)),
            y_test: test.as_ref().map(|t| rows(&t.y)),
            ..DataFile::default()
        },
    }
}

/// Written only when there is a penalty.
fn regularization_file(r: &Regularization) -> Option<RegularizationFile> {
    (r.penalty != Penalty::None).then(|| RegularizationFile {
        kind: r.penalty.name().into(),
        rate: Some(r.rate),
    })
}

fn rows(m: &Array2<f64>) -> Matrix {
    m.outer_iter().map(|r| r.to_vec()).collect()
}
