//! The training controls: the initial weights (scheme, scale, seed), the batch size m,
//! shuffling and regularization. Every change here restarts the race.

use super::fields::{number, select, set_number, set_options};
use crate::math::regularization::{DEFAULT_RATE, Penalty};
use crate::scenario::{Init, Scenario};
use crate::session::Session;
use crate::web::dom;

/// Fills the training controls from the scenario in use (the batch size's bound from the
/// session's training set).
pub(super) fn fill(session: &Session, s: &Scenario, committed: bool) {
    fill_init(s, committed);
    fill_batch(session, s, committed);
    dom::input("shuffle").set_checked(s.shuffle);
    fill_regularization(s, committed);
}

/// The schemes offered, and "the weights given" when the scenario gives them.
fn scheme_options(explicit: bool) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = vec![
        ("auto".into(), "auto (Xavier / He)".into()),
        ("xavier".into(), "Xavier uniform".into()),
        ("he".into(), "He uniform".into()),
        ("zeros".into(), "zeros (symmetry!)".into()),
    ];
    if explicit {
        v.push(("explicit".into(), "the weights given".into()));
    }
    v
}

/// The scheme select, its scale and its seed.
fn fill_init(s: &Scenario, committed: bool) {
    match &s.init {
        Init::Scheme {
            scheme,
            scale,
            seed,
        } => {
            set_options(
                &select("init-scheme"),
                &scheme_options(false),
                scheme.name(),
            );
            set_number("init-scale", *scale, committed);
            set_number("init-seed", *seed as f64, committed);
        }
        Init::Explicit(_) => set_options(&select("init-scheme"), &scheme_options(true), "explicit"),
    }
}

/// The batch size m, at most the training set's size.
fn fill_batch(session: &Session, s: &Scenario, committed: bool) {
    let train = session.stepper().race.data.train.len();
    let batch = dom::input("batch-size");
    batch.set_max(&train.to_string());
    set_number("batch-size", s.batch_size as f64, committed);
    dom::set_text("train-size", &format!("of {train}"));
}

/// The penalty select and its rate λ (which keeps a usable value while there is none).
fn fill_regularization(s: &Scenario, committed: bool) {
    select("regularization").set_value(s.regularization.penalty.name());
    if s.regularization.penalty != Penalty::None {
        set_number("regularization-rate", s.regularization.rate, committed);
    } else if !number("regularization-rate").is_finite() {
        set_number("regularization-rate", DEFAULT_RATE, committed);
    }
}
