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

mod frame;
mod transport;
mod view;

use frame::{JOBS, start_loop};
use transport::wire_transport;

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
    let ignored = app.borrow_mut().apply_view(&view);
    paint_swatches();
    let notify = notifier();
    if !ignored.is_empty() {
        // as when a file or a pasted link is opened: the rest of the view applies
        notify(Note::Refused(format!(
            "Part of the view was ignored: {}.",
            ignored.join("; ")
        )));
    }
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
