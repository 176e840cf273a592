//! A surface lesson's run (issue 12): when the scenario has `surface`, the session holds a
//! `SurfaceRace` beside the (unused) network race, and the commands that move the race move
//! it instead — one update of the four racers is one step and one "epoch". Each update keeps
//! an undo record, so ← goes back to the very bits the straight run had there.
//!
//! Memory: an undo record is four racers' t, point, V, S and last gradient (at most 9
//! numbers and a stop each, about 130 bytes a racer); the race ends at `MAX_SURFACE_STEPS`
//! = 10,000 updates, so the records hold about 5 MB at most, the paths about 1 MB.

use super::*;
use crate::math::surface::{Surface, check_start};
use crate::scenario::SurfaceLesson;
pub use crate::training::surface_race::{
    MAX_SURFACE_STEPS, Stop, StopReason, SurfaceRace, SurfaceRaceError, SurfaceRacer,
    surface_defaults, surface_settings,
};

/// What undoing one racer's update needs: its state before it, and its path's length then.
#[derive(Clone, Debug, PartialEq)]
struct Memo {
    step: u64,
    point: [f64; 2],
    velocity: Option<[f64; 2]>,
    sq_avg: Option<[f64; 2]>,
    gradient: Option<[f64; 2]>,
    stopped: Option<Stop>,
    len: usize,
}

fn pair(m: &Array2<f64>) -> [f64; 2] {
    [m[[0, 0]], m[[1, 0]]]
}

fn column(p: [f64; 2]) -> Array2<f64> {
    Array2::from_shape_vec((2, 1), p.to_vec()).expect("two numbers make a 2 × 1 column")
}

impl Memo {
    fn of(r: &SurfaceRacer) -> Memo {
        Memo {
            step: r.optimizer.step,
            point: r.position(),
            velocity: r.optimizer.velocity.as_ref().map(pair),
            sq_avg: r.optimizer.sq_avg.as_ref().map(pair),
            gradient: r.last_gradient.as_ref().map(pair),
            stopped: r.stopped,
            len: r.path.len(),
        }
    }

    fn restore(&self, r: &mut SurfaceRacer) {
        r.optimizer.step = self.step;
        r.point = column(self.point);
        r.optimizer.velocity = self.velocity.map(column);
        r.optimizer.sq_avg = self.sq_avg.map(column);
        r.last_gradient = self.gradient.map(column);
        r.stopped = self.stopped;
        r.path.truncate(self.len);
        r.losses.truncate(self.len);
    }
}

/// The surface race of a session and the undo records of its updates.
#[derive(Clone, Debug, PartialEq)]
pub struct SurfaceRun {
    pub race: SurfaceRace,
    undo: Vec<Vec<Memo>>,
}

impl SurfaceRun {
    /// The race of a surface lesson: the four racers with the scenario's `race` settings at
    /// its start; `None` for a network lesson.
    pub fn of(scenario: &Scenario) -> Option<SurfaceRun> {
        let SurfaceLesson { surface, start } = scenario.surface?;
        Some(SurfaceRun {
            race: SurfaceRace::new(surface, start, &scenario.race),
            undo: Vec::new(),
        })
    }

    /// One update of every racer not stopped, undoable.
    pub fn step(&mut self) -> Result<(), SurfaceRaceError> {
        let memos = self.race.racers.iter().map(Memo::of).collect();
        self.race.step()?;
        self.undo.push(memos);
        Ok(())
    }

    /// Undoes the last update; false when there is none.
    pub fn step_back(&mut self) -> bool {
        let Some(memos) = self.undo.pop() else {
            return false;
        };
        for (m, r) in memos.iter().zip(&mut self.race.racers) {
            m.restore(r);
        }
        self.race.steps -= 1;
        true
    }

    /// n updates, undoable one by one; nothing done past `MAX_SURFACE_STEPS`.
    pub fn run(&mut self, n: u64) -> Result<(), SurfaceRaceError> {
        self.room_for(n)?;
        for _ in 0..n {
            self.step()?;
        }
        Ok(())
    }

    /// `StepCap` when n more updates would pass `MAX_SURFACE_STEPS`.
    pub fn room_for(&self, n: u64) -> Result<(), SurfaceRaceError> {
        let done = self.race.steps;
        if n > MAX_SURFACE_STEPS.saturating_sub(done) {
            return Err(SurfaceRaceError::StepCap { done, asked: n });
        }
        Ok(())
    }

    pub fn can_step_back(&self) -> bool {
        !self.undo.is_empty()
    }
}

/// An update as the step-by-step calls report it: a surface has no layers.
const UPDATE: SubStep = SubStep {
    phase: Phase::Update,
    layer: None,
};

impl Session {
    /// The surface run of a surface lesson.
    pub fn surface(&self) -> Option<&SurfaceRun> {
        self.surface.as_ref()
    }

    /// The test function of a surface lesson.
    pub fn surface_function(&self) -> Option<Surface> {
        self.surface.as_ref().map(|s| s.race.surface)
    }

    /// The followed racer on the surface.
    pub fn surface_racer(&self) -> Option<&SurfaceRacer> {
        let run = self.surface.as_ref()?;
        run.race.racer(self.focused_kind())
    }

    /// A network-only call on a surface lesson: refused, naming the call.
    pub(super) fn network_only(&self, call: &'static str) -> Result<(), SessionError> {
        match self.surface {
            Some(_) => Err(SessionError::NotOnSurface(call)),
            None => Ok(()),
        }
    }

    /// The commands a surface lesson answers differently (`None`: as on the network).
    pub(super) fn apply_on_surface(
        &mut self,
        command: &Command,
    ) -> Option<Result<Done, SessionError>> {
        let run = self.surface.as_mut()?;
        let done = match command {
            Command::NextStep | Command::RunPhase(Phase::Update) => {
                run.step().map(|()| Done::Step(UPDATE))
            }
            Command::StepBack => Ok(Done::SteppedBack(run.step_back())),
            Command::TrainEpochs(n) => run.run(*n).map(|()| Done::Nothing),
            Command::RunPhase(Phase::Forward) => {
                return Some(Err(SessionError::NotOnSurface("forward()")));
            }
            Command::RunPhase(_) => return Some(Err(SessionError::NotOnSurface("backward()"))),
            Command::EditParameter { .. } => {
                return Some(Err(SessionError::NotOnSurface("editing a weight")));
            }
            _ => return None,
        };
        if done.is_ok() {
            self.changed();
        }
        Some(done.map_err(SessionError::from))
    }

    /// The scenario with the common start moved to `start` (checked inside the plot square)
    /// and the racers' current settings: the race restarts from there.
    pub fn with_surface_start(&self, start: [f64; 2]) -> Result<Scenario, SessionError> {
        let Some(lesson) = self.base.surface else {
            return Err(SessionError::NotOnSurface("a start"));
        };
        check_start(&lesson.surface, start).map_err(|e| {
            SessionError::Invalid(ScenarioError::new("surface.start", e.to_string()))
        })?;
        let mut s = self.settings_scenario();
        s.surface = Some(SurfaceLesson { start, ..lesson });
        Ok(s)
    }

    /// The scenario of a lesson on `surface` (another function, or the bowl with another κ
    /// or θ) from its default start, the racers at that surface's defaults
    /// (`surface_settings`: a network's α would throw SGD off Rosenbrock at once). A preset's
    /// title and explanation were about the surface before: they go.
    pub fn with_surface(&self, surface: Surface) -> Scenario {
        let mut s = self.settings_scenario();
        s.view.remove("title");
        s.view.remove("explanation");
        let start = surface.default_start();
        s.surface = Some(SurfaceLesson { surface, start });
        s.race = surface_settings(&surface);
        s.optimizer = s.race[self.stepper.focus];
        s
    }

    /// A racer's default settings here: the surface's on a surface lesson, else the kind's.
    pub fn default_settings(&self, kind: OptimizerKind) -> OptimizerSettings {
        match self.surface_function() {
            Some(f) => surface_defaults(&f, kind),
            None => kind.defaults(),
        }
    }

    /// The landscape of a surface lesson (`SurfaceRace::landscape`), in the network
    /// landscape's shape: only the resolution applies.
    pub(super) fn surface_landscape(
        run: &SurfaceRun,
        options: &LandscapeOptions,
    ) -> Result<Landscape, SessionError> {
        let d = LandscapeOptions::default();
        if options.plane != d.plane || options.span.is_some() || options.seed != d.seed {
            return Err(SessionError::NotOnSurface(
                "a landscape's plane, span or seed (only resolution applies)",
            ));
        }
        let l = run.race.landscape(options.resolution)?;
        Ok(Landscape {
            plane: d.plane,
            a: l.a,
            b: l.b,
            cost: l.cost,
            paths: l.paths,
            explained: None,
            examples: 0,
            subsampled: false,
        })
    }
}

#[cfg(test)]
mod tests;
