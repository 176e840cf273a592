//! The data controls: the data set, the generated data's noise, training share, samples and
//! seed, and the input features. Every change here restarts the race on new data.

use super::fields::{select, set_number, set_options};
use crate::scenario::{Data, Scenario};
use crate::session::{Dataset, Feature};
use crate::web::dom;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

/// The controls only generated data has: explicit data disables them.
const GENERATED_ONLY: [&str; 5] = [
    "noise",
    "train-fraction",
    "samples",
    "data-seed",
    "regenerate",
];

/// The sliders: (id, what the restart note calls it).
pub(super) const SLIDERS: [(&str, &str); 2] =
    [("noise", "Noise"), ("train-fraction", "Training share")];

/// The data set a scenario generates its data from (none for explicit data).
pub(super) fn dataset_of(s: &Scenario) -> Option<Dataset> {
    match &s.data {
        Data::Generated(g) => Some(g.dataset),
        Data::Explicit { .. } => None,
    }
}

/// Fills the data controls from the scenario in use.
pub(super) fn fill(s: &Scenario, committed: bool) {
    fill_dataset(s);
    fill_generated(s, committed);
    fill_features(s);
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

/// The data set select: every data set, and "your own data" for explicit data (drawn,
/// imported, or from a scenario file).
fn fill_dataset(s: &Scenario) {
    let dataset = dataset_of(s);
    let datasets: Vec<(String, String)> = Dataset::ALL
        .iter()
        .map(|d| (d.name().to_string(), dataset_label(*d).to_string()))
        .chain(
            dataset
                .is_none()
                .then(|| ("explicit".to_string(), "your own data".to_string())),
        )
        .collect();
    set_options(
        &select("dataset"),
        &datasets,
        dataset.map_or("explicit", |d| d.name()),
    );
}

/// The generated data's fields and sliders; all disabled for explicit data.
fn fill_generated(s: &Scenario, committed: bool) {
    let generated = match &s.data {
        Data::Generated(g) => Some(g),
        Data::Explicit { .. } => None,
    };
    for id in GENERATED_ONLY {
        let _ = dom::element(id).toggle_attribute_with_force("disabled", generated.is_none());
    }
    if let Some(g) = generated {
        set_number("noise", g.noise, committed);
        dom::set_text("noise-out", &slider_text("noise", g.noise));
        set_number("train-fraction", g.train_fraction, committed);
        dom::set_text(
            "train-fraction-out",
            &slider_text("train-fraction", g.train_fraction),
        );
        set_number("samples", g.samples as f64, committed);
        set_number("data-seed", g.seed as f64, committed);
    }
}

/// A slider's value as shown beside it: the noise "0.05", the training share "80%".
pub(super) fn slider_text(id: &str, v: f64) -> String {
    if id == "noise" {
        format!("{v:.2}")
    } else {
        format!("{:.0}%", v * 100.0)
    }
}

/// The feature check boxes and the input layer's size. Explicit data of two inputs are
/// points (x1, x2) and take features too (issue 13); other explicit data disable them.
fn fill_features(s: &Scenario) {
    let two = s.layers[0] == 2;
    let (features, usable): (Vec<Feature>, bool) = match &s.data {
        Data::Generated(g) => (g.features.clone(), true),
        Data::Explicit { features, .. } if !features.is_empty() => (features.clone(), true),
        Data::Explicit { .. } if two => (vec![Feature::X1, Feature::X2], true),
        Data::Explicit { .. } => (Vec::new(), false),
    };
    for el in dom::select_all("input[data-feature]") {
        let input: HtmlInputElement = el.unchecked_into();
        let name = input.get_attribute("data-feature").unwrap_or_default();
        input.set_checked(features.iter().any(|f| f.name() == name));
        input.set_disabled(!usable);
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

/// The names of the features checked.
pub(super) fn checked_features() -> Vec<String> {
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
