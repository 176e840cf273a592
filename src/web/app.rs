//! The page: the session it shows, the animation loop, and the transport controls
//! (play / pause, one epoch, one sub-step, reset, speed), the view toggles and the notes.
//!
//! The loop runs on requestAnimationFrame. Each frame trains whole mini-batches until its
//! time budget is spent (or the frame's epochs are done), then does at most one drawing —
//! the chart, the diagram and the boundaries take turns a few times a second and at a lower
//! resolution while training, sharp when paused — so a frame stays near 12 ms and the page
//! answers clicks.

use crate::math::optimizer::OptimizerKind;
use crate::scenario::Scenario;
use crate::scenario::view::View;
use crate::session::Session;
use crate::session::SubStep;
use crate::web::bindings::Playground;
use crate::web::panels::controls::{self, Note, Notify};
use crate::web::{
    colors, dom, errors, io::sharing, keys, panels::boundary, panels::diagram, panels::lesson,
    panels::race_chart, panels::race_table,
};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Event, HtmlCanvasElement, MouseEvent};

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

pub struct App {
    pub session: Rc<RefCell<Session>>,
    pub playing: bool,
    pub speed: usize,
    pub show_test: bool,
    pub log_scale: bool,
    /// the boundary as hard classes (TF Playground's "discretize output")
    pub discretize: bool,
    pub presentation: bool,
    /// the matrices of the step instead of the race
    pub lesson_view: bool,
    /// the sub-step just done, for the highlights
    pub last_step: Option<SubStep>,
    /// train examples picked on the boundary plot for a lesson
    pub picked: Vec<usize>,
    /// the scenario a lesson on a few examples was taken from
    pub before_lesson: Option<Scenario>,
    seen_revision: Option<u64>,
    stale: [bool; JOBS],
    drawn_at: [f64; JOBS],
    /// the epoch, the next sub-step, the table of numbers
    text_stale: bool,
    text_at: f64,
    store_stale: bool,
    store_at: f64,
    /// "+1 epoch" on a net where an epoch is more than a frame's work: the epoch count to
    /// reach, trained a frame's budget at a time
    epoch_target: Option<usize>,
}

/// The drawings a frame can do, one per frame, in order of priority.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Job {
    Points,
    Chart,
    BigField,
    Diagram,
    SmallFields,
    Lesson,
}
const JOBS: usize = 6;
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

pub type Shared = Rc<RefCell<App>>;

/// Builds the page's session (from a link, else the last run kept in this browser, else
/// the default), exposes it as `window.playground`, wires the controls and starts the loop.
pub fn mount() {
    errors::set_restoring(true);
    errors::wire();
    let recovered = errors::after_reload();
    let (session, view, message) = sharing::initial_session();
    let session = Rc::new(RefCell::new(session));
    let handle: JsValue = Playground::sharing(session.clone()).into();
    let _ = js_sys::Reflect::set(&dom::window(), &"playground".into(), &handle);
    let app = Rc::new(RefCell::new(App {
        session: session.clone(),
        playing: false,
        speed: 1,
        show_test: false,
        log_scale: false,
        discretize: false,
        presentation: false,
        lesson_view: false,
        last_step: None,
        picked: Vec::new(),
        before_lesson: None,
        seen_revision: None,
        stale: [true; JOBS],
        drawn_at: [f64::NEG_INFINITY; JOBS],
        text_stale: true,
        text_at: f64::NEG_INFINITY,
        store_stale: false,
        store_at: f64::NEG_INFINITY,
        epoch_target: None,
    }));
    app.borrow_mut().apply_view(&view);
    paint_swatches();
    let notify = notifier();
    controls::fill(&session.borrow());
    controls::wire(&session, &notify);
    diagram::wire(session.clone(), notify.clone());
    wire_transport(&app);
    keys::wire(&app, &notify);
    sharing::wire(&app, &notify);
    lesson::wire(&app, &notify);
    lesson::show_note(session.borrow().base());
    if let Some(message) = recovered.or(message) {
        errors::show(&message);
    }
    start_loop(app);
    let _ = dom::document()
        .body()
        .map(|b| b.class_list().add_1("ready"));
}

/// Notes under the settings: what a change did, or why it was refused.
fn notifier() -> Notify {
    Rc::new(|note: Note| {
        let (text, class) = match note {
            Note::Restarted(t) => (t, "note restarted"),
            Note::Applied(t) => (t, "note applied"),
            Note::Refused(t) => (t, "note refused"),
        };
        let el = dom::element("settings-note");
        el.set_text_content(Some(&text));
        el.set_class_name(class);
    })
}

/// Colour each racer's legend swatch from the one palette.
fn paint_swatches() {
    for kind in OptimizerKind::ALL {
        for el in dom::select_all(&format!("[data-kind=\"{}\"]", kind.name())) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el
                    .style()
                    .set_property("--racer", &colors::css(colors::racer(kind)));
            }
        }
    }
}

fn button(app: &Shared, id: &str, f: impl Fn(&mut App) + 'static) {
    let app = app.clone();
    dom::on::<Event>(&dom::element(id), "click", move |_| {
        let mut a = app.borrow_mut();
        f(&mut a);
    });
}

/// A view checkbox: `f` takes its new state; the view is then kept.
fn toggle(app: &Shared, id: &'static str, f: impl Fn(&mut App, bool) + 'static) {
    let app = app.clone();
    dom::on::<Event>(&dom::element(id), "change", move |_| {
        let mut a = app.borrow_mut();
        f(&mut a, dom::input(id).checked());
        a.store_stale = true;
    });
}

fn wire_transport(app: &Shared) {
    button(app, "play", |a| a.set_playing(!a.playing));
    button(app, "one-epoch", App::one_epoch);
    button(app, "step", App::sub_step);
    button(app, "reset", App::reset);
    button(app, "presentation", |a| a.set_presentation(!a.presentation));
    {
        let app = app.clone();
        dom::on::<Event>(&dom::element("speed"), "input", move |_| {
            let v = dom::input("speed").value_as_number();
            let speed = if v.is_finite() {
                v.round().clamp(1.0, 50.0) as usize
            } else {
                1
            };
            app.borrow_mut().set_speed(speed);
        });
    }
    toggle(app, "show-test", |a, on| {
        a.show_test = on;
        a.stale[Job::Points as usize] = true;
    });
    toggle(app, "discretize", |a, on| {
        a.discretize = on;
        a.stale[Job::BigField as usize] = true;
        a.stale[Job::SmallFields as usize] = true;
    });
    toggle(app, "log-scale", |a, on| {
        a.log_scale = on;
        a.stale[Job::Chart as usize] = true;
    });
    // a click on a racer's small boundary or its table row puts it in focus
    for el in dom::select_all("[data-focus]") {
        let app = app.clone();
        if let Some(kind) = el
            .get_attribute("data-focus")
            .and_then(|k| OptimizerKind::from_name(&k))
        {
            dom::on::<MouseEvent>(&el, "click", move |_| app.borrow_mut().focus(kind));
        }
    }
    {
        let app = app.clone();
        dom::on::<Event>(&dom::window(), "resize", move |_| {
            app.borrow_mut().layout_changed()
        });
    }
}

fn start_loop(app: Shared) {
    type Tick = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;
    let tick: Tick = Rc::new(RefCell::new(None));
    let again = tick.clone();
    *tick.borrow_mut() = Some(Closure::new(move || {
        if errors::broken() {
            return; // a panic: the page is reloading, its state is not to be touched
        }
        app.borrow_mut().frame();
        request_frame(again.borrow().as_ref().expect("the loop's closure"));
    }));
    request_frame(tick.borrow().as_ref().expect("the loop's closure"));
}

fn request_frame(f: &Closure<dyn FnMut()>) {
    let _ = dom::window().request_animation_frame(f.as_ref().unchecked_ref());
}

/// The most work one drawing of a grid may do (units of `budget`): about 0.1 s, so that a
/// frame that draws stays short (the largest net is then drawn on a 74 × 74 grid).
const DRAW_WORK: f64 = 2e8;

/// The grid side to draw: `wanted`, or less on a large net.
fn affordable(wanted: usize, session: &Session) -> usize {
    session.affordable_side(wanted, DRAW_WORK)
}

fn draw_field(
    canvas: &HtmlCanvasElement,
    session: &Session,
    kind: OptimizerKind,
    resolution: usize,
    discrete: bool,
) {
    let resolution = affordable(resolution, session);
    match boundary::field_rgba(session, kind, resolution, discrete) {
        Ok(rgba) => boundary::draw_field(canvas, &rgba, resolution),
        Err(e) => errors::show(&e.to_string()),
    }
}

impl App {
    pub fn set_playing(&mut self, playing: bool) {
        if playing {
            self.stop_replay();
            let room = self.session.borrow().room_for(1);
            if let Err(e) = room {
                errors::show(&e.to_string());
                return;
            }
        }
        if self.playing && !playing {
            // the live drawings were coarse: draw them sharp now
            self.stale = [true; JOBS];
            self.stale[Job::Points as usize] = false;
        }
        self.playing = playing;
        let button = dom::element("play");
        button.set_text_content(Some(if playing { "⏸ Pause" } else { "▶ Play" }));
        let _ = button.set_attribute("aria-pressed", if playing { "true" } else { "false" });
        let _ = dom::document()
            .body()
            .map(|b| b.class_list().toggle_with_force("playing", playing));
    }

    pub fn toggle_play(&mut self) {
        self.set_playing(!self.playing);
    }

    /// A replay of the stored run under way ends where it is, and says so: a person pressed
    /// a control, so the run goes on from there.
    fn stop_replay(&mut self) {
        let progress = self.session.borrow().replay_progress();
        if let Some((done, target)) = progress {
            self.session.borrow_mut().stop_replay();
            dom::set_text(
                "last-step",
                &format!(
                    "restoring stopped at update {done} of {target}; the run goes on from there"
                ),
            );
        }
    }

    /// One more epoch of the race: at once when it fits in a call's work, else a frame's
    /// budget at a time (the status line counts it).
    pub fn one_epoch(&mut self) {
        self.stop_replay();
        let result = self.session.borrow_mut().train_epochs(1);
        match result {
            Ok(()) => {}
            Err(crate::session::SessionError::TooMuchWork(_)) => {
                self.epoch_target = Some(self.session.borrow().epochs_done() + 1);
            }
            Err(e) => errors::show(&e.to_string()),
        }
    }

    pub fn sub_step(&mut self) {
        self.stop_replay();
        self.set_playing(false);
        let done = self.session.borrow_mut().next_step();
        self.last_step = Some(done);
        let what = match done.layer {
            Some(l) => format!("{} layer {l}", done.phase.name()),
            None => done.phase.name().to_string(),
        };
        dom::set_text("last-step", &format!("did: {what}"));
    }

    /// Undoes the last sub-step.
    pub fn step_back(&mut self) {
        self.stop_replay();
        self.set_playing(false);
        if self.session.borrow_mut().step_back() {
            self.last_step = None;
            dom::set_text("last-step", "stepped back");
        }
    }

    pub fn set_lesson_view(&mut self, on: bool) {
        self.lesson_view = on;
        let _ = dom::document()
            .body()
            .map(|b| b.class_list().toggle_with_force("lesson", on));
        let _ = dom::element("lesson-view")
            .set_attribute("aria-pressed", if on { "true" } else { "false" });
        self.layout_changed();
        self.store_stale = true;
    }

    pub fn lesson_stale(&mut self) {
        self.stale[Job::Lesson as usize] = true;
    }

    pub fn redraw_points(&mut self) {
        self.stale[Job::Points as usize] = true;
    }

    pub fn reset(&mut self) {
        self.stop_replay();
        self.epoch_target = None;
        self.set_playing(false);
        self.last_step = None;
        self.session.borrow_mut().reset();
        dom::set_text("last-step", "");
        errors::clear();
    }

    pub fn focus(&mut self, kind: OptimizerKind) {
        self.session.borrow_mut().focus(kind);
    }

    pub fn set_speed(&mut self, speed: usize) {
        self.speed = speed.clamp(1, 50);
        dom::input("speed").set_value(&self.speed.to_string());
        dom::set_text("speed-out", &self.speed.to_string());
        self.store_stale = true;
    }

    pub fn set_presentation(&mut self, on: bool) {
        self.presentation = on;
        let _ = dom::document()
            .body()
            .map(|b| b.class_list().toggle_with_force("presentation", on));
        // rem-sized text grows too
        let _ = dom::document()
            .document_element()
            .map(|h| h.class_list().toggle_with_force("presentation", on));
        let _ = dom::element("presentation")
            .set_attribute("aria-pressed", if on { "true" } else { "false" });
        self.layout_changed();
        self.store_stale = true;
    }

    pub fn layout_changed(&mut self) {
        dom::layout_changed();
        self.stale = [true; JOBS];
    }

    /// The page-only state kept in a scenario's `view`.
    pub fn view(&self) -> View {
        let base = self.session.borrow();
        let kept = View::read(&base.base().view).0;
        View {
            focus: Some(base.focused_kind()),
            speed: Some(self.speed as u32),
            show_test: Some(self.show_test),
            log_scale: Some(self.log_scale),
            discretize: Some(self.discretize),
            presentation: Some(self.presentation),
            lesson_view: Some(self.lesson_view),
            title: kept.title,
            explanation: kept.explanation,
        }
    }

    /// Applies a scenario's `view` (read here, where it enters); each unknown field or value of
    /// the wrong kind comes back as a note, and is ignored.
    pub fn apply_view(&mut self, map: &Map<String, Value>) -> Vec<String> {
        let (view, problems) = View::read(map);
        if let Some(kind) = view.focus {
            self.session.borrow_mut().focus(kind);
        }
        if let Some(speed) = view.speed {
            self.set_speed(speed as usize);
        }
        let toggles = [
            (view.show_test, &mut self.show_test, "show-test"),
            (view.discretize, &mut self.discretize, "discretize"),
            (view.log_scale, &mut self.log_scale, "log-scale"),
        ];
        for (value, field, id) in toggles {
            if let Some(on) = value {
                *field = on;
                dom::input(id).set_checked(on);
            }
        }
        if let Some(on) = view.presentation {
            self.set_presentation(on);
        }
        if let Some(on) = view.lesson_view {
            self.set_lesson_view(on);
        }
        // a lesson's title and explanation are shown by `lesson::show_note`
        self.stale = [true; JOBS];
        problems
    }

    fn frame(&mut self) {
        let t0 = dom::now_ms();
        let replaying = self.session.borrow().replaying();
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
        if self.playing {
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
            let session = self.session.clone();
            let session = session.borrow();
            self.update_status(&session);
            race_table::update(&session);
            self.text_stale = false;
            self.text_at = t0;
        }
        if let Some(job) = job {
            self.run(job);
        }
        if self.store_stale
            && (!self.playing || t0 - self.store_at > STORE_EVERY_MS)
            && !self.session.borrow().replaying()
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
        let mut session = self.session.borrow_mut();
        while dom::now_ms() - t0 < REPLAY_BUDGET_MS {
            // one batch at a time: on the largest net one batch is the most that cannot be split
            if session.catch_up(1) {
                break;
            }
        }
        let text = match session.replay_progress() {
            Some((done, target)) => format!(
                "restoring your last run: update {done} of {target}… (▶, → or ↺ stops it and goes on from there)"
            ),
            None => String::new(),
        };
        dom::set_text("last-step", &text);
        controls::fill(&session);
    }

    /// "+1 epoch" in slices: batches until the target epoch or the frame's budget.
    fn train_toward(&mut self, t0: f64, target: usize) {
        let mut session = self.session.borrow_mut();
        while session.epochs_done() < target && !session.race_full() {
            session.train_batch();
            if dom::now_ms() - t0 >= TRAIN_BUDGET_MS {
                let s = &session.stepper().race.schedule;
                let text = format!(
                    "training epoch {target}: batch {} of {}…",
                    s.batch,
                    s.batches_per_epoch()
                );
                dom::set_text("last-step", &text);
                return;
            }
        }
        self.epoch_target = None;
        dom::set_text("last-step", "");
    }

    /// Trains mini-batches until `speed` epochs have ended or the budget is spent.
    fn train(&mut self, t0: f64, budget: f64) {
        let mut session = self.session.borrow_mut();
        let mut epochs = 0;
        while epochs < self.speed && dom::now_ms() - t0 < budget {
            if let Err(e) = session.room_for(1) {
                drop(session);
                self.set_playing(false);
                errors::show(&e.to_string());
                return;
            }
            if session.train_batch() {
                epochs += 1;
            }
            if session
                .stepper()
                .race
                .racers
                .iter()
                .all(|r| r.diverged.is_some())
            {
                drop(session);
                self.set_playing(false);
                errors::show(
                    "All four racers diverged (their numbers overflowed). Lower the learning rates, then reset.",
                );
                return;
            }
        }
    }

    /// Marks what a change of the session (from the page or the console) made stale.
    fn notice_changes(&mut self) {
        let session = self.session.clone();
        let session = session.borrow();
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
        let session = self.session.clone();
        let session = session.borrow();
        let sharp = !self.playing;
        match job {
            Job::Points => self.draw_points(&session),
            Job::Chart => {
                if let Err(e) =
                    race_chart::draw(&dom::canvas("race-chart"), &session, self.log_scale)
                {
                    errors::show(&format!("The race chart could not be drawn: {e}"));
                }
            }
            Job::BigField => {
                let res = if sharp { BIG_SHARP } else { BIG_LIVE };
                draw_field(
                    &dom::canvas("boundary-big"),
                    &session,
                    session.focused_kind(),
                    res,
                    self.discretize,
                );
            }
            Job::SmallFields => {
                let res = if sharp { SMALL_SHARP } else { SMALL_LIVE };
                for kind in OptimizerKind::ALL {
                    draw_field(
                        &dom::canvas(&format!("field-{}", kind.name())),
                        &session,
                        kind,
                        res,
                        self.discretize,
                    );
                }
            }
            Job::Diagram => diagram::draw(
                &dom::canvas("diagram"),
                &session,
                if sharp { NODE_SHARP } else { NODE_LIVE },
            ),
            Job::Lesson => {
                drop(session);
                lesson::draw(self);
            }
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
