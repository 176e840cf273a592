//! A data set from a file (issue 13): "Import CSV…" opens the browser's picker, and a file
//! dropped anywhere on the page is read the same way — as bytes, so that a file that is not
//! UTF-8 is refused naming where. A CSV file replaces the data (`scenario::csv`); a dropped
//! `.json` file opens as a scenario, as "Open" does. A bad file changes nothing and the
//! banner says why, naming the line and column.

use crate::scenario::{Scenario, csv};
use crate::web::app::{App, Dispatch, LessonChange, Load, Msg};
use crate::web::panels::own_data::Msg as OwnMsg;
use crate::web::{dom, errors, io::sharing};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{File, FileReader};

/// The picker's button and dropping on the page.
pub fn wire(dispatch: &Dispatch) {
    let d = dispatch.clone();
    dom::on::<web_sys::Event>(&dom::element("import-csv"), "click", move |_| {
        pick(d.clone())
    });
    // without this the browser opens a dropped file in place of the page
    dom::on::<web_sys::Event>(&dom::document(), "dragover", |e| e.prevent_default());
    let d = dispatch.clone();
    dom::on::<web_sys::Event>(&dom::document(), "drop", move |e| {
        e.prevent_default();
        let files = js_sys::Reflect::get(&e, &"dataTransfer".into())
            .and_then(|t| js_sys::Reflect::get(&t, &"files".into()));
        if let Some(file) = files
            .ok()
            .and_then(|f| f.dyn_into::<web_sys::FileList>().ok())
            .and_then(|f| f.get(0))
        {
            read(file, d.clone());
        }
    });
}

/// The browser's file picker for a CSV file (a click handler's work: browsers show pickers
/// only in answer to the person); cancelling it does nothing.
fn pick(dispatch: Dispatch) {
    let Ok(input) = super::files::file_input(".csv,text/csv,text/plain") else {
        return;
    };
    let picked = input.clone();
    let handler = Closure::once_into_js(move |_: web_sys::Event| {
        picked.set_onchange(None);
        picked.set_oncancel(None);
        if let Some(file) = picked.files().and_then(|f| f.get(0)) {
            read(file, dispatch);
        }
    });
    input.set_onchange(Some(handler.unchecked_ref()));
    input.set_oncancel(Some(handler.unchecked_ref()));
    input.click();
}

/// Reads `file` as bytes and sends them to the page (a file over `csv::MAX_BYTES` is refused
/// before it is read).
fn read(file: File, dispatch: Dispatch) {
    let name = file.name();
    if file.size() > csv::MAX_BYTES as f64 {
        let bytes = file.size() as usize;
        let e = csv::CsvError::at(1, 1, csv::Problem::TooLarge { bytes });
        return errors::show(&refusal(&name, &e.to_string()));
    }
    let Ok(reader) = FileReader::new() else {
        return errors::show(&refusal(&name, "the browser cannot read files here"));
    };
    let finished = reader.clone();
    let done = Closure::once_into_js(move || {
        finished.set_onloadend(None);
        match finished.result() {
            Ok(buffer) if buffer.is_instance_of::<js_sys::ArrayBuffer>() => {
                let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                dispatch.send(Msg::OwnData(OwnMsg::Import { name, bytes }));
            }
            _ => errors::show(&refusal(&name, "the browser could not read it")),
        }
    });
    reader.set_onloadend(Some(done.unchecked_ref()));
    let _ = reader.read_as_array_buffer(&file);
}

fn refusal(name: &str, why: &str) -> String {
    format!("Could not import “{name}” — {why}. Nothing was changed.")
}

/// A file's bytes into the page: a `.json` file opens as a scenario; anything else is read
/// as CSV and replaces the data (paused, the view fitted to the points), or the banner names
/// its line and column and nothing changes.
pub fn import(app: &mut App, name: &str, bytes: &[u8]) {
    if name.to_ascii_lowercase().ends_with(".json") {
        let scenario = std::str::from_utf8(bytes)
            .map_err(|e| format!("it is not UTF-8 text (at byte {})", e.valid_up_to()))
            .and_then(|t| Scenario::from_json(t).map_err(|e| e.to_string()));
        return sharing::open(app, scenario, &format!("“{name}”"));
    }
    match csv::import_bytes(bytes, &app.session.settings_scenario()) {
        Ok(scenario) => {
            let set = scenario.dataset();
            let test = set.test.as_ref().map_or(0, |t| t.len());
            let note = format!(
                "Imported {} training and {test} test examples from “{name}”.",
                set.train.len()
            );
            app.load(Load {
                scenario,
                view: None,
                note,
                lesson: LessonChange::End,
                pause: true,
            });
        }
        Err(e) => errors::show(&refusal(name, &e.to_string())),
    }
}
