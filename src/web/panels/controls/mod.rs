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
use crate::session::Session;
use crate::web::dom;
use fields::refill;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::Event;

/// What a change did, for the note under the panel.
pub enum Note {
    Restarted(String),
    Applied(String),
    Refused(String),
}

pub type Notify = Rc<dyn Fn(Note)>;
type Shared = Rc<RefCell<Session>>;

/// Fills every control from the session (after a load, a restart or a refused change).
pub fn fill(session: &Session) {
    let s = session.settings_scenario();
    data::fill(&s);
    network::fill(&s);
    training::fill(session, &s);
    optimizers::fill(session);
}

/// Listens to every control of the panel: each change restarts the race, applies to it or
/// is refused, and `notify` says which.
pub fn wire(session: &Shared, notify: &Notify) {
    data::wire(session, notify);
    network::wire(session, notify);
    training::wire(session, notify);
    optimizers::wire(session, notify);
}

/// Restarts the race from the session's settings changed by `edit`; a change that makes
/// the old explicit weights the wrong shape draws new ones from a seed instead.
fn restart(session: &Shared, notify: &Notify, what: &str, edit: impl FnOnce(&mut ScenarioFile)) {
    restart_saying(
        session,
        notify,
        &format!("{what}: a new network, so the race restarted."),
        edit,
    );
}

/// `restart`, saying `message` when it worked.
fn restart_saying(
    session: &Shared,
    notify: &Notify,
    message: &str,
    edit: impl FnOnce(&mut ScenarioFile),
) {
    let mut file = session.borrow().settings_scenario().to_file();
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
        Ok(scenario) => {
            session.borrow_mut().load(scenario);
            notify(Note::Restarted(message.to_string()));
        }
        Err(e) => notify(Note::Refused(format!("Not changed — {e}"))),
    }
    refill(&session.borrow());
}

/// Says why a change was refused, and shows the values still in use again.
fn refuse(session: &Shared, notify: &Notify, message: String) {
    notify(Note::Refused(message));
    refill(&session.borrow());
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
