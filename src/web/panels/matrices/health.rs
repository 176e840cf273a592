//! The focused racer's health (where a NaN first appeared, ‖ΔW‖ / ‖W‖ per epoch) and the
//! gradient check as a table.

use crate::session::{CheckRow, Session, fmt_num, relative_error};
use crate::web::colors;
use crate::web::markup::{Attr, Element, Html, Node, el, fragment};

/// Where a NaN first appeared, and the step sizes.
pub fn health_html(session: &Session) -> Html {
    let racer = session.racer(session.focused_kind());
    let mut parts: Vec<Node> = Vec::new();
    parts.push(match &racer.first_non_finite {
        Some(nf) => el("p")
            .class("alarm")
            .text(format!(
                "A NaN or ∞ first appeared in epoch {}, batch {}: the {} sub-step of layer {}, in {}.",
                nf.epoch,
                nf.batch + 1,
                nf.phase.name(),
                nf.layer,
                nf.matrix.label(nf.layer)
            ))
            .into(),
        None => el("p").text("All numbers finite so far.").into(),
    });
    if racer.step_ratios.len() >= 2 {
        parts.push(ratio_chart(&racer.step_ratios).into());
    }
    if let Some(last) = racer.step_ratios.last() {
        let per_layer: Vec<String> = last
            .iter()
            .enumerate()
            .map(|(i, r)| format!("layer {}: {}", i + 1, fmt_num(*r)))
            .collect();
        parts.push(
            el("p")
                .text(format!(
                    "‖ΔW‖ / ‖W‖ per update, last epoch — {} (about 1e-3 is healthy; ≫ 1e-2 jumps, ≪ 1e-5 stalls).",
                    per_layer.join(", ")
                ))
                .into(),
        );
    }
    fragment(parts).to_html()
}

/// log10 of each layer's ratio per epoch, and the range the chart shows (at least a decade).
fn log_ratios(ratios: &[Vec<f64>]) -> (Vec<Vec<f64>>, f64, f64) {
    let logs: Vec<Vec<f64>> = ratios
        .iter()
        .map(|r| r.iter().map(|v| libm::log10(v.max(1e-12))).collect())
        .collect();
    let all = logs.iter().flatten().copied();
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if hi - lo < 1.0 {
        (logs, lo - 0.5, hi + 0.5)
    } else {
        (logs, lo, hi)
    }
}

/// ‖ΔW[l]‖ / ‖W[l]‖ per epoch, one line per layer, on a log scale (an inline SVG).
fn ratio_chart(ratios: &[Vec<f64>]) -> Element {
    let (w, h) = (320.0, 90.0);
    let (logs, lo, hi) = log_ratios(ratios);
    let depth = logs.first().map_or(0, Vec::len);
    let n = logs.len().max(2) as f64 - 1.0;
    let colour = |l: usize| colors::css(colors::CLASSES[l % colors::CLASSES.len()]);
    let line = |l: usize| {
        let pts: Vec<String> = logs
            .iter()
            .enumerate()
            .map(|(e, r)| {
                let (x, y) = (e as f64 / n * w, h - (r[l] - lo) / (hi - lo) * h);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        el("polyline")
            .attr(Attr::Fill, "none")
            .attr(Attr::Stroke, colour(l))
            .attr(Attr::StrokeWidth, 2)
            .attr(Attr::Points, pts.join(" "))
            .child(el("title").text(format!("layer {}", l + 1)))
    };
    let legend = (0..depth).flat_map(|l| {
        [
            el("span")
                .data("fg", colour(l))
                .text(format!("━ layer {}", l + 1))
                .into(),
            Node::from(" "),
        ]
    });
    let svg = el("svg")
        .attr(Attr::ViewBox, format!("0 0 {w} {h}"))
        .attr(Attr::Width, w)
        .attr(Attr::Height, h)
        .attr(Attr::Role, "img")
        .aria("label", "step ratio per epoch")
        .children((0..depth).map(line));
    el("figure").class("ratio").child(svg).child(
        el("figcaption")
            .text(format!(
                "‖ΔW‖/‖W‖ per epoch (log scale, 1e{lo:.1} … 1e{hi:.1}): "
            ))
            .children(legend),
    )
}

/// A gradient check of layer l as a table, errors coloured: < 1e-7 good, > 1e-3 wrong.
pub fn gradient_check_html(session: &Session, l: usize) -> Html {
    match session.gradient_check(l) {
        Ok(check) => {
            let mut parts = vec![check_element(l, &check.rows).into()];
            if check.rows.len() < check.parameters {
                parts.push(el("p").class("note").text(format!(
                    "{} of the layer's {} parameters, evenly spaced: checking every one on this batch would take more than a second.",
                    check.rows.len(),
                    check.parameters
                )).into());
            }
            fragment(parts).to_html()
        }
        Err(e) => el("p").class("alarm").text(e.to_string()).to_html(),
    }
}

/// The rows of a gradient check as a table; each row's class says good, fair or wrong.
pub fn check_table(l: usize, rows: &[CheckRow]) -> Html {
    check_element(l, rows).to_html()
}

fn check_element(l: usize, rows: &[CheckRow]) -> Element {
    let th = |t: &str| el("th").text(t);
    let header = el("tr").children([
        th("parameter"),
        th("backprop"),
        th("numeric"),
        th("relative error"),
    ]);
    let row = |r: &CheckRow| {
        let error = relative_error(r.backprop, r.numeric);
        let cls = if error < 1e-7 {
            "good"
        } else if error > 1e-3 {
            "wrong"
        } else {
            "fair"
        };
        el("tr").class(cls).children([
            el("td").text(r.name.clone()),
            el("td").text(fmt_num(r.backprop)),
            el("td").text(fmt_num(r.numeric)),
            el("td").text(format!("{error:.1e}")),
        ])
    };
    el("table")
        .class("check")
        .child(el("caption").text(format!(
            "Layer {l}: backprop against (C(p + ε) − C(p − ε)) / 2ε, ε = 1e-6"
        )))
        .child(header)
        .children(rows.iter().map(row))
}
