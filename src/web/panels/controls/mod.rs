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
mod training;

use crate::scenario::Scenario;
use crate::scenario::file::{InitFile, ScenarioFile};
use crate::session::{Command, Session};
use crate::web::app::{App, Dispatch, LessonChange, Load, Msg as AppMsg};
use crate::web::dom;
use std::rc::Rc;
use web_sys::Event;

pub use crate::web::app::Note;

/// Says a note (through the page's loop).
pub type Notify = Rc<dyn Fn(Note)>;
type Shared = Dispatch;

/// What the settings panel asks of the page.
pub enum Msg {
    /// restart the race from the settings changed by `edit`, saying `message` when it worked
    Restart {
        message: String,
        edit: Box<dyn FnOnce(&mut ScenarioFile)>,
    },
    /// a racer's settings changed while the race runs
    Racer(crate::math::optimizer::OptimizerSettings),
    /// every racer back to its default settings
    Defaults,
    /// a value could not be used: say why, and show the values in use again
    Refuse(String),
}

/// Fills every control from the session; `committed`: after a change the person committed,
/// so the focused field shows the value in use too.
pub fn fill(session: &Session, committed: bool) {
    let s = session.settings_scenario();
    fields::set_committed(committed);
    data::fill(&s);
    network::fill(&s);
    training::fill(session, &s);
    optimizers::fill(session);
    fields::set_committed(false);
}

/// Listens to every control of the panel: each change restarts the race, applies to it or
/// is refused, and the note says which.
pub fn wire(dispatch: &Dispatch) {
    let d = dispatch.clone();
    let notify: Notify = Rc::new(move |note| d.send(AppMsg::Say(note)));
    data::wire(dispatch, &notify);
    network::wire(dispatch, &notify);
    training::wire(dispatch, &notify);
    optimizers::wire(dispatch, &notify);
}

/// Applies what the panel asked.
pub fn update(app: &mut App, msg: Msg) {
    app.settings_stale();
    match msg {
        Msg::Restart { message, edit } => restart_now(app, message, edit),
        Msg::Racer(settings) => match app.session.apply(Command::SetSettings(settings)) {
            Ok(_) => app.say(Note::Applied(optimizers::applied(&settings))),
            Err(e) => app.say(Note::Refused(format!("Not changed — {e}"))),
        },
        Msg::Defaults => optimizers::reset_defaults(app),
        Msg::Refuse(message) => app.say(Note::Refused(message)),
    }
}

/// Restarts the race from the session's settings changed by `edit`; a change that makes the
/// old explicit weights the wrong shape draws new ones from a seed instead.
fn restart_now(app: &mut App, message: String, edit: Box<dyn FnOnce(&mut ScenarioFile)>) {
    let mut file = app.session.settings_scenario().to_file();
    edit(&mut file);
    let mut result = Scenario::from_file(file.clone());
    if matches!(&result, Err(e) if e.path.starts_with("init.weights")) {
        file.init = Some(InitFile {
            kind: Some("auto".into()),
            scale: Some(1.0),
            seed: Some(0),
            weights: None,
        });
        result = Scenario::from_file(file);
    }
    match result {
        Ok(scenario) => app.load(Load {
            scenario,
            view: None,
            note: message,
            lesson: LessonChange::End,
            pause: false,
        }),
        Err(e) => app.say(Note::Refused(format!("Not changed — {e}"))),
    }
}

/// Restarts the race from the settings changed by `edit`, saying what changed.
fn restart(
    session: &Shared,
    _notify: &Notify,
    what: &str,
    edit: impl FnOnce(&mut ScenarioFile) + 'static,
) {
    restart_saying(
        session,
        _notify,
        &format!("{what}: a new network, so the race restarted."),
        edit,
    );
}

/// `restart`, saying `message` when it worked.
fn restart_saying(
    session: &Shared,
    _notify: &Notify,
    message: &str,
    edit: impl FnOnce(&mut ScenarioFile) + 'static,
) {
    session.send(AppMsg::Settings(Msg::Restart {
        message: message.to_string(),
        edit: Box::new(edit),
    }));
}

/// Says why a change was refused, and shows the values still in use again.
fn refuse(session: &Shared, _notify: &Notify, message: String) {
    session.send(AppMsg::Settings(Msg::Refuse(message)));
}

/// Calls `f` on each `event` ("change", "click") of the element `id`.
fn on_change(
    id: &str,
    event: &str,
    session: &Shared,
    notify: &Notify,
    f: impl Fn(&Shared, &Notify) + 'static,
) {
    let (session, notify) = (session.clone(), notify.clone());
    dom::on::<Event>(&dom::element(id), event, move |_| f(&session, &notify));
}
