//! The settings panel: data, network, training and the four optimizers. A change that needs
//! a new network, new data or a new objective (regularization) restarts the race from the
//! changed scenario and says so; a
//! change of α, β, β1, β2 or ε applies to the running race without losing it. A value that
//! cannot be used leaves everything as it was and says what is wrong.
//!
//! One module per group of controls, each with its `fill` (the fields from the session) and
//! its `wire` (the listeners): `data` (data set, noise, samples, features), `network`
//! (layers, output and cost), `training` (initialisation, batch, shuffling,
//! regularization) and `optimizers` (the racers' live fields); `fields` reads and writes
//! the page's fields.

mod data;
mod fields;
mod network;
mod optimizers;
mod table;
mod training;

pub(crate) use fields::set_options;

use crate::scenario::Edit;
use crate::session::{Command, Session};
use crate::web::app::{App, Dispatch, LessonChange, Load, Msg as AppMsg};
use crate::web::dom;
use table::{At, CONTROLS, Read};
use web_sys::Event;

pub use crate::web::app::Note;

/// What the settings panel asks of the page.
pub enum Msg {
    /// a change of the settings
    Edit(Edit),
    /// every racer back to its default settings
    Defaults,
    /// a value could not be used: say why, and show the values in use again
    Refuse(String),
}

/// Fills every control from the session; `committed`: after a change the person committed,
/// so the focused field shows the value in use too.
pub fn fill(session: &Session, committed: bool) {
    let s = session.settings_scenario();
    data::fill(&s, committed);
    network::fill(&s);
    training::fill(session, &s, committed);
    optimizers::fill(session, committed);
}

/// Listens to every control of the table, each racer's fields, the "defaults" button and the
/// sliders' echoes.
pub fn wire(dispatch: &Dispatch) {
    for control in CONTROLS {
        let elements = match control.at {
            At::Id(id) => vec![dom::element(id).into()],
            At::All(selector) => dom::select_all(selector),
        };
        for el in elements {
            let (d, read) = (dispatch.clone(), control.read);
            dom::on::<Event>(&el, control.event, move |e| send(&d, read(&e)));
        }
    }
    for (id, kind) in table::racer_controls() {
        let d = dispatch.clone();
        dom::on::<Event>(&dom::element(&id), "change", move |_| {
            send(&d, table::racer(kind))
        });
    }
    let d = dispatch.clone();
    dom::on::<Event>(&dom::element("optimizer-defaults"), "click", move |_| {
        d.send(AppMsg::Settings(Msg::Defaults))
    });
    for id in table::slider_echoes() {
        dom::on::<Event>(&dom::element(id), "input", move |_| table::echo(id));
    }
}

fn send(dispatch: &Dispatch, read: Read) {
    match read {
        Read::Edit(edit) => dispatch.send(AppMsg::Settings(Msg::Edit(edit))),
        Read::Refuse(message) => dispatch.send(AppMsg::Settings(Msg::Refuse(message))),
        Read::Nothing => {}
    }
}

/// Applies what the panel asked: an edit restarts the race from the edited scenario (a
/// racer's settings apply to the running race), or is refused in the checker's words.
pub fn update(app: &mut App, msg: Msg) {
    app.settings_stale();
    match msg {
        Msg::Edit(edit) => match app.session.settings_scenario().edit(edit.clone()) {
            Ok(scenario) if edit.restarts() => app.load(Load {
                scenario,
                view: None,
                note: edit.note(),
                lesson: LessonChange::Keep,
                pause: false,
            }),
            Ok(_) => apply_live(app, &edit),
            Err(e) => app.say(Note::Refused(format!("Not changed — {e}"))),
        },
        Msg::Defaults => optimizers::reset_defaults(app),
        Msg::Refuse(message) => app.say(Note::Refused(message)),
    }
}

/// A racer's settings, applied to the running race.
fn apply_live(app: &mut App, edit: &Edit) {
    if let Edit::Racer(settings) = edit {
        match app.session.apply(Command::SetSettings(*settings)) {
            Ok(_) => app.say(Note::Applied(edit.note())),
            Err(e) => app.say(Note::Refused(format!("Not changed — {e}"))),
        }
    }
}
