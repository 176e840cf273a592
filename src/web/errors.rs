//! Errors reach the person: a banner on the page for every error, and a panic hook that
//! puts a panic there too (as well as in the console) and brings the page back.
//!
//! A panic leaves the module's state unusable (a `RefCell` it held stays borrowed), so the
//! hook reloads the page once: the run kept in local storage is replayed and the banner says
//! what happened. If the panic came while a kept run was being restored — the run itself
//! may be the cause — or it is the second within 30 s, the kept run and the link are dropped
//! and the page starts afresh; a third within 30 s only says so, so a page never reloads in
//! a loop.

use crate::json::{self, Map};
use crate::web::dom;
use crate::web::io::files;
use std::sync::atomic::{AtomicBool, Ordering};

/// sessionStorage: the last panic of this tab, for the page after the reload.
const PANIC_KEY: &str = "backprop-playground/panic";
/// Panics closer together than this count as one episode.
const EPISODE_MS: f64 = 30_000.0;

// The panic hook is global (std calls it with no state at hand), so the two facts it needs
// are global too: flags, not page state (which the loop owns).
/// A panic happened in this page's life: its state is not to be touched again.
static BROKEN: AtomicBool = AtomicBool::new(false);
/// A kept run is being restored (set by the page while it replays).
static RESTORING: AtomicBool = AtomicBool::new(false);

/// The last panic as sessionStorage keeps it: a JSON object of these fields (read and written
/// by hand, which takes the wasm less than a derive of its own).
struct Panicked {
    /// Date.now() of the panic
    at: f64,
    /// panics in this episode
    count: u32,
    message: String,
    /// the kept run and the link were dropped
    afresh: bool,
    /// the page after the reload has said so
    shown: bool,
}

/// Shows a message in the page's error banner (and the console).
pub fn show(message: &str) {
    web_sys::console::error_1(&message.into());
    if let Some(el) = dom::document().get_element_by_id("error-text") {
        el.set_text_content(Some(message));
    }
    if let Some(el) = dom::document().get_element_by_id("errors") {
        let _ = el.remove_attribute("hidden");
    }
}

pub fn clear() {
    if let Some(el) = dom::document().get_element_by_id("errors") {
        let _ = el.set_attribute("hidden", "");
    }
}

/// The banner's × closes it.
pub fn wire() {
    if let Some(button) = dom::document().get_element_by_id("error-close") {
        dom::on::<web_sys::Event>(&button, "click", |_| clear());
    }
}

/// True after a panic: event handlers leave the page's state alone.
pub fn broken() -> bool {
    BROKEN.load(Ordering::Relaxed)
}

/// The page says when it is restoring a kept run (a panic then drops that run).
pub fn set_restoring(on: bool) {
    RESTORING.store(on, Ordering::Relaxed);
}

fn last_panic() -> Option<Panicked> {
    let text = files::session_storage()?.get_item(PANIC_KEY).ok()??;
    let v = json::from_str(&text).ok()?;
    let flag = |key| v.get(key)?.as_bool();
    Some(Panicked {
        at: v.get("at")?.as_f64()?,
        count: u32::try_from(v.get("count")?.as_u64()?).ok()?,
        message: v.get("message")?.as_str()?.to_string(),
        afresh: flag("afresh")?,
        shown: flag("shown")?,
    })
}

fn remember(p: &Panicked) {
    let mut v = Map::new();
    v.insert("at", p.at);
    v.insert("count", p.count);
    v.insert("message", p.message.as_str());
    v.insert("afresh", p.afresh);
    v.insert("shown", p.shown);
    if let Some(s) = files::session_storage() {
        let _ = s.set_item(PANIC_KEY, &json::to_string(&v.into()));
    }
}

/// Drops the kept run and the link from the address bar, so that the reload starts afresh.
fn drop_run() {
    files::unstore(crate::web::io::sharing::STORE_KEY);
    if let Some(w) = web_sys::window()
        && let Ok(path) = w.location().pathname()
        && let Ok(history) = w.history()
    {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

/// What the page says after a reload caused by a panic (once), if there was one.
pub fn after_reload() -> Option<String> {
    let mut p = last_panic()?;
    if p.shown {
        return None;
    }
    p.shown = true;
    remember(&p);
    Some(if p.afresh {
        format!(
            "Something broke inside the playground ({}) while your last run was being restored, so it starts afresh. Please report this.",
            p.message
        )
    } else {
        format!(
            "Something broke inside the playground ({}); it reloaded itself and your run came back as it was last kept. Please report this.",
            p.message
        )
    })
}

/// Panics go to the console with a stack (console_error_panic_hook) and to the banner; then
/// the page reloads itself (see the module's note).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if BROKEN.swap(true, Ordering::Relaxed) {
            return; // a later panic of the same broken page: the first one decided
        }
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        let now = js_sys::Date::now();
        let count = last_panic()
            .filter(|p| now - p.at < EPISODE_MS)
            .map_or(1, |p| p.count + 1);
        if count > 2 {
            drop_run();
            show(&format!(
                "Something broke inside the playground again ({message}). Reload the page to start afresh; please report this."
            ));
            return;
        }
        let afresh = RESTORING.load(Ordering::Relaxed) || count == 2;
        if afresh {
            drop_run();
        }
        remember(&Panicked {
            at: now,
            count,
            message: message.clone(),
            afresh,
            shown: false,
        });
        show(&format!(
            "Something broke inside the playground ({message}). Reloading…"
        ));
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    }));
}
