//! The surface lesson on the page (issue 12): when the scenario has `surface`, the page shows
//! the contour plot of f with the four racers' paths (`plot.rs`), the followed racer's
//! optimizer state (`state.rs`) and the function's settings, instead of the network's panels
//! (hidden by the body's class `surface`). ▶ plays `speed`/8 updates a frame; a click on the
//! plot moves the common start and restarts the race there.

mod plot;
mod state;

use crate::math::optimizer::OptimizerKind;
use crate::math::surface::{Surface, SurfaceSpec};
use crate::web::app::{App, Dispatch, LessonChange, Load, Msg as AppMsg, Note};
use crate::web::panels::contour_plot;
use crate::web::{dom, errors};
use web_sys::{Event, MouseEvent};

/// Updates a frame while playing, per step of the speed slider: speed 1 is 7.5 updates a
/// second, so that each step of a path is seen being drawn (the marks are redrawn 8 times a
/// second); 50 is 375.
const UPDATES_PER_SPEED: f64 = 0.125;
/// While playing: how often the paths are redrawn, and the state panel's numbers, in ms
/// (each redraw of a canvas costs the compositor a commit: at every frame, on a busy machine
/// without a GPU, commits passed 40 ms).
const MARKS_EVERY_MS: f64 = 125.0;
const STATE_EVERY_MS: f64 = 200.0;

/// What the panel keeps between frames.
#[derive(Default)]
pub struct Panel {
    ground: Option<plot::Ground>,
    /// the session revision, followed racer and ground the marks and state show
    marks_drawn: Option<(u64, OptimizerKind)>,
    /// when the marks and the state panel were last drawn (ms), and the racer shown
    marks_at: f64,
    state_drawn: Option<(u64, OptimizerKind)>,
    state_at: f64,
    focus_shown: Option<OptimizerKind>,
    /// the fraction of an update carried to the next frame while playing
    credit: f64,
    /// surface mode as the page shows it, and the settings revision its fields show
    mode: Option<bool>,
    settings_drawn: Option<u64>,
}

/// What the surface's controls ask.
pub enum Msg {
    /// a click on the plot at (offsetX, offsetY)
    Click(f64, f64),
    /// the function, κ or θ changed: read them all from the controls
    Function,
}

pub fn wire(dispatch: &Dispatch) {
    let d = dispatch.clone();
    dom::on::<MouseEvent>(&dom::element("surface-marks"), "click", move |e| {
        d.send(AppMsg::Surface(Msg::Click(
            e.offset_x() as f64,
            e.offset_y() as f64,
        )))
    });
    for id in ["surface-function", "surface-kappa", "surface-angle"] {
        let d = dispatch.clone();
        dom::on::<Event>(&dom::element(id), "change", move |_| {
            d.send(AppMsg::Surface(Msg::Function))
        });
    }
}

pub fn update(app: &mut App, msg: Msg) {
    let asked = match msg {
        Msg::Click(x, y) => {
            let Some((frame, _)) = app.surface.ground.as_ref().and_then(|g| g.frame) else {
                return;
            };
            let canvas = dom::canvas("surface-marks");
            let Some(p) = contour_plot::click_to_data(&canvas, &frame, x, y) else {
                return;
            };
            // to three decimals, as a click can place it (still on the plot: its edges count)
            let p = p.map(|v| (v * 1000.0).round() / 1000.0);
            let note = format!(
                "The start is now ({}, {}): the race restarts there.",
                fmt(p[0]),
                fmt(p[1])
            );
            app.session
                .with_surface_start(p)
                .map(|s| (s, note))
                .map_err(|e| e.to_string())
        }
        Msg::Function => read_function().map(|f| {
            let note = format!(
                "Now on {}, from its usual start, each racer at this function's defaults.",
                f.name()
            );
            (app.session.with_surface(f), note)
        }),
    };
    match asked {
        Ok((scenario, note)) => app.load(Load {
            scenario,
            view: None,
            note,
            lesson: LessonChange::Keep,
            pause: false,
        }),
        Err(e) => {
            app.settings_stale();
            app.surface.settings_drawn = None;
            app.say(Note::Refused(format!("Not changed — {e}")));
        }
    }
}

/// A coordinate to three decimals.
fn fmt(v: f64) -> String {
    crate::session::fmt_num((v * 1000.0).round() / 1000.0)
}

/// The surface the controls name, checked as a scenario file's `surface` is.
fn read_function() -> Result<Surface, String> {
    let function = dom::by_id::<web_sys::HtmlSelectElement>("surface-function").value();
    let number = |id| Some(dom::input(id).value_as_number()).filter(|v| v.is_finite());
    let bowl = function == "bowl";
    let spec = SurfaceSpec {
        function,
        kappa: number("surface-kappa").filter(|_| bowl),
        angle: number("surface-angle").filter(|_| bowl),
        start: None,
    };
    spec.check().map(|(f, _)| f).map_err(|e| e.to_string())
}

/// ▶ on a surface: `speed`/8 updates this frame (the fraction carried over); stops with a
/// message at the race's end or when every racer has stopped.
pub fn play(app: &mut App) {
    app.surface.credit += app.speed as f64 * UPDATES_PER_SPEED;
    while app.surface.credit >= 1.0 {
        app.surface.credit -= 1.0;
        if let Err(e) = app.session.room_for(1) {
            app.set_playing(false);
            return errors::show(&e.to_string());
        }
        app.session.train_batch();
        let run = app.session.surface().expect("playing a surface");
        if run.race.racers.iter().all(|r| r.stopped.is_some()) {
            app.set_playing(false);
            return errors::show(
                "All four racers have stopped (they left the plot or overflowed). Lower the learning rates, then reset.",
            );
        }
    }
}

/// The page's mode and the surface's fields, from the state (cheap; `App::view_now`).
pub fn view(app: &mut App) {
    let on = app.session.surface().is_some();
    if app.surface.mode != Some(on) {
        app.surface.mode = Some(on);
        if let Some(body) = dom::document().body() {
            let _ = body.class_list().toggle_with_force("surface", on);
        }
        if on && app.lesson_view {
            app.set_lesson_view(false);
        }
        app.layout_changed();
    }
    let revision = app.session.settings_revision();
    if on && app.surface.settings_drawn != Some(revision) {
        app.surface.settings_drawn = Some(revision);
        fill(&app.session);
    }
}

/// The function's controls show the surface in use.
fn fill(session: &crate::session::Session) {
    let Some(f) = session.surface_function() else {
        return;
    };
    dom::by_id::<web_sys::HtmlSelectElement>("surface-function").set_value(f.name());
    let bowl = if let Surface::Bowl { kappa, angle } = f {
        dom::input("surface-kappa").set_value_as_number(kappa);
        dom::input("surface-angle").set_value_as_number(angle);
        true
    } else {
        false
    };
    dom::element("surface-bowl").set_hidden(!bowl);
    let start = session.base().surface.map(|l| l.start).unwrap_or_default();
    dom::set_text(
        "surface-start",
        &format!("({}, {})", fmt(start[0]), fmt(start[1])),
    );
}

/// Each frame on a surface: the ground when the surface or the canvas changed, and the marks
/// and the state when the race moved — while playing, at their rates and not in a frame that
/// drew the chart (`drew`): one canvas a frame keeps the compositor's commit short. Off a
/// surface, nothing.
pub fn frame(app: &mut App, drew: bool) {
    let session = &app.session;
    let Some(f) = session.surface_function() else {
        return;
    };
    let panel = &mut app.surface;
    if panel.ground.as_ref().is_none_or(|g| g.surface != f) {
        panel.ground = Some(plot::Ground::new(f));
    }
    let ground = panel.ground.as_mut().expect("made above");
    let redrawn = match ground.draw(&dom::canvas("surface-ground")) {
        Ok(redrawn) => redrawn,
        Err(e) => {
            errors::show(&format!("The surface could not be drawn: {e}"));
            false
        }
    };
    let key = (session.revision(), session.focused_kind());
    let now = dom::now_ms();
    let due = |at: f64, every: f64| !app.playing || !drew && now - at >= every;
    let marks = redrawn || panel.marks_drawn != Some(key) && due(panel.marks_at, MARKS_EVERY_MS);
    if marks {
        panel.marks_drawn = Some(key);
        panel.marks_at = now;
        if let Some((frame, _)) = ground.frame {
            let view = plot::marks(session);
            contour_plot::draw_marks(&dom::canvas("surface-marks"), &frame, &view);
        }
    }
    // in the frame the marks changed in, so that the page changes in fewer frames
    let state = panel.state_drawn != Some(key) && due(panel.state_at, STATE_EVERY_MS);
    if state && (marks || !app.playing) {
        panel.state_drawn = Some(key);
        panel.state_at = now;
        dom::set_html(&dom::element("surface-state"), &state::html(session));
        dom::set_text("surface-stops", &state::stops(session));
    }
    let focused = session.focused_kind();
    if panel.focus_shown != Some(focused) {
        panel.focus_shown = Some(focused);
        for id in ["surface-focus", "state-focus"] {
            dom::set_text(id, focused.label());
        }
        let css = crate::web::colors::css(crate::web::colors::racer(focused));
        for id in ["surface-panel", "state-panel"] {
            let _ = dom::element(id).style().set_property("--racer", &css);
        }
    }
}
