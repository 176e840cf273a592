//! Keyboard shortcuts: space play / pause, → next sub-step, shift + → one epoch, r reset,
//! 1–4 follow a racer, p presentation, l the loss landscape, ? help (Esc closes it).

use crate::math::optimizer::OptimizerKind;
use crate::web::app::{Dispatch, Msg};
use crate::web::dom;
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
pub fn wire(dispatch: &Dispatch) {
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
    let dispatch = dispatch.clone();
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
        if e.key() == "?" {
            set_help(true);
            e.prevent_default();
        } else if let Some(msg) = message(&e) {
            e.prevent_default();
            dispatch.send(msg);
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

/// The message a key sends; none for a key that is no shortcut.
fn message(e: &KeyboardEvent) -> Option<Msg> {
    let key = e.key();
    Some(match key.as_str() {
        " " => Msg::TogglePlay,
        "ArrowRight" if e.shift_key() => Msg::OneEpoch,
        "ArrowRight" => Msg::SubStep,
        "ArrowLeft" => Msg::StepBack,
        "m" | "M" => Msg::ToggleLessonView,
        "r" | "R" => Msg::Reset,
        "p" | "P" => Msg::TogglePresentation,
        "l" | "L" => Msg::Landscape(crate::web::app::LandscapeMsg::Toggle),
        "1" | "2" | "3" | "4" => {
            let i = key.parse::<usize>().unwrap_or(1) - 1;
            Msg::Focus(OptimizerKind::ALL[i])
        }
        _ => return None,
    })
}
