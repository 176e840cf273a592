//! The four optimizers racing on a two-parameter test surface (`math::surface`, issue 12):
//! the point (x, y) is the parameter, a 2 × 1 column, and each racer updates it with the
//! network's own update code (`optimizer::ParameterOptimizer`) from a common start. A racer
//! whose point leaves the plot square by a margin, or stops being finite, is stopped and
//! marked (`Stop`), as the network race marks a diverged racer; the others go on. The
//! per-surface hyper-parameters are in `surface_race/defaults.rs`.
//!
//! Memory: a racer keeps its path (two f64) and its loss (one f64) per update, 24 bytes; the
//! race ends at `MAX_SURFACE_STEPS` = 10,000 updates, so four racers hold at most about 1 MB.

mod defaults;
mod landscape;
pub use defaults::{surface_defaults, surface_settings};
pub use landscape::SurfaceLandscape;

use crate::math::optimizer::{OptimizerKind, OptimizerSettings, ParameterOptimizer};
use crate::math::surface::Surface;
use ndarray::Array2;

/// The most updates a race on a surface makes.
pub const MAX_SURFACE_STEPS: u64 = 10_000;
/// A racer is stopped when its point leaves the plot square scaled by this factor about its
/// centre (the square twice the side): it has left the picture for good.
pub const ESCAPE_FACTOR: f64 = 2.0;

/// Why a racer stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StopReason {
    /// its point left the plot square scaled by `ESCAPE_FACTOR`
    LeftPlot,
    /// its point, f there, the gradient or its optimizer state stopped being finite
    NonFinite,
}

/// Where a racer stopped: t of the update that did it, and why.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Stop {
    pub step: u64,
    pub reason: StopReason,
}

/// What a race on a surface refuses.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SurfaceRaceError {
    #[error(
        "a race on a test surface ends at {MAX_SURFACE_STEPS} updates; it has made {done}, {asked} more were asked"
    )]
    StepCap { done: u64, asked: u64 },
}

/// One contestant: its optimizer, its point and its history.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SurfaceRacer {
    pub optimizer: ParameterOptimizer,
    /// the parameter P = (x, y)ᵀ, 2 × 1
    pub point: Array2<f64>,
    /// every finite point: path[0] the start, path[t] after t updates (a racer stopped for a
    /// non-finite number ends at its last finite point)
    pub path: Vec<[f64; 2]>,
    /// f at each point of `path`
    pub losses: Vec<f64>,
    /// the gradient ∇f its last update used (at the point before it), 2 × 1
    pub last_gradient: Option<Array2<f64>>,
    pub stopped: Option<Stop>,
}

impl SurfaceRacer {
    /// A racer at `start`, t = 0, V = S = 0.
    pub fn new(surface: &Surface, start: [f64; 2], settings: OptimizerSettings) -> Self {
        SurfaceRacer {
            optimizer: ParameterOptimizer::new(settings, (2, 1)),
            point: column(start),
            path: vec![start],
            losses: vec![surface.value(start)],
            last_gradient: None,
            stopped: None,
        }
    }

    pub fn kind(&self) -> OptimizerKind {
        self.optimizer.settings.kind()
    }

    /// The current point (x, y).
    pub fn position(&self) -> [f64; 2] {
        [self.point[[0, 0]], self.point[[1, 0]]]
    }

    /// ∇f at the current point.
    pub fn gradient(&self, surface: &Surface) -> [f64; 2] {
        surface.gradient(self.position())
    }

    /// The change the last update made (`ParameterOptimizer::effective_step` with the
    /// gradient it used): −α∇f, −αV, −α∇f/(√S + ε), −αV̂/(√Ŝ + ε); `None` before the first.
    pub fn effective_step(&self) -> Option<[f64; 2]> {
        let g = self.last_gradient.as_ref()?;
        let s = self.optimizer.effective_step(g);
        Some([s[[0, 0]], s[[1, 0]]])
    }

    /// One update with ∇f at the current point, then the checks: a point, f, or a state that
    /// is not finite stops the racer (`NonFinite`, the point not kept), and so does a point
    /// outside the plot square scaled by `ESCAPE_FACTOR` (`LeftPlot`, the point kept).
    fn step(&mut self, surface: &Surface) {
        let g = column(self.gradient(surface));
        self.optimizer.update(&mut self.point, &g);
        self.last_gradient = Some(g);
        let t = self.optimizer.step;
        let p = self.position();
        let f = surface.value(p);
        let state_finite = [&self.optimizer.velocity, &self.optimizer.sq_avg]
            .into_iter()
            .flatten()
            .all(|m| m.iter().all(|v| v.is_finite()));
        if !(p[0].is_finite() && p[1].is_finite() && f.is_finite() && state_finite) {
            self.stop(t, StopReason::NonFinite);
            return;
        }
        self.path.push(p);
        self.losses.push(f);
        if !surface.domain().scaled(ESCAPE_FACTOR).contains(p) {
            self.stop(t, StopReason::LeftPlot);
        }
    }

    fn stop(&mut self, step: u64, reason: StopReason) {
        self.stopped = Some(Stop { step, reason });
    }
}

/// (x, y) as the 2 × 1 column the optimizers update.
fn column(p: [f64; 2]) -> Array2<f64> {
    Array2::from_shape_vec((2, 1), p.to_vec()).expect("two numbers make a 2 × 1 column")
}

/// Racers on one surface from one start, updated in lockstep.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SurfaceRace {
    pub surface: Surface,
    pub start: [f64; 2],
    /// in the order of the settings given (the four kinds in `OptimizerKind::ALL` order for
    /// the page)
    pub racers: Vec<SurfaceRacer>,
    /// the updates made so far (a stopped racer has made fewer)
    pub steps: u64,
}

impl SurfaceRace {
    /// One racer per settings, all at `start` (checked by the caller: `check_start`).
    pub fn new(surface: Surface, start: [f64; 2], settings: &[OptimizerSettings]) -> Self {
        SurfaceRace {
            surface,
            start,
            racers: settings
                .iter()
                .map(|&s| SurfaceRacer::new(&surface, start, s))
                .collect(),
            steps: 0,
        }
    }

    /// The four kinds with this surface's defaults (`surface_settings`).
    pub fn with_defaults(surface: Surface, start: [f64; 2]) -> Self {
        SurfaceRace::new(surface, start, &surface_settings(&surface))
    }

    /// The first racer of `kind`.
    pub fn racer(&self, kind: OptimizerKind) -> Option<&SurfaceRacer> {
        self.racers.iter().find(|r| r.kind() == kind)
    }

    /// New hyper-parameters for the racer of their kind, from its next update on (its point
    /// and state are kept: α and β change live). False when no racer has that kind.
    pub fn set_settings(&mut self, settings: OptimizerSettings) -> bool {
        let kind = settings.kind();
        match self.racers.iter_mut().find(|r| r.kind() == kind) {
            Some(r) => {
                r.optimizer.settings = settings;
                true
            }
            None => false,
        }
    }

    /// One update of every racer not stopped; an error, and nothing done, past
    /// `MAX_SURFACE_STEPS`.
    pub fn step(&mut self) -> Result<(), SurfaceRaceError> {
        self.run(1)
    }

    /// `n` updates of every racer not stopped; an error, and nothing done, when they would
    /// pass `MAX_SURFACE_STEPS`.
    pub fn run(&mut self, n: u64) -> Result<(), SurfaceRaceError> {
        if n > MAX_SURFACE_STEPS.saturating_sub(self.steps) {
            return Err(SurfaceRaceError::StepCap {
                done: self.steps,
                asked: n,
            });
        }
        for _ in 0..n {
            for r in self.racers.iter_mut().filter(|r| r.stopped.is_none()) {
                r.step(&self.surface);
            }
            self.steps += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
