//! The live boundaries the race's workers compute: with each report a worker sends its
//! racers' outputs over the grids the page draws while playing (`RaceWorker::fields`), so
//! the main thread only colours and paints them.

use crate::session::Session;

/// The live fields each worker computes for its racers at each report: a grid of side
/// `small` for each but racer `focus` (the one the page follows), which has one of side `big`
/// that its small plot shows too.
#[derive(Clone, Copy, Default, PartialEq)]
pub struct Sides {
    pub small: usize,
    pub big: usize,
    pub focus: usize,
}

impl Sides {
    /// The grids a worker trains `racers` computes, in the order it sends them
    /// (`RaceWorker::fields`) and the page splits them (`Grids::keep`): (racer, big, side) — a
    /// small grid for each racer but the followed one, then the big one if it trains that one.
    pub fn grids(&self, racers: &[usize]) -> Vec<(usize, bool, usize)> {
        let others = racers.iter().filter(|&&r| r != self.focus);
        let mut grids: Vec<_> = others.map(|&r| (r, false, self.small)).collect();
        if racers.contains(&self.focus) {
            grids.push((self.focus, true, self.big));
        }
        grids
    }
}

/// A field computed by a worker: racer `racer`'s outputs over a grid of side `side`, point
/// after point (`Session::predict_grid`).
struct Grid {
    racer: usize,
    big: bool,
    side: usize,
    values: Vec<f64>,
}

/// The sides asked of the workers this round, and the fields of the epoch taken back last:
/// valid while the session's revision is `revision`.
pub struct Grids {
    pub sides: Sides,
    grids: Vec<Grid>,
    pub revision: u64,
}

impl Default for Grids {
    fn default() -> Grids {
        Grids {
            sides: Sides::default(),
            grids: Vec::new(),
            revision: u64::MAX,
        }
    }
}

impl Grids {
    /// Before the reports of a new epoch are taken back.
    pub fn clear(&mut self) {
        self.grids.clear();
        self.revision = u64::MAX;
    }

    /// Splits one worker's fields into its racers' grids, in `RaceWorker::fields`' order: a
    /// small grid for each of `racers` but the followed one, then its big one if it trains it.
    pub fn keep(&mut self, racers: &[usize], mut values: Vec<f64>, session: &Session) {
        let all = &session.stepper().race.racers;
        let n_out = all.first().and_then(|r| r.network.sizes().last().copied());
        let n_out = n_out.unwrap_or(1);
        let grids = self.sides.grids(racers);
        let total: usize = grids.iter().map(|g| g.2 * g.2 * n_out).sum();
        if values.len() != total {
            return; // none computed (a side over a call's work): the page draws its own
        }
        for (racer, big, side) in grids.into_iter().rev() {
            let rest = values.split_off(values.len() - side * side * n_out);
            self.grids.push(Grid {
                racer,
                big,
                side,
                values: rest,
            });
        }
    }

    /// Racer `racer`'s field (big: the followed racer's large one) for the race as the
    /// session holds it now: (side, outputs point after point). A small plot takes either: the
    /// followed racer has only its big one.
    pub fn field(&self, session: &Session, racer: usize, big: bool) -> Option<(usize, &[f64])> {
        if session.revision() != self.revision {
            return None;
        }
        self.grids
            .iter()
            .find(|g| g.racer == racer && (g.big || !big))
            .map(|g| (g.side, g.values.as_slice()))
    }
}
