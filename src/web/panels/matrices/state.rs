//! The optimizer state of the focused racer: t, the bias corrections, and per layer V, S and
//! the step each weight takes.

use super::card;
use crate::math::optimizer::OptimizerSettings;
use crate::math::optimizer::adam::AdamStep;
use crate::math::quantity::Quantity as Q;
use crate::session::{Session, fmt_num};
use crate::web::markup::{Html, el, fragment};
use crate::web::panels::export;

/// What the racer's kind keeps, after "t = … updates.".
fn about(settings: OptimizerSettings, t: u64) -> String {
    match settings {
        OptimizerSettings::Adam { .. } if t > 0 => {
            let Some((c1, c2)) = AdamStep::of(settings, t).map(|a| a.corrections()) else {
                return String::new();
            };
            let (c1, c2) = (fmt_num(c1), fmt_num(c2));
            format!(
                " Bias corrections 1 − β1^t = {c1}, 1 − β2^t = {c2} (V̂ = V / {c1}, Ŝ = S / {c2})."
            )
        }
        OptimizerSettings::Momentum { beta, .. } => format!(
            " This is the EMA form V ← βV + (1 − β)dP of the seed notes. Tools with heavy-ball momentum (V ← βV + dP) take steps 1/(1 − β) = {} times larger for the same α.",
            fmt_num(1.0 / (1.0 - beta))
        ),
        OptimizerSettings::Sgd { .. } => " SGD keeps no state: each step is −α dP.".into(),
        _ => String::new(),
    }
}

/// The fold's content.
pub fn optimizer_html(session: &Session) -> Html {
    let racer = session.racer(session.focused_kind());
    let t = racer.optimizer.step;
    let summary = el("p")
        .child(el("b").text(racer.kind().label()))
        .text(format!(": t = {t} updates."))
        .text(about(racer.optimizer.settings, t));
    let cards = (1..=session.depth()).flat_map(|l| {
        [Q::V, Q::S, Q::Step].into_iter().filter_map(move |q| {
            Some(card(
                q,
                l,
                &session.matrix(q, l).ok()?,
                ("", export::DEFAULT_DIGITS),
                false,
            ))
        })
    });
    fragment([
        summary.into(),
        el("div").class("mrow").children(cards).into(),
    ])
    .to_html()
}
