//! A playground session: a scenario, its race and the stepper that follows one racer, with
//! the questions the page and its JavaScript API ask of them. Plain Rust, tested natively;
//! `web::bindings` only converts its answers for JavaScript.

use crate::data::max_abs_input;
use crate::optimizer::OptimizerKind;
use crate::scenario::{Scenario, ScenarioError};
use crate::stepper::{Phase, Stepper, SubStep};
use crate::train::Racer;
use ndarray::{Array2, ArrayView2};

/// What a matrix request can get wrong.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SessionError {
    #[error(
        "unknown matrix \"{0}\"; one of w, b, z, a, delta, dw, db (layers 1..L), a (layer 0 = the batch X), y, v, s"
    )]
    UnknownMatrix(String),
    #[error("{name} has no layer {layer}; the network has layers 1..{depth}{}", if name == "a" { " (and 0 for a)" } else { "" })]
    NoSuchLayer {
        name: String,
        layer: usize,
        depth: usize,
    },
    #[error("{name}[{layer}] is not computed yet: step {phase} to layer {layer} first")]
    NotYet {
        name: String,
        layer: usize,
        phase: &'static str,
    },
    #[error("the batch is not taken yet: step forward once first")]
    NoBatch,
    #[error("{kind} keeps no {name}: {}", if *name == "v" { "V (velocity) belongs to momentum and adam" } else { "S (mean of squares) belongs to rmsprop and adam" })]
    NoState {
        name: &'static str,
        kind: &'static str,
    },
    #[error("unknown optimizer \"{0}\"; one of sgd, momentum, rmsprop, adam")]
    UnknownKind(String),
    #[error("resolution must be from 1 to {max}, got {got}")]
    Resolution { got: usize, max: usize },
}

/// A matrix for the page: rows × cols numbers, row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixData {
    pub rows: usize,
    pub cols: usize,
    pub data: Vec<f64>,
}

impl From<ArrayView2<'_, f64>> for MatrixData {
    fn from(m: ArrayView2<'_, f64>) -> Self {
        MatrixData {
            rows: m.nrows(),
            cols: m.ncols(),
            data: m.iter().copied().collect(),
        }
    }
}

impl From<&Array2<f64>> for MatrixData {
    fn from(m: &Array2<f64>) -> Self {
        MatrixData::from(m.view())
    }
}

/// The largest grid `predict_grid` draws (a side of 1024 is 1M points).
pub const MAX_GRID: usize = 1024;

pub struct Session {
    /// the scenario as loaded (settings, seeds, the initial parameters)
    base: Scenario,
    stepper: Stepper,
    /// counts the changes, so that a page redraws after a call from the console
    revision: u64,
}

impl Session {
    pub fn new(scenario: Scenario) -> Session {
        let stepper = scenario.stepper();
        Session {
            base: scenario,
            stepper,
            revision: 0,
        }
    }

    pub fn from_json(text: &str) -> Result<Session, ScenarioError> {
        Scenario::from_json(text).map(Session::new)
    }

    /// The scenario as loaded.
    pub fn base(&self) -> &Scenario {
        &self.base
    }

    pub fn stepper(&self) -> &Stepper {
        &self.stepper
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn changed(&mut self) {
        self.revision += 1;
    }

    /// Replaces the scenario and restarts the race (the revision keeps counting).
    pub fn load(&mut self, scenario: Scenario) {
        self.stepper = scenario.stepper();
        self.base = scenario;
        self.changed();
    }

    /// Back to the scenario's start: the initial parameters, epoch 0.
    pub fn reset(&mut self) {
        let focus = self.stepper.focus;
        self.stepper = self.base.stepper();
        self.stepper.focus = focus;
        self.changed();
    }

    /// One sub-step of the focused racer (its update advances all four).
    pub fn next_step(&mut self) -> SubStep {
        self.changed();
        self.stepper.next_step()
    }

    /// A whole phase: forward (layers 1..L), cost, backward (L..1) or update.
    pub fn run_phase(&mut self, phase: Phase) {
        self.changed();
        self.stepper.run_phase(phase);
    }

    /// n epochs of the race in lockstep; the step-by-step matrices are cleared (they would
    /// belong to a batch long gone).
    pub fn train_epochs(&mut self, n: usize) {
        self.changed();
        self.stepper.train_epochs(n);
        self.stepper.progress = None;
    }

    /// One mini-batch of the race (the page's loop trains in batches so it can stop between
    /// them when a frame's time is up); true when it ended an epoch.
    pub fn train_batch(&mut self) -> bool {
        self.changed();
        self.stepper.finish_step();
        let before = self.stepper.race.epochs_done();
        self.stepper.race.step_batch();
        self.stepper.progress = None;
        self.stepper.race.epochs_done() > before
    }

    pub fn epochs_done(&self) -> usize {
        self.stepper.race.epochs_done()
    }

    pub fn focused_kind(&self) -> OptimizerKind {
        self.racer_index_kind(self.stepper.focus)
    }

    fn racer_index_kind(&self, i: usize) -> OptimizerKind {
        self.stepper.race.racers[i].kind()
    }

    /// Which racer the step-by-step calls and the matrices follow.
    pub fn focus(&mut self, kind: OptimizerKind) {
        if let Some(i) = self.index_of(kind) {
            self.stepper.set_focus(i);
            self.changed();
        }
    }

    fn index_of(&self, kind: OptimizerKind) -> Option<usize> {
        self.stepper
            .race
            .racers
            .iter()
            .position(|r| r.kind() == kind)
    }

    pub fn racer(&self, kind: OptimizerKind) -> &Racer {
        &self.stepper.race.racers[self.index_of(kind).expect("the race has every kind")]
    }

    fn focused(&self) -> &Racer {
        &self.stepper.race.racers[self.stepper.focus]
    }

    /// L
    pub fn depth(&self) -> usize {
        self.stepper.depth()
    }

    /// The sub-step the next call will do.
    pub fn upcoming(&self) -> SubStep {
        self.stepper.upcoming()
    }

    /// A matrix of the focused racer by name: `w`, `b`, `z`, `a`, `delta`, `dw`, `db` of layer
    /// 1..L, `a` of layer 0 (the batch X), `y` (the batch Y), `v` and `s` (the optimizer's
    /// velocity and mean of squares of W[l]; `vb`, `sb` for b[l]).
    pub fn matrix(&self, name: &str, layer: usize) -> Result<MatrixData, SessionError> {
        let depth = self.depth();
        let racer = self.focused();
        let progress = self.stepper.progress.as_ref();
        let layer_ok = |min: usize| {
            if layer < min || layer > depth {
                Err(SessionError::NoSuchLayer {
                    name: name.to_string(),
                    layer,
                    depth,
                })
            } else {
                Ok(())
            }
        };
        let not_yet = |phase| SessionError::NotYet {
            name: name.to_string(),
            layer,
            phase,
        };
        match name {
            "w" | "b" => {
                layer_ok(1)?;
                let l = racer.network.layer(layer);
                Ok(if name == "w" {
                    (&l.w).into()
                } else {
                    (&l.b).into()
                })
            }
            "z" | "a" => {
                if name == "a" && layer == 0 {
                    return progress
                        .map(|p| p.batch.x.view().into())
                        .ok_or(SessionError::NoBatch);
                }
                layer_ok(1)?;
                let f = progress
                    .and_then(|p| p.cache.layers.get(layer - 1))
                    .ok_or_else(|| not_yet("forward"))?;
                Ok(if name == "z" {
                    (&f.z).into()
                } else {
                    (&f.a).into()
                })
            }
            "y" => progress
                .map(|p| p.batch.y.view().into())
                .ok_or(SessionError::NoBatch),
            "delta" | "dw" | "db" => {
                layer_ok(1)?;
                let g = progress
                    .and_then(|p| p.grads[layer - 1].as_ref())
                    .ok_or_else(|| not_yet("backward"))?;
                Ok(match name {
                    "delta" => (&g.delta).into(),
                    "dw" => (&g.dw).into(),
                    _ => (&g.db).into(),
                })
            }
            "v" | "vb" | "s" | "sb" => {
                layer_ok(1)?;
                let opt = &racer.optimizer;
                let (state, label) = if name.starts_with('v') {
                    (&opt.velocity, "v")
                } else {
                    (&opt.sq_avg, "s")
                };
                let m = state.as_ref().ok_or(SessionError::NoState {
                    name: label,
                    kind: racer.kind().name(),
                })?;
                let lm = &m[layer - 1];
                Ok(if name.len() == 1 {
                    (&lm.w).into()
                } else {
                    (&lm.b).into()
                })
            }
            _ => Err(SessionError::UnknownMatrix(name.to_string())),
        }
    }

    /// The cost of the current batch, once the cost sub-step has run.
    pub fn cost(&self) -> Option<f64> {
        self.stepper.progress.as_ref().and_then(|p| p.cost)
    }

    /// t, the focused racer's number of updates.
    pub fn step(&self) -> u64 {
        self.focused().optimizer.step
    }

    /// Train loss after each epoch of one racer.
    pub fn loss_history(&self, kind: OptimizerKind) -> Vec<f64> {
        self.racer(kind)
            .history
            .iter()
            .map(|r| r.train_loss)
            .collect()
    }

    /// Test loss after each epoch (empty without a test set).
    pub fn test_loss_history(&self, kind: OptimizerKind) -> Vec<f64> {
        self.racer(kind)
            .history
            .iter()
            .filter_map(|r| r.test_loss)
            .collect()
    }

    /// Half the side of the input square the page shows, [−r, r]²: the data with a margin,
    /// rounded up to a round number.
    pub fn view_radius(&self) -> f64 {
        let data = &self.stepper.race.data;
        let mut max = max_abs_input(data.train.x.view());
        if let Some(t) = &data.test {
            max = max.max(max_abs_input(t.x.view()));
        }
        nice_ceiling((max * 1.15).max(1.0))
    }

    /// The output of racer `kind` over a `resolution` × `resolution` grid of the input square
    /// (pixel centres): point (row i, column j) is at x1 = −r + (j + ½)·2r/res (column 0 at
    /// the left, smallest x1), x2 = r − (i + ½)·2r/res (row 0 at the top, largest x2). Returns
    /// n[L] numbers per point, points row by row. Inputs beyond the first two are 0.
    pub fn predict_grid(
        &self,
        resolution: usize,
        kind: OptimizerKind,
    ) -> Result<Vec<f64>, SessionError> {
        if resolution == 0 || resolution > MAX_GRID {
            return Err(SessionError::Resolution {
                got: resolution,
                max: MAX_GRID,
            });
        }
        let net = &self.racer(kind).network;
        let n_in = net.sizes()[0];
        let r = self.view_radius();
        let cell = 2.0 * r / resolution as f64;
        let points = resolution * resolution;
        let mut x = Array2::zeros((n_in, points));
        for p in 0..points {
            let (i, j) = (p / resolution, p % resolution);
            x[[0, p]] = -r + (j as f64 + 0.5) * cell;
            if n_in > 1 {
                x[[1, p]] = r - (i as f64 + 0.5) * cell;
            }
        }
        let out = net.predict(x.view());
        // (n[L] × points) → point-major
        Ok(out.t().iter().copied().collect())
    }

    /// The scenario with the focused racer's current parameters as explicit weights and its
    /// settings as `optimizer`.
    pub fn scenario(&self) -> Scenario {
        let racer = self.focused();
        let mut s = self.base.with_parameters(&racer.network);
        s.optimizer = racer.optimizer.settings;
        s
    }
}

/// The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is ≥ v.
fn nice_ceiling(v: f64) -> f64 {
    let p = libm::pow(10.0, libm::floor(libm::log10(v)));
    for m in [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if m * p >= v {
            return m * p;
        }
    }
    10.0 * p
}

#[cfg(test)]
mod tests;
