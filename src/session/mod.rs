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
pub use crate::math::contour::kth_smallest;
pub use crate::math::cost::argmax;
pub use crate::math::gradient_check::relative_error;
pub use crate::training::data::{Dataset, Examples, Feature, Task, max_abs};
pub use crate::training::phase::Phase;
pub use crate::training::race::EpochRecord;
use crate::training::race::Racer;
pub use crate::training::stepper::SubStep;
use crate::training::stepper::{Stepper, Undo};
use ndarray::{Array2, ArrayView2};

use std::collections::VecDeque;

mod check;
mod command;
mod elsewhere;
mod errors;
mod explain;
mod export;
mod format;
mod grid;
mod landscape;
mod landscape_plan;
mod matrices;
mod saved;
mod settings;
mod stepping;
mod surface;

pub use check::{CheckRow, GradientCheck};
pub use command::{Command, Done};
pub use errors::SessionError;
pub use explain::Explanation;
pub use export::{CsvExport, MAX_DIGITS, MAX_STEP_SIDE, MatrixFormat, bmatrix, markdown};
pub use format::{fmt_num, sub};
pub use grid::MAX_GRID;
pub use landscape::{
    Landscape, LandscapeError, LandscapeJob, LandscapeOptions, MAX_RESOLUTION, PlaneKind,
};
pub use landscape_plan::{LandscapeKey, LandscapeNext, landscape_next, slice_budget};
pub use matrices::{MatrixData, quantity};
pub use saved::{LiveChange, SAVED_RUN_SHAPE, SavedChange, SavedRun};
pub use surface::{MAX_SURFACE_STEPS, StopReason, SurfaceRacer, SurfaceRun};

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
    /// counts the changes of the settings (the scenario, the racers' α, β, …): what the
    /// settings panel shows
    settings_revision: u64,
    /// hyper-parameter changes since the race started, in order
    changes: Vec<LiveChange>,
    /// a replay under way (`resume`): the race's target updates, then sub-steps
    replay: Option<(u64, usize)>,
    /// what undoing each of the last sub-steps needs, the latest last
    undo: VecDeque<Undo>,
    /// a surface lesson's race (`surface.rs`), which the stepping commands then move
    surface: Option<SurfaceRun>,
}

/// How many sub-steps can be stepped back. A record holds at most the parameters and
/// optimizer state of the four racers (`stepper::Undo`), so on the largest net of the caps
/// (about 29,000 parameters) the history stays near 2 MB per update kept.
pub const MAX_UNDO: usize = 256;

impl Session {
    pub fn new(scenario: Scenario) -> Session {
        let stepper = scenario.stepper();
        Session {
            surface: SurfaceRun::of(&scenario),
            base: scenario,
            stepper,
            revision: 0,
            settings_revision: 0,
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

    /// Changes to the settings (the scenario, the racers' α, β, …) so far.
    pub fn settings_revision(&self) -> u64 {
        self.settings_revision
    }

    fn changed(&mut self) {
        self.revision += 1;
    }

    fn settings_changed(&mut self) {
        self.settings_revision += 1;
        self.changed();
    }

    /// Replaces the scenario and restarts the race (the revision keeps counting).
    pub fn load(&mut self, scenario: Scenario) {
        self.stepper = scenario.stepper();
        self.surface = SurfaceRun::of(&scenario);
        self.base = scenario;
        self.changes.clear();
        self.replay = None;
        self.undo.clear();
        self.settings_changed();
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
        self.surface = SurfaceRun::of(&self.base);
        self.stepper.focus = focus;
        self.settings_changed();
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

    /// Train loss after each epoch of one racer.
    /// On a surface, f after each update.
    pub fn loss_history(&self, kind: OptimizerKind) -> Vec<f64> {
        if let Some(run) = &self.surface {
            let r = run.race.racer(kind).expect("the race has every kind");
            return r.losses[1..].to_vec();
        }
        self.racer(kind)
            .history
            .iter()
            .map(|r| r.train_loss)
            .collect()
    }

    /// Test loss after each epoch (empty without a test set).
    pub fn test_loss_history(&self, kind: OptimizerKind) -> Vec<f64> {
        if self.surface.is_some() {
            return Vec::new();
        }
        self.racer(kind)
            .history
            .iter()
            .filter_map(|r| r.test_loss)
            .collect()
    }
}

#[cfg(test)]
mod tests;
