//! A run kept in a browser: what it holds, how it is replayed, and how a replay is stopped.

use super::*;
use crate::json::{Map, Value};
use crate::scenario::file;
use crate::scenario::read::{Item, Record, Shape, optional, required};

/// A racer's hyper-parameters changed while the race ran, before batch `at_batch`
/// (0-based count of the race's updates): kept so that a saved run can be replayed exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveChange {
    pub at_batch: u64,
    pub settings: OptimizerSettings,
}

/// A run as it is kept in a browser's storage: the scenario as loaded, the live changes, and
/// how far the race got. Replaying it gives the same numbers, bit for bit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SavedRun {
    pub scenario: ScenarioFile,
    pub changes: Vec<SavedChange>,
    /// updates of the race done
    pub batches: u64,
    /// sub-steps of the step under way
    pub substeps: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SavedChange {
    pub at_batch: u64,
    pub settings: OptimizerFile,
}

/// How a kept run is read (`scenario::read`): `changes` and `substeps` may be left out.
static SAVED_RUN: Record<SavedRun> = Record {
    name: "SavedRun",
    fields: &[
        required("scenario", Shape::Record(&file::SCENARIO), |f, v| {
            f.scenario = ScenarioFile::build(v)
        }),
        optional("changes", Shape::List(&CHANGE_SHAPE), |f, v| {
            f.changes = v.list(|c| CHANGE.build(c))
        }),
        required("batches", Shape::Uint, |f, v| f.batches = v.uint()),
        optional("substeps", Shape::Size, |f, v| f.substeps = v.size()),
    ],
};

/// A kept run as `scenario::read_json` reads one, and as a field of what holds one.
pub static SAVED_RUN_SHAPE: Shape = Shape::Record(&SAVED_RUN);

static CHANGE: Record<SavedChange> = Record {
    name: "SavedChange",
    fields: &[
        required("at_batch", Shape::Uint, |f, v| f.at_batch = v.uint()),
        required("settings", Shape::Record(&file::OPTIMIZER), |f, v| {
            f.settings = OptimizerFile::build(v)
        }),
    ],
};
static CHANGE_SHAPE: Shape = Shape::Record(&CHANGE);

impl SavedRun {
    /// The run from the item `SAVED_RUN_SHAPE` read.
    pub fn build(item: Item) -> SavedRun {
        SAVED_RUN.build(item)
    }

    /// The run read from JSON text (not checked: `Session::resume` does).
    pub fn from_json(text: &str) -> Result<SavedRun, ScenarioError> {
        crate::scenario::read_json(text, SAVED_RUN_SHAPE).map(SavedRun::build)
    }

    /// The run as JSON text.
    pub fn to_json(&self) -> String {
        crate::json::to_string(&self.to_value())
    }

    /// The run as a JSON object, every field written.
    pub fn to_value(&self) -> Value {
        let change = |c: &SavedChange| {
            let mut m = Map::new();
            m.insert("at_batch", c.at_batch);
            m.insert("settings", c.settings.to_value());
            Value::Object(m)
        };
        let mut m = Map::new();
        m.insert("scenario", self.scenario.to_value());
        m.insert(
            "changes",
            Value::Array(self.changes.iter().map(change).collect()),
        );
        m.insert("batches", self.batches);
        m.insert("substeps", self.substeps);
        Value::Object(m)
    }
}

impl Session {
    /// What a browser keeps to bring this run back after a reload.
    pub fn saved(&self) -> SavedRun {
        SavedRun {
            scenario: self.base.to_file(),
            changes: self
                .changes
                .iter()
                .map(|c| SavedChange {
                    at_batch: c.at_batch,
                    settings: optimizer_file(&c.settings),
                })
                .collect(),
            batches: self.batches_done(),
            substeps: self.substeps_done(),
        }
    }

    /// Sub-steps done of the step under way.
    pub(super) fn substeps_done(&self) -> usize {
        let Some(p) = &self.stepper.progress else {
            return 0;
        };
        if p.updated {
            return 0;
        }
        let forward = p.cache.layers.len();
        let cost = usize::from(p.cost.is_some());
        let backward = p.grads.iter().filter(|g| g.is_some()).count();
        forward + cost + backward
    }

    /// A session that will replay a saved run: call `catch_up` until it says it is done
    /// (the page does so a few milliseconds a frame, so a long run never freezes the tab).
    pub fn resume(saved: SavedRun) -> Result<Session, ScenarioError> {
        let scenario = Scenario::from_file(saved.scenario)?;
        if saved.changes.len() > MAX_LIVE_CHANGES {
            return Err(ScenarioError::new(
                "changes",
                format!(
                    "{} changes; a run keeps at most {MAX_LIVE_CHANGES}",
                    saved.changes.len()
                ),
            ));
        }
        let mut changes = Vec::with_capacity(saved.changes.len());
        for (i, c) in saved.changes.iter().enumerate() {
            let settings = check_optimizer(&c.settings, &format!("changes[{i}].settings"))?;
            if c.at_batch > saved.batches {
                return Err(ScenarioError::new(
                    format!("changes[{i}].at_batch"),
                    format!(
                        "{} is after the run's last update ({})",
                        c.at_batch, saved.batches
                    ),
                ));
            }
            changes.push(LiveChange {
                at_batch: c.at_batch,
                settings,
            });
        }
        let mut session = Session::new(scenario);
        let max = match session.surface {
            Some(_) => MAX_SURFACE_STEPS,
            None => (MAX_RACE_EPOCHS * session.stepper.race.schedule.batches_per_epoch()) as u64,
        };
        if saved.batches > max {
            return Err(ScenarioError::new(
                "batches",
                format!(
                    "{} updates; a race of this scenario stops after {max} ({MAX_RACE_EPOCHS} epochs)",
                    saved.batches
                ),
            ));
        }
        session.changes = changes;
        session.replay = Some((saved.batches, saved.substeps.min(2 * session.depth() + 1)));
        Ok(session)
    }

    /// Ends a replay where it has got to (a person pressed play, step or reset meanwhile):
    /// the run goes on from there.
    pub fn stop_replay(&mut self) {
        if self.replay.take().is_some() {
            let done = self.batches_done();
            self.changes.retain(|c| c.at_batch <= done);
            self.changed();
        }
    }

    /// True while a replay is under way.
    pub fn replaying(&self) -> bool {
        self.replay.is_some()
    }

    /// The replay's progress: (updates done, updates to do).
    pub fn replay_progress(&self) -> Option<(u64, u64)> {
        self.replay.map(|(target, _)| (self.batches_done(), target))
    }

    /// Replays up to `batches` more updates of a saved run; true when it has all been replayed.
    pub fn catch_up(&mut self, batches: u64) -> bool {
        let Some((target, substeps)) = self.replay else {
            return true;
        };
        for _ in 0..batches {
            let done = self.batches_done();
            let due: Vec<OptimizerSettings> = self
                .changes
                .iter()
                .filter(|c| c.at_batch == done)
                .map(|c| c.settings)
                .collect();
            for s in due {
                self.apply_settings(s);
                self.settings_changed();
            }
            if done >= target {
                for _ in 0..substeps {
                    self.stepper.next_step();
                }
                self.replay = None;
                self.changed();
                return true;
            }
            match &mut self.surface {
                Some(run) => {
                    let _ = run.step(); // within MAX_SURFACE_STEPS: `resume` checked the target
                }
                None => self.stepper.race.step_batch(),
            }
        }
        self.changed();
        false
    }
}
