//! The data controls: the data set, the generated data's noise, training share, samples and
//! seed, and the input features. Every change here restarts the race on new data.

use super::fields::{number, random_seed, select, set_number, set_options, whole};
use super::network::output_pairs;
use super::{Notify, Shared, on_change, refuse, restart};
use crate::scenario::file::{DataFile, ScenarioFile};
use crate::scenario::{Data, Scenario};
use crate::session::{Dataset, Feature};
use crate::web::dom;
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlInputElement};

/// The controls only generated data has: explicit data disables them.
const GENERATED_ONLY: [&str; 5] = [
    "noise",
    "train-fraction",
    "samples",
    "data-seed",
    "regenerate",
];

/// The sliders: (id, what the restart note calls it).
const SLIDERS: [(&str, &str); 2] = [("noise", "Noise"), ("train-fraction", "Training share")];

/// The data set a scenario generates its data from (none for explicit data).
pub(super) fn dataset_of(s: &Scenario) -> Option<Dataset> {
    match &s.data {
        Data::Generated(g) => Some(g.dataset),
        Data::Explicit { .. } => None,
    }
}

/// Fills the data controls from the scenario in use.
pub(super) fn fill(s: &Scenario) {
    fill_dataset(s);
    fill_generated(s);
    fill_features(s);
}

/// Listens to the data controls.
pub(super) fn wire(session: &Shared, notify: &Notify) {
    on_change("dataset", "change", session, notify, change_dataset);
    wire_sliders(session, notify);
    wire_features(session, notify);
    wire_samples_and_seed(session, notify);
    on_change("regenerate", "click", session, notify, |s, n| {
        let seed = random_seed();
        restart(s, n, &format!("New data (seed {seed})"), move |f| {
            data_mut(f).seed = Some(seed)
        });
    });
}

/// How the data set select names a data set.
fn dataset_label(d: Dataset) -> &'static str {
    match d {
        Dataset::Circle => "circle (inside / outside)",
        Dataset::Xor => "xor (quadrants)",
        Dataset::Gaussian => "two gaussian blobs",
        Dataset::Spiral => "spiral (two arms)",
        Dataset::Moons => "two moons",
        Dataset::Spiral3 => "spiral, 3 classes",
        Dataset::Blobs3 => "3 blobs, 3 classes",
        Dataset::Plane => "plane (regression)",
        Dataset::Sine => "sine (regression)",
    }
}

/// The data set select: every data set, and "from the scenario file" for explicit data.
fn fill_dataset(s: &Scenario) {
    let dataset = dataset_of(s);
    let datasets: Vec<(String, String)> = Dataset::ALL
        .iter()
        .map(|d| (d.name().to_string(), dataset_label(*d).to_string()))
        .chain(
            dataset
                .is_none()
                .then(|| ("explicit".to_string(), "from the scenario file".to_string())),
        )
        .collect();
    set_options(
        &select("dataset"),
        &datasets,
        dataset.map_or("explicit", |d| d.name()),
    );
}

/// The generated data's fields and sliders; all disabled for explicit data.
fn fill_generated(s: &Scenario) {
    let generated = match &s.data {
        Data::Generated(g) => Some(g),
        Data::Explicit { .. } => None,
    };
    for id in GENERATED_ONLY {
        let _ = dom::element(id).toggle_attribute_with_force("disabled", generated.is_none());
    }
    if let Some(g) = generated {
        set_number("noise", g.noise);
        dom::set_text("noise-out", &slider_text("noise", g.noise));
        set_number("train-fraction", g.train_fraction);
        dom::set_text(
            "train-fraction-out",
            &slider_text("train-fraction", g.train_fraction),
        );
        set_number("samples", g.samples as f64);
        set_number("data-seed", g.seed as f64);
    }
}

/// A slider's value as shown beside it: the noise "0.05", the training share "80%".
fn slider_text(id: &str, v: f64) -> String {
    if id == "noise" {
        format!("{v:.2}")
    } else {
        format!("{:.0}%", v * 100.0)
    }
}

/// The feature check boxes (disabled for explicit data) and the input layer's size.
fn fill_features(s: &Scenario) {
    let features: Vec<Feature> = match &s.data {
        Data::Generated(g) => g.features.clone(),
        Data::Explicit { .. } => Vec::new(),
    };
    let explicit = matches!(s.data, Data::Explicit { .. });
    for el in dom::select_all("input[data-feature]") {
        let input: HtmlInputElement = el.unchecked_into();
        let name = input.get_attribute("data-feature").unwrap_or_default();
        input.set_checked(features.iter().any(|f| f.name() == name));
        input.set_disabled(explicit);
    }
    dom::set_text("input-size", &input_size(s, &features));
}

/// "n[0] = 2 (x₁, x₂)": the inputs and their features; "n[0] = 2" for explicit data.
fn input_size(s: &Scenario, features: &[Feature]) -> String {
    if features.is_empty() {
        format!("n[0] = {}", s.layers[0])
    } else {
        format!(
            "n[0] = {} ({})",
            features.len(),
            features
                .iter()
                .map(|f| f.label())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// The data part of a scenario file.
fn data_mut(file: &mut ScenarioFile) -> &mut DataFile {
    &mut file.data
}

/// A new data set: its data (keeping the samples, noise, share and seed) and the output
/// and cost that fit its task.
fn change_dataset(s: &Shared, n: &Notify) {
    let name = select("dataset").value();
    let Some(dataset) = Dataset::from_name(&name) else {
        return;
    };
    restart(s, n, "New data set", move |f| {
        let old = std::mem::take(&mut f.data);
        f.data = DataFile {
            dataset: Some(name.clone()),
            samples: old.samples.or(Some(400)),
            noise: old.noise.or(Some(0.05)),
            train_fraction: old.train_fraction.or(Some(0.8)),
            seed: old.seed.or(Some(1)),
            ..DataFile::default()
        };
        // propose the output and cost that fit the data
        let (act, cost, n_out) = output_pairs(Some(dataset.task()), 1)[0];
        f.layers[0] = 2;
        *f.layers.last_mut().expect("layers") = n_out;
        *f.activations.last_mut().expect("activations") = act.name().into();
        f.cost = cost.name().into();
    });
}

/// The noise and training-share sliders: letting go restarts, moving shows the value.
fn wire_sliders(session: &Shared, notify: &Notify) {
    for (id, what) in SLIDERS {
        on_change(id, "change", session, notify, move |s, n| {
            let v = number(id);
            restart(s, n, what, move |f| {
                let d = data_mut(f);
                if id == "noise" {
                    d.noise = Some(v)
                } else {
                    d.train_fraction = Some(v)
                }
            });
        });
        dom::on::<Event>(&dom::element(id), "input", move |_| {
            dom::set_text(&format!("{id}-out"), &slider_text(id, number(id)));
        });
    }
}

/// The feature check boxes: the inputs become the features checked (at least one).
fn wire_features(session: &Shared, notify: &Notify) {
    for el in dom::select_all("input[data-feature]") {
        let (s, n) = (session.clone(), notify.clone());
        dom::on::<Event>(&el, "change", move |_| change_features(&s, &n));
    }
}

/// The names of the features checked.
fn checked_features() -> Vec<String> {
    dom::select_all("input[data-feature]")
        .into_iter()
        .filter_map(|e| {
            let input: HtmlInputElement = e.unchecked_into();
            input
                .checked()
                .then(|| input.get_attribute("data-feature").unwrap_or_default())
        })
        .collect()
}

/// The checked features become the inputs (n[0] with them); none checked is refused.
fn change_features(s: &Shared, n: &Notify) {
    let chosen = checked_features();
    if chosen.is_empty() {
        // the box just unchecked shows checked again
        refuse(
            s,
            n,
            "Not changed — the network needs at least one input".into(),
        );
        return;
    }
    let count = chosen.len();
    restart(s, n, &format!("Inputs: {}", chosen.join(", ")), move |f| {
        f.data.features = Some(chosen);
        f.layers[0] = count;
    });
}

/// The number of samples and the data seed: whole numbers, else refused.
fn wire_samples_and_seed(session: &Shared, notify: &Notify) {
    on_change("samples", "change", session, notify, |s, n| {
        match whole("samples", "the number of samples") {
            Ok(v) => restart(s, n, "Samples", move |f| {
                data_mut(f).samples = Some(v as usize)
            }),
            Err(e) => refuse(s, n, e),
        }
    });
    on_change("data-seed", "change", session, notify, |s, n| {
        match whole("data-seed", "the data seed") {
            Ok(v) => restart(s, n, "New data seed", move |f| data_mut(f).seed = Some(v)),
            Err(e) => refuse(s, n, e),
        }
    });
}
