//! The browser's files, local storage and location, for saving, opening and
//! sharing scenarios: small wrappers that never panic. Each failure the person can do
//! something about comes back as a message in words (`Err(String)`), ready for the page's
//! error banner.
//!
//! Callbacks are handed to JavaScript with `Closure::once_into_js`, which frees them when
//! they are called; each is installed so that exactly one call happens (the file picker's
//! when the person chooses a file or cancels it, a FileReader's `loadend`, a settled promise,
//! a timer), so nothing is kept for the life of the page.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{
    Blob, BlobPropertyBag, Document, DomException, File, FileReader, HtmlAnchorElement,
    HtmlElement, HtmlInputElement, Storage, Url, Window,
};

/// The largest file `open_text_file` reads: 20 MB.
pub const MAX_OPEN_BYTES: f64 = 20.0 * MB;

const MB: f64 = 1024.0 * 1024.0;

/// How long a saved file's object URL is kept before it is revoked: the download has
/// started long before, and some browsers read the blob only after the click returns.
const REVOKE_AFTER_MS: i32 = 10_000;

pub(super) fn window() -> Result<Window, String> {
    web_sys::window().ok_or_else(|| "this page has no window".to_string())
}

pub(super) fn document() -> Result<Document, String> {
    window()?
        .document()
        .ok_or_else(|| "this page has no document".to_string())
}

pub(super) fn body() -> Result<HtmlElement, String> {
    document()?
        .body()
        .ok_or_else(|| "this page has no body".to_string())
}

/// A thrown JavaScript value in words: a DOMException's or Error's message, or the value.
pub(super) fn js_message(e: &JsValue) -> String {
    if let Some(e) = e.dyn_ref::<DomException>() {
        return format!("{}: {}", e.name(), e.message());
    }
    if let Some(e) = e.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// Calls `target[name](...args)`, catching what it throws.
pub(super) fn call_method(
    target: &JsValue,
    name: &str,
    args: &[&JsValue],
) -> Result<JsValue, JsValue> {
    let method: Function = Reflect::get(target, &name.into())?
        .dyn_into()
        .map_err(|_| JsValue::from_str(&format!("{name} is not a function here")))?;
    let args: Array = args.iter().copied().collect();
    Reflect::apply(&method, target, &args)
}

/// Runs a `once_into_js` callback after `ms` milliseconds (at once if no timer can be set),
/// so that it is always called, and so freed.
fn call_later(callback: JsValue, ms: i32) {
    let set = web_sys::window().is_some_and(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms)
            .is_ok()
    });
    if !set {
        let _ = callback.unchecked_ref::<Function>().call0(&JsValue::NULL);
    }
}

// ---- saving ------------------------------------------------------------------------------

/// Offers `text` as a download named `file_name`, of type `mime` (e.g. `application/json`):
/// a Blob, an object URL, a click on a temporary `<a download>`; the URL is revoked a few
/// seconds later. Errors only when the browser cannot make the Blob or the link.
pub fn save_text_file(file_name: &str, text: &str, mime: &str) -> Result<(), String> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = Array::of1(&JsValue::from_str(text));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("cannot make the file {file_name}: {}", js_message(&e)))?;
    save_blob(file_name, &blob)
}

/// Offers a Blob as a download named `file_name`: an object URL, a click on a temporary
/// `<a download>`; the URL is revoked a few seconds later.
pub fn save_blob(file_name: &str, blob: &Blob) -> Result<(), String> {
    let url = Url::create_object_url_with_blob(blob)
        .map_err(|e| format!("cannot make the file {file_name}: {}", js_message(&e)))?;
    let clicked = click_download_link(&url, file_name);
    call_later(
        Closure::once_into_js(move || {
            let _ = Url::revoke_object_url(&url);
        }),
        REVOKE_AFTER_MS,
    );
    clicked
}

/// A hidden `<a href=url download=file_name>`, clicked and removed.
fn click_download_link(url: &str, file_name: &str) -> Result<(), String> {
    let link: HtmlAnchorElement = document()?
        .create_element("a")
        .map_err(|e| format!("cannot make a download link: {}", js_message(&e)))?
        .unchecked_into();
    link.set_href(url);
    link.set_download(file_name);
    link.set_hidden(true);
    body()?
        .append_child(&link)
        .map_err(|e| format!("cannot add a download link: {}", js_message(&e)))?;
    link.click();
    link.remove();
    Ok(())
}

// ---- opening -----------------------------------------------------------------------------

/// Shows the browser's file picker for files matching `accept` (e.g. `.json,application/json`)
/// and reads the chosen file as UTF-8 text: `on_result(Ok((file_name, text)))`, or
/// `Err(message)` for a file over 20 MB or one that cannot be read. When the person closes
/// the picker without choosing, `on_result` is dropped uncalled (browsers without the
/// `cancel` event keep the small callback until the page closes).
///
/// Call it from a click handler: browsers show pickers only in answer to the person.
pub fn open_text_file(
    accept: &str,
    on_result: impl FnOnce(Result<(String, String), String>) + 'static,
) {
    let input = match file_input(accept) {
        Ok(input) => input,
        Err(e) => return on_result(Err(e)),
    };
    let picked = input.clone();
    let handler = Closure::once_into_js(move |event: web_sys::Event| {
        // one of `change` and `cancel` fires: remove both, so this one-time callback is
        // never called again
        picked.set_onchange(None);
        picked.set_oncancel(None);
        if event.type_() == "change"
            && let Some(file) = picked.files().and_then(|files| files.get(0))
        {
            read_text(file, on_result);
        }
    });
    input.set_onchange(Some(handler.unchecked_ref()));
    input.set_oncancel(Some(handler.unchecked_ref()));
    input.click();
}

/// A detached `<input type=file accept=…>` (the callbacks hold it until one is called).
pub(super) fn file_input(accept: &str) -> Result<HtmlInputElement, String> {
    let input: HtmlInputElement = document()?
        .create_element("input")
        .map_err(|e| format!("cannot open the file picker: {}", js_message(&e)))?
        .unchecked_into();
    input.set_type("file");
    input.set_accept(accept);
    Ok(input)
}

/// Reads `file` as text with a FileReader; `on_result` is called once, on `loadend`.
fn read_text(file: File, on_result: impl FnOnce(Result<(String, String), String>) + 'static) {
    let name = file.name();
    let size = file.size();
    if size > MAX_OPEN_BYTES {
        return on_result(Err(format!(
            "{name}: file too large ({:.1} MB; the most is {} MB)",
            size / MB,
            MAX_OPEN_BYTES / MB
        )));
    }
    let reader = match FileReader::new() {
        Ok(reader) => reader,
        Err(e) => return on_result(Err(format!("cannot read {name}: {}", js_message(&e)))),
    };
    let finished = reader.clone();
    let done = Closure::once_into_js(move || {
        finished.set_onloadend(None);
        on_result(read_result(&finished, &name).map(|text| (name, text)));
    });
    reader.set_onloadend(Some(done.unchecked_ref()));
    if reader.read_as_text(&file).is_err() {
        // no `loadend` will come: report now (the reader has neither result nor error)
        reader.set_onloadend(None);
        let _ = done.unchecked_ref::<Function>().call0(&JsValue::NULL);
    }
}

/// The text a finished FileReader holds, or why it holds none.
fn read_result(reader: &FileReader, name: &str) -> Result<String, String> {
    if let Some(e) = reader.error() {
        return Err(format!("cannot read {name}: {}: {}", e.name(), e.message()));
    }
    reader
        .result()
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| format!("cannot read {name}: the browser gave no text"))
}

// ---- local storage -----------------------------------------------------------------------

/// The page's `localStorage`, or why there is none (some private modes, blocked cookies).
/// The tab's `sessionStorage` (kept through a reload, not shared with other tabs), or None
/// where the browser gives none.
pub fn session_storage() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn local_storage() -> Result<Storage, String> {
    match window()?.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("this browser gives the page no storage".into()),
        Err(e) => Err(format!(
            "the browser does not let this page store anything ({})",
            js_message(&e)
        )),
    }
}

/// Keeps `value` under `key` in `localStorage`; a full storage or one the browser refuses
/// is an `Err` in words.
pub fn store(key: &str, value: &str) -> Result<(), String> {
    local_storage()?.set_item(key, value).map_err(|e| {
        let full = e
            .dyn_ref::<DomException>()
            .is_some_and(|e| e.name() == "QuotaExceededError");
        if full {
            format!(
                "the browser's storage for this page is full ({:.0} kB could not be kept)",
                (value.len() + key.len()) as f64 / 1024.0
            )
        } else {
            format!("the browser did not keep {key}: {}", js_message(&e))
        }
    })
}

/// The value kept under `key`, if any (None also when there is no storage).
pub fn stored(key: &str) -> Option<String> {
    local_storage().ok()?.get_item(key).ok().flatten()
}

/// Forgets `key` (nothing happens when there is no storage or no such key).
pub fn unstore(key: &str) {
    if let Ok(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

// ---- the location ------------------------------------------------------------------------

/// The page's location hash as the browser gives it: `"#s=1.…"`, or `""` when there is none.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the location hash with `#fragment` (a leading '#' in `fragment` is dropped; an
/// empty one removes the hash) through `history.replaceState`: no new history entry, no
/// scrolling and no `hashchange` event. Does nothing where the browser refuses.
pub fn set_location_hash(fragment: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let url = if fragment.is_empty() {
        let location = window.location();
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    } else {
        format!("#{fragment}")
    };
    if let Ok(history) = window.history() {
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&url));
    }
}

/// The page's address without query or hash, then `#fragment`: the link to share
/// (`https://host/path/#s=1.…`). A leading '#' in `fragment` is dropped.
pub fn page_url_with_fragment(fragment: &str) -> String {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return format!("#{fragment}");
    };
    let origin = location.origin().unwrap_or_default();
    // file: pages have the origin "null"
    let origin = if origin.is_empty() || origin == "null" {
        format!(
            "{}//{}",
            location.protocol().unwrap_or_default(),
            location.host().unwrap_or_default()
        )
    } else {
        origin
    };
    format!(
        "{origin}{}#{fragment}",
        location.pathname().unwrap_or_default()
    )
}
