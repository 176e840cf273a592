//! The diagram's labels: a title and "n[l] = n, activation" above each column, and the
//! inputs' names beside their nodes.

use super::{Node, input_name};
use crate::session::Session;
use crate::web::dom;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

/// The column labels above the nodes: a title ("layer 2") and "n[2] = 8, tanh" under it —
/// on two lines ("n[2] = 8" / "tanh"), and smaller if need be, when a column is too narrow
/// for one (a phone, a deep network); everything taller with presentation's larger text.
pub(super) struct LabelLayout {
    titles: Vec<String>,
    /// per column: "n[l] = n" and the activation (none for the inputs)
    subs: Vec<(String, Option<String>)>,
    title_px: f64,
    sub_px: f64,
    sub_y: f64,
    two_lines: bool,
    /// where the nodes may start
    pub(super) height: f64,
}

/// The canvas font of the labels: `px` device pixels, semi-bold or not.
fn font(px: f64, bold: bool) -> String {
    format!(
        "{}{px}px system-ui, sans-serif",
        if bold { "600 " } else { "" }
    )
}

/// The width of `text` in the context's current font (device pixels).
fn text_width(ctx: &CanvasRenderingContext2d, text: &str, px: f64) -> f64 {
    js_sys::Reflect::get(ctx, &"measureText".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(ctx, &text.into()).ok())
        .and_then(|m| js_sys::Reflect::get(&m, &"width".into()).ok())
        .and_then(|w| w.as_f64())
        .unwrap_or(text.chars().count() as f64 * 0.6 * px)
}

/// The columns' titles: "inputs", "layer 1", …, "output"; short ("in", "L1", …, "out")
/// for narrow columns.
fn titles(depth: usize, short: bool) -> Vec<String> {
    (0..=depth)
        .map(|l| match (l, short) {
            (0, false) => "inputs".to_string(),
            (0, true) => "in".to_string(),
            (_, false) if l == depth => "output".to_string(),
            (_, true) if l == depth => "out".to_string(),
            (_, false) => format!("layer {l}"),
            (_, true) => format!("L{l}"),
        })
        .collect()
}

/// The titles that fit in `room` at `px` (the long ones, else the short ones), and their
/// size: made smaller (down to 8 CSS pixels) when even the short ones do not fit.
fn fit_titles(
    ctx: &CanvasRenderingContext2d,
    depth: usize,
    room: f64,
    px: f64,
    dpr: f64,
) -> (Vec<String>, f64) {
    ctx.set_font(&font(px, true));
    let widest = |t: &[String]| t.iter().map(|t| text_width(ctx, t, px)).fold(0.0, f64::max);
    let long = titles(depth, false);
    if widest(&long) <= room {
        return (long, px);
    }
    let short = titles(depth, true);
    let w = widest(&short);
    let px = if w > room {
        (px * room / w).floor().max((8.0 * dpr).round())
    } else {
        px
    };
    (short, px)
}

/// Per column "n[l] = n" and the layer's activation (none for the inputs).
fn subs(session: &Session, sizes: &[usize]) -> Vec<(String, Option<String>)> {
    let s = session.base();
    sizes
        .iter()
        .enumerate()
        .map(|(l, &n)| {
            let act = (l > 0).then(|| s.activations[l - 1].name().replace('_', " "));
            (format!("n[{l}] = {n}"), act)
        })
        .collect()
}

/// Whether the subtitles need two lines to fit in `room`, and their text size then: made
/// smaller (down to 8 CSS pixels) when even the widest line does not fit.
fn fit_subs(
    ctx: &CanvasRenderingContext2d,
    subs: &[(String, Option<String>)],
    room: f64,
    sub_px: f64,
    dpr: f64,
) -> (bool, f64) {
    ctx.set_font(&font(sub_px, false));
    let one_line = |(n, act): &(String, Option<String>)| match act {
        Some(a) => format!("{n}, {a}"),
        None => n.clone(),
    };
    let two_lines = subs
        .iter()
        .any(|sub| text_width(ctx, &one_line(sub), sub_px) > room);
    if !two_lines {
        return (false, sub_px);
    }
    let widest = subs
        .iter()
        .flat_map(|(n, a)| std::iter::once(n).chain(a))
        .map(|t| text_width(ctx, t, sub_px))
        .fold(0.0f64, f64::max);
    if widest > room {
        return (
            true,
            (sub_px * room / widest).floor().max((8.0 * dpr).round()),
        );
    }
    (true, sub_px)
}

/// Lays out the column labels for columns `col_w` wide.
pub(super) fn label_layout(
    ctx: &CanvasRenderingContext2d,
    session: &Session,
    sizes: &[usize],
    col_w: f64,
    dpr: f64,
) -> LabelLayout {
    let scale = dom::text_scale();
    let room = col_w - 6.0 * dpr;
    let (titles, title_px) = fit_titles(
        ctx,
        sizes.len() - 1,
        room,
        (12.0 * dpr * scale).round(),
        dpr,
    );
    let subs = subs(session, sizes);
    let (two_lines, sub_px) = fit_subs(ctx, &subs, room, (11.0 * dpr * scale).round(), dpr);
    let sub_y = 2.0 * dpr + (title_px * 1.15).ceil();
    let lines = if two_lines { 2.0 } else { 1.0 };
    LabelLayout {
        titles,
        subs,
        title_px,
        sub_px,
        sub_y,
        two_lines,
        height: sub_y + lines * (sub_px * 1.15).ceil() + 4.0 * dpr,
    }
}

/// Writes the column labels laid out, then the inputs' names.
pub(super) fn labels(
    ctx: &CanvasRenderingContext2d,
    session: &Session,
    layout: &LabelLayout,
    col_w: f64,
    dpr: f64,
    nodes: &[Node],
) {
    ctx.set_fill_style_str("#333");
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    let line = (layout.sub_px * 1.15).ceil();
    for (l, (title, (n, act))) in layout.titles.iter().zip(&layout.subs).enumerate() {
        let x = col_w * (l as f64 + 0.5);
        ctx.set_font(&font(layout.title_px, true));
        let _ = ctx.fill_text(title, x, 2.0 * dpr);
        ctx.set_font(&font(layout.sub_px, false));
        match act {
            Some(a) if layout.two_lines => {
                let _ = ctx.fill_text(n, x, layout.sub_y);
                let _ = ctx.fill_text(a, x, layout.sub_y + line);
            }
            Some(a) => {
                let _ = ctx.fill_text(&format!("{n}, {a}"), x, layout.sub_y);
            }
            None => {
                let _ = ctx.fill_text(n, x, layout.sub_y);
            }
        }
    }
    input_names(ctx, session, dpr, nodes);
}

/// Names the inputs beside their nodes (when the nodes are large enough to show).
fn input_names(ctx: &CanvasRenderingContext2d, session: &Session, dpr: f64, nodes: &[Node]) {
    ctx.set_font(&font((11.0 * dpr * dom::text_scale()).round(), false));
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    for nd in nodes
        .iter()
        .filter(|n| n.layer == 0 && n.size >= 10.0 * dpr)
    {
        let _ = ctx.fill_text(
            &input_name(session, nd.unit),
            nd.x - 3.0 * dpr,
            nd.y + nd.size / 2.0,
        );
    }
}
