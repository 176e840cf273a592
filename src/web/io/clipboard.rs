//! The clipboard: text copied at once (`copy_to_clipboard`) or when it is ready
//! (`copy_when_ready`, a link the browser is still packing), through the asynchronous
//! Clipboard API where there is one, else a hidden textarea and `execCommand("copy")`; and a
//! picture (`copy_image`, issue 13's "copy image"), a PNG as the promise of its Blob, where the
//! browser has `ClipboardItem`. Each calls back once with the outcome, whose error says what
//! to do by hand.

use super::callback;
use super::files::{body, call_method, document, js_message, window};
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlDocument, HtmlElement, HtmlTextAreaElement};

/// Copies `text` to the clipboard and calls `on_done` once with the outcome: the
/// asynchronous Clipboard API where there is one (secure pages), else, or when it refuses
/// (no focus, no permission), a hidden textarea and `document.execCommand("copy")`. The
/// message of an `Err` says to copy by hand. Call it from a click handler.
pub fn copy_to_clipboard(text: &str, on_done: impl FnOnce(Result<(), String>) + 'static) {
    let Some(written) = clipboard_write_text(text) else {
        return on_done(copy_with_textarea(text));
    };
    let text = text.to_string();
    callback::when_settled(&written, move |outcome| {
        on_done(
            outcome
                .map(|_| ())
                .or_else(|reason| after_refusal(&text, &reason)),
        )
    });
}

/// The clipboard refused (`reason`): the textarea's way, whose error also says what the
/// clipboard said.
fn after_refusal(text: &str, reason: &JsValue) -> Result<(), String> {
    copy_with_textarea(text)
        .map_err(|e| format!("{e} (the clipboard said: {})", js_message(reason)))
}

/// `navigator.clipboard.writeText(text)`'s promise, or None where there is no such API
/// (plain http pages, old browsers) or it throws.
fn clipboard_write_text(text: &str) -> Option<Promise> {
    let navigator = window().ok()?.navigator();
    let clipboard = Reflect::get(&navigator, &"clipboard".into()).ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    call_method(&clipboard, "writeText", &[&JsValue::from_str(text)])
        .ok()?
        .dyn_into::<Promise>()
        .ok()
}

/// The old way: select the text in a hidden textarea and run the `copy` command; the focus
/// goes back where it was.
fn copy_with_textarea(text: &str) -> Result<(), String> {
    let document = document()?;
    let area: HtmlTextAreaElement = document
        .create_element("textarea")
        .map_err(|e| format!("could not copy: {}", js_message(&e)))?
        .unchecked_into();
    area.set_value(text);
    area.set_read_only(true); // no on-screen keyboard on phones
    let _ = area.set_attribute("aria-hidden", "true");
    let _ = area.set_attribute(
        "style",
        "position: fixed; top: 0; left: 0; width: 1px; height: 1px; opacity: 0; \
         pointer-events: none",
    );
    let focused = document.active_element();
    body()?
        .append_child(&area)
        .map_err(|e| format!("could not copy: {}", js_message(&e)))?;
    area.select();
    let copied = document
        .unchecked_ref::<HtmlDocument>()
        .exec_command("copy");
    area.remove();
    if let Some(element) = focused.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = element.focus();
    }
    match copied {
        Ok(true) => Ok(()),
        Ok(false) => Err("the browser did not let the page copy: copy the text by hand".into()),
        Err(e) => Err(format!(
            "the browser did not let the page copy ({}): copy the text by hand",
            js_message(&e)
        )),
    }
}

/// Copies the text `text` resolves to, and calls `on_done` once with that text (or the
/// promise's rejection: then nothing is copied and the outcome is `Ok`) and the outcome. Call
/// it from a click handler: where the browser has `ClipboardItem`, the clipboard is asked at
/// once, in the click's task, for a text still to come — what Safari needs — else the text is
/// copied when it comes, within the click's user activation (Chromium, Firefox).
pub fn copy_when_ready(
    text: Promise,
    on_done: impl FnOnce(Result<String, JsValue>, Result<(), String>) + 'static,
) {
    let Some(written) = clipboard_write_later(&text) else {
        return callback::when_settled(&text, move |t| match t {
            Ok(t) => {
                let t = t.as_string().unwrap_or_default();
                copy_to_clipboard(&t.clone(), move |r| on_done(Ok(t), r))
            }
            Err(e) => on_done(Err(e), Ok(())),
        });
    };
    callback::when_settled(&written, move |w| {
        callback::when_settled(&text, move |t| match (t, w) {
            (Err(e), _) => on_done(Err(e), Ok(())),
            (Ok(t), w) => {
                let t = t.as_string().unwrap_or_default();
                let r = w.map(|_| ()).or_else(|reason| after_refusal(&t, &reason));
                on_done(Ok(t), r)
            }
        })
    });
}

/// Puts a PNG (a promise of its Blob) on the clipboard — `navigator.clipboard.write` with a
/// `ClipboardItem`, where the browser has them (secure pages) — and calls `on_done` once
/// with the outcome. Call it from a click handler.
pub fn copy_image(png: &Promise, on_done: impl FnOnce(Result<(), String>) + 'static) {
    let written = write_item("image/png", png).ok_or(
        "this browser does not let a page put a picture on the clipboard (it needs a secure \
         page and ClipboardItem): download the PNG instead",
    );
    let written = match written {
        Ok(p) => p,
        Err(e) => return on_done(Err(e.into())),
    };
    callback::when_settled(&written, move |outcome| {
        on_done(outcome.map(|_| ()).map_err(|reason| {
            format!(
                "the clipboard said: {}; download the PNG instead",
                js_message(&reason)
            )
        }))
    });
}

/// `navigator.clipboard.write` of the text `text` resolves to, as a `text/plain` Blob
/// (`write_item`).
fn clipboard_write_later(text: &Promise) -> Option<Promise> {
    let to_blob = Closure::once_into_js(|t: JsValue| -> JsValue {
        let parts = Array::of1(&t);
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/plain");
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
            .map(JsValue::from)
            .unwrap_or(t)
    });
    write_item("text/plain", &call_method(text, "then", &[&to_blob]).ok()?)
}

/// `navigator.clipboard.write([new ClipboardItem({[mime]: data})])`'s promise (`data` a Blob
/// or the promise of one), or None where there is no such API (it needs a secure page and
/// `ClipboardItem`) or it throws.
pub(super) fn write_item(mime: &str, data: &JsValue) -> Option<Promise> {
    let window = window().ok()?;
    let clipboard = Reflect::get(&window.navigator(), &"clipboard".into()).ok()?;
    let item: Function = Reflect::get(&window, &"ClipboardItem".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let parts = Object::new();
    Reflect::set(&parts, &mime.into(), data).ok()?;
    let item = Reflect::construct(&item, &Array::of1(&parts)).ok()?;
    call_method(&clipboard, "write", &[&Array::of1(&item).into()])
        .ok()?
        .dyn_into::<Promise>()
        .ok()
}
