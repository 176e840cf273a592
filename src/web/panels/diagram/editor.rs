//! The diagram under the pointer: a tip with the name and value of the node or link hovered,
//! and a small editor a click opens on it to type a new value.

use super::{Hit, hit, input_name, name, value};
use crate::session::Session;
use crate::web::dom;
use crate::web::markup::{Attr, el, fragment};
use crate::web::panels::controls::{Note, Notify};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlCanvasElement, HtmlElement, HtmlInputElement, KeyboardEvent, MouseEvent};

type Shared = Rc<RefCell<Session>>;

/// Hover shows a node's or link's name and value; a click opens a small editor on it; Enter
/// sets the value (the race restarts from the edited parameters), Escape closes it.
pub fn wire(session: Shared, notify: Notify) {
    let canvas = dom::canvas("diagram");
    wire_tip(&session, &canvas, &dom::element("diagram-tip"));
    let canvas2 = canvas.clone();
    dom::on::<MouseEvent>(&canvas, "click", move |e| {
        let (x, y) = (e.offset_x() as f64, e.offset_y() as f64);
        let Some(h) = hit(&canvas2, x, y) else { return };
        if let Hit::Node { layer: 0, .. } = h {
            return;
        }
        open_editor(&session, &notify, h, x, y);
    });
}

/// The tip follows the pointer over a node or a link (and the cursor says it can be
/// clicked); it hides elsewhere and when the pointer leaves the diagram.
fn wire_tip(session: &Shared, canvas: &HtmlCanvasElement, tip: &HtmlElement) {
    {
        let (session, canvas, tip) = (session.clone(), canvas.clone(), tip.clone());
        dom::on::<MouseEvent>(&canvas.clone(), "mousemove", move |e| {
            let (x, y) = (e.offset_x() as f64, e.offset_y() as f64);
            match hit(&canvas, x, y) {
                Some(h) => {
                    tip.set_text_content(Some(&tip_text(&session.borrow(), h)));
                    let _ = tip.style().set_property("left", &format!("{}px", x + 12.0));
                    let _ = tip.style().set_property("top", &format!("{}px", y + 12.0));
                    tip.set_hidden(false);
                    let _ = canvas.style().set_property("cursor", "pointer");
                }
                None => {
                    tip.set_hidden(true);
                    let _ = canvas.style().set_property("cursor", "default");
                }
            }
        });
    }
    let tip = tip.clone();
    dom::on::<MouseEvent>(canvas, "mouseleave", move |_| tip.set_hidden(true));
}

/// What the tip says of a hit: "input x₁", "unit 2 of layer 1: b[1]₂ = 0.1234 (click to
/// edit)" or "W[1]₂,₁ = -0.5000 (click to edit)".
fn tip_text(s: &Session, h: Hit) -> String {
    match (h, value(s, h)) {
        (Hit::Node { layer: 0, unit }, _) => {
            format!("input {}", input_name(s, unit))
        }
        (Hit::Node { layer, unit }, Some(v)) => format!(
            "unit {} of layer {layer}: {} = {v:.4} (click to edit)",
            unit + 1,
            name(h)
        ),
        (_, Some(v)) => format!("{} = {v:.4} (click to edit)", name(h)),
        _ => name(h),
    }
}

/// The inline editor for one parameter, placed at (x, y) in the diagram's box.
pub fn open_editor(session: &Shared, notify: &Notify, h: Hit, x: f64, y: f64) {
    if let Some(old) = dom::document().get_element_by_id("diagram-edit") {
        old.remove();
    }
    let current = value(&session.borrow(), h).unwrap_or(0.0);
    let form = editor_form(h, current, x, y);
    let _ = dom::element("diagram-box").append_child(&form);
    let input: HtmlInputElement = form
        .query_selector("input")
        .ok()
        .flatten()
        .expect("the editor's input")
        .unchecked_into();
    let _ = input.focus();
    input.select();
    wire_editor(session, notify, h, &form, input);
}

/// The editor's form, "W[2]₃,₁ = [value] Set", at (x, y) (not yet on the page).
fn editor_form(h: Hit, current: f64, x: f64, y: f64) -> HtmlElement {
    let form = dom::document().create_element("form").expect("form");
    form.set_id("diagram-edit");
    form.set_class_name("editor");
    let field = el("label").text(format!("{} = ", name(h))).child(
        el("input")
            .attr(Attr::Type, "number")
            .attr(Attr::Step, "any")
            .attr(Attr::Value, current)
            .aria("label", format!("new value of {}", name(h))),
    );
    let set = el("button").attr(Attr::Type, "submit").text("Set");
    dom::set_html(&form, &fragment([field.into(), set.into()]).to_html());
    let form: HtmlElement = form.unchecked_into();
    let _ = form
        .style()
        .set_property("left", &format!("{}px", x.max(0.0)));
    let _ = form
        .style()
        .set_property("top", &format!("{}px", y.max(0.0)));
    form
}

/// Escape closes the editor; submitting it (Enter, "Set") sets the value.
fn wire_editor(
    session: &Shared,
    notify: &Notify,
    h: Hit,
    form: &HtmlElement,
    input: HtmlInputElement,
) {
    {
        let form2 = form.clone();
        dom::on::<KeyboardEvent>(&input.clone(), "keydown", move |e| {
            if e.key() == "Escape" {
                form2.remove();
            }
        });
    }
    let (session, notify) = (session.clone(), notify.clone());
    let form2 = form.clone();
    dom::on::<Event>(form, "submit", move |e| {
        e.prevent_default();
        set_parameter(&session, &notify, h, input.value_as_number(), &form2);
    });
}

/// Sets the parameter `h` names to `v` — the race restarts from the edited parameters —
/// and closes the editor; or says why not and leaves it open.
fn set_parameter(session: &Shared, notify: &Notify, h: Hit, v: f64, form: &HtmlElement) {
    let (layer, bias, row, col) = match h {
        Hit::Link { layer, to, from } => (layer, false, to, from),
        Hit::Node { layer, unit } => (layer, true, unit, 0),
    };
    let result = session
        .borrow_mut()
        .edit_parameter(layer, bias, row, col, v);
    match result {
        Ok(()) => {
            notify(Note::Restarted(format!(
                "{} set to {v}: the race restarted from these weights.",
                name(h)
            )));
            form.remove();
        }
        Err(err) => notify(Note::Refused(format!("Not changed — {}: {err}", name(h)))),
    }
}
