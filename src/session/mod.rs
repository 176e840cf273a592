//! A playground session: a scenario, its race and the stepper that follows one racer, with
//! the questions the page and its JavaScript API ask of them. Plain Rust, tested natively;
//! `web::bindings` only converts its answers for JavaScript.

use crate::math::optimizer::{OptimizerKind, OptimizerSettings};
use crate::math::regularization::Penalty;
use crate::scenario::file::{OptimizerFile, ScenarioFile};
use crate::scenario::{Init, Scenario, ScenarioError, check_optimizer, optimizer_file};
use crate::training::budget::{self, RaceCost, TooMuchWork};
use crate::training::data::max_abs_input;
use crate::training::phase::Phase;
use crate::training::race::Racer;
use crate::training::stepper::{Stepper, SubStep, Undo};
use ndarray::{Array2, ArrayView2};

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

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
    #[error(
        "points come as n[0] = {inputs} numbers each: {got} numbers are not a whole number of points (at most {max})"
    )]
    Points {
        got: usize,
        inputs: usize,
        max: usize,
    },
    #[error("{0}")]
    Invalid(#[from] ScenarioError),
    #[error("W[{layer}] has no entry ({row}, {col}); it is {rows} × {cols}")]
    NoSuchWeight {
        layer: usize,
        row: usize,
        col: usize,
        rows: usize,
        cols: usize,
    },
    #[error("a weight must be a finite number, got {0}")]
    NotFinite(f64),
    #[error(transparent)]
    TooMuchWork(#[from] TooMuchWork),
    #[error(
        "the race keeps at most {max} epochs (its loss history is part of the memory budget); it has done {done}: reset to train again"
    )]
    RaceFull { done: usize, max: usize },
    #[error(
        "this run has had {max} changes of α, β or ε, the most one run keeps (a reload replays them all): reset (↺) to change them again"
    )]
    TooManyChanges { max: usize },
}

/// The most live changes of the racers' settings one run keeps.
pub const MAX_LIVE_CHANGES: usize = 1000;

/// A racer's hyper-parameters changed while the race ran, before batch `at_batch`
/// (0-based count of the race's updates): kept so that a saved run can be replayed exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveChange {
    pub at_batch: u64,
    pub settings: OptimizerSettings,
}

/// A run as it is kept in a browser's storage: the scenario as loaded, the live changes, and
/// how far the race got. Replaying it gives the same numbers, bit for bit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedRun {
    pub scenario: ScenarioFile,
    #[serde(default)]
    pub changes: Vec<SavedChange>,
    /// updates of the race done
    pub batches: u64,
    /// sub-steps of the step under way
    #[serde(default)]
    pub substeps: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedChange {
    pub at_batch: u64,
    pub settings: OptimizerFile,
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

/// The largest grid `predict_grid` draws (a side of 1024 is 1M points), if its work fits
/// in `budget::MAX_CALL_WORK`.
pub const MAX_GRID: usize = 1024;

/// The most epochs a race runs: the same as a scenario may ask for. The histories (four
/// racers' losses, accuracies and step ratios per epoch) then hold about 60 MB at most.
pub const MAX_RACE_EPOCHS: usize = crate::scenario::MAX_EPOCHS;

pub struct Session {
    /// the scenario as loaded (settings, seeds, the initial parameters)
    base: Scenario,
    stepper: Stepper,
    /// counts the changes, so that a page redraws after a call from the console
    revision: u64,
    /// hyper-parameter changes since the race started, in order
    changes: Vec<LiveChange>,
    /// a replay under way (`resume`): the race's target updates, then sub-steps
    replay: Option<(u64, usize)>,
    /// what undoing each of the last sub-steps needs, the latest last
    undo: VecDeque<Undo>,
}

/// How many sub-steps can be stepped back. A record holds at most the parameters and
/// optimizer state of the four racers (`stepper::Undo`), so on the largest net of the caps
/// (about 29,000 parameters) the history stays near 2 MB per update kept.
pub const MAX_UNDO: usize = 256;

/// One number of a matrix taken apart: the formula it comes from, and the same with the
/// numbers in.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// e.g. "Z[2]₁,₃ = Σₖ W[2]₁,ₖ · A[1]ₖ,₃ + b[2]₁"
    pub formula: String,
    /// e.g. "(0.5)(0.1) + (−0.3)(0.7) + 0.1"
    pub numbers: String,
    /// what the numbers give (computed here, in the order written)
    pub result: f64,
    /// the matrix's own value, for comparison
    pub value: f64,
}

/// A gradient check of one layer: its rows, and how many parameters the layer has (more
/// than the rows when checking them all would take too long).
#[derive(Clone, Debug, PartialEq)]
pub struct GradientCheck {
    pub rows: Vec<CheckRow>,
    pub parameters: usize,
}

/// One parameter in a gradient check.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckRow {
    /// e.g. "W[1]₂,₁" or "b[1]₂"
    pub name: String,
    pub backprop: f64,
    pub numeric: f64,
    pub relative_error: f64,
}

impl Session {
    pub fn new(scenario: Scenario) -> Session {
        let stepper = scenario.stepper();
        Session {
            base: scenario,
            stepper,
            revision: 0,
            changes: Vec::new(),
            replay: None,
            undo: VecDeque::new(),
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
        self.changes.clear();
        self.replay = None;
        self.undo.clear();
        self.changed();
    }

    /// Back to the scenario's start: the initial parameters, epoch 0. Hyper-parameters
    /// changed during the run stay as they are now.
    pub fn reset(&mut self) {
        let focus = self.stepper.focus;
        self.base.race = self.current_settings();
        self.base.optimizer = self.focused().optimizer.settings;
        self.changes.clear();
        self.replay = None;
        self.undo.clear();
        self.stepper = self.base.stepper();
        self.stepper.focus = focus;
        self.changed();
    }

    /// The racers' settings now, in `OptimizerKind::ALL` order.
    pub fn current_settings(&self) -> [OptimizerSettings; 4] {
        std::array::from_fn(|i| self.racer(OptimizerKind::ALL[i]).optimizer.settings)
    }

    /// Updates of the race done so far.
    pub fn batches_done(&self) -> u64 {
        let s = &self.stepper.race.schedule;
        (s.epoch * s.batches_per_epoch() + s.batch) as u64
    }

    /// Changes a racer's hyper-parameters (α, β, β1, β2, ε) in the running race: its state
    /// (V, S, t) and everything done so far stay.
    /// Changes at the same update for the same racer replace each other; a run keeps at most
    /// `MAX_LIVE_CHANGES` (its replay after a reload needs them all).
    pub fn set_settings(&mut self, settings: OptimizerSettings) -> Result<(), SessionError> {
        let at_batch = self.batches_done();
        let same = |c: &LiveChange| c.at_batch == at_batch && c.settings.kind() == settings.kind();
        if let Some(i) = self.changes.iter().rposition(same) {
            self.changes.remove(i);
        } else if self.changes.len() >= MAX_LIVE_CHANGES {
            return Err(SessionError::TooManyChanges {
                max: MAX_LIVE_CHANGES,
            });
        }
        self.undo.clear();
        self.apply_settings(settings);
        self.changes.push(LiveChange { at_batch, settings });
        self.changed();
        Ok(())
    }

    fn apply_settings(&mut self, settings: OptimizerSettings) {
        if let Some(i) = self.index_of(settings.kind()) {
            self.stepper.race.racers[i].optimizer.settings = settings;
        }
    }

    /// Sets one parameter of the focused racer — W[l]_{row,col}, or b[l]_{row} when `bias` —
    /// and restarts the race from the focused racer's parameters so edited.
    pub fn edit_parameter(
        &mut self,
        layer: usize,
        bias: bool,
        row: usize,
        col: usize,
        value: f64,
    ) -> Result<(), SessionError> {
        if !value.is_finite() {
            return Err(SessionError::NotFinite(value));
        }
        let depth = self.depth();
        if layer == 0 || layer > depth {
            return Err(SessionError::NoSuchLayer {
                name: if bias { "b" } else { "w" }.into(),
                layer,
                depth,
            });
        }
        let mut net = self.focused().network.clone();
        let p = if bias {
            &mut net.layers[layer - 1].b
        } else {
            &mut net.layers[layer - 1].w
        };
        let (rows, cols) = p.dim();
        if row >= rows || col >= cols {
            return Err(SessionError::NoSuchWeight {
                layer,
                row,
                col,
                rows,
                cols,
            });
        }
        p[[row, col]] = value;
        let mut next = self.scenario();
        next.init = Init::Explicit(
            net.layers
                .iter()
                .map(|l| (l.w.clone(), l.b.clone()))
                .collect(),
        );
        let focus = self.stepper.focus;
        self.load(next);
        self.stepper.focus = focus;
        Ok(())
    }

    /// The scenario as loaded, with the racers' current settings: where a restart (a new
    /// network, new data) begins.
    pub fn settings_scenario(&self) -> Scenario {
        let mut s = self.base.clone();
        s.race = self.current_settings();
        s.optimizer = self.focused().optimizer.settings;
        s
    }

    /// What a browser keeps to bring this run back after a reload.
    pub fn saved(&self) -> SavedRun {
        SavedRun {
            scenario: self.base.to_file(),
            changes: self
                .changes
                .iter()
                .map(|c| SavedChange {
                    at_batch: c.at_batch,
                    settings: optimizer_file(&c.settings),
                })
                .collect(),
            batches: self.batches_done(),
            substeps: self.substeps_done(),
        }
    }

    /// Sub-steps done of the step under way.
    fn substeps_done(&self) -> usize {
        let Some(p) = &self.stepper.progress else {
            return 0;
        };
        if p.updated {
            return 0;
        }
        let forward = p.cache.layers.len();
        let cost = usize::from(p.cost.is_some());
        let backward = p.grads.iter().filter(|g| g.is_some()).count();
        forward + cost + backward
    }

    /// A session that will replay a saved run: call `catch_up` until it says it is done
    /// (the page does so a few milliseconds a frame, so a long run never freezes the tab).
    pub fn resume(saved: SavedRun) -> Result<Session, ScenarioError> {
        let scenario = Scenario::from_file(saved.scenario)?;
        let mut changes = Vec::with_capacity(saved.changes.len());
        for (i, c) in saved.changes.iter().enumerate() {
            let settings = check_optimizer(&c.settings, &format!("changes[{i}].settings"))?;
            changes.push(LiveChange {
                at_batch: c.at_batch,
                settings,
            });
        }
        if changes.len() > MAX_LIVE_CHANGES {
            return Err(ScenarioError::new(
                "changes",
                format!(
                    "{} changes; a run keeps at most {MAX_LIVE_CHANGES}",
                    changes.len()
                ),
            ));
        }
        let mut session = Session::new(scenario);
        let max = (MAX_RACE_EPOCHS * session.stepper.race.schedule.batches_per_epoch()) as u64;
        if saved.batches > max {
            return Err(ScenarioError::new(
                "batches",
                format!(
                    "{} updates; a race of this scenario stops after {max} ({MAX_RACE_EPOCHS} epochs)",
                    saved.batches
                ),
            ));
        }
        if let Some((i, c)) = changes
            .iter()
            .enumerate()
            .find(|(_, c)| c.at_batch > saved.batches)
        {
            return Err(ScenarioError::new(
                format!("changes[{i}].at_batch"),
                format!(
                    "{} is after the run's last update ({})",
                    c.at_batch, saved.batches
                ),
            ));
        }
        session.changes = changes;
        session.replay = Some((saved.batches, saved.substeps.min(2 * session.depth() + 1)));
        Ok(session)
    }

    /// Ends a replay where it has got to (a person pressed play, step or reset meanwhile):
    /// the run goes on from there.
    pub fn stop_replay(&mut self) {
        if self.replay.take().is_some() {
            let done = self.batches_done();
            self.changes.retain(|c| c.at_batch <= done);
            self.changed();
        }
    }

    /// True while a replay is under way.
    pub fn replaying(&self) -> bool {
        self.replay.is_some()
    }

    /// The replay's progress: (updates done, updates to do).
    pub fn replay_progress(&self) -> Option<(u64, u64)> {
        self.replay.map(|(target, _)| (self.batches_done(), target))
    }

    /// Replays up to `batches` more updates of a saved run; true when it has all been replayed.
    pub fn catch_up(&mut self, batches: u64) -> bool {
        let Some((target, substeps)) = self.replay else {
            return true;
        };
        for _ in 0..batches {
            let done = self.batches_done();
            let due: Vec<OptimizerSettings> = self
                .changes
                .iter()
                .filter(|c| c.at_batch == done)
                .map(|c| c.settings)
                .collect();
            for s in due {
                self.apply_settings(s);
            }
            if done >= target {
                for _ in 0..substeps {
                    self.stepper.next_step();
                }
                self.replay = None;
                self.changed();
                return true;
            }
            self.stepper.race.step_batch();
        }
        self.changed();
        false
    }

    /// One sub-step of the focused racer (its update advances all four).
    pub fn next_step(&mut self) -> SubStep {
        self.changed();
        if self.undo.len() == MAX_UNDO {
            self.undo.pop_front();
        }
        let (done, undo) = self.stepper.next_step_undoable();
        self.undo.push_back(undo);
        done
    }

    /// Undoes the last sub-step (an update undoes all four racers' updates); false when
    /// there is none to undo.
    pub fn step_back(&mut self) -> bool {
        match self.undo.pop_back() {
            Some(undo) => {
                self.stepper.undo(undo);
                self.changed();
                true
            }
            None => false,
        }
    }

    pub fn can_step_back(&self) -> bool {
        !self.undo.is_empty()
    }

    /// A whole phase: forward (layers 1..L), cost, backward (L..1) or update.
    pub fn run_phase(&mut self, phase: Phase) {
        // sub-step by sub-step, so that each can be stepped back
        loop {
            let done = self.next_step();
            if done.phase == phase && self.upcoming().phase != phase {
                return;
            }
        }
    }

    /// n epochs of the race in lockstep; the step-by-step matrices are cleared (they would
    /// belong to a batch long gone).
    /// At most `race_cost().max_epochs()` epochs per call (`budget`), and the race's
    /// history ends at `MAX_RACE_EPOCHS`; above either nothing is done.
    pub fn train_epochs(&mut self, n: u64) -> Result<(), SessionError> {
        let cost = self.race_cost();
        let max = cost.max_epochs();
        if n > max {
            return Err(TooMuchWork {
                call: format!("trainEpochs({n})"),
                work: n as f64 * cost.epoch(),
                hint: if max == 0 {
                    "on this network not even one epoch fits: use update() (one batch of the race) or nextStep()".into()
                } else {
                    format!("at most {max} epochs of this race per call")
                },
            }
            .into());
        }
        let done = self.epochs_done();
        if done as u64 + n > MAX_RACE_EPOCHS as u64 {
            return Err(SessionError::RaceFull {
                done,
                max: MAX_RACE_EPOCHS,
            });
        }
        self.changed();
        self.undo.clear();
        self.stepper.train_epochs(n as usize);
        self.stepper.progress = None;
        Ok(())
    }

    /// What an epoch and a batch of this race cost (`budget`).
    pub fn race_cost(&self) -> RaceCost {
        let data = &self.stepper.race.data;
        RaceCost {
            net: self.focused().network.size(),
            train: data.train.len(),
            test: data.test.as_ref().map_or(0, |t| t.len()),
            batch_size: self.stepper.race.schedule.batch_size,
        }
    }

    /// True once the race has run `MAX_RACE_EPOCHS` epochs: training stops there.
    pub fn race_full(&self) -> bool {
        self.epochs_done() >= MAX_RACE_EPOCHS
    }

    /// One mini-batch of the race (the page's loop trains in batches so it can stop between
    /// them when a frame's time is up); true when it ended an epoch.
    pub fn train_batch(&mut self) -> bool {
        if self.race_full() {
            return false;
        }
        self.changed();
        self.undo.clear();
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
    /// A step under way is finished first; the sub-steps done so far can no longer be
    /// stepped back (their matrices were the other racer's).
    pub fn focus(&mut self, kind: OptimizerKind) {
        if let Some(i) = self.index_of(kind)
            && i != self.stepper.focus
        {
            self.undo.clear();
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

    /// λ·R(W) of the parameters this batch's forward pass used, once the cost sub-step has run,
    /// when there is a regularization; J = C + λ·R is what the optimizers descend.
    pub fn penalty(&self) -> Option<f64> {
        let net = self.params_of_this_batch();
        (self.cost().is_some() && net.regularization.is_active()).then(|| net.penalty())
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
        let mut max = max_abs_input(data.train.coords.view());
        if let Some(t) = &data.test {
            max = max.max(max_abs_input(t.coords.view()));
        }
        nice_ceiling((max * 1.15).max(1.0))
    }

    /// The grid's inputs, (n[0] × res²), points as in `predict_grid`: the features of the
    /// data set at each point, or (x1, x2, 0, …) for explicit data.
    fn grid_inputs(&self, resolution: usize, n_in: usize) -> Array2<f64> {
        let r = self.view_radius();
        let cell = 2.0 * r / resolution as f64;
        let points = resolution * resolution;
        let coords = Array2::from_shape_fn((2, points), |(row, p)| {
            let (i, j) = (p / resolution, p % resolution);
            if row == 0 {
                -r + (j as f64 + 0.5) * cell
            } else {
                r - (i as f64 + 0.5) * cell
            }
        });
        match &self.base.data {
            crate::scenario::Data::Generated(g) => {
                crate::training::data::features_of(coords.view(), &g.features)
            }
            crate::scenario::Data::Explicit { .. } => Array2::from_shape_fn(
                (n_in, points),
                |(row, p)| if row < 2 { coords[[row, p]] } else { 0.0 },
            ),
        }
    }

    /// A[l] of every layer l = 0..L of racer `kind` over the grid of `predict_grid`, each
    /// (n[l] × res²): what each unit computes across the input square (the network diagram).
    pub fn unit_grids(
        &self,
        resolution: usize,
        kind: OptimizerKind,
    ) -> Result<Vec<Array2<f64>>, SessionError> {
        self.check_grid(resolution, "unit grids")?;
        let net = &self.racer(kind).network;
        let cache = net.forward(self.grid_inputs(resolution, net.sizes()[0]).view());
        let mut out = vec![cache.x];
        out.extend(cache.layers.into_iter().map(|l| l.a));
        Ok(out)
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
        self.check_grid(resolution, "predictGrid")?;
        let net = &self.racer(kind).network;
        let out = net.predict(self.grid_inputs(resolution, net.sizes()[0]).view());
        // (n[L] × points) → point-major
        Ok(out.t().iter().copied().collect())
    }

    /// The largest grid side whose prediction fits in one call's work.
    pub fn max_grid(&self) -> usize {
        let points = budget::max_points(self.focused().network.size());
        (libm::sqrt(points as f64) as usize).clamp(1, MAX_GRID)
    }

    fn check_grid(&self, resolution: usize, call: &str) -> Result<(), SessionError> {
        if resolution == 0 || resolution > MAX_GRID {
            return Err(SessionError::Resolution {
                got: resolution,
                max: MAX_GRID,
            });
        }
        let max = self.max_grid();
        if resolution > max {
            return Err(TooMuchWork {
                call: format!("{call}({resolution})"),
                work: budget::predict(resolution * resolution, self.focused().network.size()),
                hint: format!("at most a {max} × {max} grid on this network"),
            }
            .into());
        }
        Ok(())
    }

    /// The most points one `predict_points` call takes on racer `kind`'s network.
    pub fn max_points(&self, kind: OptimizerKind) -> usize {
        budget::max_points(self.racer(kind).network.size()).min(MAX_GRID * MAX_GRID)
    }

    /// n[0], the numbers per point `predict_points` takes.
    pub fn inputs(&self) -> usize {
        self.focused().network.sizes()[0]
    }

    /// The output of racer `kind` at any points given as the network's inputs: `points` holds
    /// n[0] numbers per point, point after point; the result n[L] numbers per point. At most
    /// `MAX_GRID`² points.
    pub fn predict_points(
        &self,
        points: &[f64],
        kind: OptimizerKind,
    ) -> Result<Vec<f64>, SessionError> {
        let net = &self.racer(kind).network;
        let inputs = net.sizes()[0];
        let max = self.max_points(kind);
        if !points.len().is_multiple_of(inputs) {
            return Err(SessionError::Points {
                got: points.len(),
                inputs,
                max,
            });
        }
        if points.len() / inputs > max {
            return Err(TooMuchWork {
                call: format!("predictPoints of {} points", points.len() / inputs),
                work: budget::predict(points.len() / inputs, net.size()),
                hint: format!("at most {max} points per call on this network"),
            }
            .into());
        }
        let m = points.len() / inputs;
        // point-major → (n[0] × m), one column per point
        let x = Array2::from_shape_fn((inputs, m), |(i, j)| points[j * inputs + i]);
        Ok(net.predict(x.view()).t().iter().copied().collect())
    }

    /// Takes one number of Z, A, δ, dW or db of layer l (row, col 0-based) apart into the
    /// formula that made it, with the focused racer's numbers of this batch.
    pub fn explain(
        &self,
        name: &str,
        layer: usize,
        row: usize,
        col: usize,
    ) -> Result<Explanation, SessionError> {
        let m = self.matrix(name, layer)?;
        if row >= m.rows || col >= m.cols {
            return Err(SessionError::NoSuchWeight {
                layer,
                row,
                col,
                rows: m.rows,
                cols: m.cols,
            });
        }
        let value = m.data[row * m.cols + col];
        let p = self
            .stepper
            .progress
            .as_ref()
            .ok_or(SessionError::NoBatch)?;
        let net = &self.focused().network;
        let (i, j, l) = (row, col, layer);
        let (si, sj) = (sub(i + 1), sub(j + 1));
        let terms = |pairs: Vec<(f64, f64)>| -> (String, f64) {
            let text = pairs
                .iter()
                .map(|(a, b)| format!("({})({})", fmt_num(*a), fmt_num(*b)))
                .collect::<Vec<_>>()
                .join(" + ");
            let sum = pairs.iter().fold(0.0, |s, (a, b)| s + a * b);
            (text, sum)
        };
        let a_prev = p.cache.a(l - 1);
        let act = net.layer(l).activation;
        let out = match name {
            "z" => {
                // the weights as they were in the forward pass: before this batch's update
                let w = self.weights_of_this_batch(l);
                let (text, sum) = terms(
                    (0..w.ncols())
                        .map(|k| (w[[i, k]], a_prev[[k, j]]))
                        .collect(),
                );
                let b = self.biases_of_this_batch(l)[[i, 0]];
                Explanation {
                    formula: format!(
                        "Z[{l}]{si},{sj} = Σₖ W[{l}]{si},ₖ · A[{}]ₖ,{sj} + b[{l}]{si}",
                        l - 1
                    ),
                    numbers: format!("{text} + {}", fmt_num(b)),
                    result: sum + b,
                    value,
                }
            }
            "a" if l >= 1 => {
                let z = p.cache.layers[l - 1].z.view();
                let result = if act.is_elementwise() {
                    act.sigma(z[[i, j]])
                } else {
                    act.apply(z.column(j).insert_axis(ndarray::Axis(1)))[[i, 0]]
                };
                Explanation {
                    formula: format!("A[{l}]{si},{sj} = σ(Z[{l}]{si},{sj}), σ = {}", act.name()),
                    numbers: format!("{}({})", act.name(), fmt_num(z[[i, j]])),
                    result,
                    value,
                }
            }
            "delta" if l == self.depth() => {
                let f = &p.cache.layers[l - 1];
                let (a, y) = (f.a[[i, j]], p.batch.y[[i, j]]);
                if net.cost.simplifies_with(act) {
                    Explanation {
                        formula: format!(
                            "δ[{l}]{si},{sj} = A[{l}]{si},{sj} − Y{si},{sj} ({} with {} simplifies ∇ₐC ⊙ σ′ to A − Y)",
                            act.name(),
                            net.cost.name()
                        ),
                        numbers: format!("{} − {}", fmt_num(a), fmt_num(y)),
                        result: a - y,
                        value,
                    }
                } else if act == crate::math::activation::Activation::Softmax {
                    let g = net.cost.gradient(f.a.view(), p.batch.y.view());
                    let dot = (0..f.a.nrows()).fold(0.0, |s, k| s + f.a[[k, j]] * g[[k, j]]);
                    Explanation {
                        formula: format!(
                            "δ[{l}]{si},{sj} = A{si} (g{si} − Σₖ Aₖ gₖ), g = ∇ₐC (the softmax Jacobian)"
                        ),
                        numbers: format!(
                            "{} × ({} − {})",
                            fmt_num(a),
                            fmt_num(g[[i, j]]),
                            fmt_num(dot)
                        ),
                        result: a * (g[[i, j]] - dot),
                        value,
                    }
                } else {
                    let g = net.cost.gradient(f.a.view(), p.batch.y.view())[[i, j]];
                    let s = act.sigma_prime(f.z[[i, j]]);
                    Explanation {
                        formula: format!(
                            "δ[{l}]{si},{sj} = ∇ₐC{si},{sj} · σ′(Z[{l}]{si},{sj}) ({} cost, σ = {})",
                            net.cost.name(),
                            act.name()
                        ),
                        numbers: format!("({}) × ({})", fmt_num(g), fmt_num(s)),
                        result: g * s,
                        value,
                    }
                }
            }
            "delta" => {
                let w = self.weights_of_this_batch(l + 1);
                let d = &p.grads[l]
                    .as_ref()
                    .ok_or(SessionError::NotYet {
                        name: "delta".into(),
                        layer: l + 1,
                        phase: "backward",
                    })?
                    .delta;
                let (text, sum) = terms((0..w.nrows()).map(|k| (w[[k, i]], d[[k, j]])).collect());
                let s = act.sigma_prime(p.cache.layers[l - 1].z[[i, j]]);
                Explanation {
                    formula: format!(
                        "δ[{l}]{si},{sj} = (Σₖ W[{}]ₖ,{si} · δ[{}]ₖ,{sj}) · σ′(Z[{l}]{si},{sj})",
                        l + 1,
                        l + 1
                    ),
                    numbers: format!("({text}) × {}", fmt_num(s)),
                    result: sum * s,
                    value,
                }
            }
            "dw" | "db" => {
                let g = p.grads[l - 1].as_ref().ok_or(SessionError::NotYet {
                    name: name.into(),
                    layer: l,
                    phase: "backward",
                })?;
                let mm = g.delta.ncols();
                if name == "dw" {
                    let (text, sum) =
                        terms((0..mm).map(|c| (g.delta[[i, c]], a_prev[[j, c]])).collect());
                    let formula = format!(
                        "dW[{l}]{si},{sj} = (1/m) Σⱼ δ[{l}]{si},ⱼ · A[{}]{sj},ⱼ",
                        l - 1
                    );
                    let numbers = format!("(1/{mm}) × ({text})");
                    let reg = net.regularization;
                    if reg.is_active() {
                        let w = self.weights_of_this_batch(l)[[i, j]];
                        let one = ndarray::arr2(&[[w]]);
                        let extra = reg.gradient(one.view())[[0, 0]];
                        let (term, factor) = match reg.penalty {
                            Penalty::L1 => (
                                format!("λ · sign(W[{l}]{si},{sj})"),
                                fmt_num(extra / reg.rate),
                            ),
                            _ => (format!("λ · W[{l}]{si},{sj}"), fmt_num(w)),
                        };
                        Explanation {
                            formula: format!("{formula} + {term}, m = {mm}, λ = {}", reg.rate),
                            numbers: format!("{numbers} + ({}) × ({factor})", reg.rate),
                            result: sum / mm as f64 + extra,
                            value,
                        }
                    } else {
                        Explanation {
                            formula: format!("{formula}, m = {mm}"),
                            numbers,
                            result: sum / mm as f64,
                            value,
                        }
                    }
                } else {
                    let sum = (0..mm).fold(0.0, |s, c| s + g.delta[[i, c]]);
                    let text = (0..mm)
                        .map(|c| fmt_num(g.delta[[i, c]]))
                        .collect::<Vec<_>>()
                        .join(" + ");
                    Explanation {
                        formula: format!("db[{l}]{si} = (1/m) Σⱼ δ[{l}]{si},ⱼ, m = {mm}"),
                        numbers: format!("(1/{mm}) × ({text})"),
                        result: sum / mm as f64,
                        value,
                    }
                }
            }
            _ => {
                return Err(SessionError::UnknownMatrix(format!(
                    "{name} (only z, a, delta, dw, db can be taken apart)"
                )));
            }
        };
        Ok(out)
    }

    /// W[l] as the current batch's forward pass used it (before the batch's update).
    fn weights_of_this_batch(&self, l: usize) -> Array2<f64> {
        self.params_of_this_batch().layers[l - 1].w.clone()
    }

    fn biases_of_this_batch(&self, l: usize) -> Array2<f64> {
        self.params_of_this_batch().layers[l - 1].b.clone()
    }

    /// The focused network before this batch's update: the current one, unless the update
    /// has been applied, then the one the undo history kept.
    fn params_of_this_batch(&self) -> &crate::math::network::Network {
        match self
            .stepper
            .progress
            .as_ref()
            .and_then(|p| p.before_update.as_ref())
        {
            Some(before) => before,
            None => &self.focused().network,
        }
    }

    /// Central differences against backprop for the parameters of layer l, on the current
    /// batch (the next one if no step is under way), with the focused racer's parameters:
    /// every one when that fits in one call's work (`budget::max_checked`), else that many,
    /// evenly spaced through W[l] then b[l].
    pub fn gradient_check(&self, layer: usize) -> Result<GradientCheck, SessionError> {
        let depth = self.depth();
        if layer == 0 || layer > depth {
            return Err(SessionError::NoSuchLayer {
                name: "gradient check".into(),
                layer,
                depth,
            });
        }
        let batch = match &self.stepper.progress {
            Some(p) => p.batch.clone(),
            None => self.stepper.race.clone().next_batch(),
        };
        let net = self.params_of_this_batch();
        let grads = net.backward(&net.forward(batch.x.view()), batch.y.view());
        let g = &grads.layers[layer - 1];
        let (rows, cols) = g.dw.dim();
        let parameters = rows * cols + rows;
        let checked = budget::max_checked(batch.len(), net.size()).min(parameters);
        let mut probe = net.clone();
        let mut out = Vec::with_capacity(checked);
        for j in 0..checked {
            // evenly spaced: the j-th of `checked` among `parameters`
            let i = j * parameters / checked;
            let (bias, idx, backprop, name) = if i < rows * cols {
                let (r, c) = (i / cols, i % cols);
                (
                    false,
                    (r, c),
                    g.dw[[r, c]],
                    format!("W[{layer}]{},{}", sub(r + 1), sub(c + 1)),
                )
            } else {
                let r = i - rows * cols;
                (
                    true,
                    (r, 0),
                    g.db[[r, 0]],
                    format!("b[{layer}]{}", sub(r + 1)),
                )
            };
            let numeric = crate::math::gradient_check::numerical_one(
                &mut probe,
                batch.x.view(),
                batch.y.view(),
                1e-6,
                layer,
                bias,
                idx,
            );
            out.push(CheckRow {
                name,
                backprop,
                numeric,
                relative_error: crate::math::gradient_check::relative_error(backprop, numeric),
            });
        }
        Ok(GradientCheck {
            rows: out,
            parameters,
        })
    }

    /// A lesson on a few examples: these train examples (indices into the train set) as the
    /// whole training set and the one batch, from the focused racer's current parameters.
    pub fn lesson_scenario(&self, examples: &[usize]) -> Result<Scenario, SessionError> {
        let train = &self.stepper.race.data.train;
        if examples.is_empty() || examples.len() > 8 || examples.iter().any(|&i| i >= train.len()) {
            return Err(SessionError::Invalid(ScenarioError::new(
                "lesson",
                format!(
                    "pick 1 to 8 examples among the {} training examples",
                    train.len()
                ),
            )));
        }
        let picked = train.select(examples);
        let mut s = self.scenario();
        s.data = crate::scenario::Data::Explicit {
            train: picked,
            test: None,
        };
        s.batch_size = examples.len();
        s.shuffle = false;
        Ok(s)
    }

    /// The scenario with the focused racer's current parameters as explicit weights, its
    /// settings as `optimizer` and the racers' current settings as `race`.
    pub fn scenario(&self) -> Scenario {
        let racer = self.focused();
        let mut s = self.base.with_parameters(&racer.network);
        s.optimizer = racer.optimizer.settings;
        s.race = self.current_settings();
        s
    }
}

/// A number as the panels print it: four significant digits, plain or in powers of ten.
pub fn fmt_num(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if !v.is_finite() {
        return format!("{v}");
    }
    let a = v.abs();
    let s = if (1e-3..1e4).contains(&a) {
        let decimals = (3 - libm::floor(libm::log10(a)) as i32).clamp(0, 6) as usize;
        let s = format!("{v:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    } else {
        format!("{v:.3e}")
    };
    s.replace('-', "−")
}

fn sub(i: usize) -> String {
    i.to_string()
        .chars()
        .map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
        .collect()
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
