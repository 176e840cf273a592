//! The page: the session it shows, the animation loop, and the transport controls
//! (play / pause, one epoch, one sub-step, reset, speed).
//!
//! The loop runs on requestAnimationFrame. Each frame trains whole mini-batches until its
//! time budget is spent (or the frame's epochs are done), then redraws what changed — the
//! chart and the boundaries at most a few times a second and at a lower resolution while
//! training, sharp when paused — so a frame stays near 12 ms and the page answers clicks.

use super::bindings::Playground;
use super::{boundary, colors, dom, errors, race_chart, race_table};
use crate::optimizer::OptimizerKind;
use crate::scenario::Scenario;
use crate::session::Session;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Event, HtmlCanvasElement, MouseEvent};

/// Training time per frame, in ms, when the frame draws nothing else, and when it draws.
const TRAIN_BUDGET_MS: f64 = 9.0;
const TRAIN_BUDGET_DRAWING_MS: f64 = 2.0;
/// While training: how often the chart and the boundaries are redrawn, in ms.
const CHART_EVERY_MS: f64 = 150.0;
const TEXT_EVERY_MS: f64 = 100.0;
const FIELDS_EVERY_MS: f64 = 200.0;
/// Grid sides: while training and when paused.
const BIG_LIVE: usize = 64;
const BIG_SHARP: usize = 160;
const SMALL_LIVE: usize = 40;
const SMALL_SHARP: usize = 80;

pub struct App {
    session: Rc<RefCell<Session>>,
    playing: bool,
    speed: usize,
    show_test: bool,
    log_scale: bool,
    seen_revision: Option<u64>,
    chart_stale: bool,
    chart_at: f64,
    /// the focused racer's boundary and the four small ones
    big_stale: bool,
    big_at: f64,
    small_stale: bool,
    small_at: f64,
    points_stale: bool,
    /// the epoch, the next sub-step, the table of numbers
    text_stale: bool,
    text_at: f64,
}

/// The drawings a frame can do, one per frame.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Job {
    Points,
    Chart,
    BigField,
    SmallFields,
}

fn draw_field(
    canvas: &HtmlCanvasElement,
    session: &Session,
    kind: OptimizerKind,
    resolution: usize,
) {
    match boundary::field_rgba(session, kind, resolution) {
        Ok(rgba) => boundary::draw_field(canvas, &rgba, resolution),
        Err(e) => errors::show(&e.to_string()),
    }
}

type Shared = Rc<RefCell<App>>;

/// Builds the page's session from the default scenario, exposes it as `window.playground`,
/// wires the controls and starts the loop.
pub fn mount() {
    let session = Rc::new(RefCell::new(Session::new(Scenario::default())));
    let handle: JsValue = Playground::sharing(session.clone()).into();
    let _ = js_sys::Reflect::set(&dom::window(), &"playground".into(), &handle);
    let app = Rc::new(RefCell::new(App {
        session,
        playing: false,
        speed: 1,
        show_test: false,
        log_scale: false,
        seen_revision: None,
        chart_stale: true,
        chart_at: f64::NEG_INFINITY,
        big_stale: true,
        big_at: f64::NEG_INFINITY,
        small_stale: true,
        small_at: f64::NEG_INFINITY,
        points_stale: true,
        text_stale: true,
        text_at: f64::NEG_INFINITY,
    }));
    paint_swatches();
    wire_controls(&app);
    start_loop(app);
    let _ = dom::document()
        .body()
        .map(|b| b.class_list().add_1("ready"));
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

fn wire_controls(app: &Shared) {
    button(app, "play", |a| a.set_playing(!a.playing));
    button(app, "one-epoch", |a| {
        a.session.borrow_mut().train_epochs(1);
    });
    button(app, "step", |a| {
        a.set_playing(false);
        let done = a.session.borrow_mut().next_step();
        let what = match done.layer {
            Some(l) => format!("{} layer {l}", done.phase.name()),
            None => done.phase.name().to_string(),
        };
        dom::set_text("last-step", &format!("did: {what}"));
    });
    button(app, "reset", |a| {
        a.set_playing(false);
        a.session.borrow_mut().reset();
        dom::set_text("last-step", "");
        errors::clear();
    });
    {
        let app = app.clone();
        dom::on::<Event>(&dom::element("speed"), "input", move |_| {
            let v = dom::input("speed").value_as_number();
            let speed = if v.is_finite() {
                v.round().clamp(1.0, 50.0) as usize
            } else {
                1
            };
            app.borrow_mut().speed = speed;
            dom::set_text("speed-out", &speed.to_string());
        });
    }
    {
        let app = app.clone();
        dom::on::<Event>(&dom::element("show-test"), "change", move |_| {
            let mut a = app.borrow_mut();
            a.show_test = dom::input("show-test").checked();
            a.points_stale = true;
        });
    }
    {
        let app = app.clone();
        dom::on::<Event>(&dom::element("log-scale"), "change", move |_| {
            let mut a = app.borrow_mut();
            a.log_scale = dom::input("log-scale").checked();
            a.chart_stale = true;
        });
    }
    // a click on a racer's small boundary or its table row puts it in focus
    for el in dom::select_all("[data-focus]") {
        let app = app.clone();
        let kind = el
            .get_attribute("data-focus")
            .and_then(|k| OptimizerKind::from_name(&k));
        if let Some(kind) = kind {
            dom::on::<MouseEvent>(&el, "click", move |_| {
                let a = app.borrow_mut();
                a.session.borrow_mut().focus(kind);
            });
        }
    }
    {
        let app = app.clone();
        dom::on::<Event>(&dom::window(), "resize", move |_| {
            dom::layout_changed();
            let mut a = app.borrow_mut();
            a.points_stale = true;
            a.chart_stale = true;
            a.big_stale = true;
            a.small_stale = true;
        });
    }
}

fn start_loop(app: Shared) {
    type Tick = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;
    let tick: Tick = Rc::new(RefCell::new(None));
    let again = tick.clone();
    *tick.borrow_mut() = Some(Closure::new(move || {
        app.borrow_mut().frame();
        request_frame(again.borrow().as_ref().expect("the loop's closure"));
    }));
    request_frame(tick.borrow().as_ref().expect("the loop's closure"));
}

fn request_frame(f: &Closure<dyn FnMut()>) {
    let _ = dom::window().request_animation_frame(f.as_ref().unchecked_ref());
}

impl App {
    fn set_playing(&mut self, playing: bool) {
        if self.playing && !playing {
            // the live drawings were coarse: draw them sharp now
            self.big_stale = true;
            self.small_stale = true;
            self.chart_stale = true;
        }
        self.playing = playing;
        let button = dom::element("play");
        button.set_text_content(Some(if playing { "⏸ Pause" } else { "▶ Play" }));
        let _ = button.set_attribute("aria-pressed", if playing { "true" } else { "false" });
        let _ = dom::document()
            .body()
            .map(|b| b.class_list().toggle_with_force("playing", playing));
    }

    fn frame(&mut self) {
        let t0 = dom::now_ms();
        self.notice_changes();
        let job = self.next_job(t0);
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
    }

    /// Trains mini-batches until `speed` epochs have ended or the budget is spent.
    fn train(&mut self, t0: f64, budget: f64) {
        let mut session = self.session.borrow_mut();
        let mut epochs = 0;
        while epochs < self.speed && dom::now_ms() - t0 < budget {
            if session.train_batch() {
                epochs += 1;
            }
            let racers = &session.stepper().race.racers;
            if racers.iter().all(|r| r.diverged.is_some()) {
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
            self.points_stale = true; // a new scenario, or a reset
        }
        self.seen_revision = Some(revision);
        self.chart_stale = true;
        self.big_stale = true;
        self.small_stale = true;
        self.text_stale = true;
    }

    /// The one drawing this frame does, if any is due: while training the chart and the
    /// boundaries take turns a few times a second; when paused everything is drawn sharp.
    fn next_job(&self, now: f64) -> Option<Job> {
        if self.points_stale {
            return Some(Job::Points);
        }
        let due = |stale: bool, at: f64, every: f64| stale && (!self.playing || now - at > every);
        if due(self.chart_stale, self.chart_at, CHART_EVERY_MS) {
            return Some(Job::Chart);
        }
        if due(self.big_stale, self.big_at, FIELDS_EVERY_MS) {
            return Some(Job::BigField);
        }
        if due(self.small_stale, self.small_at, FIELDS_EVERY_MS) {
            return Some(Job::SmallFields);
        }
        None
    }

    fn run(&mut self, job: Job) {
        let session = self.session.clone();
        let session = session.borrow();
        let sharp = !self.playing;
        match job {
            Job::Points => {
                self.draw_points(&session);
                self.points_stale = false;
            }
            Job::Chart => {
                if let Err(e) =
                    race_chart::draw(&dom::canvas("race-chart"), &session, self.log_scale)
                {
                    errors::show(&format!("The race chart could not be drawn: {e}"));
                }
                self.chart_stale = false;
                self.chart_at = dom::now_ms();
            }
            Job::BigField => {
                let res = if sharp { BIG_SHARP } else { BIG_LIVE };
                draw_field(
                    &dom::canvas("boundary-big"),
                    &session,
                    session.focused_kind(),
                    res,
                );
                // a live (coarse) drawing leaves the sharp one still to do once paused
                self.big_stale = !sharp;
                self.big_at = dom::now_ms();
            }
            Job::SmallFields => {
                let res = if sharp { SMALL_SHARP } else { SMALL_LIVE };
                for kind in OptimizerKind::ALL {
                    draw_field(
                        &dom::canvas(&format!("field-{}", kind.name())),
                        &session,
                        kind,
                        res,
                    );
                }
                self.small_stale = !sharp;
                self.small_at = dom::now_ms();
            }
        }
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
