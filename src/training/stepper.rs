//! The sub-step stepper: forward layer 1 … L, the cost, backward layer L … 1, the update —
//! one call each, with every matrix computed so far readable in between. It drives the race:
//! it follows one racer (the focused one), and its update sub-step advances every racer on
//! that batch. It calls the same functions in the same order as the whole passes, so its
//! numbers equal theirs bit for bit.

use crate::math::network::{ForwardCache, Gradients, LayerGradients, Network};
use crate::math::quantity::{Quantity, Quantity as Q};
use crate::training::data::Examples;
use crate::training::phase::Phase;
use crate::training::race::{Race, RaceSnapshot, Schedule};

/// The first sub-step of a batch: forward layer 1.
const FIRST: SubStep = SubStep {
    phase: Phase::Forward,
    layer: Some(1),
};

/// One sub-step: its phase and, for forward and backward, its layer l (1..L).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubStep {
    pub phase: Phase,
    pub layer: Option<usize>,
}

/// The matrices of the current batch, as far as the stepper has got.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// X = A[0], Y and (Z, A) of the layers done so far
    pub batch: Examples,
    /// the batch as indices into the train set
    pub indices: Vec<usize>,
    pub cache: ForwardCache,
    pub cost: Option<f64>,
    /// δ, dW, db of layer l at index l − 1, `None` until computed
    pub grads: Vec<Option<LayerGradients>>,
    /// whether the update of this batch has been applied
    pub updated: bool,
    /// once it has: the followed racer's parameters as this batch's passes used them
    pub before_update: Option<Network>,
}

/// What undoing one sub-step needs (`Stepper::undo`). The sub-steps within a batch only add
/// matrices, so undoing them forgets one; the update keeps the racers as they were; a new
/// batch keeps the schedule and just enough of the step before it to recompute its matrices —
/// so a record weighs at most four networks' parameters and state, never a batch's matrices.
#[derive(Clone, Debug)]
pub enum Undo {
    /// forward l > 1, the cost, backward l
    Forget(SubStep),
    /// forward 1 took a new batch
    NewBatch {
        schedule: Box<Schedule>,
        previous: Option<Box<Previous>>,
    },
    /// the update of every racer
    Update(Box<RaceSnapshot>),
}

/// A finished step, reduced to what recomputes it: its batch and the followed racer's
/// parameters before its update.
#[derive(Clone, Debug)]
pub struct Previous {
    indices: Vec<usize>,
    network: Network,
}

/// Steps one racer of a race through a training step, sub-step by sub-step.
#[derive(Clone, Debug)]
pub struct Stepper {
    pub race: Race,
    /// index in `race.racers` of the racer followed
    pub focus: usize,
    /// what the last sub-steps computed (None before the first sub-step)
    pub progress: Option<Progress>,
    next: SubStep,
}

impl Stepper {
    pub fn new(race: Race, focus: usize) -> Self {
        Stepper {
            race,
            focus,
            progress: None,
            next: FIRST,
        }
    }

    /// L
    pub fn depth(&self) -> usize {
        self.race.racers[self.focus].network.depth()
    }

    /// The sub-step the next call of `next_step` will do.
    pub fn upcoming(&self) -> SubStep {
        self.next
    }

    /// True between the first forward sub-step of a batch and its update.
    pub fn mid_step(&self) -> bool {
        self.next != FIRST
    }

    /// Follows another racer; a step under way is finished first, so the race stays in lockstep.
    pub fn set_focus(&mut self, focus: usize) {
        self.finish_step();
        self.focus = focus;
    }

    /// Does one sub-step and says which.
    pub fn next_step(&mut self) -> SubStep {
        self.advance(false).0
    }

    /// Does one sub-step, says which, and returns what undoing it needs.
    pub fn next_step_undoable(&mut self) -> (SubStep, Undo) {
        let (done, undo) = self.advance(true);
        (done, undo.expect("recorded"))
    }

    /// Does the sub-step `self.next` and moves on to the one after it; with `record`, also
    /// returns what undoing it needs.
    fn advance(&mut self, record: bool) -> (SubStep, Option<Undo>) {
        let done = self.next;
        let mut undo = record.then_some(Undo::Forget(done));
        if done == FIRST {
            undo = self.start_batch(record);
        }
        self.next = match (done.phase, done.layer) {
            (Phase::Forward, Some(l)) => self.forward(l),
            (Phase::Cost, _) => self.cost(),
            (Phase::Backward, Some(l)) => self.backward(l),
            (Phase::Update, _) => {
                if record {
                    undo = Some(Undo::Update(Box::new(self.race.snapshot())));
                }
                self.update()
            }
            (Phase::Forward | Phase::Backward, None) => {
                unreachable!("layer sub-steps carry a layer")
            }
        };
        (done, undo)
    }

    /// Takes the next batch and starts its progress empty; with `record`, returns the undo
    /// record: the schedule before, and the step before reduced to what recomputes it.
    fn start_batch(&mut self, record: bool) -> Option<Undo> {
        let depth = self.depth();
        let schedule = record.then(|| Box::new(self.race.schedule.clone()));
        let indices = self.race.next_batch_indices();
        let batch = self.race.data.train.select(&indices);
        let cache = ForwardCache {
            x: batch.x.clone(),
            layers: Vec::with_capacity(depth),
        };
        let previous = self.progress.replace(Progress {
            batch,
            indices,
            cache,
            cost: None,
            grads: vec![None; depth],
            updated: false,
            before_update: None,
        });
        schedule.map(|schedule| Undo::NewBatch {
            schedule,
            previous: previous.and_then(|p| {
                p.before_update.map(|network| {
                    Box::new(Previous {
                        indices: p.indices,
                        network,
                    })
                })
            }),
        })
    }

    /// Forward layer l: Z[l] = W[l] A[l−1] + b[l], A[l] = σ[l](Z[l]). Returns the sub-step
    /// after it: forward l + 1, or the cost after layer L.
    fn forward(&mut self, l: usize) -> SubStep {
        let net = &self.race.racers[self.focus].network;
        let p = self.progress.as_mut().expect("forward 1 starts the batch");
        let next = net.layer(l).forward(p.cache.a(l - 1));
        p.cache.layers.push(next);
        if l < self.depth() {
            SubStep {
                phase: Phase::Forward,
                layer: Some(l + 1),
            }
        } else {
            SubStep {
                phase: Phase::Cost,
                layer: None,
            }
        }
    }

    /// The batch cost C of A[L] against Y. Returns backward layer L.
    fn cost(&mut self) -> SubStep {
        let net = &self.race.racers[self.focus].network;
        let p = self.progress.as_mut().expect("cost follows forward");
        p.cost = Some(net.cost_of(&p.cache, p.batch.y.view()));
        SubStep {
            phase: Phase::Backward,
            layer: Some(self.depth()),
        }
    }

    /// Backward layer l: δ[l] (from δ[l+1], or from the cost at l = L), dW[l], db[l]. Returns
    /// backward l − 1, or the update after layer 1.
    fn backward(&mut self, l: usize) -> SubStep {
        let depth = self.depth();
        let net = &self.race.racers[self.focus].network;
        let p = self.progress.as_mut().expect("backward follows forward");
        let delta_next = if l < depth {
            p.grads[l].as_ref().map(|g| g.delta.view())
        } else {
            None
        };
        let g = net.backward_layer(l, &p.cache, p.batch.y.view(), delta_next);
        p.grads[l - 1] = Some(g);
        if l > 1 {
            SubStep {
                phase: Phase::Backward,
                layer: Some(l - 1),
            }
        } else {
            SubStep {
                phase: Phase::Update,
                layer: None,
            }
        }
    }

    /// The update of every racer on this batch, the followed one with the gradients the
    /// sub-steps computed. Returns forward layer 1 of the next batch.
    fn update(&mut self) -> SubStep {
        let before = self.race.racers[self.focus].network.clone();
        let p = self.progress.as_mut().expect("update follows backward");
        let grads = Gradients {
            layers: p
                .grads
                .iter()
                .map(|g| g.clone().expect("backward filled every layer"))
                .collect(),
        };
        let batch = p.batch.clone();
        let cache = p.cache.clone();
        let cost = p.cost.unwrap_or(f64::NAN);
        p.updated = true;
        p.before_update = Some(before);
        self.race
            .update_all(&batch, Some((self.focus, cache, cost, grads)));
        FIRST
    }

    /// Undoes the sub-step `undo` was recorded for, which must be the last one done: the
    /// stepper is then as it was before it, bit for bit.
    pub fn undo(&mut self, undo: Undo) {
        match undo {
            Undo::Forget(step) => {
                if let Some(p) = self.progress.as_mut() {
                    match (step.phase, step.layer) {
                        (Phase::Forward, _) => {
                            p.cache.layers.pop();
                        }
                        (Phase::Cost, _) => p.cost = None,
                        (Phase::Backward, Some(l)) => p.grads[l - 1] = None,
                        _ => {}
                    }
                }
                self.next = step;
            }
            Undo::Update(snapshot) => {
                self.race.restore(*snapshot);
                if let Some(p) = self.progress.as_mut() {
                    p.updated = false;
                    p.before_update = None;
                }
                self.next = SubStep {
                    phase: Phase::Update,
                    layer: None,
                };
            }
            Undo::NewBatch { schedule, previous } => {
                self.race.schedule = *schedule;
                self.progress = previous.map(|p| self.recompute(*p));
                self.next = FIRST;
            }
        }
    }

    /// A finished step's matrices again, from the parameters before its update: the whole
    /// forward and backward passes call the same layer functions in the same order as the
    /// sub-steps, so they give the same bits.
    fn recompute(&self, previous: Previous) -> Progress {
        let Previous { indices, network } = previous;
        let batch = self.race.data.train.select(&indices);
        let cache = network.forward(batch.x.view());
        let cost = network.cost_of(&cache, batch.y.view());
        let grads = network.backward(&cache, batch.y.view());
        Progress {
            batch,
            indices,
            cache,
            cost: Some(cost),
            grads: grads.layers.into_iter().map(Some).collect(),
            updated: true,
            before_update: Some(network),
        }
    }

    /// Sub-steps until the last one of `phase` is done (forward: through layer L; cost;
    /// backward: through layer 1 — the cost first if it is not done; update).
    pub fn run_phase(&mut self, phase: Phase) {
        loop {
            let done = self.next_step();
            if self.ends_phase(done, phase) {
                return;
            }
        }
    }

    /// True when `done`, the sub-step just done, was the last one of `phase`.
    pub fn ends_phase(&self, done: SubStep, phase: Phase) -> bool {
        done.phase == phase && self.next.phase != phase
    }

    /// Finishes a step under way (through its update); nothing if none is.
    pub fn finish_step(&mut self) {
        while self.mid_step() {
            self.next_step();
        }
    }

    /// Runs the race until `n` more epochs have ended (a step under way is finished first;
    /// an epoch under way counts as the first of the n).
    pub fn train_epochs(&mut self, n: usize) {
        let target = self.race.epochs_done() + n;
        self.finish_step();
        self.race.train_until(target);
    }
}

/// A matrix and its layer, as `Session::matrix` takes them.
pub type MatrixRef = (Quantity, usize);

impl SubStep {
    /// The matrices this sub-step reads and the ones it computes, as (quantity, layer): what
    /// the page highlights (A of layer 0 is X; Y the targets, C the batch cost, both layer 0).
    /// `depth` is L.
    pub fn touches(&self, depth: usize) -> (Vec<MatrixRef>, Vec<MatrixRef>) {
        match (self.phase, self.layer) {
            (Phase::Forward, Some(l)) => (
                vec![(Q::W, l), (Q::B, l), (Q::A, l - 1)],
                vec![(Q::Z, l), (Q::A, l)],
            ),
            (Phase::Cost, _) => (vec![(Q::A, depth), (Q::Y, 0)], vec![(Q::Cost, 0)]),
            (Phase::Backward, Some(l)) => {
                let mut reads = if l == depth {
                    vec![(Q::A, depth), (Q::Y, 0), (Q::Z, depth)]
                } else {
                    vec![(Q::W, l + 1), (Q::Delta, l + 1), (Q::Z, l)]
                };
                reads.push((Q::A, l - 1));
                (reads, vec![(Q::Delta, l), (Q::DW, l), (Q::Db, l)])
            }
            (Phase::Update, _) => {
                let mut reads = Vec::new();
                let mut writes = Vec::new();
                for l in 1..=depth {
                    reads.extend([(Q::DW, l), (Q::Db, l)]);
                    writes.extend([(Q::W, l), (Q::B, l), (Q::V, l), (Q::S, l)]);
                }
                (reads, writes)
            }
            (Phase::Forward | Phase::Backward, None) => (Vec::new(), Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests;
