//! Keyboard shortcuts: space play / pause, → next sub-step, shift + → one epoch, r reset,
//! 1–4 follow a racer, p presentation, ? help (Esc closes it).

use crate::math::optimizer::OptimizerKind;
use crate::web::app::{App, Shared};
use crate::web::dom;
use crate::web::panels::controls::Notify;
use web_sys::KeyboardEvent;

pub fn set_help(open: bool) {
    dom::element("help-overlay").set_hidden(!open);
    if open {
        let _ = dom::element("help-close").focus();
    }
}

fn help_open() -> bool {
    !dom::element("help-overlay").hidden()
}

/// Wires the help overlay and the shortcuts.
pub fn wire(app: &Shared, _notify: &Notify) {
    dom::on::<web_sys::Event>(&dom::element("help"), "click", |_| set_help(true));
    dom::on::<web_sys::Event>(&dom::element("help-close"), "click", |_| set_help(false));
    dom::on::<web_sys::MouseEvent>(&dom::element("help-overlay"), "click", |e| {
        // a click on the dimmed background closes it
        if e.target()
            .map(|t| t == dom::element("help-overlay").into())
            .unwrap_or(false)
        {
            set_help(false);
        }
    });
    let app = app.clone();
    dom::on::<KeyboardEvent>(&dom::document(), "keydown", move |e| {
        if e.ctrl_key() || e.meta_key() || e.alt_key() || !is_shortcut(&e) {
            return;
        }
        if help_open() {
            if e.key() == "Escape" || e.key() == "?" {
                set_help(false);
                e.prevent_default();
            }
            return;
        }
        if act(&mut app.borrow_mut(), &e) {
            e.prevent_default();
        }
    });
}

/// False while typing in a field (typing is typing, not a shortcut) and for space on a
/// focused button (it presses that button, as everywhere else).
fn is_shortcut(e: &KeyboardEvent) -> bool {
    let target = e
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
    let typing = target.as_ref().is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
            || el.closest("form").ok().flatten().is_some()
    });
    let on_button = target.as_ref().is_some_and(|el| el.tag_name() == "BUTTON");
    !(typing || (on_button && e.key() == " "))
}

/// Does what a key asks; false for a key that is no shortcut.
fn act(a: &mut App, e: &KeyboardEvent) -> bool {
    let key = e.key();
    match key.as_str() {
        " " => a.toggle_play(),
        "ArrowRight" if e.shift_key() => a.one_epoch(),
        "ArrowRight" => a.sub_step(),
        "ArrowLeft" => a.step_back(),
        "m" | "M" => {
            let on = !a.lesson_view;
            a.set_lesson_view(on);
        }
        "r" | "R" => a.reset(),
        "p" | "P" => {
            let on = !a.presentation;
            a.set_presentation(on);
        }
        "?" => set_help(true),
        "1" | "2" | "3" | "4" => {
            let i = key.parse::<usize>().unwrap_or(1) - 1;
            a.focus(OptimizerKind::ALL[i]);
        }
        _ => return false,
    }
    true
}
