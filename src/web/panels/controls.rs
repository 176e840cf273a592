//! The settings panel: data, network, training and the four optimizers. A change that needs
//! a new network, new data or a new objective (regularization) restarts the race from the
//! changed scenario and says so; a
//! change of α, β, β1, β2 or ε applies to the running race without losing it. A value that
//! cannot be used leaves everything as it was and says what is wrong.

use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::math::init::InitScheme;
use crate::math::optimizer::{HyperParam, OptimizerKind, OptimizerSettings};
use crate::math::regularization::MAX_RATE;
use crate::scenario::file::{DataFile, InitFile, RegularizationFile, ScenarioFile};
use crate::scenario::{
    Data, Init, MAX_HIDDEN_LAYERS, MAX_UNITS, Scenario, check_optimizer, optimizer_file,
};
use crate::session::Session;
use crate::session::{Dataset, Task};
use crate::web::dom;
use crate::web::markup::{Attr, Element, el, fragment};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlInputElement, HtmlSelectElement};

/// What a change did, for the note under the panel.
pub enum Note {
    Restarted(String),
    Applied(String),
    Refused(String),
}

pub type Notify = Rc<dyn Fn(Note)>;
type Shared = Rc<RefCell<Session>>;

/// The (output activation, cost, outputs) pairs offered for a task.
fn output_pairs(task: Option<Task>, n_out: usize) -> Vec<(Activation, Cost, usize)> {
    use Activation::*;
    match task {
        Some(Task::Binary) => vec![
            (Sigmoid, Cost::Bce, 1),
            (Softmax, Cost::CrossEntropy, 2),
            (Sigmoid, Cost::Mse, 1),
            (Tanh, Cost::Mse, 1),
            (Linear, Cost::Mse, 1),
        ],
        Some(Task::ThreeClass) => vec![
            (Softmax, Cost::CrossEntropy, 3),
            (Softmax, Cost::Mse, 3),
            (Sigmoid, Cost::Bce, 3),
            (Sigmoid, Cost::Mse, 3),
        ],
        Some(Task::Regression) => vec![
            (Linear, Cost::Mse, 1),
            (Tanh, Cost::Mse, 1),
            (Sigmoid, Cost::Mse, 1),
            (Relu, Cost::Mse, 1),
            (LeakyRelu, Cost::Mse, 1),
        ],
        None => {
            let mut v = vec![(Sigmoid, Cost::Bce, n_out)];
            if n_out >= 2 {
                v.push((Softmax, Cost::CrossEntropy, n_out));
            }
            for a in [Linear, Sigmoid, Tanh, Relu, LeakyRelu, Softmax] {
                if a != Softmax || n_out >= 2 {
                    v.push((a, Cost::Mse, n_out));
                }
            }
            v
        }
    }
}

/// An output activation, a cost and the number of outputs: one option of the output select.
/// Its value on the page is "activation|cost|n", parsed back once where the change enters.
#[derive(Clone, Copy, Debug, PartialEq)]
struct OutputChoice {
    activation: Activation,
    cost: Cost,
    outputs: usize,
}

impl OutputChoice {
    fn value(self) -> String {
        let OutputChoice {
            activation,
            cost,
            outputs,
        } = self;
        format!("{}|{}|{outputs}", activation.name(), cost.name())
    }

    fn parse(value: &str) -> Option<OutputChoice> {
        let mut parts = value.split('|');
        let choice = OutputChoice {
            activation: Activation::from_name(parts.next()?)?,
            cost: Cost::from_name(parts.next()?)?,
            outputs: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(choice)
    }

    fn label(self) -> String {
        pair_label(self.activation, self.cost, self.outputs)
    }
}

fn pair_label(a: Activation, c: Cost, n: usize) -> String {
    let cost = match c {
        Cost::Mse => "MSE",
        Cost::Bce => "BCE",
        Cost::CrossEntropy => "cross-entropy",
    };
    let units = if n > 1 {
        format!(" ×{n}")
    } else {
        String::new()
    };
    format!("{}{units} + {cost}", a.name().replace('_', " "))
}

fn dataset_of(s: &Scenario) -> Option<Dataset> {
    match &s.data {
        Data::Generated(g) => Some(g.dataset),
        Data::Explicit { .. } => None,
    }
}

fn select(id: &str) -> HtmlSelectElement {
    dom::by_id(id)
}

fn set_options(sel: &HtmlSelectElement, options: &[(String, String)], selected: &str) {
    let html = fragment(options.iter().map(|(v, label)| {
        el("option")
            .attr(Attr::Value, v)
            .flag(Attr::Selected, v == selected)
            .text(label.as_str())
            .into()
    }))
    .to_html();
    dom::set_html(sel, &html);
    sel.set_value(selected);
}

/// A number as a field shows it: 1e-8 rather than 0.00000001, which a narrow field cuts to
/// "0.0000000" (and which is hard to read on a projector).
fn number_text(v: f64) -> String {
    if v != 0.0 && (v.abs() < 1e-4 || v.abs() >= 1e16) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

thread_local! {
    /// Set while `refill` runs: the focused field is written too.
    static REFILL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn set_number(id: &str, v: f64) {
    let input = dom::input(id);
    // leave a field the person is typing in alone (unless they just committed it)
    let typing = dom::document().active_element().map(|e| e.id()) == Some(id.to_string());
    if !typing || REFILL.with(|r| r.get()) {
        input.set_value(&number_text(v));
    }
}

/// `fill` after a change the person committed (a `change` event or a click): every field,
/// the focused one included, shows the value in use — after a refusal, the old one.
fn refill(session: &Session) {
    REFILL.with(|r| r.set(true));
    fill(session);
    REFILL.with(|r| r.set(false));
}

/// Fills every control from the session (after a load, a restart or a refused change).
pub fn fill(session: &Session) {
    let s = session.settings_scenario();
    let dataset = dataset_of(&s);
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
    let generated = match &s.data {
        Data::Generated(g) => Some(g),
        Data::Explicit { .. } => None,
    };
    for id in [
        "noise",
        "train-fraction",
        "samples",
        "data-seed",
        "regenerate",
    ] {
        let _ = dom::element(id).toggle_attribute_with_force("disabled", generated.is_none());
    }
    if let Some(g) = generated {
        set_number("noise", g.noise);
        dom::set_text("noise-out", &format!("{:.2}", g.noise));
        set_number("train-fraction", g.train_fraction);
        dom::set_text(
            "train-fraction-out",
            &format!("{:.0}%", g.train_fraction * 100.0),
        );
        set_number("samples", g.samples as f64);
        set_number("data-seed", g.seed as f64);
    }
    let features: Vec<crate::session::Feature> = match &s.data {
        Data::Generated(g) => g.features.clone(),
        Data::Explicit { .. } => Vec::new(),
    };
    for el in dom::select_all("input[data-feature]") {
        let input: HtmlInputElement = el.unchecked_into();
        let name = input.get_attribute("data-feature").unwrap_or_default();
        input.set_checked(features.iter().any(|f| f.name() == name));
        input.set_disabled(generated.is_none());
    }
    let inputs = if features.is_empty() {
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
    };
    dom::set_text("input-size", &inputs);
    fill_layers(&s);
    let n_out = *s.layers.last().expect("layers");
    let pairs = output_pairs(dataset.map(|d| d.task()), n_out);
    let output = *s.activations.last().expect("activations");
    let current = OutputChoice {
        activation: output,
        cost: s.cost,
        outputs: n_out,
    };
    let mut choices: Vec<OutputChoice> = pairs
        .iter()
        .map(|&(activation, cost, outputs)| OutputChoice {
            activation,
            cost,
            outputs,
        })
        .collect();
    if !choices.contains(&current) {
        choices.push(current);
    }
    let options: Vec<(String, String)> = choices.iter().map(|c| (c.value(), c.label())).collect();
    set_options(&select("output-cost"), &options, &current.value());
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
    let train = session.stepper().race.data.train.len();
    let batch = dom::input("batch-size");
    batch.set_max(&train.to_string());
    set_number("batch-size", s.batch_size as f64);
    dom::set_text("train-size", &format!("of {train}"));
    dom::input("shuffle").set_checked(s.shuffle);
    select("regularization").set_value(s.regularization.penalty.name());
    if s.regularization.penalty != crate::math::regularization::Penalty::None {
        set_number("regularization-rate", s.regularization.rate);
    } else if !number("regularization-rate").is_finite() {
        set_number(
            "regularization-rate",
            crate::math::regularization::DEFAULT_RATE,
        );
    }
    for settings in session.current_settings() {
        for &h in HyperParam::of(settings.kind()) {
            if let Some(v) = settings.get(h) {
                set_number(&field_id(settings.kind(), h), v);
            }
        }
    }
}

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

const HIDDEN: [Activation; 5] = [
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu,
    Activation::Sigmoid,
    Activation::Linear,
];

/// One hidden layer's row: units (− n +), activation, remove.
fn layer_row(s: &Scenario, l: usize) -> Element {
    let options = HIDDEN.iter().map(|a| {
        el("option")
            .attr(Attr::Value, a.name())
            .flag(Attr::Selected, *a == s.activations[l - 1])
            .text(a.name().replace('_', " "))
    });
    let button = |class: &str, title: String, label: String, text: &str| {
        el("button")
            .class(class)
            .data("layer", l)
            .title(title)
            .aria("label", label)
            .text(text)
    };
    el("div").class("layer-row").data("layer", l).children([
        el("span")
            .class("layer-name")
            .title(format!("hidden layer {l}: n[{l}] units, activation σ[{l}]"))
            .text(format!("L{l}")),
        button(
            "units-minus",
            format!("one unit fewer in layer {l}"),
            format!("fewer units in layer {l}"),
            "−",
        ),
        el("input")
            .class("units")
            .attr(Attr::Type, "number")
            .attr(Attr::Min, 1)
            .attr(Attr::Max, MAX_UNITS)
            .attr(Attr::Value, s.layers[l])
            .data("layer", l)
            .title(format!("n[{l}], units in layer {l}"))
            .aria("label", format!("units in layer {l}")),
        button(
            "units-plus",
            format!("one unit more in layer {l}"),
            format!("more units in layer {l}"),
            "+",
        ),
        el("select")
            .class("activation")
            .data("layer", l)
            .title(format!("σ[{l}], the activation of layer {l}"))
            .aria("label", format!("activation of layer {l}"))
            .children(options),
        button(
            "remove-layer",
            format!("remove layer {l}"),
            format!("remove layer {l}"),
            "×",
        ),
    ])
}

/// One row per hidden layer, or a hint when there is none.
fn fill_layers(s: &Scenario) {
    let depth = s.layers.len() - 1;
    let html = if depth == 1 {
        el("p")
            .class("hint")
            .text("No hidden layer: the inputs feed the output directly (logistic regression).")
            .to_html()
    } else {
        fragment((1..depth).map(|l| layer_row(s, l).into())).to_html()
    };
    dom::set_html(&dom::element("layers"), &html);
    let _ = dom::element("add-layer")
        .toggle_attribute_with_force("disabled", depth > MAX_HIDDEN_LAYERS);
    dom::set_text("output-size", &format!("n[{depth}] = {}", s.layers[depth]));
}

/// Restarts the race from the session's settings changed by `edit`; a change that makes
/// the old explicit weights the wrong shape draws new ones from a seed instead.
fn restart(session: &Shared, notify: &Notify, what: &str, edit: impl FnOnce(&mut ScenarioFile)) {
    restart_saying(
        session,
        notify,
        &format!("{what}: a new network, so the race restarted."),
        edit,
    );
}

/// `restart`, saying `message` when it worked.
fn restart_saying(
    session: &Shared,
    notify: &Notify,
    message: &str,
    edit: impl FnOnce(&mut ScenarioFile),
) {
    let mut file = session.borrow().settings_scenario().to_file();
    edit(&mut file);
    let mut result = Scenario::from_file(file.clone());
    if matches!(&result, Err(e) if e.path.starts_with("init.weights")) {
        file.init = Some(InitFile {
            kind: Some("auto".into()),
            scale: Some(1.0),
            seed: Some(0),
            weights: None,
        });
        result = Scenario::from_file(file);
    }
    match result {
        Ok(scenario) => {
            session.borrow_mut().load(scenario);
            notify(Note::Restarted(message.to_string()));
        }
        Err(e) => notify(Note::Refused(format!("Not changed — {e}"))),
    }
    refill(&session.borrow());
}

fn on_change(
    id: &str,
    event: &str,
    session: &Shared,
    notify: &Notify,
    f: impl Fn(&Shared, &Notify) + 'static,
) {
    let (session, notify) = (session.clone(), notify.clone());
    dom::on::<Event>(&dom::element(id), event, move |_| f(&session, &notify));
}

fn number(id: &str) -> f64 {
    dom::input(id).value_as_number()
}

/// A whole number from a field, or a message.
fn whole(id: &str, what: &str) -> Result<u64, String> {
    let v = number(id);
    if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 9.007e15 {
        Ok(v as u64)
    } else {
        Err(format!("Not changed — {what} must be a whole number ≥ 0"))
    }
}

fn data_mut(file: &mut ScenarioFile) -> &mut DataFile {
    &mut file.data
}

pub fn wire(session: &Shared, notify: &Notify) {
    on_change("dataset", "change", session, notify, |s, n| {
        let name = select("dataset").value();
        let Some(dataset) = Dataset::from_name(&name) else {
            return;
        };
        restart(s, n, "New data set", |f| {
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
    });
    for (id, what) in [("noise", "Noise"), ("train-fraction", "Training share")] {
        on_change(id, "change", session, notify, move |s, n| {
            let v = number(id);
            restart(s, n, what, |f| {
                let d = data_mut(f);
                if id == "noise" {
                    d.noise = Some(v)
                } else {
                    d.train_fraction = Some(v)
                }
            });
        });
        let id2 = id;
        dom::on::<Event>(&dom::element(id), "input", move |_| {
            let v = number(id2);
            let text = if id2 == "noise" {
                format!("{v:.2}")
            } else {
                format!("{:.0}%", v * 100.0)
            };
            dom::set_text(&format!("{id2}-out"), &text);
        });
    }
    for el in dom::select_all("input[data-feature]") {
        let (s, n) = (session.clone(), notify.clone());
        dom::on::<Event>(&el, "change", move |_| {
            let chosen: Vec<String> = dom::select_all("input[data-feature]")
                .into_iter()
                .filter_map(|e| {
                    let input: HtmlInputElement = e.unchecked_into();
                    input
                        .checked()
                        .then(|| input.get_attribute("data-feature").unwrap_or_default())
                })
                .collect();
            if chosen.is_empty() {
                n(Note::Refused(
                    "Not changed — the network needs at least one input".into(),
                ));
                fill(&s.borrow());
                return;
            }
            let count = chosen.len();
            restart(&s, &n, &format!("Inputs: {}", chosen.join(", ")), |f| {
                f.data.features = Some(chosen);
                f.layers[0] = count;
            });
        });
    }
    on_change("samples", "change", session, notify, |s, n| {
        match whole("samples", "the number of samples") {
            Ok(v) => restart(s, n, "Samples", |f| data_mut(f).samples = Some(v as usize)),
            Err(e) => {
                n(Note::Refused(e));
                refill(&s.borrow());
            }
        }
    });
    on_change("data-seed", "change", session, notify, |s, n| {
        match whole("data-seed", "the data seed") {
            Ok(v) => restart(s, n, "New data seed", |f| data_mut(f).seed = Some(v)),
            Err(e) => {
                n(Note::Refused(e));
                refill(&s.borrow());
            }
        }
    });
    on_change("regenerate", "click", session, notify, |s, n| {
        let seed = (js_sys::Math::random() * 1e6).floor() as u64;
        restart(s, n, &format!("New data (seed {seed})"), |f| {
            data_mut(f).seed = Some(seed)
        });
    });
    for id in ["regularization", "regularization-rate"] {
        on_change(id, "change", session, notify, move |s, n| {
            let kind = select("regularization").value();
            let rate = number("regularization-rate");
            if !(0.0..=MAX_RATE).contains(&rate) {
                n(Note::Refused(format!(
                    "Not changed — the regularization rate λ is a number from 0 to {MAX_RATE}"
                )));
                refill(&s.borrow());
                return;
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
            restart_saying(s, n, &message, |f| {
                f.regularization = Some(RegularizationFile {
                    kind,
                    rate: Some(rate),
                })
            });
        });
    }
    on_change("add-layer", "click", session, notify, |s, n| {
        restart(s, n, "Layer added", |f| {
            let at = f.layers.len() - 1;
            let units = f.layers[at - 1].clamp(2, 8);
            f.layers.insert(at, if at == 1 { 4 } else { units });
            let act = if at == 1 {
                "tanh".to_string()
            } else {
                f.activations[at - 2].clone()
            };
            f.activations.insert(at - 1, act);
        });
    });
    // the layer rows are rebuilt by `fill`: listen on their container
    let (s2, n2) = (session.clone(), notify.clone());
    dom::on::<Event>(&dom::element("layers"), "click", move |e| {
        let Some((target, l)) = layer_target(&e) else {
            return;
        };
        let class = target.class_name();
        let delta: i64 = match class.as_str() {
            "units-minus" => -1,
            "units-plus" => 1,
            "remove-layer" => {
                restart(&s2, &n2, &format!("Layer {l} removed"), |f| {
                    f.layers.remove(l);
                    f.activations.remove(l - 1);
                });
                return;
            }
            _ => return,
        };
        let units = s2.borrow().base().layers[l] as i64 + delta;
        if units < 1 || units > MAX_UNITS as i64 {
            n2(Note::Refused(format!(
                "Not changed — a layer has from 1 to {MAX_UNITS} units"
            )));
            return;
        }
        restart(&s2, &n2, &format!("Layer {l}: {units} units"), |f| {
            f.layers[l] = units as usize
        });
    });
    let (s3, n3) = (session.clone(), notify.clone());
    dom::on::<Event>(&dom::element("layers"), "change", move |e| {
        let Some((target, l)) = layer_target(&e) else {
            return;
        };
        if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
            let v = input.value_as_number();
            if !(v.is_finite() && v >= 1.0 && v <= MAX_UNITS as f64 && v.fract() == 0.0) {
                n3(Note::Refused(format!(
                    "Not changed — layer {l} needs a whole number of units from 1 to {MAX_UNITS}"
                )));
                refill(&s3.borrow());
                return;
            }
            restart(&s3, &n3, &format!("Layer {l}: {v} units"), |f| {
                f.layers[l] = v as usize
            });
        } else if let Some(sel) = target.dyn_ref::<HtmlSelectElement>() {
            let act = sel.value();
            restart(&s3, &n3, &format!("Layer {l}: {act}"), |f| {
                f.activations[l - 1] = act
            });
        }
    });
    on_change("output-cost", "change", session, notify, |s, n| {
        let Some(choice) = OutputChoice::parse(&select("output-cost").value()) else {
            return;
        };
        restart(s, n, "New output and cost", |f| {
            *f.activations.last_mut().expect("activations") = choice.activation.name().into();
            *f.layers.last_mut().expect("layers") = choice.outputs;
            f.cost = choice.cost.name().into();
        });
    });
    on_change("init-scheme", "change", session, notify, |s, n| {
        let scheme = select("init-scheme").value();
        if InitScheme::from_name(&scheme).is_none() {
            return;
        }
        restart(s, n, "New initialisation", |f| {
            let old = f.init.take().unwrap_or_default();
            f.init = Some(InitFile {
                kind: Some(scheme),
                scale: old.scale.or(Some(1.0)),
                seed: old.seed.or(Some(0)),
                weights: None,
            });
        });
    });
    on_change("init-scale", "change", session, notify, |s, n| {
        let v = number("init-scale");
        restart(s, n, "New initial scale", |f| {
            let old = f.init.take().unwrap_or_default();
            f.init = Some(InitFile {
                kind: old.kind.or(Some("auto".into())),
                scale: Some(v),
                seed: old.seed.or(Some(0)),
                weights: None,
            });
        });
    });
    on_change("init-seed", "change", session, notify, |s, n| {
        match whole("init-seed", "the weights' seed") {
            Ok(seed) => restart(s, n, "New initial weights", |f| set_init_seed(f, seed)),
            Err(e) => {
                n(Note::Refused(e));
                refill(&s.borrow());
            }
        }
    });
    on_change("reseed", "click", session, notify, |s, n| {
        let seed = (js_sys::Math::random() * 1e6).floor() as u64;
        restart(s, n, &format!("New initial weights (seed {seed})"), |f| {
            set_init_seed(f, seed)
        });
    });
    on_change("batch-size", "change", session, notify, |s, n| match whole(
        "batch-size",
        "the batch size m",
    ) {
        Ok(v) => restart(s, n, &format!("Batch size m = {v}"), |f| {
            f.batch_size = Some(v as usize)
        }),
        Err(e) => {
            n(Note::Refused(e));
            refill(&s.borrow());
        }
    });
    on_change("shuffle", "change", session, notify, |s, n| {
        let on = dom::input("shuffle").checked();
        restart(
            s,
            n,
            if on { "Shuffling on" } else { "Shuffling off" },
            |f| f.shuffle = Some(on),
        );
    });
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
    on_change("optimizer-defaults", "click", session, notify, |s, n| {
        let done: Result<(), _> = OptimizerKind::ALL
            .into_iter()
            .try_for_each(|kind| s.borrow_mut().set_settings(kind.defaults()));
        refill(&s.borrow());
        match done {
            Ok(()) => n(Note::Applied(
                "The four optimizers are back to their default settings; the race goes on.".into(),
            )),
            Err(e) => n(Note::Refused(format!("Not changed — {e}"))),
        }
    });
}

/// The element of a layer row an event came from, and its layer l.
fn layer_target(e: &Event) -> Option<(web_sys::Element, usize)> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let l = target.get_attribute("data-layer")?.parse::<usize>().ok()?;
    Some((target, l))
}

fn set_init_seed(f: &mut ScenarioFile, seed: u64) {
    let old = f.init.take().unwrap_or_default();
    f.init = Some(InitFile {
        kind: old.kind.or(Some("auto".into())),
        scale: old.scale.or(Some(1.0)),
        seed: Some(seed),
        weights: None,
    });
}

/// The id of a racer's field for a hyper-parameter on the page: "adam-beta1".
fn field_id(kind: OptimizerKind, h: HyperParam) -> String {
    format!("{}-{}", kind.name(), h.key())
}

/// Reads one racer's fields and applies them to the running race.
fn live_settings(session: &Shared, notify: &Notify, kind: OptimizerKind) {
    let refuse = |h: Option<HyperParam>, problem: &str| {
        let symbol = h.map_or("", HyperParam::symbol);
        notify(Note::Refused(format!(
            "Not changed — {} {symbol}: {problem}",
            kind.label()
        )));
        refill(&session.borrow());
    };
    let mut settings = kind.defaults();
    for &h in HyperParam::of(kind) {
        let v = number(&field_id(kind, h));
        if v.is_nan() {
            return refuse(Some(h), "type a number");
        }
        settings = settings.with(h, v).unwrap_or(settings);
    }
    // the checker's rules and words for each value (α > 0, 0 ≤ β < 1, ε > 0)
    let settings = match check_optimizer(&optimizer_file(&settings), kind.name()) {
        Ok(settings) => settings,
        Err(e) => {
            let field = e.path.rsplit('.').next().unwrap_or("");
            return refuse(HyperParam::from_key(field), &e.problem);
        }
    };
    if let Err(e) = session.borrow_mut().set_settings(settings) {
        refill(&session.borrow());
        notify(Note::Refused(format!("Not changed — {e}")));
        return;
    }
    notify(Note::Applied(format!(
        "{} now uses {}; the race goes on.",
        kind.label(),
        describe(&settings)
    )));
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
