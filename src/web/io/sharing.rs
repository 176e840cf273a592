//! Shareable state: the scenario in the page's URL (compressed, URL-safe), "copy link",
//! "save" and "open" scenario files, and the last run kept in local storage so that a reload
//! or a closed tab loses nothing. A link or file that does not parse or validate leaves the
//! page as it was and says what is wrong.

use super::kept::{Kept, KeptRun, kept_run, tab_id};
use crate::json::{self, Map};
use crate::scenario::view::SQUARE;
use crate::scenario::{Scenario, ScenarioError, share};
use crate::session::Session;
use crate::web::app::{App, Dispatch, Effect, LessonChange, LinkUse, Load, Msg, Note};
use crate::web::{dom, errors, io::deflate, io::files};
use js_sys::Promise;
use wasm_bindgen::JsValue;

/// The local-storage key of the last run.
pub const STORE_KEY: &str = "backprop-playground/last-run";

/// The session to start with, its view, and a message when a link or the kept run could not
/// be used, given to `start`: a link in the URL wins, unless it is the very lesson the kept run
/// is a run of, or this tab kept the run and the link is one of the last two it wrote (a
/// reload: the run comes back where it was, even when the lesson's newest link had no time to
/// reach the URL). With a link, `start` is called when the browser has inflated it, a few
/// milliseconds later; without, at once.
pub fn initial_session(start: impl FnOnce(Session, Map, Option<String>) + 'static) {
    let (kept, message) = kept_run();
    let finish = move |linked| {
        let (session, view, message) = choose(kept, linked, message);
        start(session, view, message)
    };
    match share::fragment_text(&files::location_hash()).map(share::unpack) {
        None => finish(None),
        Some(Err(e)) => finish(Some(Err(e))),
        Some(Ok(packed)) => deflate::inflate_raw(packed, move |json| {
            finish(Some(json.and_then(share::read_inflated)))
        }),
    }
}

/// The kept run, the linked lesson or the default (`initial_session`).
fn choose(
    kept: Option<KeptRun>,
    linked: Option<Result<Scenario, ScenarioError>>,
    mut message: Option<String>,
) -> (Session, Map, Option<String>) {
    match linked {
        Some(Ok(mut linked)) => {
            if let Some((session, view, ..)) =
                kept.filter(|(_, _, lesson, own)| *own || same_lesson(lesson, &linked))
            {
                return (session, view, message);
            }
            let view = split_view(&mut linked);
            return (Session::new(linked), view, message);
        }
        Some(Err(e)) => {
            // a fresh browser has no last run to show
            let instead = if kept.is_some() {
                "your last run"
            } else {
                "the default lesson"
            };
            message = Some(format!(
                "This link could not be opened — {e}. Showing {instead} instead."
            ));
        }
        None => {}
    }
    match kept {
        Some((session, view, ..)) => (session, view, message),
        None => (Session::new(Scenario::default()), Map::new(), message),
    }
}

/// Takes the page's view out of a scenario: it is the page's (App), not the session's — a
/// copy left in the session would go stale and make `scenario()` differ from the page it was
/// linked from. A lesson's title and explanation, which never change, and the square of its
/// data, stay with the scenario, where the lesson note, the drawings and the next link read
/// them.
fn split_view(scenario: &mut Scenario) -> Map {
    let view = std::mem::take(&mut scenario.view);
    for key in ["title", "explanation", SQUARE] {
        if let Some(text) = view.get(key) {
            scenario.view.insert(key, text.clone());
        }
    }
    view
}

/// The same scenario but for the page's view.
fn same_lesson(a: &Scenario, b: &Scenario) -> bool {
    let (mut a, mut b) = (a.clone(), b.clone());
    a.view = Map::new();
    b.view = Map::new();
    a == b
}

/// The scenario to share: the settings (and, when asked, the followed racer's current
/// weights) with the page's view and its data's square.
fn shared_scenario(app: &App, with_weights: bool) -> Scenario {
    let session = &app.session;
    let mut s = if with_weights {
        session.scenario()
    } else {
        session.settings_scenario()
    };
    let square = s.view.remove(SQUARE);
    s.view = app.view().to_map();
    if let Some(square) = square {
        s.view.insert(SQUARE, square);
    }
    s
}

/// The longest link offered: many browsers, chat apps and mail programs cut longer ones.
pub const MAX_LINK: usize = 8000;

/// Writes the run to local storage and asks for the lesson's link for the URL (written when
/// the browser has packed it: `linked`).
pub fn keep(app: &mut App) {
    if errors::broken() {
        return; // after a panic the state is not to be trusted: the last kept run stays
    }
    let lesson = shared_scenario(app, false);
    let kept = Kept {
        run: app.session.saved(),
        view: app.view().to_map(),
        lesson: Some(lesson.to_file()),
        tab: tab_id(),
        urls: app.links.fingerprints(),
    };
    let stored = files::store(STORE_KEY, &json::to_string(&kept.to_value()));
    if let Err(e) = stored {
        errors::show(&format!(
            "This browser would not keep the run ({e}); a reload will start afresh."
        ));
    }
    let json = share::link_json(&lesson);
    if let Some(then) = app.links.ask_url(&json) {
        app.effects.push(Effect::Link { json, then });
    }
}

/// A link packed by the browser: the newest lesson's goes into the URL; "Copy link"'s goes
/// onto the clipboard, unless it is too long, and into the URL unless the lesson changed since
/// (`links::UrlLinks::answered`).
pub fn linked(app: &mut App, json: String, text: String, then: LinkUse) {
    let fragment = share::fragment(&text);
    if app.links.answered(json, &fragment, then) {
        files::set_location_hash(&fragment);
        app.links.wrote(fragment.clone());
    }
    if let LinkUse::Copy { .. } = then {
        copy(app, &fragment);
    }
}

/// Loads a scenario from a link or a file into the page; a bad one changes nothing.
pub fn open(app: &mut App, result: Result<Scenario, String>, source: &str) {
    match result {
        Ok(mut scenario) => {
            let view = split_view(&mut scenario);
            app.load(Load {
                scenario,
                view: Some(view),
                note: format!("Opened {source}."),
                lesson: LessonChange::End,
                pause: true,
            });
        }
        Err(e) => errors::show(&format!(
            "Could not open {source} — {e}. Nothing was changed."
        )),
    }
}

/// Wires sharing: copy a link, save and open a file, a link pasted into the open page, and
/// keeping the run when the page is hidden or left.
pub fn wire(dispatch: &Dispatch) {
    let click = |id: &str, msg: fn() -> Msg| {
        let dispatch = dispatch.clone();
        dom::on::<web_sys::Event>(&dom::element(id), "click", move |_| dispatch.send(msg()));
    };
    click("copy-link", || Msg::CopyLink);
    click("save-file", || Msg::SaveFile);
    click("save-instead", || Msg::SaveFile);
    let d = dispatch.clone();
    dom::on::<web_sys::Event>(&dom::element("open-file"), "click", move |_| {
        let d = d.clone();
        files::open_text_file(".json,application/json", move |result| {
            let (name, result) = match result {
                Ok((name, text)) => {
                    let parsed = Scenario::from_json(&text).map_err(|e| e.to_string());
                    (name, parsed)
                }
                Err(e) => ("the file".to_string(), Err(e)),
            };
            d.send(Msg::Open {
                result,
                source: format!("“{name}”"),
            });
        });
    });
    let d = dispatch.clone();
    dom::on::<web_sys::Event>(&dom::window(), "hashchange", move |_| {
        d.send(Msg::HashChanged)
    });
    for event in ["pagehide", "visibilitychange"] {
        let d = dispatch.clone();
        dom::on::<web_sys::Event>(&dom::window(), event, move |_| d.send(Msg::Keep));
    }
}

/// "Copy link": the scenario (with the weights when asked), packed by the browser, then on the
/// clipboard and in the URL (`linked`, `copy`). The clipboard is asked now, in the click's
/// task, for a text that `copy` gives when the link is back (`Effect::Copy`).
pub fn copy_link(app: &mut App) {
    let with_weights = dom::input("link-weights").checked();
    let json = share::link_json(&shared_scenario(app, with_weights));
    let then = app.links.ask_copy();
    app.effects.push(Effect::Link { json, then });
    let mut settle = None;
    let text = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    if let Some(settle) = settle {
        if let Some((_, older)) = app.copy_waiting.replace(settle) {
            let _ = older.call1(&JsValue::NULL, &"a newer copy".into());
        }
        app.effects.push(Effect::Copy { text, with_weights });
    }
}

/// The link for the clipboard (the note follows when the browser answers). A link longer than
/// `MAX_LINK` is not copied: the note says so and offers the file.
fn copy(app: &mut App, fragment: &str) {
    let Some((resolve, reject)) = app.copy_waiting.take() else {
        return;
    };
    let url = files::page_url_with_fragment(fragment);
    let long = url.len() > MAX_LINK;
    dom::element("save-instead").set_hidden(!long);
    if long {
        let _ = reject.call1(&JsValue::NULL, &"too long".into());
        return app.say(Note::Refused(format!(
            "This link would be {} characters, more than the {MAX_LINK} that browsers, chat \
             apps and mail keep whole: save the lesson as a file instead (Save).",
            url.len()
        )));
    }
    let _ = resolve.call1(&JsValue::NULL, &url.into());
}

/// What the note says once the clipboard has answered.
pub fn copied(len: usize, with_weights: bool, ok: bool) -> Note {
    if ok {
        Note::Applied(format!(
            "Link copied ({len} characters){}.",
            if with_weights {
                ", with the current weights"
            } else {
                ""
            }
        ))
    } else {
        Note::Applied(format!(
            "Copy this link from the address bar ({len} characters)."
        ))
    }
}

/// "Save": the scenario as a JSON file.
pub fn save_file(app: &mut App) {
    dom::element("save-instead").set_hidden(true);
    let with_weights = dom::input("link-weights").checked();
    let text = shared_scenario(app, with_weights).to_json();
    if let Err(e) = files::save_text_file("backprop-scenario.json", &text, "application/json") {
        errors::show(&format!("The scenario could not be saved: {e}"));
    }
}

/// A link pasted into the address bar of the open page (not one this page wrote).
pub fn hash_changed(app: &mut App) {
    let hash = files::location_hash();
    if app.links.is_last_written(hash.trim_start_matches('#')) {
        return;
    }
    match share::fragment_text(&hash).map(share::unpack) {
        Some(Ok(packed)) => app.effects.push(Effect::Unpack { packed }),
        Some(Err(e)) => open(app, Err(e.to_string()), "the link"),
        None => {}
    }
}
