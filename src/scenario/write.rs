//! From a checked `Scenario` back to its file form (`docs/scenario.md`), every default written
//! out: what `check.rs` reads, it reads back to the same scenario.

use super::file::{
    DataFile, InitFile, LayerFile, Matrix, OptimizerFile, RegularizationFile, ScenarioFile,
};
use super::{Data, Init, Scenario, VERSION, defaults};
use crate::math::optimizer::{HyperParam, OptimizerSettings};
use crate::math::regularization::{Penalty, Regularization};
use crate::math::surface::SurfaceSpec;
use crate::training::data::Examples;
use ndarray::Array2;

impl Scenario {
    /// The scenario as JSON text, every default written out: serde_json's pretty form, made
    /// from its compact one (`indent`), which links and the kept run use too, so that the wasm
    /// holds one copy of the file's serialization code rather than two.
    pub fn to_json(&self) -> String {
        let compact =
            serde_json::to_string(&self.to_file()).expect("a scenario is always serialisable");
        indent(&compact)
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
            surface: self.surface.map(|l| SurfaceSpec::of(&l.surface, l.start)),
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
        Data::Explicit {
            train,
            test,
            features,
            classes,
        } => {
            // with features, x holds the points they are computed from
            let x = |set: &Examples| {
                rows(if features.is_empty() {
                    &set.x
                } else {
                    &set.coords
                })
            };
            DataFile {
                x: Some(x(train)),
                y: Some(rows(&train.y)),
                x_test: test.as_ref().map(x),
                y_test: test.as_ref().map(|t| rows(&t.y)),
                features: (!features.is_empty())
                    .then(|| features.iter().map(|f| f.name().to_string()).collect()),
                classes: (!classes.is_empty()).then(|| classes.clone()),
                ..DataFile::default()
            }
        }
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

/// Compact JSON as `serde_json::to_string_pretty` writes it: each member and element on a line
/// of its own, indented by two spaces a level, `": "` after a key, `{}` and `[]` when empty.
pub fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0;
    let mut chars = compact.chars().peekable();
    let mut in_string = false;
    let line = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(c) = chars.next() {
        out.push(c);
        if in_string {
            match c {
                '\\' => out.extend(chars.next()),
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' if matches!(chars.peek(), Some('}' | ']')) => out.extend(chars.next()),
            '{' | '[' => {
                depth += 1;
                line(&mut out, depth);
            }
            '}' | ']' => {
                out.pop();
                depth -= 1;
                line(&mut out, depth);
                out.push(c);
            }
            ',' => line(&mut out, depth),
            ':' => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::indent;
    use crate::scenario::{Scenario, presets};
    use serde_json::json;

    #[test]
    fn indent_writes_what_to_string_pretty_writes() {
        let mut values = vec![json!({
            "a": [], "b": {}, "c": [[], [{}], [1, [2.5, -3e-7]]], "d": {"e": {"f": null}},
            "s": "{[,:]}\"\\ \u{1}é", "t": true, "k\"{": "x"
        })];
        values.extend([json!([]), json!({}), json!("x"), json!(1)]);
        for v in values {
            let compact = serde_json::to_string(&v).unwrap();
            assert_eq!(indent(&compact), serde_json::to_string_pretty(&v).unwrap());
        }
        for (_, json) in presets::PRESETS {
            let s = Scenario::from_json(json).unwrap();
            for file in [s.to_file(), s.with_parameters(&s.network()).to_file()] {
                let pretty = serde_json::to_string_pretty(&file).unwrap();
                assert_eq!(indent(&serde_json::to_string(&file).unwrap()), pretty);
            }
        }
    }
}
