//! A picture on the clipboard (issue 13's "copy image"): a PNG, as the promise of its Blob,
//! written with `navigator.clipboard.write` and a `ClipboardItem` where the browser has them.

use super::callback::when_settled;
use super::files::{call_method, js_message};
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::JsCast;

/// Puts a PNG (a promise of its Blob) on the clipboard — `navigator.clipboard.write` with a
/// `ClipboardItem`, where the browser has them (secure pages) — and calls `on_done` once
/// with the outcome. Call it from a click handler.
pub fn copy_image(png: &Promise, on_done: impl FnOnce(Result<(), String>) + 'static) {
    let written = clipboard_write_image(png).ok_or(
        "this browser does not let a page put a picture on the clipboard (it needs a secure \
         page and ClipboardItem): download the PNG instead",
    );
    let written = match written {
        Ok(p) => p,
        Err(e) => return on_done(Err(e.into())),
    };
    when_settled(&written, move |outcome| {
        on_done(outcome.map(|_| ()).map_err(|reason| {
            format!(
                "the clipboard said: {}; download the PNG instead",
                js_message(&reason)
            )
        }))
    });
}

/// `navigator.clipboard.write([new ClipboardItem({"image/png": png})])`'s promise, or None
/// where there is no such API or it throws.
fn clipboard_write_image(png: &Promise) -> Option<Promise> {
    let window = web_sys::window()?;
    let clipboard = Reflect::get(&window.navigator(), &"clipboard".into()).ok()?;
    let item: Function = Reflect::get(&window, &"ClipboardItem".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let parts = js_sys::Object::new();
    Reflect::set(&parts, &"image/png".into(), png).ok()?;
    let item = Reflect::construct(&item, &Array::of1(&parts)).ok()?;
    call_method(&clipboard, "write", &[&Array::of1(&item).into()])
        .ok()?
        .dyn_into::<Promise>()
        .ok()
}
