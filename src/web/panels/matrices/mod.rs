//! The matrices of the focused racer and the current batch, one card per layer: W, b, Z, A,
//! δ, dW, db with their names and shapes, the equation each comes from (MathML, with the
//! shapes under its terms, `equations`), small matrices as numbers and large ones as heatmaps
//! (`heatmap`). After a sub-step, what it computed is outlined in green and what it read in
//! blue; a click on a number takes it apart into the dot product (and ⊙ σ′) that made it. The
//! optimizer's state (`state`) and the racer's health and gradient check (`health`) sit in
//! their own folds.

mod equations;
mod health;
mod heatmap;
mod state;

pub use health::{check_table, gradient_check_html, health_html};
pub use heatmap::{draw_heatmaps, heat_size, heat_value};
pub use state::optimizer_html;

use crate::math::quantity::Quantity as Q;
use crate::math::regularization::Penalty;
use crate::session::{MatrixData, Phase, Session, SubStep, fmt_num, sub};
use crate::web::colors;
use crate::web::markup::{Attr, Element, Html, Node, el, fragment};
use crate::web::panels::export;

/// Up to this many rows and columns a matrix shows its numbers; beyond, a heatmap.
pub const MAX_NUMBERS: usize = 8;

/// Where a matrix stands in the last sub-step: computed, read, or neither.
fn mark(q: Q, layer: usize, last: Option<SubStep>, depth: usize) -> &'static str {
    let Some(step) = last else { return "" };
    let (reads, writes) = step.touches(depth);
    if writes.contains(&(q, layer)) {
        " computed"
    } else if reads.contains(&(q, layer)) {
        " read"
    } else {
        ""
    }
}

/// How a matrix is titled on its card: X = A[0] for the batch, else its label.
fn title(q: Q, layer: usize) -> String {
    if q == Q::A && layer == 0 {
        "X = A[0]".to_string()
    } else {
        q.label(layer)
    }
}

/// A card's head: a bold name and a note beside it.
fn head(name: impl Into<String>, note: impl Into<String>) -> Element {
    el("div")
        .class("mhead")
        .child(el("b").text(name))
        .text(" ")
        .child(el("span").class("shape").text(note))
}

/// The numbers of a small matrix as a table, each cell coloured by its value; clickable cells
/// carry the matrix, layer, row and column for `lesson`'s explanation.
fn numbers(q: Q, layer: usize, m: &MatrixData, clickable: bool) -> Element {
    let name = title(q, layer);
    let range = m.max_abs().max(1e-12);
    let row = |r: usize| {
        el("tr").children((0..m.cols).map(|c| {
            let v = m.at(r, c);
            let (cr, cg, cb) = colors::value(v, range);
            let at = format!("{name}{},{}", sub(r + 1), sub(c + 1));
            let td = el("td").data("bg", format!("rgb({cr},{cg},{cb})"));
            let td = if clickable {
                td.data("m", q.key())
                    .data("l", layer)
                    .data("r", r)
                    .data("c", c)
                    .attr(Attr::Tabindex, 0)
                    .title(format!("click: how {at} was computed"))
            } else {
                td.title(format!("{at} = {v}"))
            };
            td.text(fmt_num(v))
        }))
    };
    el("table").class("numbers").children((0..m.rows).map(row))
}

/// A large matrix as a canvas (drawn by `heatmap::draw_heatmaps` once on the page) and its
/// colour scale.
fn heatmap(q: Q, layer: usize, m: &MatrixData) -> Node {
    let range = fmt_num(m.max_abs().max(1e-12));
    fragment([
        el("canvas")
            .class("heat")
            .data("heat", format!("{}:{layer}", q.key()))
            .attr(Attr::Width, m.cols)
            .attr(Attr::Height, m.rows)
            .title(format!(
                "{}: move the pointer over it to read a value",
                title(q, layer)
            ))
            .into(),
        el("div")
            .class("heat-scale")
            .text(format!("−{range} "))
            .child(el("i"))
            .text(format!(" {range}"))
            .into(),
    ])
}

/// One matrix: its name and shape, its export menu (`digits` decimal places offered), then
/// its numbers (a table) or a heatmap.
fn card(
    q: Q,
    layer: usize,
    m: &MatrixData,
    (cls, digits): (&str, usize),
    clickable: bool,
) -> Element {
    let body: Node = if m.rows <= MAX_NUMBERS && m.cols <= MAX_NUMBERS {
        numbers(q, layer, m, clickable).into()
    } else {
        heatmap(q, layer, m)
    };
    el("figure")
        .class(format!("matrix{cls}"))
        .data("name", q.key())
        .data("layer", layer)
        .child(
            head(title(q, layer), format!("{} × {}", m.rows, m.cols)).child(export::matrix_menu(
                q,
                layer,
                &title(q, layer),
                digits,
            )),
        )
        .child(body)
}

/// A number card (the cost, the penalty, the objective).
fn number_card(name: &str, note: String, cls: &str, value_class: &str, value: String) -> Element {
    el("div")
        .class(format!("matrix cost{cls}"))
        .child(head(name, note))
        .child(el("div").class(value_class).text(value))
}

/// The batch's card: X, Y, the cost C, and with a penalty λ·R and J = C + λ·R.
fn batch_card(session: &Session, last: Option<SubStep>, m: usize, digits: usize) -> Element {
    let depth = session.depth();
    let mut row = el("div").class("mrow");
    for q in [Q::A, Q::Y] {
        if let Ok(x) = session.matrix(q, 0) {
            row = row.child(card(q, 0, &x, (mark(q, 0, last, depth), digits), false));
        }
    }
    let cls = mark(Q::Cost, 0, last, depth);
    let cost = session
        .cost()
        .map_or("— (after the forward pass)".to_string(), fmt_num);
    row = row.child(number_card(
        "C",
        format!("mean over the {m} examples"),
        cls,
        "cost-value",
        cost,
    ));
    if let (Some(c), Some(p)) = (session.cost(), session.penalty()) {
        let reg = session.base().regularization;
        let r = match reg.penalty {
            Penalty::L1 => "Σ|W|",
            _ => "½ΣW²",
        };
        let penalty = number_card(
            "λ·R",
            format!("λ = {} · {r}", reg.rate),
            cls,
            "penalty-value",
            fmt_num(p),
        )
        .title("The optimizers descend J = C + λ·R(W); the race's losses are C alone");
        row = row.child(penalty).child(number_card(
            "J = C + λ·R",
            "what is minimised".into(),
            cls,
            "objective-value",
            fmt_num(c + p),
        ));
    }
    el("section")
        .class("layer-card")
        .child(el("h3").text("The batch"))
        .child(row)
}

/// Layer l's card: the forward equation and W, b, Z, A; once backward reaches it, the δ and
/// gradient equations and δ, dW, db, σ′(Z).
fn layer_card(
    session: &Session,
    last: Option<SubStep>,
    (l, m): (usize, usize),
    digits: usize,
) -> Element {
    let sizes = &session.base().layers;
    let depth = sizes.len() - 1;
    let act = session.base().activations[l - 1];
    let row = |qs: &[Q], clickable: fn(Q) -> bool| {
        el("div").class("mrow").children(qs.iter().filter_map(|&q| {
            let mat = session.matrix(q, l).ok()?;
            let cls = if q == Q::SigmaPrime {
                ""
            } else {
                mark(q, l, last, depth)
            };
            Some(card(q, l, &mat, (cls, digits), clickable(q)))
        }))
    };
    let output = if l == depth { ", output" } else { "" };
    let mut section =
        el("section")
            .class("layer-card")
            .child(
                el("h3")
                    .text(format!("Layer {l} "))
                    .child(el("small").text(format!(
                        "n[{l}] = {}, σ = {}{output}",
                        sizes[l],
                        act.name().replace('_', " ")
                    ))),
            );
    section = section
        .child(equations::forward(l, sizes, m, act))
        .child(row(&[Q::W, Q::B, Q::Z, Q::A], Q::explainable));
    if session.matrix(Q::Delta, l).is_ok() || last.is_some_and(|s| s.phase == Phase::Backward) {
        let base = session.base();
        section = section
            .child(equations::delta(l, sizes, m, act, base.cost))
            .child(equations::gradients(l, sizes, m, base.regularization));
    }
    section.child(row(&[Q::Delta, Q::DW, Q::Db, Q::SigmaPrime], |q| {
        q != Q::SigmaPrime
    }))
}

/// The whole panel for the session's focused racer; `last` is the sub-step just done,
/// `digits` the decimal places the cards' export menus offer.
pub fn render(session: &Session, last: Option<SubStep>, digits: usize) -> Html {
    let Ok(x) = session.matrix(Q::A, 0) else {
        return el("p")
            .class("hint")
            .text("Press ")
            .child(el("kbd").text("→"))
            .text(" (or Step →) to take a batch and compute forward layer 1. Every matrix of the step will appear here, with its equation.")
            .to_html();
    };
    let m = x.cols;
    let mut cards = vec![batch_card(session, last, m, digits).into()];
    cards.extend((1..=session.depth()).map(|l| layer_card(session, last, (l, m), digits).into()));
    fragment(cards).to_html()
}
