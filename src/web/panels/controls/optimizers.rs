//! The racers' live fields: α, β, β1, β2 and ε of each optimizer, and the "defaults" button.
//! A change applies to the running race without restarting it.

use super::fields::{number, number_text, set_number};
use super::{Msg, Note, Notify, Shared, on_change};
use crate::math::optimizer::{HyperParam, OptimizerKind, OptimizerSettings};
use crate::scenario::{check_optimizer, optimizer_file};
use crate::session::Command;
use crate::session::Session;
use crate::web::app::{App, Msg as AppMsg};

/// Shows each racer's settings in use in its fields.
pub(super) fn fill(session: &Session) {
    for settings in session.current_settings() {
        for &h in HyperParam::of(settings.kind()) {
            if let Some(v) = settings.get(h) {
                set_number(&field_id(settings.kind(), h), v);
            }
        }
    }
}

/// Listens to every racer's fields and to the "defaults" button.
pub(super) fn wire(session: &Shared, notify: &Notify) {
    for kind in OptimizerKind::ALL {
        for &h in HyperParam::of(kind) {
            on_change(
                &field_id(kind, h),
                "change",
                session,
                notify,
                move |s, n| live_settings(s, n, kind),
            );
        }
    }
    on_change("optimizer-defaults", "click", session, notify, |s, _| {
        s.send(AppMsg::Settings(Msg::Defaults))
    });
}

/// The id of a racer's field for a hyper-parameter on the page: "adam-beta1".
fn field_id(kind: OptimizerKind, h: HyperParam) -> String {
    format!("{}-{}", kind.name(), h.key())
}

/// Reads one racer's fields and asks for them to apply to the running race.
fn live_settings(session: &Shared, _notify: &Notify, kind: OptimizerKind) {
    let msg = match read_settings(kind) {
        Ok(settings) => Msg::Racer(settings),
        Err((h, problem)) => {
            let symbol = h.map_or("", HyperParam::symbol);
            Msg::Refuse(format!(
                "Not changed — {} {symbol}: {problem}",
                kind.label()
            ))
        }
    };
    session.send(AppMsg::Settings(msg));
}

/// What the note says when a racer's settings applied.
pub(super) fn applied(settings: &OptimizerSettings) -> String {
    format!(
        "{} now uses {}; the race goes on.",
        settings.kind().label(),
        describe(settings)
    )
}

/// One racer's settings from its fields, checked by the scenario checker's rules and words
/// (α > 0, 0 ≤ β < 1, ε > 0); or the field at fault (if known) and what is wrong with it.
fn read_settings(kind: OptimizerKind) -> Result<OptimizerSettings, (Option<HyperParam>, String)> {
    let mut settings = kind.defaults();
    for &h in HyperParam::of(kind) {
        let v = number(&field_id(kind, h));
        if v.is_nan() {
            return Err((Some(h), "type a number".into()));
        }
        settings = settings.with(h, v).unwrap_or(settings);
    }
    check_optimizer(&optimizer_file(&settings), kind.name()).map_err(|e| {
        let field = e.path.rsplit('.').next().unwrap_or("");
        (HyperParam::from_key(field), e.problem)
    })
}

/// The "defaults" button: every racer back to its default settings, the race going on.
pub(super) fn reset_defaults(app: &mut App) {
    let done: Result<(), _> = OptimizerKind::ALL.into_iter().try_for_each(|kind| {
        app.session
            .apply(Command::SetSettings(kind.defaults()))
            .map(|_| ())
    });
    match done {
        Ok(()) => app.say(Note::Applied(
            "The four optimizers are back to their default settings; the race goes on.".into(),
        )),
        Err(e) => app.say(Note::Refused(format!("Not changed — {e}"))),
    }
}

/// "α = 0.01, β1 = 0.9, β2 = 0.999, ε = 1e-8"
fn describe(settings: &OptimizerSettings) -> String {
    HyperParam::of(settings.kind())
        .iter()
        .filter_map(|&h| {
            Some(format!(
                "{} = {}",
                h.symbol(),
                number_text(settings.get(h)?)
            ))
        })
        .collect::<Vec<_>>()
        .join(", ")
}
