//! How much work one call may do, so that no call freezes the page.
//!
//! Work is counted in the unit that costs time here: one example through one parameter (a
//! multiply-add, with its share of the activation). A forward pass of m examples through a
//! network of P parameters is m·P units; a backward pass about twice that; an optimizer update
//! about `UPDATE_UNITS` units per parameter, whatever the batch (its bookkeeping included).
//! Measured on the project's 2-core machine (README, "Budgets"): the browser build does about
//! 6·10⁸ units a second on the largest net, so `MAX_CALL_WORK` is about 0.7 s there.
//!
//! One batch of the race (the four racers' passes and updates, and the evaluation when it
//! ends an epoch) cannot be split: it is admitted whatever its size, which the scenario caps
//! bound (`scenario::MAX_UNITS`, `MAX_HIDDEN_LAYERS`, `MAX_SAMPLES`).

/// The most work one call may do.
pub const MAX_CALL_WORK: f64 = 4e8;

/// Units of work of one optimizer update, per parameter.
pub const UPDATE_UNITS: f64 = 16.0;

/// The racers trained in lockstep.
pub const RACERS: f64 = 4.0;

/// What one epoch and one batch of a race cost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RaceCost {
    /// P, the parameters of one network
    pub parameters: usize,
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

    /// Four racers × P × (3·m_batch + `UPDATE_UNITS`): forward, backward and update of one
    /// full batch.
    pub fn batch(&self) -> f64 {
        let m = self.batch_size.min(self.train) as f64;
        RACERS * self.parameters as f64 * (3.0 * m + UPDATE_UNITS)
    }

    /// The evaluation closing an epoch: four racers × P × (m_train + m_test).
    pub fn evaluation(&self) -> f64 {
        RACERS * self.parameters as f64 * (self.train + self.test) as f64
    }

    /// One epoch: every batch, then the evaluation.
    pub fn epoch(&self) -> f64 {
        let p = self.parameters as f64;
        RACERS * p * (3.0 * self.train as f64 + UPDATE_UNITS * self.batches() as f64)
            + self.evaluation()
    }

    /// The part of a call that cannot be split: one batch with the evaluation it may end with.
    pub fn unit(&self) -> f64 {
        self.batch() + self.evaluation()
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

/// Predicting `points` points with P parameters: points·P.
pub fn predict(points: usize, parameters: usize) -> f64 {
    points as f64 * parameters as f64
}

/// The most points one call may predict with P parameters.
pub fn max_points(parameters: usize) -> usize {
    (MAX_CALL_WORK / parameters.max(1) as f64).floor() as usize
}

/// A central-difference check of k parameters on m examples with P parameters: two forward
/// passes per parameter checked, 2·k·m·P.
pub fn gradient_check(checked: usize, examples: usize, parameters: usize) -> f64 {
    2.0 * checked as f64 * examples as f64 * parameters as f64
}

/// How many parameters a gradient check on m examples with P parameters may check (at
/// least 1).
pub fn max_checked(examples: usize, parameters: usize) -> usize {
    ((MAX_CALL_WORK / gradient_check(1, examples, parameters)).floor() as usize).max(1)
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

    #[test]
    fn race_costs_by_hand() {
        // P = 10, 8 train and 2 test examples in batches of 3: batches 3, 3, 2
        let c = RaceCost {
            parameters: 10,
            train: 8,
            test: 2,
            batch_size: 3,
        };
        assert_eq!(c.batches(), 3);
        // 4 · 10 · (3·3 + 16) = 1000
        assert_eq!(c.batch(), 1000.0);
        // 4 · 10 · (8 + 2) = 400
        assert_eq!(c.evaluation(), 400.0);
        // 4 · 10 · (3·8 + 16·3) + 400 = 40 · 72 + 400 = 3280
        assert_eq!(c.epoch(), 3280.0);
        assert_eq!(c.unit(), 1400.0);
        assert_eq!(c.max_epochs(), (MAX_CALL_WORK / 3280.0).floor() as u64);
    }

    #[test]
    fn an_epoch_of_one_batch_is_admitted_whatever_it_costs() {
        // the largest net of the caps, 5,000 examples in one batch: above the cap, but indivisible
        let one_batch = RaceCost {
            parameters: 29_120,
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
        assert_eq!(predict(1000, 21), 21_000.0);
        assert_eq!(max_points(4), (MAX_CALL_WORK / 4.0) as usize);
        // 2 · 5 · 4 · 100 = 4000
        assert_eq!(gradient_check(5, 4, 100), 4000.0);
        assert_eq!(
            max_checked(4, 100),
            (MAX_CALL_WORK / 800.0).floor() as usize
        );
        assert_eq!(max_checked(5000, 10_000_000), 1, "at least one parameter");
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
            "trainEpochs(100000) would be 3.2e11 units of work (examples × parameters); one call may do at most 4.0e8 (about 1 s): at most 125 epochs here"
        );
    }
}
