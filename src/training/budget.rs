//! How much work one call may do, so that no call freezes the page.
//!
//! Work is counted in the unit that costs time here: one example through one parameter (a
//! multiply-add). A forward pass of m examples through a network of P parameters and N units
//! (Σ n[l] over l = 1..L) is m·(P + `ACTIVATION_UNITS`·N) units — an activation (tanh, exp)
//! costs about 40 multiply-adds; a backward pass about twice that; an optimizer update
//! `UPDATE_UNITS` per parameter plus `LAYER_UNITS` per layer of bookkeeping, whatever the
//! batch. Measured in Chromium on the project's 2-core machine (README, "Budgets"): from
//! 1.9·10⁹ units a second (2-8-8-1, batch 16) to 2.4·10⁹ (the largest net), so
//! `MAX_CALL_WORK` is at most about 0.55 s there.
//!
//! One batch of the race (the four racers' passes and updates, and the evaluation when it
//! ends an epoch) cannot be split: it is admitted whatever its size, which the scenario caps
//! bound (`scenario::MAX_UNITS`, `MAX_HIDDEN_LAYERS`, `MAX_SAMPLES`).

/// The most work one call may do.
pub const MAX_CALL_WORK: f64 = 1e9;

/// Units of work of one activation σ or σ′ of one unit for one example.
pub const ACTIVATION_UNITS: f64 = 40.0;

/// Units of work of one optimizer update, per parameter.
pub const UPDATE_UNITS: f64 = 16.0;

/// Units of work of one update per layer, whatever its size (allocation, bookkeeping).
pub const LAYER_UNITS: f64 = 1000.0;

/// The racers trained in lockstep.
pub const RACERS: f64 = 4.0;

pub use crate::math::network::NetSize;

/// The units of work a network's size costs.
pub trait Work {
    fn forward(&self) -> f64;
    fn pass(&self) -> f64;
    fn update(&self) -> f64;
}

impl Work for NetSize {
    /// One example forward: P + 40·N.
    fn forward(&self) -> f64 {
        self.parameters as f64 + ACTIVATION_UNITS * self.units as f64
    }

    /// One example forward and backward: 3P + 2·40·N.
    fn pass(&self) -> f64 {
        3.0 * self.parameters as f64 + 2.0 * ACTIVATION_UNITS * self.units as f64
    }

    /// One optimizer update: 16·P + 1000·L.
    fn update(&self) -> f64 {
        UPDATE_UNITS * self.parameters as f64 + LAYER_UNITS * self.layers as f64
    }
}

/// What one epoch and one batch of a race cost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RaceCost {
    pub net: NetSize,
    /// m of the train set and of the test set
    pub train: usize,
    pub test: usize,
    pub batch_size: usize,
}

impl RaceCost {
    /// Batches in one epoch: ⌈m / batch⌉.
    pub fn batches(&self) -> usize {
        self.train.div_ceil(self.batch_size.max(1))
    }

    /// The evaluation closing an epoch: four racers × (m_train + m_test) forward.
    pub fn evaluation(&self) -> f64 {
        RACERS * (self.train + self.test) as f64 * self.net.forward()
    }

    /// One epoch: every batch, then the evaluation.
    pub fn epoch(&self) -> f64 {
        RACERS * (self.train as f64 * self.net.pass() + self.batches() as f64 * self.net.update())
            + self.evaluation()
    }

    /// The most epochs one call may train (0 when not even one fits), or 1 when an epoch is
    /// one batch, which cannot be split.
    pub fn max_epochs(&self) -> u64 {
        let fit = (MAX_CALL_WORK / self.epoch()).floor() as u64;
        if fit == 0 && self.batches() == 1 {
            1
        } else {
            fit
        }
    }
}

/// Predicting `points` points: points · (P + 40·N).
pub fn predict(points: usize, net: NetSize) -> f64 {
    points as f64 * net.forward()
}

/// The most points one call may predict.
pub fn max_points(net: NetSize) -> usize {
    (MAX_CALL_WORK / net.forward()).floor() as usize
}

/// A central-difference check of k parameters on m examples: two forward passes per
/// parameter checked, 2·k·m·(P + 40·N).
pub fn gradient_check(checked: usize, examples: usize, net: NetSize) -> f64 {
    2.0 * checked as f64 * examples as f64 * net.forward()
}

/// How many parameters a gradient check on m examples may check (at least 1).
pub fn max_checked(examples: usize, net: NetSize) -> usize {
    ((MAX_CALL_WORK / gradient_check(1, examples, net)).floor() as usize).max(1)
}

/// A call that would do more work than one call may.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error(
    "{call} would be {work:.1e} units of work (examples × parameters); one call may do at most {max:.1e} (about 1 s): {hint}",
    max = MAX_CALL_WORK
)]
pub struct TooMuchWork {
    /// the call as written, e.g. "trainEpochs(1000)"
    pub call: String,
    pub work: f64,
    /// what fits instead
    pub hint: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2-3-1 net: P = 2·3 + 3 + 3 + 1 = 13, N = 3 + 1 = 4, L = 2.
    const SMALL: NetSize = NetSize {
        parameters: 13,
        units: 4,
        layers: 2,
    };

    #[test]
    fn net_costs_by_hand() {
        // 13 + 40·4 = 173; 3·13 + 80·4 = 359; 16·13 + 1000·2 = 2208
        assert_eq!(SMALL.forward(), 173.0);
        assert_eq!(SMALL.pass(), 359.0);
        assert_eq!(SMALL.update(), 2208.0);
    }

    #[test]
    fn race_costs_by_hand() {
        // 8 train and 2 test examples in batches of 3: batches 3, 3, 2
        let c = RaceCost {
            net: SMALL,
            train: 8,
            test: 2,
            batch_size: 3,
        };
        assert_eq!(c.batches(), 3);
        // 4 · 10 · 173 = 6920
        assert_eq!(c.evaluation(), 6920.0);
        // 4 · (8 · 359 + 3 · 2208) + 6920 = 4 · 9496 + 6920 = 44,904
        assert_eq!(c.epoch(), 44_904.0);
        assert_eq!(c.max_epochs(), (MAX_CALL_WORK / 44_904.0).floor() as u64);
    }

    #[test]
    fn an_epoch_of_one_batch_is_admitted_whatever_it_costs() {
        // the largest net of the caps: 64 inputs, six hidden layers of 64, 64 outputs
        let largest = NetSize {
            parameters: 7 * (64 * 64 + 64),
            units: 7 * 64,
            layers: 7,
        };
        let one_batch = RaceCost {
            net: largest,
            train: 5000,
            test: 0,
            batch_size: 5000,
        };
        assert!(one_batch.epoch() > MAX_CALL_WORK);
        assert_eq!(one_batch.max_epochs(), 1);
        let many = RaceCost {
            batch_size: 1,
            ..one_batch
        };
        assert_eq!(many.max_epochs(), 0);
    }

    #[test]
    fn predictions_and_checks_by_hand() {
        assert_eq!(predict(1000, SMALL), 173_000.0);
        assert_eq!(max_points(SMALL), (MAX_CALL_WORK / 173.0) as usize);
        // 2 · 5 · 4 · 173 = 6920
        assert_eq!(gradient_check(5, 4, SMALL), 6920.0);
        assert_eq!(
            max_checked(4, SMALL),
            (MAX_CALL_WORK / 1384.0).floor() as usize
        );
        let huge = NetSize {
            parameters: 10_000_000,
            units: 0,
            layers: 1,
        };
        assert_eq!(max_checked(5000, huge), 1, "at least one parameter");
    }

    #[test]
    fn the_message_names_the_call_and_the_cap() {
        let e = TooMuchWork {
            call: "trainEpochs(100000)".into(),
            work: 3.2e11,
            hint: "at most 125 epochs here".into(),
        };
        assert_eq!(
            e.to_string(),
            "trainEpochs(100000) would be 3.2e11 units of work (examples × parameters); one call may do at most 1.0e9 (about 1 s): at most 125 epochs here"
        );
    }
}
