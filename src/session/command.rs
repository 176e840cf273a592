//! The changes asked of a session, as values: the JS API and the page both send these, so a
//! call from the console and a click take the same path (and the page redraws after either).

use super::*;

/// A change asked of a session.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // one at a time, moved once: not worth a box
pub enum Command {
    /// one sub-step of the followed racer (the update advances all four)
    NextStep,
    /// undo the last sub-step
    StepBack,
    /// the rest of a phase (backward includes the cost if it is not done)
    RunPhase(Phase),
    /// n more epochs of the race, within the budgets
    TrainEpochs(u64),
    /// follow another racer
    Focus(OptimizerKind),
    /// one racer's settings changed while the race runs
    SetSettings(OptimizerSettings),
    /// a weight or bias of the followed racer set by hand
    EditParameter {
        layer: usize,
        bias: bool,
        row: usize,
        col: usize,
        value: f64,
    },
    /// a new scenario: the race starts again
    Load(Scenario),
    /// back to the scenario's start
    Reset,
}

/// What a command did, when the caller wants to know.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Done {
    Nothing,
    /// the sub-step done
    Step(SubStep),
    /// whether there was a sub-step to undo
    SteppedBack(bool),
}

impl Session {
    /// Carries out a command. A replay of a kept run under way ends where it is first: what
    /// is asked now wins over what was kept.
    pub fn apply(&mut self, command: Command) -> Result<Done, SessionError> {
        self.stop_replay();
        if let Some(done) = self.apply_on_surface(&command) {
            return done;
        }
        Ok(match command {
            Command::NextStep => Done::Step(self.next_step()),
            Command::StepBack => Done::SteppedBack(self.step_back()),
            Command::RunPhase(phase) => {
                self.run_phase(phase);
                Done::Nothing
            }
            Command::TrainEpochs(n) => {
                self.train_epochs(n)?;
                Done::Nothing
            }
            Command::Focus(kind) => {
                self.focus(kind);
                Done::Nothing
            }
            Command::SetSettings(settings) => {
                self.set_settings(settings)?;
                Done::Nothing
            }
            Command::EditParameter {
                layer,
                bias,
                row,
                col,
                value,
            } => {
                self.edit_parameter(layer, bias, row, col, value)?;
                Done::Nothing
            }
            Command::Load(scenario) => {
                self.load(scenario);
                Done::Nothing
            }
            Command::Reset => {
                self.reset();
                Done::Nothing
            }
        })
    }
}
