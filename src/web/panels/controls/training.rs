//! The training controls: the initial weights (scheme, scale, seed), the batch size m,
//! shuffling and regularization. Every change here restarts the race.

use super::fields::{number, random_seed, select, set_number, set_options, whole};
use super::{Notify, Shared, on_change, refuse, restart, restart_saying};
use crate::math::init::InitScheme;
use crate::math::regularization::{DEFAULT_RATE, MAX_RATE, Penalty};
use crate::scenario::file::{InitFile, RegularizationFile, ScenarioFile};
use crate::scenario::{Init, Scenario};
use crate::session::Session;
use crate::web::dom;

/// Fills the training controls from the scenario in use (the batch size's bound from the
/// session's training set).
pub(super) fn fill(session: &Session, s: &Scenario) {
    fill_init(s);
    fill_batch(session, s);
    dom::input("shuffle").set_checked(s.shuffle);
    fill_regularization(s);
}

/// Listens to the training controls.
pub(super) fn wire(session: &Shared, notify: &Notify) {
    for id in ["regularization", "regularization-rate"] {
        on_change(id, "change", session, notify, move |s, n| {
            change_regularization(s, n, id)
        });
    }
    wire_init(session, notify);
    wire_batch_and_shuffle(session, notify);
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
fn fill_init(s: &Scenario) {
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
            set_number("init-scale", *scale);
            set_number("init-seed", *seed as f64);
        }
        Init::Explicit(_) => set_options(&select("init-scheme"), &scheme_options(true), "explicit"),
    }
}

/// The batch size m, at most the training set's size.
fn fill_batch(session: &Session, s: &Scenario) {
    let train = session.stepper().race.data.train.len();
    let batch = dom::input("batch-size");
    batch.set_max(&train.to_string());
    set_number("batch-size", s.batch_size as f64);
    dom::set_text("train-size", &format!("of {train}"));
}

/// The penalty select and its rate λ (which keeps a usable value while there is none).
fn fill_regularization(s: &Scenario) {
    select("regularization").set_value(s.regularization.penalty.name());
    if s.regularization.penalty != Penalty::None {
        set_number("regularization-rate", s.regularization.rate);
    } else if !number("regularization-rate").is_finite() {
        set_number("regularization-rate", DEFAULT_RATE);
    }
}

/// Sets the initialisation's scheme, scale or seed where given, keeping the others (else
/// auto, 1 and 0); a scheme's weights replace any weights given.
fn set_init(f: &mut ScenarioFile, kind: Option<String>, scale: Option<f64>, seed: Option<u64>) {
    let old = f.init.take().unwrap_or_default();
    f.init = Some(InitFile {
        kind: kind.or(old.kind).or(Some("auto".into())),
        scale: scale.or(old.scale).or(Some(1.0)),
        seed: seed.or(old.seed).or(Some(0)),
        weights: None,
    });
}

/// The scheme, scale and seed fields and the "new weights" button.
fn wire_init(session: &Shared, notify: &Notify) {
    on_change("init-scheme", "change", session, notify, |s, n| {
        let scheme = select("init-scheme").value();
        if InitScheme::from_name(&scheme).is_none() {
            return;
        }
        restart(s, n, "New initialisation", move |f| {
            set_init(f, Some(scheme), None, None)
        });
    });
    on_change("init-scale", "change", session, notify, |s, n| {
        let v = number("init-scale");
        restart(s, n, "New initial scale", move |f| {
            set_init(f, None, Some(v), None)
        });
    });
    on_change("init-seed", "change", session, notify, |s, n| {
        match whole("init-seed", "the weights' seed") {
            Ok(seed) => restart(s, n, "New initial weights", move |f| {
                set_init(f, None, None, Some(seed))
            }),
            Err(e) => refuse(s, n, e),
        }
    });
    on_change("reseed", "click", session, notify, |s, n| {
        let seed = random_seed();
        restart(
            s,
            n,
            &format!("New initial weights (seed {seed})"),
            move |f| set_init(f, None, None, Some(seed)),
        );
    });
}

/// The batch size m (a whole number) and the shuffling check box.
fn wire_batch_and_shuffle(session: &Shared, notify: &Notify) {
    on_change("batch-size", "change", session, notify, |s, n| match whole(
        "batch-size",
        "the batch size m",
    ) {
        Ok(v) => restart(s, n, &format!("Batch size m = {v}"), move |f| {
            f.batch_size = Some(v as usize)
        }),
        Err(e) => refuse(s, n, e),
    });
    on_change("shuffle", "change", session, notify, |s, n| {
        let on = dom::input("shuffle").checked();
        restart(
            s,
            n,
            if on { "Shuffling on" } else { "Shuffling off" },
            move |f| f.shuffle = Some(on),
        );
    });
}

/// A new penalty or rate λ (`id` says which field changed): the race restarts on the new
/// objective; λ alone waits while there is no penalty.
fn change_regularization(s: &Shared, n: &Notify, id: &str) {
    let kind = select("regularization").value();
    let rate = number("regularization-rate");
    if !(0.0..=MAX_RATE).contains(&rate) {
        let message =
            format!("Not changed — the regularization rate λ is a number from 0 to {MAX_RATE}");
        return refuse(s, n, message);
    }
    if kind == "none" && id == "regularization-rate" {
        return; // λ waits for a penalty to apply to
    }
    let message = if kind == "none" {
        "No regularization: the objective is the cost alone again; the race restarted from the same start.".to_string()
    } else {
        format!(
            "{} regularization, λ = {rate}: the optimizers now descend J = C + λ·R(W); the race restarted from the same start.",
            kind.to_uppercase()
        )
    };
    restart_saying(s, n, &message, move |f| {
        f.regularization = Some(RegularizationFile {
            kind,
            rate: Some(rate),
        })
    });
}
