//! Training: epochs of mini-batches, per-epoch losses and accuracies, and the race of the
//! four optimizers from the same start on the same batches (`docs/math.md`, the race). The
//! order of the batches is in `schedule.rs`, the search for NaN and ±∞ in `non_finite.rs`.

mod non_finite;
mod reuse;
use reuse::Workspace;
mod schedule;
pub mod snapshots;
mod sync;
use non_finite::first_non_finite_after_update;
pub use non_finite::{NonFinite, first_non_finite};
pub use schedule::Schedule;
pub use snapshots::Snapshot;
use snapshots::{parameters, snapshot_cap, thin};
pub use sync::{RaceSnapshot, SyncError};

use crate::math::network::{ForwardCache, Gradients, Network};
use crate::math::optimizer::{Optimizer, OptimizerKind, OptimizerSettings};
use crate::math::quantity::Quantity;
use crate::training::data::{DataSet, Examples};
use crate::training::phase::Phase;
use ndarray::{Array2, ArrayView2};
use std::rc::Rc;

/// Losses and accuracies after one epoch, with the parameters at its end.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EpochRecord {
    /// 1 for the first epoch
    pub epoch: usize,
    pub train_loss: f64,
    pub test_loss: Option<f64>,
    pub train_accuracy: Option<f64>,
    pub test_accuracy: Option<f64>,
}

/// The mean cost and the accuracy of a network over a whole set.
pub fn evaluate(net: &Network, set: &Examples) -> (f64, Option<f64>) {
    evaluate_output(net, net.predict(set.x.view()).view(), set)
}

/// The mean cost and the accuracy of the output `a` = A[L] (n[L] × m) of the whole set.
fn evaluate_output(net: &Network, a: ArrayView2<f64>, set: &Examples) -> (f64, Option<f64>) {
    (
        net.cost.cost(a, set.y.view()),
        net.cost.accuracy(a, set.y.view()),
    )
}

/// Where a racer's parameters first stopped being finite numbers.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Divergence {
    /// the epoch (1-based) and the batch within it (0-based) whose update did it
    pub epoch: usize,
    pub batch: usize,
    /// t of that update
    pub step: u64,
}

/// One contestant: a network, its optimizer and its history.
#[derive(Clone, Debug)]
pub struct Racer {
    pub network: Network,
    pub optimizer: Optimizer,
    pub history: Vec<EpochRecord>,
    pub diverged: Option<Divergence>,
    /// where a NaN or ±∞ first appeared (the parameters may still be finite)
    pub first_non_finite: Option<NonFinite>,
    /// ‖ΔW[l]‖ / ‖W[l]‖ of each layer, averaged over each epoch's updates
    pub step_ratios: Vec<Vec<f64>>,
    /// θ at epoch ends while finite, thinned evenly (`snapshots.rs`), oldest first
    pub snapshots: Vec<Snapshot>,
    ratio_sum: Vec<f64>,
    ratio_count: usize,
    /// the matrices of its passes, reused batch after batch
    work: Workspace,
}

impl Racer {
    pub fn new(network: Network, settings: OptimizerSettings) -> Self {
        let optimizer = Optimizer::new(settings, &network);
        let depth = network.depth();
        Racer {
            network,
            optimizer,
            history: Vec::new(),
            diverged: None,
            first_non_finite: None,
            step_ratios: Vec::new(),
            snapshots: Vec::new(),
            ratio_sum: vec![0.0; depth],
            ratio_count: 0,
            work: Workspace::default(),
        }
    }

    pub fn kind(&self) -> OptimizerKind {
        self.optimizer.settings.kind()
    }

    /// Forward and backward into the racer's workspace, then the update: what the race does for every racer
    /// but the one the lesson steps through.
    /// `order`: the batch's train-set indices when it holds every train example.
    fn train_on(&mut self, batch: &Examples, order: Option<&[usize]>, at: (usize, usize)) {
        let (epoch, batch_index) = at;
        self.forward_pass(batch, order);
        let mut work = std::mem::take(&mut self.work);
        let Workspace {
            cache,
            grads,
            scratch,
            ..
        } = &mut work;
        let cost = self.network.cost_of(cache, batch.y.view());
        self.network
            .backward_into(cache, batch.y.view(), grads, scratch);
        self.update(cache, cost, grads, epoch, batch_index);
        self.work = work;
    }

    /// The update with `grads`, and what it tells: the step ratios, where numbers stopped
    /// being finite.
    fn update(
        &mut self,
        cache: &ForwardCache,
        cost: f64,
        grads: &Gradients,
        epoch: usize,
        batch: usize,
    ) {
        if self.first_non_finite.is_none() {
            self.note_non_finite(first_non_finite(cache, cost, grads), epoch, batch);
        }
        let before: Vec<Array2<f64>> = self.network.layers.iter().map(|l| l.w.clone()).collect();
        self.optimizer.update(&mut self.network, grads);
        for (i, (l, w0)) in self.network.layers.iter().zip(&before).enumerate() {
            let step =
                l.w.iter()
                    .zip(w0)
                    .map(|(a, b)| (a - b) * (a - b))
                    .sum::<f64>()
                    .sqrt();
            let size = w0.iter().map(|v| v * v).sum::<f64>().sqrt();
            self.ratio_sum[i] += if size > 0.0 { step / size } else { 0.0 };
        }
        self.ratio_count += 1;
        if self.first_non_finite.is_none() {
            let found = first_non_finite_after_update(&self.network, &self.optimizer);
            self.note_non_finite(found, epoch, batch);
        }
    }

    fn note_non_finite(
        &mut self,
        found: Option<(Phase, usize, Quantity)>,
        epoch: usize,
        batch: usize,
    ) {
        if let Some((phase, layer, matrix)) = found {
            self.first_non_finite = Some(NonFinite {
                epoch,
                batch,
                phase,
                layer,
                matrix,
            });
        }
    }

    /// The most snapshots this racer keeps (`snapshots::snapshot_cap`).
    pub fn snapshot_cap(&self) -> usize {
        snapshot_cap(self.network.parameter_count())
    }

    /// Keeps θ as the snapshot of epoch `epoch`, when finite.
    fn take_snapshot(&mut self, epoch: usize) {
        if self.network.is_finite() {
            self.snapshots.push(Snapshot {
                epoch,
                step: self.optimizer.step,
                theta: parameters(&self.network),
            });
        }
    }

    /// Drops the snapshots `epochs` epochs do not keep (`snapshots::thin`).
    fn thin_snapshots(&mut self, epochs: usize) {
        let cap = self.snapshot_cap();
        thin(&mut self.snapshots, epochs, cap);
    }

    /// Closes the epoch's mean of the step ratios.
    fn close_ratios(&mut self) {
        let n = self.ratio_count.max(1) as f64;
        self.step_ratios
            .push(self.ratio_sum.iter().map(|s| s / n).collect());
        self.ratio_sum.iter_mut().for_each(|s| *s = 0.0);
        self.ratio_count = 0;
    }
}

/// Racers trained in lockstep: the same batches in the same order, one update each per batch.
#[derive(Clone, Debug)]
pub struct Race {
    /// shared, so that a snapshot of the race (for stepping back) does not copy the data
    pub data: Rc<DataSet>,
    pub racers: Vec<Racer>,
    pub schedule: Schedule,
    /// Stop a racer whose parameters stop being finite (the page); a trace keeps going
    /// and writes the non-finite numbers as null.
    pub stop_diverged: bool,
    /// Racers this race leaves alone: another thread trains them (the page's workers each
    /// train some racers of a copy of the race); all false by default.
    pub resting: Vec<bool>,
    /// θ₀, the common start (`snapshots::parameters` order)
    pub initial: Rc<Vec<f64>>,
}

impl Race {
    /// Every racer starts from a copy of `initial`.
    pub fn new(
        data: DataSet,
        initial: &Network,
        settings: &[OptimizerSettings],
        batch_size: usize,
        shuffle_seed: Option<u64>,
    ) -> Self {
        let racers: Vec<Racer> = settings
            .iter()
            .map(|&s| Racer::new(initial.clone(), s))
            .collect();
        let resting = vec![false; racers.len()];
        let schedule = Schedule::new(data.train.len(), batch_size, shuffle_seed);
        Race {
            data: Rc::new(data),
            racers,
            schedule,
            stop_diverged: true,
            resting,
            initial: Rc::new(parameters(initial)),
        }
    }

    /// A race of the four optimizers at their defaults on (x, y), no test set: the tests' race.
    #[cfg(test)]
    pub(crate) fn of_defaults(
        net: &Network,
        (x, y): (Array2<f64>, Array2<f64>),
        batch_size: usize,
        shuffle_seed: Option<u64>,
    ) -> Race {
        let train = Examples::new(x, y);
        let data = DataSet { train, test: None };
        let settings: Vec<OptimizerSettings> = OptimizerKind::ALL.map(|k| k.defaults()).to_vec();
        Race::new(data, net, &settings, batch_size, shuffle_seed)
    }

    /// Epochs completed.
    pub fn epochs_done(&self) -> usize {
        self.schedule.epoch
    }

    /// What `restore` needs to bring the race back to this moment, as long as only updates
    /// (`update_all`) happen in between: every racer's state without the history that only
    /// grows (`Racer::state` from its current length), and the schedule. Its size is the
    /// parameters and optimizer state of four networks plus the train set's order, whatever the
    /// length of the run — but for the few updates that end an epoch doubling the snapshots'
    /// stride, which carry the snapshots the thinning would drop.
    pub fn snapshot(&self) -> RaceSnapshot {
        let all: Vec<usize> = (0..self.racers.len()).collect();
        let epochs = self.epochs_done();
        RaceSnapshot::of(
            self,
            &all,
            |r| r.history.len(),
            |r| r.undo_snapshots_after(epochs),
        )
    }

    /// Back to a snapshot taken by `snapshot`: the histories are cut back to their length then.
    pub fn restore(&mut self, snapshot: RaceSnapshot) {
        snapshot.put_into(self);
    }

    /// The train-set indices of the next batch (taking them may shuffle the order, at the
    /// start of an epoch).
    pub fn next_batch_indices(&mut self) -> Vec<usize> {
        self.schedule.next_batch().to_vec()
    }

    /// X and Y of the next batch.
    pub fn next_batch(&mut self) -> Examples {
        let indices = self.next_batch_indices();
        self.data.train.select(&indices)
    }

    fn running(&self, i: usize) -> bool {
        !(self.resting[i] || self.stop_diverged && self.racers[i].diverged.is_some())
    }

    /// One update of every running racer on `batch` (which must be `next_batch()`); the
    /// pass of racer `known.0` (its cache, cost and gradients) may be given, already computed
    /// (by the stepper). Records the epoch when this batch ends one.
    pub fn update_all(
        &mut self,
        batch: &Examples,
        known: Option<(usize, ForwardCache, f64, Gradients)>,
    ) {
        let mut known = known;
        let (epoch, batch_index) = (self.schedule.epoch + 1, self.schedule.batch);
        let whole = self.schedule.batch_size >= self.schedule.order.len();
        let order = whole.then_some(&self.schedule.order[..]);
        for i in 0..self.racers.len() {
            if !self.running(i) {
                continue;
            }
            let racer = &mut self.racers[i];
            match known.take_if(|(k, ..)| *k == i) {
                Some((_, cache, cost, grads)) => {
                    racer.update(&cache, cost, &grads, epoch, batch_index)
                }
                None => racer.train_on(batch, order, (epoch, batch_index)),
            }
            if racer.diverged.is_none() && !racer.network.is_finite() {
                racer.diverged = Some(Divergence {
                    epoch: self.schedule.epoch + 1,
                    batch: self.schedule.batch,
                    step: racer.optimizer.step,
                });
            }
        }
        if self.schedule.advance() {
            self.record_epoch();
        }
    }

    /// One batch for every racer.
    pub fn step_batch(&mut self) {
        let batch = self.next_batch();
        self.update_all(&batch, None);
    }

    /// Runs until `n` more epochs have ended (an epoch under way counts as the first).
    pub fn train_epochs(&mut self, n: usize) {
        self.train_until(self.epochs_done() + n);
    }

    /// Runs until `epoch` epochs have ended.
    pub fn train_until(&mut self, epoch: usize) {
        while self.epochs_done() < epoch {
            self.step_batch();
        }
    }

    fn record_epoch(&mut self) {
        let epoch = self.schedule.epoch;
        let whole = self.schedule.batch_size >= self.schedule.order.len();
        for i in 0..self.racers.len() {
            if !self.running(i) {
                continue;
            }
            let racer = &mut self.racers[i];
            racer.close_ratios();
            let (train_loss, train_accuracy) = if whole {
                racer.evaluate_kept(&self.data.train) // the next batch's pass too
            } else {
                evaluate(&racer.network, &self.data.train)
            };
            let (test_loss, test_accuracy) = match &self.data.test {
                Some(test) => {
                    let (l, a) = evaluate(&racer.network, test);
                    (Some(l), a)
                }
                None => (None, None),
            };
            racer.history.push(EpochRecord {
                epoch,
                train_loss,
                test_loss,
                train_accuracy,
                test_accuracy,
            });
            racer.take_snapshot(epoch);
            if !train_loss.is_finite() && racer.diverged.is_none() {
                racer.diverged = Some(Divergence {
                    epoch,
                    batch: 0,
                    step: racer.optimizer.step,
                });
            }
        }
        // every racer, running or not, so that what is kept depends on the epoch alone
        self.racers.iter_mut().for_each(|r| r.thin_snapshots(epoch));
    }
}

#[cfg(test)]
mod tests;
