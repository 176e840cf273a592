//! Your own data (issue 13): the boundary plot's "draw" mode — a click adds a point of the
//! chosen class (or value, for regression), shift-click removes the nearest one, "Undo
//! point" and "Clear" — and a CSV file opened by the picker or dropped on the page
//! (`io::import` reads it). Either way the data become the scenario's explicit x / y
//! (`scenario::draw`, `scenario::csv`) and the race restarts from its seed, as a data edit
//! does.

use crate::scenario::ScenarioError;
use crate::scenario::draw::{Labels, Point, Points};
use crate::web::app::{App, Dispatch, LessonChange, Load, Msg as AppMsg, Note};
use crate::web::dom;
use crate::web::panels::{boundary, controls};
use wasm_bindgen::JsCast;

/// What the page says while a cleared drawing has no point yet.
pub const WAITING: &str = "No points yet: click the plot to add a training point (the race waits for one), or Undo point.";

/// The most drawings "Undo point" goes back: at 32 bytes a point, 100 copies of the largest
/// data set (5,000 points) are 16 MB.
const MAX_UNDO: usize = 100;

/// The draw mode's state.
#[derive(Default)]
pub struct OwnData {
    /// clicks on the boundary plot draw
    pub draw: bool,
    /// the data before each change drawn, the last last
    undo: Vec<Points>,
    /// the data as the last change drawn left them, so that `undo` is about these data
    last: Option<Points>,
    /// a drawing cleared: no training point, so no data set yet; valid while the settings
    /// revision is the one beside it
    pending: Option<(Points, u64)>,
    /// what `view` last showed: draw, settings revision, undo depth, waiting
    drawn: Option<(bool, u64, usize, bool)>,
}

impl OwnData {
    /// A cleared drawing waits for its first training point: the race may not move.
    pub fn waits(&self, session: &crate::session::Session) -> bool {
        matches!(&self.pending, Some((_, rev)) if *rev == session.settings_revision())
    }
}

impl App {
    /// Whether a cleared drawing waits for its first point (and the note says so): ▶, +1
    /// epoch and → then do nothing.
    pub fn draw_waits(&mut self) -> bool {
        let waits = self.own_data.waits(&self.session);
        if waits {
            self.say(Note::Refused(WAITING.into()));
        }
        waits
    }
}

/// What the draw tools and the import ask of the page.
pub enum Msg {
    Draw(bool),
    /// a click on the boundary plot, in CSS pixels from its top-left corner
    Click {
        x: f64,
        y: f64,
        shift: bool,
    },
    Undo,
    Clear,
    /// a file picked or dropped: its name and bytes
    Import {
        name: String,
        bytes: Vec<u8>,
    },
}

/// Listens to the draw toggle, the plot, the tools' buttons; the import's picker and drop.
pub fn wire(dispatch: &Dispatch) {
    let send = |id: &str, event: &str, msg: fn(web_sys::Event) -> Msg| {
        let d = dispatch.clone();
        dom::on::<web_sys::Event>(&dom::element(id), event, move |e| {
            d.send(AppMsg::OwnData(msg(e)))
        });
    };
    send("draw", "change", |_| {
        Msg::Draw(dom::input("draw").checked())
    });
    send("draw-undo", "click", |_| Msg::Undo);
    send("draw-clear", "click", |_| Msg::Clear);
    send("points-big", "click", |e| {
        let e: web_sys::MouseEvent = e.unchecked_into();
        Msg::Click {
            x: e.offset_x() as f64,
            y: e.offset_y() as f64,
            shift: e.shift_key(),
        }
    });
    crate::web::io::import::wire(dispatch);
}

/// Applies what the tools asked.
pub fn update(app: &mut App, msg: Msg) {
    match msg {
        Msg::Draw(on) => {
            if let (true, Err(e)) = (on, Points::of(&app.session.settings_scenario())) {
                app.own_data.drawn = None; // the toggle shows off again
                return refuse(app, &e);
            }
            app.own_data.draw = on;
            app.own_data.pending = None;
            app.redraw_points();
        }
        Msg::Click { x, y, shift } if app.own_data.draw => click(app, x, y, shift),
        Msg::Click { .. } => {}
        Msg::Undo => match current(app).map(|_| app.own_data.undo.pop()) {
            Ok(Some(points)) => {
                set(app, points, "Point undone");
            }
            Ok(None) => app.say(Note::Refused("No drawn point to undo.".into())),
            Err(e) => refuse(app, &e),
        },
        Msg::Clear => change(app, Change::Clear),
        Msg::Import { name, bytes } => crate::web::io::import::import(app, &name, &bytes),
    }
}

/// A click at (x, y) CSS pixels: a point added where it is (to 4 significant digits of the
/// square's side), or with shift the nearest within 12 px removed.
fn click(app: &mut App, x: f64, y: f64, shift: bool) {
    let canvas = dom::canvas("points-big");
    let (w, h) = (canvas.client_width() as f64, canvas.client_height() as f64);
    let sq = app.session.view_square();
    let at = boundary::pixel_to_point(x, y, sq, w, h).map(|v| round(v, sq.radius));
    let change_ = if shift {
        let reach = 12.0 / w * 2.0 * sq.radius;
        Change::Remove { at, reach }
    } else {
        let test = dom::input("draw-test").checked();
        Change::Add { at, test }
    };
    change(app, change_);
}

/// A change of the points drawn.
enum Change {
    /// a point of the class (or value) the tools show
    Add {
        at: [f64; 2],
        test: bool,
    },
    /// the nearest point within `reach`
    Remove {
        at: [f64; 2],
        reach: f64,
    },
    Clear,
}

/// v to 10^−k with k = 3 − ⌊log10 r⌋ (0 to 12): an integer over a power of ten, so the
/// nearest double to the decimal a file shows.
fn round(v: f64, r: f64) -> f64 {
    let k = (3.0 - libm::log10(r).floor()).clamp(0.0, 12.0);
    // 10^k is exact for k ≤ 12, whatever the multiplications' order
    let scale = 10f64.powi(k as i32);
    (v * scale).round() / scale
}

/// The points drawn now: a cleared drawing's, else the session's data (and the undo
/// history forgotten when those are no longer the data drawing left: another data set, a
/// file, a link).
fn current(app: &mut App) -> Result<Points, ScenarioError> {
    let own = &mut app.own_data;
    if own.waits(&app.session) {
        return Ok(own.pending.as_ref().expect("waiting").0.clone());
    }
    let points = Points::of(&app.session.settings_scenario())?;
    if own.last.as_ref() != Some(&points) {
        own.undo.clear();
    }
    Ok(points)
}

/// The points changed, set, and the points before kept for "Undo point".
fn change(app: &mut App, change: Change) {
    let mut points = match current(app) {
        Ok(p) => p,
        Err(e) => return refuse(app, &e),
    };
    let before = points.clone();
    let (done, note) = match change {
        Change::Add { at, test } => {
            let label = match points.labels {
                Labels::Values => dom::input("draw-value").value_as_number(),
                Labels::Classes(_) => f64::from(chosen_class()),
            };
            (
                points.add(Point { at, label, test }).map(|_| true),
                "Point added",
            )
        }
        Change::Remove { at, reach } => (Ok(points.remove_nearest(at, reach)), "Point removed"),
        Change::Clear => {
            points.points.clear();
            (Ok(true), "")
        }
    };
    match done {
        Ok(true) => {}
        Ok(false) => return,
        Err(e) => return refuse(app, &e),
    }
    if set(app, points, note) {
        let undo = &mut app.own_data.undo;
        if undo.len() == MAX_UNDO {
            undo.remove(0);
        }
        undo.push(before);
    }
}

/// Makes `points` the data: the scenario with them explicit, the race restarted from its
/// seed in the same square; without a training point, a drawing that waits for one.
fn set(app: &mut App, points: Points, note: &str) -> bool {
    if !points.has_train() {
        app.own_data.pending = Some((points, app.session.settings_revision()));
        app.set_playing(false);
        app.redraw_points();
        app.say(Note::Applied(WAITING.into()));
        return true;
    }
    let square = app.session.view_square();
    match points.scenario(&app.session.settings_scenario(), square) {
        Ok(scenario) => {
            let n = points.points.len();
            app.load(Load {
                scenario,
                view: None,
                note: format!("{note} ({n} in all): the race restarted from the same start."),
                lesson: LessonChange::End,
                pause: false,
            });
            app.own_data.pending = None;
            app.own_data.last = Points::of(&app.session.settings_scenario()).ok();
            true
        }
        Err(e) => {
            refuse(app, &e);
            false
        }
    }
}

/// The class the picker shows: its options are classes 0, 1, 2 in order.
fn chosen_class() -> u8 {
    let select: web_sys::HtmlSelectElement = dom::by_id("draw-class");
    select.selected_index().clamp(0, 2) as u8
}

fn refuse(app: &mut App, e: &ScenarioError) {
    app.say(Note::Refused(format!("Not changed — {e}")));
}

/// Shows the draw tools as the state has them: the toggle, the tools under the plot, the
/// class picker (the data's class names) or the value field, "Undo point".
pub fn view(app: &mut App) {
    let own = &app.own_data;
    let waits = own.waits(&app.session);
    let key = (
        own.draw,
        app.session.settings_revision(),
        own.undo.len(),
        waits,
    );
    if own.drawn == Some(key) {
        return;
    }
    app.own_data.drawn = Some(key);
    dom::input("draw").set_checked(key.0);
    dom::element("draw-tools").set_hidden(!key.0);
    if let Some(body) = dom::document().body() {
        let _ = body.class_list().toggle_with_force("drawing", key.0);
    }
    let _ = dom::element("draw-undo").toggle_attribute_with_force("disabled", key.2 == 0);
    if !key.0 {
        return;
    }
    let points = match &app.own_data.pending {
        Some((p, _)) if waits => Ok(p.clone()),
        _ => Points::of(&app.session.settings_scenario()),
    };
    let values = matches!(
        points,
        Ok(Points {
            labels: Labels::Values,
            ..
        })
    );
    dom::element("draw-class").set_hidden(values);
    dom::element("draw-value").set_hidden(!values);
    let names = points.map(|p| p.classes).unwrap_or_default();
    let options: Vec<(String, String)> = (0..3)
        .map(|c| {
            let name = names.get(c).cloned();
            (c.to_string(), name.unwrap_or_else(|| format!("class {c}")))
        })
        .collect();
    let chosen = chosen_class().to_string();
    controls::set_options(&dom::by_id("draw-class"), &options, &chosen);
}
