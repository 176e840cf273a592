//! A playground session: a scenario, its race and the stepper that follows one racer, with
//! the questions the page and its JavaScript API ask of them. Plain Rust, tested natively;
//! `web::bindings` only converts its answers for JavaScript.

use crate::math::optimizer::{OptimizerKind, OptimizerSettings};
use crate::math::quantity::Quantity;
use crate::math::regularization::Penalty;
use crate::scenario::file::{OptimizerFile, ScenarioFile};
use crate::scenario::{Scenario, ScenarioError, check_optimizer, optimizer_file};
use crate::training::budget::{self, RaceCost, TooMuchWork};
use crate::training::data::max_abs_input;
// What the page uses of the layers below besides named math types, so that `web` depends on
// the session and the scenario alone (tests/architecture.rs checks it).
pub use crate::math::cost::argmax;
pub use crate::math::gradient_check::relative_error;
pub use crate::training::data::{Dataset, Examples, Feature, Task, max_abs};
pub use crate::training::phase::Phase;
pub use crate::training::race::EpochRecord;
use crate::training::race::Racer;
pub use crate::training::stepper::SubStep;
use crate::training::stepper::{Stepper, Undo};
use ndarray::{Array2, ArrayView2};

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

mod check;
mod explain;
mod format;
mod grid;
mod matrices;
mod saved;

pub use check::{CheckRow, GradientCheck};
pub use explain::Explanation;
pub use format::{fmt_num, sub};
pub use grid::MAX_GRID;
pub use matrices::{MatrixData, quantity};
pub use saved::{LiveChange, SavedChange, SavedRun};

/// What a matrix request can get wrong.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SessionError {
    #[error("unknown matrix \"{0}\"; one of {keys}", keys = matrix_keys())]
    UnknownMatrix(String),
    #[error("{} has no layer {layer}; the network has layers 1..{depth}{}", quantity.key(), if *quantity == Quantity::A { " (and 0 for a)" } else { "" })]
    NoSuchLayer {
        quantity: Quantity,
        layer: usize,
        depth: usize,
    },
    #[error("{}[{layer}] is not computed yet: step {} to layer {layer} first", quantity.key(), phase.name())]
    NotYet {
        quantity: Quantity,
        layer: usize,
        phase: Phase,
    },
    #[error("the batch is not taken yet: step forward once first")]
    NoBatch,
    #[error("{kind} keeps no {}: {}", quantity.key(), if matches!(quantity, Quantity::V | Quantity::Vb) { "V (velocity) belongs to momentum and adam" } else { "S (mean of squares) belongs to rmsprop and adam" })]
    NoState {
        quantity: Quantity,
        kind: &'static str,
    },
    #[error("the cost is a number, not a matrix: read it with cost()")]
    NotAMatrix(Quantity),
    #[error(
        "σ′ of layer {layer} is not elementwise (softmax): its Jacobian is a matrix per example"
    )]
    NotElementwise { layer: usize },
    #[error("only {} can be taken apart, not {}", explainable_keys(), .0.key())]
    NotExplainable(Quantity),
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

fn matrix_keys() -> String {
    let keys: Vec<_> = Quantity::ALL
        .iter()
        .filter(|q| **q != Quantity::Cost)
        .map(|q| q.key())
        .collect();
    keys.join(", ")
}

fn explainable_keys() -> String {
    let keys: Vec<_> = Quantity::ALL
        .iter()
        .filter(|q| q.explainable())
        .map(|q| q.key())
        .collect();
    keys.join(", ")
}

/// The most live changes of the racers' settings one run keeps.
pub const MAX_LIVE_CHANGES: usize = 1000;

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
                quantity: if bias { Quantity::B } else { Quantity::W },
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
        let next = self.scenario().with_parameters(&net);
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
            if self.stepper.ends_phase(done, phase) {
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
        self.room_for(n)?;
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

    /// `RaceFull` when n more epochs would take the race past `MAX_RACE_EPOCHS`.
    pub fn room_for(&self, n: u64) -> Result<(), SessionError> {
        let done = self.epochs_done();
        if done as u64 + n > MAX_RACE_EPOCHS as u64 {
            return Err(SessionError::RaceFull {
                done,
                max: MAX_RACE_EPOCHS,
            });
        }
        Ok(())
    }

    /// True once the race has run `MAX_RACE_EPOCHS` epochs: training stops there.
    pub fn race_full(&self) -> bool {
        self.room_for(1).is_err()
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

#[cfg(test)]
mod tests;
