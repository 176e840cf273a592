//! The numbers beside the race chart: each racer's latest train and test loss and accuracy.

use crate::math::optimizer::OptimizerKind;
use crate::session::Session;
use crate::web::colors;
use crate::web::dom;

fn fmt_loss(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{v:.4}"),
        Some(_) => "NaN".into(),
        None => "—".into(),
    }
}

fn fmt_acc(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{:.1}%", v * 100.0))
}

/// Fills the rows of #race-table (one per racer, `data-kind` on each row).
pub fn update(session: &Session) {
    if session.surface().is_some() {
        return update_surface(session);
    }
    for kind in OptimizerKind::ALL {
        let racer = session.racer(kind);
        let last = racer.history.last();
        let cells = [
            ("train", fmt_loss(last.map(|r| r.train_loss))),
            ("test", fmt_loss(last.and_then(|r| r.test_loss))),
            (
                "acc",
                fmt_acc(last.and_then(|r| r.test_accuracy.or(r.train_accuracy))),
            ),
        ];
        for (field, text) in cells {
            dom::set_text(&format!("{}-{field}", kind.name()), &text);
        }
        let status = match &racer.diverged {
            Some(d) => format!(
                "diverged in epoch {} (batch {}): stopped",
                d.epoch,
                d.batch + 1
            ),
            None => String::new(),
        };
        dom::set_text(&format!("{}-status", kind.name()), &status);
        let row = dom::element(&format!("{}-row", kind.name()));
        let _ = row
            .style()
            .set_property("--racer", &colors::css(colors::racer(kind)));
        let _ = row
            .class_list()
            .toggle_with_force("diverged", racer.diverged.is_some());
        let _ = row
            .class_list()
            .toggle_with_force("focused", session.focused_kind() == kind);
    }
}

/// On a test surface: f, the point (x, y) and ‖∇f‖ of each racer, and where it stopped.
fn update_surface(session: &Session) {
    let Some(run) = session.surface() else {
        return;
    };
    let f = run.race.surface;
    for r in &run.race.racers {
        let [x, y] = r.position();
        let [gx, gy] = r.gradient(&f);
        let name = r.kind().name();
        let n = crate::session::fmt_num;
        dom::set_text(
            &format!("{name}-train"),
            &n(*r.losses.last().unwrap_or(&f64::NAN)),
        );
        dom::set_text(&format!("{name}-test"), &format!("({}, {})", n(x), n(y)));
        dom::set_text(&format!("{name}-acc"), &n((gx * gx + gy * gy).sqrt()));
        let status = r
            .stopped
            .map_or(String::new(), |s| format!("stopped at update {}", s.step));
        dom::set_text(&format!("{name}-status"), &status);
        let row = dom::element(&format!("{name}-row"));
        let _ = row
            .class_list()
            .toggle_with_force("diverged", r.stopped.is_some());
        let focused = session.focused_kind() == r.kind();
        let _ = row.class_list().toggle_with_force("focused", focused);
    }
}
