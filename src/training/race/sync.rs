//! The race's state: what undoing an update puts back (`Race::snapshot`), and as bytes, to
//! move racers between threads: the page's Web Workers each train some racers from the same
//! state and send back what changed (`docs/architecture.md`, the race in workers). The bytes
//! are `flat.rs`'s encoding of a `RaceSnapshot` — every f64 as its eight bytes, so a racer
//! comes back with the same bits it had.

mod flat;

use super::snapshots::{snapshot_cap, snapshot_stride};
use super::{Divergence, EpochRecord, NonFinite, Race, Racer, Schedule, Snapshot};
use crate::math::network::Network;
use crate::math::optimizer::Optimizer;
use flat::{Flat, Reader};

/// One racer: its parameters and optimizer state, and its history from record `since` on.
#[derive(Clone, Debug)]
struct RacerState {
    index: usize,
    network: Network,
    optimizer: Optimizer,
    since: usize,
    history: Vec<EpochRecord>,
    step_ratios: Vec<Vec<f64>>,
    ratio_sum: Vec<f64>,
    ratio_count: usize,
    diverged: Option<Divergence>,
    first_non_finite: Option<NonFinite>,
    /// the snapshots of the epochs after this one (`usize::MAX`: none sent, keep the racer's)
    snapshots_after: usize,
    snapshots: Vec<Snapshot>,
}

/// Some racers and the schedule (the same for every racer: they share the batches): what a
/// worker reports (as bytes, `Race::state`), and what undoing an update restores (with no
/// history: `Race::snapshot`).
#[derive(Clone, Debug)]
pub struct RaceSnapshot {
    racers: Vec<RacerState>,
    schedule: Schedule,
}

impl RaceSnapshot {
    /// Racers `which` of `race`, each with its history from record `since(racer)` on and its
    /// snapshots of the epochs after `after(racer)`.
    pub(super) fn of(
        race: &Race,
        which: &[usize],
        since: impl Fn(&Racer) -> usize,
        after: impl Fn(&Racer) -> usize,
    ) -> Self {
        RaceSnapshot {
            racers: which
                .iter()
                .filter(|&&i| i < race.racers.len())
                .map(|&i| {
                    let r = &race.racers[i];
                    r.state(i, since(r), after(r))
                })
                .collect(),
            schedule: race.schedule.clone(),
        }
    }

    /// Each racer in it replaces the race's racer of its index (the history cut to `since`
    /// and extended, the snapshots cut after `snapshots_after`, extended and thinned to what
    /// the schedule's epoch keeps), and the schedule is its own. Unchecked: see `Race::install`.
    pub(super) fn put_into(self, race: &mut Race) {
        let epochs = self.schedule.epoch;
        for s in self.racers {
            let r = &mut race.racers[s.index];
            r.snapshots.retain(|k| k.epoch <= s.snapshots_after);
            r.snapshots.extend(s.snapshots);
            r.thin_snapshots(epochs);
            r.network = s.network;
            r.optimizer = s.optimizer;
            r.history.truncate(s.since);
            r.history.extend(s.history);
            r.step_ratios.truncate(s.since);
            r.step_ratios.extend(s.step_ratios);
            r.ratio_sum = s.ratio_sum;
            r.ratio_count = s.ratio_count;
            r.diverged = s.diverged;
            r.first_non_finite = s.first_non_finite;
        }
        race.schedule = self.schedule;
    }
}

/// Why bytes could not be taken in: they are not a race state, or not one of this race.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SyncError {
    #[error("not a race state: {0}")]
    Bytes(String),
    #[error("racer {0} is not in this race")]
    NoSuchRacer(usize),
    #[error("racer {0} has a history of {1} epochs; the state starts at {2}")]
    Gap(usize, usize, usize),
    #[error("racer {0}'s network or optimizer is not this race's")]
    Shape(usize),
}

impl Racer {
    fn state(&self, index: usize, since: usize, snapshots_after: usize) -> RacerState {
        let since = since.min(self.history.len());
        let snapshots = self
            .snapshots
            .iter()
            .filter(|k| k.epoch > snapshots_after)
            .cloned()
            .collect();
        RacerState {
            index,
            network: self.network.clone(),
            optimizer: self.optimizer.clone(),
            since,
            history: self.history[since..].to_vec(),
            step_ratios: self.step_ratios[since.min(self.step_ratios.len())..].to_vec(),
            ratio_sum: self.ratio_sum.clone(),
            ratio_count: self.ratio_count,
            diverged: self.diverged.clone(),
            first_non_finite: self.first_non_finite.clone(),
            snapshots_after,
            snapshots,
        }
    }

    /// The epoch of history record `since` − 1 (0 for 0): its snapshots after it go with the
    /// history from `since` on.
    fn epoch_before(&self, since: usize) -> usize {
        match since.min(self.history.len()) {
            0 => 0,
            n => self.history[n - 1].epoch,
        }
    }

    /// The epoch after which an undo record (`Race::snapshot`) must carry the snapshots: the
    /// epoch done when the next update cannot thin any away, else 0 (all of them: the next
    /// epoch's end doubles the stride, which only happens log₂(epochs) times in a run).
    pub(super) fn undo_snapshots_after(&self, epochs: usize) -> usize {
        let cap = snapshot_cap(self.network.parameter_count());
        if snapshot_stride(epochs + 1, cap) == snapshot_stride(epochs, cap) {
            epochs
        } else {
            0
        }
    }

    /// The same kind of net and optimizer: the shapes of every W, b, V and S.
    fn fits(&self, s: &RacerState) -> bool {
        let shapes = |n: &Network| {
            n.layers
                .iter()
                .map(|l| (l.w.dim(), l.b.dim()))
                .collect::<Vec<_>>()
        };
        let moments = |o: &Optimizer| {
            [&o.velocity, &o.sq_avg].map(|m| {
                m.as_ref()
                    .map(|v| v.iter().map(|l| (l.w.dim(), l.b.dim())).collect::<Vec<_>>())
            })
        };
        shapes(&self.network) == shapes(&s.network)
            && self
                .network
                .layers
                .iter()
                .zip(&s.network.layers)
                .all(|(a, b)| a.activation == b.activation)
            && moments(&self.optimizer) == moments(&s.optimizer)
            && self.optimizer.settings.kind() == s.optimizer.settings.kind()
            && s.ratio_sum.len() == self.ratio_sum.len()
            && s.snapshots
                .iter()
                .all(|k| k.theta.len() == self.network.parameter_count())
    }
}

impl Race {
    /// The state of racers `which` with their histories from epoch record `since` on (0 for
    /// all of it), and the schedule, as bytes for `install`.
    /// The snapshots of the epochs after that record go with them.
    pub fn state(&self, which: &[usize], since: usize) -> Vec<u8> {
        let state = RaceSnapshot::of(self, which, |_| since, |r| r.epoch_before(since));
        let mut bytes = Vec::new();
        state.put(&mut bytes);
        bytes
    }

    /// `state(which, 0)` without the snapshots (what a worker's copy starts from: it only
    /// reports snapshots it takes itself, so the page's megabytes of them stay on the page).
    pub fn state_without_snapshots(&self, which: &[usize]) -> Vec<u8> {
        let state = RaceSnapshot::of(self, which, |_| 0, |_| usize::MAX);
        let mut bytes = Vec::new();
        state.put(&mut bytes);
        bytes
    }

    /// Takes in bytes made by `state`: each racer in them replaces this race's racer of that
    /// index (its history cut to `since` and extended), and the schedule is theirs. Checked
    /// whole before anything changes: on an error the race is as it was.
    pub fn install(&mut self, bytes: &[u8]) -> Result<(), SyncError> {
        let mut reader = Reader::new(bytes);
        let state = RaceSnapshot::take(&mut reader);
        reader.end()?;
        if state.schedule.order.len() != self.schedule.order.len()
            || state.schedule.batch_size != self.schedule.batch_size
        {
            return Err(SyncError::Bytes("the schedule is not this race's".into()));
        }
        for s in &state.racers {
            let racer = self
                .racers
                .get(s.index)
                .ok_or(SyncError::NoSuchRacer(s.index))?;
            if s.since > racer.history.len() || s.since > racer.step_ratios.len() {
                return Err(SyncError::Gap(s.index, racer.history.len(), s.since));
            }
            if !racer.fits(s) {
                return Err(SyncError::Shape(s.index));
            }
        }
        state.put_into(self);
        Ok(())
    }
}
