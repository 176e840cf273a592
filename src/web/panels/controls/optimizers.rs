//! The racers' live fields: α, β, β1, β2 and ε of each optimizer, and the "defaults" button.
//! A change applies to the running race without restarting it.

use super::Note;
use super::fields::{number, set_number};
use crate::math::optimizer::{HyperParam, OptimizerKind, OptimizerSettings};
use crate::scenario::{check_optimizer, optimizer_file};
use crate::session::{Command, Session};
use crate::web::app::App;

/// Shows each racer's settings in use in its fields.
pub(super) fn fill(session: &Session, committed: bool) {
    for settings in session.current_settings() {
        for &h in HyperParam::of(settings.kind()) {
            if let Some(v) = settings.get(h) {
                set_number(&field_id(settings.kind(), h), v, committed);
            }
        }
    }
}

/// The id of a racer's field for a hyper-parameter on the page: "adam-beta1".
pub(super) fn field_id(kind: OptimizerKind, h: HyperParam) -> String {
    format!("{}-{}", kind.name(), h.key())
}

/// One racer's settings from its fields, checked by the scenario checker's rules and words
/// (α > 0, 0 ≤ β < 1, ε > 0); or the field at fault (if known) and what is wrong with it.
pub(super) fn read_settings(
    kind: OptimizerKind,
) -> Result<OptimizerSettings, (Option<HyperParam>, String)> {
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
            .apply(Command::SetSettings(app.session.default_settings(kind)))
            .map(|_| ())
    });
    match done {
        Ok(()) => app.say(Note::Applied(
            "The four optimizers are back to their default settings; the race goes on.".into(),
        )),
        Err(e) => app.say(Note::Refused(format!("Not changed — {e}"))),
    }
}
