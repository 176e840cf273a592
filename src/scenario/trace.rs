//! The trace of `docs/scenario.md`: the first mini-batch's matrices, the losses after every
//! epoch, and the final parameters, for the scenario's `optimizer`.

use crate::json::{self, Map, Value};
use crate::math::network::Network;
use crate::scenario::Scenario;
use crate::scenario::file::{LayerFile, Matrix};
use crate::scenario::write::matrix_value;
use crate::training::phase::Phase;
use crate::training::race::EpochRecord;
use crate::training::stepper::Stepper;
use ndarray::Array2;

#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    pub first_step: FirstStep,
    pub epochs: Vec<EpochLine>,
    pub final_params: FinalParams,
    /// The epoch (1-based) whose update first made a parameter non-finite, if one did. Not
    /// written: it can happen while the losses stay finite (a saturated output, a floored
    /// log), and only the final parameters would show it.
    pub params_non_finite_epoch: Option<usize>,
}

/// Layers 1..L of the first mini-batch, before its update.
#[derive(Clone, Debug, PartialEq)]
pub struct FirstStep {
    pub layers: Vec<StepLayer>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StepLayer {
    pub z: Matrix,
    pub a: Matrix,
    pub delta: Matrix,
    pub dw: Matrix,
    pub db: Matrix,
}

/// One epoch's line; a number that is not finite is written as null.
#[derive(Clone, Debug, PartialEq)]
pub struct EpochLine {
    pub epoch: usize,
    pub train_loss: f64,
    pub test_loss: Option<f64>,
    pub train_accuracy: Option<f64>,
    pub test_accuracy: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FinalParams {
    pub layers: Vec<LayerFile>,
}

fn rows(m: &Array2<f64>) -> Matrix {
    m.outer_iter().map(|r| r.to_vec()).collect()
}

fn all_finite(m: &Matrix) -> bool {
    m.iter().flatten().all(|v| v.is_finite())
}

impl From<&EpochRecord> for EpochLine {
    fn from(r: &EpochRecord) -> Self {
        EpochLine {
            epoch: r.epoch,
            train_loss: r.train_loss,
            test_loss: r.test_loss,
            train_accuracy: r.train_accuracy,
            test_accuracy: r.test_accuracy,
        }
    }
}

impl EpochLine {
    fn is_finite(&self) -> bool {
        [
            Some(self.train_loss),
            self.test_loss,
            self.train_accuracy,
            self.test_accuracy,
        ]
        .into_iter()
        .flatten()
        .all(f64::is_finite)
    }
}

/// Trains the scenario's `optimizer` alone for `epochs` epochs and records the trace.
/// It keeps going when numbers stop being finite (they are written as null).
pub fn trace(scenario: &Scenario) -> Trace {
    let mut race = scenario.race_of(&[scenario.optimizer]);
    race.stop_diverged = false;
    let mut stepper = Stepper::new(race, 0);
    stepper.run_phase(Phase::Backward);
    let progress = stepper.progress.as_ref().expect("a step has run");
    let layers = progress
        .cache
        .layers
        .iter()
        .zip(&progress.grads)
        .map(|(f, g)| {
            let g = g.as_ref().expect("backward reached layer 1");
            StepLayer {
                z: rows(&f.z),
                a: rows(&f.a),
                delta: rows(&g.delta),
                dw: rows(&g.dw),
                db: rows(&g.db),
            }
        })
        .collect();
    stepper.train_epochs(scenario.epochs);
    let racer = &stepper.race.racers[0];
    Trace {
        first_step: FirstStep { layers },
        epochs: racer.history.iter().map(EpochLine::from).collect(),
        final_params: final_params(&racer.network),
        params_non_finite_epoch: racer.diverged.as_ref().map(|d| d.epoch),
    }
}

fn final_params(net: &Network) -> FinalParams {
    FinalParams {
        layers: net
            .layers
            .iter()
            .map(|l| LayerFile {
                w: rows(&l.w),
                b: rows(&l.b),
            })
            .collect(),
    }
}

impl Trace {
    /// The first epoch (1-based) in which a number of the trace, or a parameter during
    /// training, is not finite: the first step's matrices count as epoch 1.
    pub fn first_non_finite_epoch(&self) -> Option<usize> {
        let step_bad = self.first_step.layers.iter().any(|l| {
            ![&l.z, &l.a, &l.delta, &l.dw, &l.db]
                .iter()
                .all(|m| all_finite(m))
        });
        if step_bad {
            return Some(1);
        }
        let line = self.epochs.iter().find(|e| !e.is_finite()).map(|e| e.epoch);
        let final_bad = self
            .final_params
            .layers
            .iter()
            .any(|l| !(all_finite(&l.w) && all_finite(&l.b)));
        let params = self
            .params_non_finite_epoch
            .or(final_bad.then_some(self.epochs.len()));
        line.into_iter().chain(params).min()
    }

    /// The trace as JSON; every f64 in its shortest exact form, non-finite ones as null.
    pub fn to_json(&self) -> String {
        json::to_string(&self.to_value())
    }

    /// The trace as a JSON object: `first_step`, `epochs`, `final` (the epoch at which a
    /// parameter became non-finite is not written).
    pub fn to_value(&self) -> Value {
        let layers = |ls: Vec<Value>| Map::from_iter([("layers", Value::from(ls))]);
        let step = self.first_step.layers.iter().map(|l| {
            let names = ["z", "a", "delta", "dw", "db"];
            let ms = [&l.z, &l.a, &l.delta, &l.dw, &l.db];
            Value::Object(names.into_iter().zip(ms.map(matrix_value)).collect())
        });
        let epochs = self.epochs.iter().map(|e| {
            let mut m = Map::new();
            m.insert("epoch", e.epoch);
            m.insert("train_loss", e.train_loss);
            m.insert("test_loss", e.test_loss);
            m.insert("train_accuracy", e.train_accuracy);
            m.insert("test_accuracy", e.test_accuracy);
            m
        });
        let params = self.final_params.layers.iter().map(LayerFile::to_value);
        let mut m = Map::new();
        m.insert("first_step", layers(step.collect()));
        m.insert("epochs", epochs.collect::<Vec<_>>());
        m.insert("final", layers(params.collect()));
        Value::Object(m)
    }
}
