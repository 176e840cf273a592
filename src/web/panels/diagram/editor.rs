//! The diagram under the pointer: a tip with the name and value of the node or link hovered,
//! and a small editor a click opens on it to type a new value.

use super::{Geometry, Hit, hit, input_name, name, value};
use crate::session::{Command, Session};
use crate::web::app::{App, Dispatch, Msg as AppMsg, Note};
use crate::web::dom;
use crate::web::markup::{Attr, el, fragment};
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlElement, HtmlInputElement, KeyboardEvent, MouseEvent};

/// What the pointer and the editor ask of the page.
pub enum Msg {
    /// the pointer at (x, y), CSS pixels of the canvas
    Hover(f64, f64),
    Leave,
    /// a click at (x, y): an editor on the parameter there
    Click(f64, f64),
    /// the editor's value, submitted
    Set(f64),
    /// Escape in the editor
    Close,
}

/// Hover shows a node's or link's name and value; a click opens a small editor on it; Enter
/// sets the value (the race restarts from the edited parameters), Escape closes it. The
/// editor's form is made once here (hidden) and shown where a click opens it.
pub fn wire(dispatch: &Dispatch) {
    let canvas = dom::canvas("diagram");
    let pointer = |event: &str, msg: fn(f64, f64) -> Msg| {
        let d = dispatch.clone();
        dom::on::<MouseEvent>(&canvas, event, move |e| {
            d.send(AppMsg::Diagram(msg(
                e.offset_x() as f64,
                e.offset_y() as f64,
            )))
        });
    };
    pointer("mousemove", Msg::Hover);
    pointer("click", Msg::Click);
    let d = dispatch.clone();
    dom::on::<MouseEvent>(&canvas, "mouseleave", move |_| {
        d.send(AppMsg::Diagram(Msg::Leave))
    });
    // the editor comes and goes (`view`): its events are heard on the box around it
    let boxed = dom::element("diagram-box");
    let d = dispatch.clone();
    dom::on::<KeyboardEvent>(&boxed, "keydown", move |e| {
        if e.key() == "Escape" {
            d.send(AppMsg::Diagram(Msg::Close));
        }
    });
    let d = dispatch.clone();
    dom::on::<Event>(&boxed, "submit", move |e| {
        e.prevent_default();
        let input: Option<HtmlInputElement> = dom::document()
            .get_element_by_id("diagram-edit-value")
            .and_then(|i| i.dyn_into().ok());
        if let Some(input) = input {
            d.send(AppMsg::Diagram(Msg::Set(input.value_as_number())));
        }
    });
}

/// Applies what the pointer or the editor asked.
pub fn update(app: &mut App, msg: Msg) {
    let canvas = dom::canvas("diagram");
    let g = &mut app.diagram;
    g.stale = true;
    match msg {
        Msg::Hover(x, y) => g.tip = hit(g, &canvas, x, y).map(|h| (h, x, y)),
        Msg::Leave => g.tip = None,
        Msg::Click(x, y) => {
            if let Some(h) = hit(g, &canvas, x, y)
                && !matches!(h, Hit::Node { layer: 0, .. })
            {
                g.editing = Some((h, x, y));
                g.tip = None;
            }
        }
        Msg::Close => g.editing = None,
        Msg::Set(v) => set_parameter(app, v),
    }
}

/// Sets the parameter being edited to `v` — the race restarts from the edited parameters —
/// and closes the editor; or says why not and leaves it open.
fn set_parameter(app: &mut App, v: f64) {
    let Some((h, _, _)) = app.diagram.editing else {
        return;
    };
    let (layer, bias, row, col) = match h {
        Hit::Link { layer, to, from } => (layer, false, to, from),
        Hit::Node { layer, unit } => (layer, true, unit, 0),
    };
    let command = Command::EditParameter {
        layer,
        bias,
        row,
        col,
        value: v,
    };
    match app.session.apply(command) {
        Ok(_) => {
            app.say(Note::Restarted(format!(
                "{} set to {v}: the race restarted from these weights.",
                name(h)
            )));
            app.diagram.editing = None;
        }
        Err(err) => app.say(Note::Refused(format!("Not changed — {}: {err}", name(h)))),
    }
}

/// Shows the tip and the editor as the state has them.
pub fn view(g: &mut Geometry, session: &Session) {
    if !g.stale {
        return;
    }
    g.stale = false;
    let (canvas, tip) = (dom::canvas("diagram"), dom::element("diagram-tip"));
    match g.tip {
        Some((h, x, y)) => {
            tip.set_text_content(Some(&tip_text(session, h)));
            dom::place(&tip, x + 12.0, y + 12.0);
            tip.set_hidden(false);
            let _ = canvas.style().set_property("cursor", "pointer");
        }
        None => {
            tip.set_hidden(true);
            let _ = canvas.style().set_property("cursor", "default");
        }
    }
    let open = dom::document().get_element_by_id("diagram-edit");
    if let Some(old) = &open
        && g.editing
            .is_none_or(|(_, x, y)| g.opened_at != Some((x, y)))
    {
        old.remove();
    }
    match g.editing {
        Some((h, x, y)) if g.opened_at != Some((x, y)) || open.is_none() => {
            let (form, input) = editor_form(h, value(session, h).unwrap_or(0.0));
            dom::place(&form, x.max(0.0), y.max(0.0));
            let _ = dom::element("diagram-box").append_child(&form);
            let _ = input.focus();
            input.select();
            g.opened_at = Some((x, y));
        }
        Some(_) => {}
        None => g.opened_at = None,
    }
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

/// The editor's form, "W[2]₃,₁ = [value] Set" (not yet on the page).
fn editor_form(h: Hit, current: f64) -> (HtmlElement, HtmlInputElement) {
    let form = dom::document().create_element("form").expect("form");
    form.set_id("diagram-edit");
    form.set_class_name("editor");
    let field = el("label").text(format!("{} = ", name(h))).child(
        el("input")
            .id("diagram-edit-value")
            .attr(Attr::Type, "number")
            .attr(Attr::Step, "any")
            .attr(Attr::Value, current)
            .aria("label", format!("new value of {}", name(h))),
    );
    let set = el("button").attr(Attr::Type, "submit").text("Set");
    dom::set_html(&form, &fragment([field.into(), set.into()]).to_html());
    let form: HtmlElement = form.unchecked_into();
    let input = form
        .query_selector("input")
        .ok()
        .flatten()
        .expect("the editor's input")
        .unchecked_into();
    (form, input)
}
