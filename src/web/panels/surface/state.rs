//! The followed racer's optimizer state on a surface, for its two numbers x and y: the
//! gradient its last update used, V, S, Adam's bias corrections and corrected moments, the
//! step that update took, and where that left the point — numbers with labels, and the
//! racers that stopped, in words.

use crate::math::optimizer::OptimizerSettings;
use crate::math::surface::Surface;
use crate::session::{Session, StopReason, SurfaceRacer, fmt_num};
use crate::web::markup::{Html, Node, el, fragment};

fn cell(v: f64) -> Node {
    el("td").text(fmt_num(v)).into()
}

/// A row: its label (with the formula as a tooltip) and x, y.
fn row(label: &str, formula: &str, v: Option<[f64; 2]>) -> Option<Node> {
    let [x, y] = v?;
    Some(
        el("tr")
            .child(el("th").title(formula).text(label))
            .child(cell(x))
            .child(cell(y))
            .into(),
    )
}

fn pair(m: &ndarray::Array2<f64>) -> [f64; 2] {
    [m[[0, 0]], m[[1, 0]]]
}

/// t and the hyper-parameters in one line: "t = 12 · α = 0.038 · β = 0.9".
fn settings_line(t: u64, s: &OptimizerSettings) -> String {
    let n = fmt_num;
    let rest = match *s {
        OptimizerSettings::Sgd { .. } => String::new(),
        OptimizerSettings::Momentum { beta, .. } => format!(" · β = {}", n(beta)),
        OptimizerSettings::RmsProp { beta, epsilon, .. } => {
            format!(" · β = {} · ε = {}", n(beta), n(epsilon))
        }
        OptimizerSettings::Adam {
            beta1,
            beta2,
            epsilon,
            ..
        } => format!(
            " · β1 = {} · β2 = {} · ε = {}",
            n(beta1),
            n(beta2),
            n(epsilon)
        ),
    };
    format!("t = {t} · α = {}{rest}", n(s.learning_rate()))
}

/// The rows of the table: the last update's dP, V, S, V̂, Ŝ and ΔP, then P and ∇f(P).
fn rows(r: &SurfaceRacer, surface: &Surface, corrections: Option<(f64, f64)>) -> Vec<Node> {
    let o = &r.optimizer;
    let hat = |m: &Option<ndarray::Array2<f64>>, c: Option<f64>| {
        Some(pair(m.as_ref()?))
            .zip(c)
            .map(|([x, y], c)| [x / c, y / c])
    };
    let rows = [
        row(
            "dP = ∇f",
            "the gradient the last update used, at the point before it",
            r.last_gradient.as_ref().map(pair),
        ),
        row(
            "V",
            "V ← βV + (1 − β) dP (momentum: EMA form)",
            o.velocity.as_ref().map(pair),
        ),
        row("S", "S ← βS + (1 − β) dP²", o.sq_avg.as_ref().map(pair)),
        row(
            "V̂",
            "V̂ = V / (1 − β1ᵗ)",
            hat(&o.velocity, corrections.map(|c| c.0)),
        ),
        row(
            "Ŝ",
            "Ŝ = S / (1 − β2ᵗ)",
            hat(&o.sq_avg, corrections.map(|c| c.1)),
        ),
        row(
            "step ΔP",
            "the change the last update made: −α dP, −αV, −α dP/(√S + ε) or −α V̂/(√Ŝ + ε)",
            r.effective_step(),
        ),
        row("P", "the point now, (x, y)", Some(r.position())),
        row(
            "∇f(P)",
            "the gradient at the point now: the next update's dP",
            Some(r.gradient(surface)),
        ),
    ];
    rows.into_iter().flatten().collect()
}

/// The table of the followed racer's state after its last update.
pub fn html(session: &Session) -> Html {
    let (Some(r), Some(surface)) = (session.surface_racer(), session.surface_function()) else {
        return fragment([]).to_html();
    };
    let o = &r.optimizer;
    let corrections = o.corrections().filter(|_| o.step > 0);
    let head = el("tr")
        .child(el("th"))
        .child(el("th").text("x"))
        .child(el("th").text("y"));
    let mut lines = vec![settings_line(o.step, &o.settings)];
    if let Some((c1, c2)) = corrections {
        lines.push(format!(
            "bias corrections 1 − β1ᵗ = {}, 1 − β2ᵗ = {}",
            fmt_num(c1),
            fmt_num(c2)
        ));
    }
    lines.push(format!("f(P) = {}", fmt_num(surface.value(r.position()))));
    fragment(
        lines
            .into_iter()
            .map(|l| el("p").class("state-line").text(l).into())
            .chain([el("table")
                .class("state-table")
                .child(el("thead").child(head))
                .child(el("tbody").children(rows(r, &surface, corrections)))
                .into()]),
    )
    .to_html()
}

/// The racers that stopped, and why: "SGD left the plot at update 3 and stopped."
pub fn stops(session: &Session) -> String {
    let Some(run) = session.surface() else {
        return String::new();
    };
    let said: Vec<String> = run
        .race
        .racers
        .iter()
        .filter_map(|r| {
            let s = r.stopped?;
            let why = match s.reason {
                StopReason::LeftPlot => "left the plot",
                StopReason::NonFinite => "overflowed",
            };
            Some(format!(
                "{} {why} at update {} and stopped (✕).",
                r.kind().label(),
                s.step
            ))
        })
        .collect();
    said.join(" ")
}
