//! Errors reach the person: a banner on the page for every error, and a panic hook that
//! puts a panic there too (as well as in the console).

use super::dom;

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

/// Panics go to the console with a stack (console_error_panic_hook) and to the banner.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        show(&format!(
            "Something broke inside the playground ({message}). Reload the page to go on; please report this."
        ));
    }));
}
