//! Stepping: one sub-step at a time (with its undo record), whole phases, and epochs of the
//! race, within the work one call may do and the epochs a race keeps.

use super::*;

impl Session {
    /// Updates of the race done so far.
    pub fn batches_done(&self) -> u64 {
        if let Some(run) = &self.surface {
            return run.race.steps;
        }
        let s = &self.stepper.race.schedule;
        (s.epoch * s.batches_per_epoch() + s.batch) as u64
    }

    /// One sub-step of the focused racer (its update advances all four).
    pub fn next_step(&mut self) -> SubStep {
        if let Some(done) = self.apply_on_surface(&Command::NextStep) {
            // past the last update a surface race does nothing, as `room_for` says
            let _ = done;
            return self.upcoming();
        }
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
        if let Some(done) = self.apply_on_surface(&Command::StepBack) {
            return matches!(done, Ok(Done::SteppedBack(true)));
        }
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
        if let Some(run) = &self.surface {
            return run.can_step_back();
        }
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
        if let Some(done) = self.apply_on_surface(&Command::TrainEpochs(n)) {
            return done.map(|_| ());
        }
        let cost = self.race_cost();
        let max = cost.max_epochs();
        if n > max {
            return Err(TooMuchWork {
                call: format!("trainEpochs({n})"),
                work: n as f64 * cost.epoch(),
                hint: if max == 0 {
                    "on this network not even one epoch fits: use update() (one batch of the race) or nextStep()".into()
                } else {
                    let epochs = if max == 1 { "epoch" } else { "epochs" };
                    format!("at most {max} {epochs} of this race per call")
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
        if let Some(run) = &self.surface {
            return Ok(run.room_for(n)?);
        }
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
        if let Some(run) = &mut self.surface {
            return run.step().is_ok();
        }
        self.undo.clear();
        self.stepper.finish_step();
        let before = self.stepper.race.epochs_done();
        self.stepper.race.step_batch();
        self.stepper.progress = None;
        self.stepper.race.epochs_done() > before
    }

    /// On a surface, updates done.
    pub fn epochs_done(&self) -> usize {
        if let Some(run) = &self.surface {
            return run.race.steps as usize;
        }
        self.stepper.race.epochs_done()
    }

    /// The sub-step the next call will do.
    pub fn upcoming(&self) -> SubStep {
        if self.surface.is_some() {
            return SubStep {
                phase: Phase::Update,
                layer: None,
            };
        }
        self.stepper.upcoming()
    }

    /// t, the focused racer's number of updates.
    pub fn step(&self) -> u64 {
        if let Some(r) = self.surface_racer() {
            return r.optimizer.step;
        }
        self.focused().optimizer.step
    }
}
