//! The loop: each frame trains whole mini-batches within its time budget, then does at most
//! one drawing, the drawings taking turns at their own rates.

use super::*;
use crate::web::panels::{boundary, race_chart, race_table};
use web_sys::HtmlCanvasElement;

/// Training time per frame, in ms, when the frame draws nothing else, and when it draws.
const TRAIN_BUDGET_MS: f64 = 8.0;
const TRAIN_BUDGET_DRAWING_MS: f64 = 2.0;
/// Replaying a saved run after a reload: ms per frame.
const REPLAY_BUDGET_MS: f64 = 10.0;
/// While training: how often each drawing is redone, in ms.
const CHART_EVERY_MS: f64 = 250.0;
const TEXT_EVERY_MS: f64 = 100.0;
const FIELDS_EVERY_MS: f64 = 200.0;
const DIAGRAM_EVERY_MS: f64 = 300.0;
/// How often the run is written to local storage while it changes, in ms.
const STORE_EVERY_MS: f64 = 2000.0;
/// Grid sides: while training and when paused.
const BIG_LIVE: usize = 56;
const BIG_SHARP: usize = 160;
const SMALL_LIVE: usize = 32;
const SMALL_SHARP: usize = 80;
const NODE_LIVE: usize = 12;
const NODE_SHARP: usize = 24;

const ALL_DIVERGED: &str =
    "All four racers diverged (their numbers overflowed). Lower the learning rates, then reset.";

/// The drawings a frame can do, one per frame, in order of priority.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Job {
    Points,
    Chart,
    BigField,
    Diagram,
    SmallFields,
    Lesson,
}
pub(super) const JOBS: usize = 6;
const ALL_JOBS: [Job; JOBS] = [
    Job::Points,
    Job::Lesson,
    Job::Chart,
    Job::BigField,
    Job::Diagram,
    Job::SmallFields,
];

impl Job {
    /// How often it is redone while training (ms); the points only change with the data.
    fn every(self) -> f64 {
        match self {
            Job::Points => 0.0,
            Job::Chart => CHART_EVERY_MS,
            Job::BigField | Job::SmallFields => FIELDS_EVERY_MS,
            Job::Diagram | Job::Lesson => DIAGRAM_EVERY_MS,
        }
    }
}

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

/// The most work one drawing of a grid may do (units of `budget`): paused, about 0.1 s (the
/// largest net is then drawn on a 74 × 74 grid); while training, about 5 ms alone — 20 to
/// 40 ms when the race's workers take every core — so that no task of the main thread
/// passes 50 ms (the largest net: 16 × 16).
const DRAW_WORK: f64 = 2e8;
const LIVE_DRAW_WORK: f64 = 1e7;
/// The same for the live fields the race's workers compute with each report (about 20 ms of
/// a worker's time on the largest net, where an epoch takes 0.5 s): sharper than the page's own.
const WORKER_DRAW_WORK: f64 = 4e7;

/// The work one drawing may do: the four small fields share it.
fn draw_work(live: bool, share: f64) -> f64 {
    share * if live { LIVE_DRAW_WORK } else { DRAW_WORK }
}

/// Draws racer `kind`'s field: from `ready` (a worker's grid, side and outputs) when there is
/// one, else computed here on a grid of side `resolution` or less, as `work` affords.
fn draw_field(
    canvas: &HtmlCanvasElement,
    session: &Session,
    kind: OptimizerKind,
    (resolution, work): (usize, f64),
    discrete: bool,
    ready: Option<(usize, &[f64])>,
) {
    if let Some((side, grid)) = ready {
        let rgba = boundary::grid_rgba(session, grid, side, discrete);
        return boundary::draw_field(canvas, &rgba, side);
    }
    let resolution = session.affordable_side(resolution, work);
    match boundary::field_rgba(session, kind, resolution, discrete) {
        Ok(rgba) => boundary::draw_field(canvas, &rgba, resolution),
        Err(e) => errors::show(&e.to_string()),
    }
}

/// The live fields the workers compute for the race as it is.
fn worker_sides(session: &Session) -> crew::Sides {
    crew::Sides {
        small: session.affordable_side(SMALL_LIVE, 0.25 * WORKER_DRAW_WORK),
        big: session.affordable_side(BIG_LIVE, WORKER_DRAW_WORK),
        focus: session.stepper().focus,
    }
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
        if let Some(job) = job {
            self.run(job);
        }
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
            let hidden = match j {
                Job::Lesson => !self.lesson_view,
                Job::Chart | Job::SmallFields => self.lesson_view,
                _ => false,
            };
            !hidden
                && self.stale[j as usize]
                && (!self.playing || now - self.drawn_at[j as usize] > j.every())
        })
    }

    fn run(&mut self, job: Job) {
        let session = &self.session;
        let sharp = !self.playing;
        match job {
            Job::Points => self.draw_points(session),
            Job::Chart => {
                if let Err(e) =
                    race_chart::draw(&dom::canvas("race-chart"), session, self.log_scale)
                {
                    errors::show(&format!("The race chart could not be drawn: {e}"));
                }
            }
            Job::BigField => {
                let res = if sharp { BIG_SHARP } else { BIG_LIVE };
                let focus = session.stepper().focus;
                draw_field(
                    &dom::canvas("boundary-big"),
                    session,
                    session.focused_kind(),
                    (res, draw_work(!sharp, 1.0)),
                    self.discretize,
                    self.crew.field(session, focus, true).filter(|_| !sharp),
                );
            }
            Job::SmallFields => {
                let res = if sharp { SMALL_SHARP } else { SMALL_LIVE };
                for (i, racer) in session.stepper().race.racers.iter().enumerate() {
                    let kind = racer.kind();
                    draw_field(
                        &dom::canvas(&format!("field-{}", kind.name())),
                        session,
                        kind,
                        (res, draw_work(!sharp, 0.25)),
                        self.discretize,
                        self.crew.field(session, i, false).filter(|_| !sharp),
                    );
                }
            }
            Job::Diagram => {
                self.diagram = diagram::draw(
                    &dom::canvas("diagram"),
                    session,
                    if sharp {
                        (NODE_SHARP, diagram::MAX_LINKS)
                    } else {
                        (NODE_LIVE, diagram::LIVE_LINKS)
                    },
                    &self.diagram,
                )
            }
            Job::Lesson => lesson::draw(self),
        }
        // a live (coarse) drawing leaves the sharp one still to do once paused
        self.stale[job as usize] = !sharp && !matches!(job, Job::Points | Job::Chart | Job::Lesson);
        self.drawn_at[job as usize] = dom::now_ms();
    }

    fn update_status(&self, session: &Session) {
        dom::set_text("epoch-count", &session.epochs_done().to_string());
        let focused = session.focused_kind();
        dom::set_text("focus-name", focused.label());
        let next = session.upcoming();
        let next = match next.layer {
            Some(l) => format!("next: {} layer {l}", next.phase.name()),
            None => format!("next: {}", next.phase.name()),
        };
        dom::set_text("next-step", &next);
        for el in dom::select_all("figure[data-focus]") {
            let is = el.get_attribute("data-focus").as_deref() == Some(focused.name());
            let _ = el.class_list().toggle_with_force("focused", is);
        }
        let _ = dom::element("focus-panel")
            .style()
            .set_property("--racer", &colors::css(colors::racer(focused)));
    }

    fn draw_points(&self, session: &Session) {
        boundary::draw_points(
            &dom::canvas("points-big"),
            session,
            self.show_test,
            3.2,
            true,
        );
        boundary::ring_examples(&dom::canvas("points-big"), session, &self.picked);
        dom::set_html(&dom::element("colour-key"), &boundary::key_html(session));
        for kind in OptimizerKind::ALL {
            boundary::draw_points(
                &dom::canvas(&format!("points-{}", kind.name())),
                session,
                self.show_test,
                1.6,
                false,
            );
        }
    }
}
