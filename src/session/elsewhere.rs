//! The race trained in other threads (the page's Web Workers, `docs/architecture.md`): the
//! session hands its racers over at a batch boundary and takes them back, epoch by epoch, as
//! if it had trained them itself — the same bits, whatever the number of threads.

use super::*;
use crate::training::race::SyncError;

impl Session {
    /// The whole race as bytes for other threads, after finishing a step under way (as
    /// `train_batch` does: from here on the race moves by whole batches).
    pub fn hand_over(&mut self) -> Vec<u8> {
        if self.stepper.mid_step() {
            self.changed();
            self.undo.clear();
            self.stepper.finish_step();
        }
        self.stepper.progress = None;
        let all: Vec<usize> = (0..self.stepper.race.racers.len()).collect();
        self.stepper.race.state_without_snapshots(&all)
    }

    /// Takes back racers trained elsewhere, in bytes from `RaceWorker::report`: as after
    /// `train_batch`, nothing can be stepped back and no step's matrices are kept.
    pub fn take_back(&mut self, bytes: &[u8]) -> Result<(), SyncError> {
        self.stepper.race.install(bytes)?;
        self.changed();
        self.undo.clear();
        self.stepper.progress = None;
        Ok(())
    }

    /// This session trains only the racers `mine` (by index) from now on: it is another
    /// thread's copy of the race.
    pub fn train_only(&mut self, mine: &[usize]) {
        let race = &mut self.stepper.race;
        for (i, resting) in race.resting.iter_mut().enumerate() {
            *resting = !mine.contains(&i);
        }
    }

    /// The racers `mine` as bytes for `take_back`, with their histories from epoch record
    /// `since` on.
    pub fn racers_state(&self, mine: &[usize], since: usize) -> Vec<u8> {
        self.stepper.race.state(mine, since)
    }
}
