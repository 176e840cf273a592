//! Mini-batches: the train set's order (shuffled before every epoch when asked) and where the
//! next batch starts.

use crate::math::random::Random;

/// The order of the train set and the position in it: which batch comes next.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Schedule {
    pub batch_size: usize,
    /// the train set's order in this epoch (re-shuffled before every epoch when shuffling)
    pub order: Vec<usize>,
    /// index in `order` of the next batch's first example
    pub cursor: usize,
    /// epochs completed
    pub epoch: usize,
    /// the batch index within the epoch
    pub batch: usize,
    pub(super) shuffle: Option<Random>,
    pub(super) order_ready: bool,
}

impl Schedule {
    /// m train examples in batches of `batch_size` (the last one shorter); with a shuffle
    /// seed, the order is shuffled before every epoch, the first included.
    pub fn new(m: usize, batch_size: usize, shuffle_seed: Option<u64>) -> Self {
        Schedule {
            batch_size: batch_size.max(1),
            order: (0..m).collect(),
            cursor: 0,
            epoch: 0,
            batch: 0,
            shuffle: shuffle_seed.map(Random::new),
            order_ready: false,
        }
    }

    /// The train-set indices of the next batch.
    pub fn next_batch(&mut self) -> &[usize] {
        if !self.order_ready {
            if let Some(rng) = &mut self.shuffle {
                rng.shuffle(&mut self.order);
            }
            self.order_ready = true;
        }
        let end = (self.cursor + self.batch_size).min(self.order.len());
        &self.order[self.cursor..end]
    }

    /// Moves past the batch `next_batch` gave; true when that ended an epoch.
    pub fn advance(&mut self) -> bool {
        self.cursor += self.batch_size;
        self.batch += 1;
        if self.cursor >= self.order.len() {
            self.cursor = 0;
            self.batch = 0;
            self.epoch += 1;
            self.order_ready = false;
            true
        } else {
            false
        }
    }

    /// Batches in one epoch: ⌈m / batch_size⌉.
    pub fn batches_per_epoch(&self) -> usize {
        self.order.len().div_ceil(self.batch_size)
    }
}
