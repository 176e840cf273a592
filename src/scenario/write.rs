//! From a checked `Scenario` back to its file form (`docs/scenario.md`), every default written
//! out: what `check.rs` reads, it reads back to the same scenario.

use super::file::{
    DataFile, InitFile, LayerFile, Matrix, OptimizerFile, RegularizationFile, ScenarioFile,
};
use super::{Data, Init, Scenario, VERSION, defaults};
use crate::json::{self, Map, Value};
use crate::math::optimizer::{HyperParam, OptimizerSettings};
use crate::math::regularization::{Penalty, Regularization};
use crate::math::surface::SurfaceSpec;
use crate::training::data::Examples;
use ndarray::Array2;

impl Scenario {
    /// The scenario as JSON text, every default written out: two spaces a level (`indent` of
    /// the compact form that links and the kept run use).
    pub fn to_json(&self) -> String {
        indent(&json::to_string(&self.to_file().to_value()))
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
            view: Some(Value::Object(self.view.clone())),
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

impl ScenarioFile {
    /// The file as a JSON object: its fields in their order, those that are `None` left out.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.put("version", self.version);
        m.insert("layers", self.layers.clone());
        m.insert("activations", self.activations.clone());
        m.insert("cost", self.cost.as_str());
        m.put(
            "optimizer",
            self.optimizer.as_ref().map(OptimizerFile::to_value),
        );
        let race = self.race.as_ref();
        m.put(
            "race",
            race.map(|r| Value::Array(r.iter().map(OptimizerFile::to_value).collect())),
        );
        m.put("init", self.init.as_ref().map(init_value));
        m.insert("data", data_value(&self.data));
        m.put("batch_size", self.batch_size);
        m.put("shuffle", self.shuffle);
        m.put("shuffle_seed", self.shuffle_seed);
        m.put("epochs", self.epochs);
        m.put(
            "regularization",
            self.regularization.as_ref().map(|r| {
                let mut p = Map::new();
                p.insert("kind", r.kind.as_str());
                p.put("rate", r.rate);
                p
            }),
        );
        m.put("view", self.view.clone());
        m.put(
            "surface",
            self.surface.as_ref().map(|s| {
                let mut m = Map::new();
                m.insert("function", s.function.as_str());
                m.put("kappa", s.kappa);
                m.put("angle", s.angle);
                m.put("start", s.start.map(|p| p.to_vec()));
                m
            }),
        );
        Value::Object(m)
    }
}

impl OptimizerFile {
    /// The settings as a JSON object, the hyper-parameters that are `None` left out.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("kind", self.kind.as_str());
        for h in HyperParam::ALL {
            m.put(h.key(), self.get(h));
        }
        Value::Object(m)
    }
}

fn init_value(init: &InitFile) -> Map {
    let mut m = Map::new();
    m.put("kind", init.kind.as_deref());
    m.put("scale", init.scale);
    m.put("seed", init.seed);
    let layers = init.weights.as_ref();
    m.put(
        "weights",
        layers.map(|ws| Value::Array(ws.iter().map(LayerFile::to_value).collect())),
    );
    m
}

impl LayerFile {
    /// `{"w": rows, "b": rows}`: a layer's explicit parameters, in a file's `init.weights` and
    /// a trace's `final.layers`.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("w", matrix_value(&self.w));
        m.insert("b", matrix_value(&self.b));
        Value::Object(m)
    }
}

fn data_value(d: &DataFile) -> Map {
    let mut m = Map::new();
    m.put("dataset", d.dataset.as_deref());
    m.put("samples", d.samples);
    m.put("noise", d.noise);
    m.put("train_fraction", d.train_fraction);
    m.put("seed", d.seed);
    m.put("input_scale", d.input_scale.clone());
    m.put("features", d.features.clone());
    for (key, x) in [
        ("x", &d.x),
        ("y", &d.y),
        ("x_test", &d.x_test),
        ("y_test", &d.y_test),
    ] {
        m.put(key, x.as_ref().map(matrix_value));
    }
    m.put("classes", d.classes.clone());
    m
}

/// Rows of numbers as a JSON array of arrays.
pub fn matrix_value(m: &Matrix) -> Value {
    Value::Array(m.iter().map(|row| Value::from(row.clone())).collect())
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
    use crate::json;
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
                let compact = json::to_string(&file.to_value());
                let v: serde_json::Value = serde_json::from_str(&compact).unwrap();
                // serde_json's own pretty form of the same value, keys in our order
                let pretty = serde_json::to_string_pretty(&v).unwrap();
                let ours: serde_json::Value = serde_json::from_str(&indent(&compact)).unwrap();
                assert_eq!(ours, v);
                assert_eq!(indent(&compact).lines().count(), pretty.lines().count());
            }
        }
    }
}
