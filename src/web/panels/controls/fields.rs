//! Reading and writing the panel's fields: selects and their options, numbers as a field
//! shows them (the focused one only after a committed change), whole numbers read back.

use crate::web::dom;
use crate::web::markup::{Attr, el, fragment};
use web_sys::HtmlSelectElement;

/// The select with id `id`.
pub(super) fn select(id: &str) -> HtmlSelectElement {
    dom::by_id(id)
}

/// Replaces a select's options with (value, label) pairs and selects `selected`.
pub(crate) fn set_options(sel: &HtmlSelectElement, options: &[(String, String)], selected: &str) {
    let html = fragment(options.iter().map(|(v, label)| {
        el("option")
            .attr(Attr::Value, v)
            .flag(Attr::Selected, v == selected)
            .text(label.as_str())
            .into()
    }))
    .to_html();
    dom::set_html(sel, &html);
    sel.set_value(selected);
}

/// A number as a field shows it: 1e-8 rather than 0.00000001, which a narrow field cuts to
/// "0.0000000" (and which is hard to read on a projector).
pub(super) fn number_text(v: f64) -> String {
    if v != 0.0 && (v.abs() < 1e-4 || v.abs() >= 1e16) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// Shows `v` in the number field `id`, unless the person is typing in it; `committed`: the
/// fill follows a change the person committed, so a focused field shows the value in use too.
pub(super) fn set_number(id: &str, v: f64, committed: bool) {
    let input = dom::input(id);
    let typing = dom::document().active_element().map(|e| e.id()) == Some(id.to_string());
    if !typing || committed {
        input.set_value(&number_text(v));
    }
}

/// The number in field `id` (NaN when it holds none).
pub(super) fn number(id: &str) -> f64 {
    dom::input(id).value_as_number()
}

/// A whole number from a field, or a message.
pub(super) fn whole(id: &str, what: &str) -> Result<u64, String> {
    let v = number(id);
    if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 9.007e15 {
        Ok(v as u64)
    } else {
        Err(format!("Not changed — {what} must be a whole number ≥ 0"))
    }
}

/// A fresh seed from 0 to 999 999, for the "new data" and "new weights" buttons.
pub(super) fn random_seed() -> u64 {
    (js_sys::Math::random() * 1e6).floor() as u64
}
