//! The page: its state (`App`, the one owner of the session), the messages that change it
//! (`msg`), the loop that applies them (`dispatch`, `update`) and redraws from the state
//! (`frame` for the canvases, `App::view_now` for the rest), the transport and the view.
//!
//! The loop runs on requestAnimationFrame. Each frame trains whole mini-batches until its
//! time budget is spent (or the frame's epochs are done), then does at most one drawing —
//! the chart, the diagram and the boundaries take turns a few times a second and at a lower
//! resolution while training, sharp when paused — so a frame stays near 12 ms and the page
//! answers clicks. docs/architecture.md draws the whole path from an event to a redraw.

pub(crate) mod crew;
mod dispatch;
mod export;
mod frame;
mod jobs;
mod landscape;
mod msg;
mod transport;
mod update;
mod view;

pub use dispatch::Dispatch;
pub use landscape::LandscapeMsg;
pub use msg::{Effect, Hover, LessonChange, LinkUse, Load, Msg};

use crate::json::Map;
use crate::math::optimizer::OptimizerKind;
use crate::scenario::Scenario;
use crate::scenario::view::View;
use crate::session::{Done, Session, SessionError, SubStep};
use crate::web::bindings::Playground;
use crate::web::panels::diagram;
use crate::web::{colors, dom, errors, io::sharing, keys, panels::controls, panels::lesson};
use jobs::{JOBS, Job};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// What a change did, for the note under the settings.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    Restarted(String),
    Applied(String),
    Refused(String),
}

pub struct App {
    pub session: Session,
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
    /// the note under the settings, and whether it is on the page yet
    note: Option<Note>,
    note_stale: bool,
    /// the status line ("did: forward layer 1", "restoring …")
    status: String,
    status_stale: bool,
    /// the settings revision the panel shows (None: redraw it)
    settings_drawn: Option<u64>,
    /// the next fill of the panel follows a committed change: the focused field too
    committed: bool,
    /// what the panels of the lesson view show besides the matrices
    explain: Option<(String, usize, usize, usize)>,
    checked_layer: Option<usize>,
    hover: Option<Hover>,
    hover_stale: bool,
    /// the reply to the last `Msg::Command`, for `window.playground`
    reply: Option<Result<Done, SessionError>>,
    /// work asked for by `update` that answers later, for the loop to start
    pub effects: Vec<Effect>,
    /// the links asked for and written into the URL (`web::links`)
    pub links: crate::web::links::UrlLinks,
    /// the resolve and reject functions of the text "Copy link" put on the clipboard while its
    /// link is being packed (`io::sharing::copy_link`)
    pub copy_waiting: Option<(js_sys::Function, js_sys::Function)>,
    /// what the transport and the toggles show on the page
    transport_drawn: Option<view::Transport>,
    toggles_drawn: Option<(bool, bool, bool)>,
    /// counts layout changes (resize, presentation, lesson view); canvases refit when it moves
    layout: u32,
    layout_drawn: u32,
    /// the diagram's node positions, for hit tests
    pub diagram: diagram::Geometry,
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
    /// the Web Workers that train the race while playing (`crew`)
    crew: crew::Crew,
    /// the loss-landscape panel (`landscape`)
    landscape: landscape::LandscapePanel,
    /// the surface lesson's plot and state (`panels::surface`)
    pub surface: crate::web::panels::surface::Panel,
    /// the decimal places the export menus of the lesson view offer (the last chosen)
    pub export_digits: usize,
    /// drawing points on the boundary plot (`panels::own_data`)
    pub own_data: crate::web::panels::own_data::OwnData,
}

impl App {
    fn new(session: Session) -> App {
        App {
            session,
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
            note: None,
            note_stale: false,
            status: String::new(),
            status_stale: false,
            settings_drawn: None,
            committed: false,
            explain: None,
            checked_layer: None,
            hover: None,
            hover_stale: false,
            reply: None,
            effects: Vec::new(),
            links: Default::default(),
            copy_waiting: None,
            transport_drawn: None,
            toggles_drawn: None,
            layout: 1,
            layout_drawn: 0,
            diagram: diagram::Geometry::default(),
            seen_revision: None,
            stale: [true; JOBS],
            drawn_at: [f64::NEG_INFINITY; JOBS],
            text_stale: true,
            text_at: f64::NEG_INFINITY,
            store_stale: false,
            store_at: f64::NEG_INFINITY,
            epoch_target: None,
            crew: crew::Crew::none(),
            landscape: Default::default(),
            surface: Default::default(),
            export_digits: crate::web::panels::export::DEFAULT_DIGITS,
            own_data: Default::default(),
        }
    }

    /// Shows `note` under the settings (drawn by `view_now`).
    pub fn say(&mut self, note: Note) {
        self.note = Some(note);
        self.note_stale = true;
    }

    /// Sets the status line.
    pub fn set_status(&mut self, text: impl Into<String>) {
        self.status = text.into();
        self.status_stale = true;
    }

    /// The settings panel is drawn again from the session (after a refused change, so the
    /// fields show the values in use).
    pub fn settings_stale(&mut self) {
        self.settings_drawn = None;
        self.committed = true;
    }

    /// The reply to the last command, taken.
    pub fn take_reply(&mut self) -> Option<Result<Done, SessionError>> {
        self.reply.take()
    }
}

/// Builds the page's session (from a link, else the last run kept in this browser, else
/// the default), exposes it as `window.playground`, wires the controls and starts the loop
/// (`start`, once a link in the URL is inflated).
pub fn mount() {
    errors::set_restoring(true);
    errors::wire();
    let recovered = errors::after_reload();
    sharing::initial_session(move |session, view, message| {
        start(session, view, recovered.or(message))
    });
}

/// The page from its first session and view; `message` is shown at once.
fn start(session: Session, view: Map, message: Option<String>) {
    let mut app = App::new(session);
    let ignored = app.apply_view(&view);
    if !ignored.is_empty() {
        // as when a file or a pasted link is opened: the rest of the view applies
        app.say(Note::Refused(format!(
            "Part of the view was ignored: {}.",
            ignored.join("; ")
        )));
    }
    let dispatch = Dispatch::new(app);
    let handle: JsValue = Playground::on_page(dispatch.clone()).into();
    let _ = js_sys::Reflect::set(&dom::window(), &"playground".into(), &handle);
    paint_swatches();
    controls::wire(&dispatch);
    diagram::wire(&dispatch);
    transport::wire(&dispatch);
    keys::wire(&dispatch);
    sharing::wire(&dispatch);
    lesson::wire(&dispatch);
    landscape::wire(&dispatch);
    crate::web::panels::surface::wire(&dispatch);
    crate::web::panels::export::wire(&dispatch);
    crate::web::panels::own_data::wire(&dispatch);
    if let Some(message) = message {
        errors::show(&message);
    }
    dispatch.send(Msg::Resized);
    dispatch.send(Msg::Workers(Box::new(crew::Crew::start(&dispatch))));
    frame::start_loop(dispatch);
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
