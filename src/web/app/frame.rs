//! The loop: each frame trains whole mini-batches within its time budget, then does at most
//! one drawing (`jobs`), the drawings taking turns at their own rates.

use super::jobs::{ALL_JOBS, Job, worker_sides};
use super::*;
use crate::web::panels::race_table;

/// Training time per frame, in ms, when the frame draws nothing else, and when it draws.
const TRAIN_BUDGET_MS: f64 = 8.0;
const TRAIN_BUDGET_DRAWING_MS: f64 = 2.0;
/// Replaying a saved run after a reload: ms per frame.
const REPLAY_BUDGET_MS: f64 = 10.0;
/// While training: how often the status line and the table are redone, in ms.
const TEXT_EVERY_MS: f64 = 100.0;
/// How often the run is written to local storage while it changes, in ms.
const STORE_EVERY_MS: f64 = 2000.0;

const ALL_DIVERGED: &str =
    "All four racers diverged (their numbers overflowed). Lower the learning rates, then reset.";

/// Sends `Msg::Frame` on every animation frame.
pub(super) fn start_loop(dispatch: Dispatch) {
    type Tick = std::rc::Rc<std::cell::RefCell<Option<Closure<dyn FnMut()>>>>;
    let tick: Tick = Default::default();
    let again = tick.clone();
    *tick.borrow_mut() = Some(Closure::new(move || {
        if errors::broken() {
            return; // a panic: the page is reloading, its state is not to be touched
        }
        dispatch.send(Msg::Frame);
        request_frame(again.borrow().as_ref().expect("the loop's closure"));
    }));
    request_frame(tick.borrow().as_ref().expect("the loop's closure"));
}

fn request_frame(f: &Closure<dyn FnMut()>) {
    let _ = dom::window().request_animation_frame(f.as_ref().unchecked_ref());
}

impl App {
    pub(super) fn frame(&mut self) {
        let t0 = dom::now_ms();
        let replaying = self.session.replaying();
        errors::set_restoring(replaying);
        if replaying {
            self.replay(t0);
        }
        self.notice_changes();
        let job = self.next_job(t0);
        if let Some(target) = self.epoch_target {
            self.train_toward(t0, target);
            self.notice_changes();
        }
        let workers = self.playing
            && self.crew.usable()
            && self.session.surface().is_none()
            && !self.session.replaying()
            && self.epoch_target.is_none();
        if workers {
            let sides = worker_sides(&self.session);
            self.crew.drive(&mut self.session, self.speed, sides);
            self.stop_when_done();
        } else {
            self.crew.stop();
        }
        if self.playing && !workers {
            // a frame that also draws trains less, so that it stays short
            let budget = if job.is_some() {
                TRAIN_BUDGET_DRAWING_MS
            } else {
                TRAIN_BUDGET_MS
            };
            self.train(t0, budget);
            self.notice_changes();
        }
        if self.text_stale && (!self.playing || t0 - self.text_at > TEXT_EVERY_MS) {
            self.update_status(&self.session);
            race_table::update(&self.session);
            self.text_stale = false;
            self.text_at = t0;
        }
        match job {
            Some(job) => self.run(job),
            None => self.landscape_slice(t0), // the landscape's work takes a frame of its own
        }
        crate::web::panels::surface::frame(self, job.is_some());
        if self.store_stale
            && (!self.playing || t0 - self.store_at > STORE_EVERY_MS)
            && !self.session.replaying()
        {
            sharing::keep(self);
            self.store_stale = false;
            self.store_at = t0;
        }
    }

    /// Replays a run kept in this browser, a few milliseconds a frame.
    fn replay(&mut self, t0: f64) {
        #[cfg(feature = "test-hooks")]
        if crate::web::io::files::stored("backprop-playground/test-panic-on-restore").as_deref()
            == Some("1")
        {
            panic!("a panic while restoring, asked for by a test");
        }
        while dom::now_ms() - t0 < REPLAY_BUDGET_MS {
            // one batch at a time: on the largest net one batch is the most that cannot be split
            if self.session.catch_up(1) {
                break;
            }
        }
        let text = match self.session.replay_progress() {
            Some((done, target)) => format!(
                "restoring your last run: update {done} of {target}… (▶, → or ↺ stops it and goes on from there)"
            ),
            None => String::new(),
        };
        self.set_status(text);
    }

    /// "+1 epoch" in slices: batches until the target epoch or the frame's budget.
    fn train_toward(&mut self, t0: f64, target: usize) {
        while self.session.epochs_done() < target && !self.session.race_full() {
            self.session.train_batch();
            if dom::now_ms() - t0 >= TRAIN_BUDGET_MS {
                let s = &self.session.stepper().race.schedule;
                let text = format!(
                    "training epoch {target}: batch {} of {}…",
                    s.batch,
                    s.batches_per_epoch()
                );
                self.set_status(text);
                return;
            }
        }
        self.epoch_target = None;
        self.set_status("");
    }

    /// Trains mini-batches until `speed` epochs have ended or the budget is spent.
    fn train(&mut self, t0: f64, budget: f64) {
        if self.session.surface().is_some() {
            return crate::web::panels::surface::play(self);
        }
        let mut epochs = 0;
        while epochs < self.speed && dom::now_ms() - t0 < budget {
            if let Err(e) = self.session.room_for(1) {
                self.set_playing(false);
                errors::show(&e.to_string());
                return;
            }
            if self.session.train_batch() {
                epochs += 1;
            }
            if self.all_diverged() {
                self.set_playing(false);
                errors::show(ALL_DIVERGED);
                return;
            }
        }
    }

    /// Stops playing when the race cannot go on: it is full, or every racer diverged.
    fn stop_when_done(&mut self) {
        if let Err(e) = self.session.room_for(1) {
            self.set_playing(false);
            errors::show(&e.to_string());
        } else if self.all_diverged() {
            self.set_playing(false);
            errors::show(ALL_DIVERGED);
        }
    }

    fn all_diverged(&self) -> bool {
        let racers = &self.session.stepper().race.racers;
        racers.iter().all(|r| r.diverged.is_some())
    }

    /// Marks what a change of the session (from the page or the console) made stale.
    fn notice_changes(&mut self) {
        let session = &self.session;
        let revision = session.revision();
        if self.seen_revision == Some(revision) {
            return;
        }
        if self.seen_revision.is_none() || session.epochs_done() == 0 && session.step() == 0 {
            self.stale[Job::Points as usize] = true; // a new scenario, or a reset
        }
        self.seen_revision = Some(revision);
        for job in [
            Job::Chart,
            Job::BigField,
            Job::SmallFields,
            Job::Diagram,
            Job::Lesson,
        ] {
            self.stale[job as usize] = true;
        }
        self.text_stale = true;
        self.store_stale = true;
    }

    /// The one drawing this frame does, if any is due.
    fn next_job(&self, now: f64) -> Option<Job> {
        ALL_JOBS.into_iter().find(|&j| {
            // a surface lesson shows only the chart of the network's drawings
            let hidden = self.session.surface().is_some() && j != Job::Chart
                || match j {
                    Job::Lesson => !self.lesson_view,
                    Job::Chart | Job::SmallFields => self.lesson_view,
                    Job::Landscape => self.lesson_view || !self.landscape.open,
                    _ => false,
                };
            !hidden
                && self.stale[j as usize]
                && (!self.playing || now - self.drawn_at[j as usize] > j.every())
        })
    }
}
