//! The network controls: one row per hidden layer (units − n +, activation, remove), the
//! "add a layer" button, and the output activation with its cost. Every change here
//! restarts the race on a new network.

use super::data::dataset_of;
use super::fields::{select, set_options};
use super::{Note, Notify, Shared, on_change, refuse, restart};
use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::scenario::file::ScenarioFile;
use crate::scenario::{MAX_HIDDEN_LAYERS, MAX_UNITS, Scenario};
use crate::session::Task;
use crate::web::dom;
use crate::web::markup::{Attr, Element, el, fragment};
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlInputElement, HtmlSelectElement};

/// The activations a hidden layer may have.
const HIDDEN: [Activation; 5] = [
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu,
    Activation::Sigmoid,
    Activation::Linear,
];

/// The (output activation, cost, outputs) pairs offered for a task.
pub(super) fn output_pairs(task: Option<Task>, n_out: usize) -> Vec<(Activation, Cost, usize)> {
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
    /// The option's value: "sigmoid|bce|1".
    fn value(self) -> String {
        let OutputChoice {
            activation,
            cost,
            outputs,
        } = self;
        format!("{}|{}|{outputs}", activation.name(), cost.name())
    }

    /// A choice from an option's value (none if it is not one).
    fn parse(value: &str) -> Option<OutputChoice> {
        let mut parts = value.split('|');
        let choice = OutputChoice {
            activation: Activation::from_name(parts.next()?)?,
            cost: Cost::from_name(parts.next()?)?,
            outputs: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(choice)
    }

    /// The option's label: "sigmoid + BCE".
    fn label(self) -> String {
        pair_label(self.activation, self.cost, self.outputs)
    }
}

/// "sigmoid + BCE", "softmax ×3 + cross-entropy".
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

/// Fills the layer rows and the output select from the scenario in use.
pub(super) fn fill(s: &Scenario) {
    fill_layers(s);
    fill_output(s);
}

/// Listens to the layer rows, the "add a layer" button and the output select.
pub(super) fn wire(session: &Shared, notify: &Notify) {
    on_change("add-layer", "click", session, notify, |s, n| {
        restart(s, n, "Layer added", add_layer)
    });
    wire_layer_rows(session, notify);
    on_change("output-cost", "change", session, notify, change_output);
}

/// One hidden layer's row: units (− n +), activation, remove.
fn layer_row(s: &Scenario, l: usize) -> Element {
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
        activation_select(s, l),
        button(
            "remove-layer",
            format!("remove layer {l}"),
            format!("remove layer {l}"),
            "×",
        ),
    ])
}

/// The activation select of hidden layer `l`.
fn activation_select(s: &Scenario, l: usize) -> Element {
    let options = HIDDEN.iter().map(|a| {
        el("option")
            .attr(Attr::Value, a.name())
            .flag(Attr::Selected, *a == s.activations[l - 1])
            .text(a.name().replace('_', " "))
    });
    el("select")
        .class("activation")
        .data("layer", l)
        .title(format!("σ[{l}], the activation of layer {l}"))
        .aria("label", format!("activation of layer {l}"))
        .children(options)
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

/// The output select: the pairs offered for the data's task, and the scenario's own pair
/// if it is not one of them.
fn fill_output(s: &Scenario) {
    let n_out = *s.layers.last().expect("layers");
    let pairs = output_pairs(dataset_of(s).map(|d| d.task()), n_out);
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
}

/// A hidden layer before the output: 4 tanh units after the inputs, else like the layer
/// before it (2 to 8 units).
fn add_layer(f: &mut ScenarioFile) {
    let at = f.layers.len() - 1;
    let units = f.layers[at - 1].clamp(2, 8);
    f.layers.insert(at, if at == 1 { 4 } else { units });
    let act = if at == 1 {
        "tanh".to_string()
    } else {
        f.activations[at - 2].clone()
    };
    f.activations.insert(at - 1, act);
}

/// The layer rows' buttons, unit fields and activation selects. The rows are rebuilt by
/// `fill`: listen on their container.
fn wire_layer_rows(session: &Shared, notify: &Notify) {
    let (s, n) = (session.clone(), notify.clone());
    dom::on::<Event>(&dom::element("layers"), "click", move |e| {
        layer_click(&s, &n, &e)
    });
    let (s, n) = (session.clone(), notify.clone());
    dom::on::<Event>(&dom::element("layers"), "change", move |e| {
        layer_change(&s, &n, &e)
    });
}

/// The element of a layer row an event came from, and its layer l.
fn layer_target(e: &Event) -> Option<(web_sys::Element, usize)> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let l = target.get_attribute("data-layer")?.parse::<usize>().ok()?;
    Some((target, l))
}

/// A click in the layer rows: one unit fewer or more, or the layer removed.
fn layer_click(s: &Shared, n: &Notify, e: &Event) {
    let Some((target, l)) = layer_target(e) else {
        return;
    };
    let class = target.class_name();
    let delta: i64 = match class.as_str() {
        "units-minus" => -1,
        "units-plus" => 1,
        "remove-layer" => {
            restart(s, n, &format!("Layer {l} removed"), move |f| {
                f.layers.remove(l);
                f.activations.remove(l - 1);
            });
            return;
        }
        _ => return,
    };
    // the row's field shows the units in use
    let shown = dom::select_all(&format!("input.units[data-layer=\"{l}\"]"))
        .first()
        .and_then(|e| e.get_attribute("value"))
        .and_then(|v| v.parse::<i64>().ok());
    let Some(shown) = shown else { return };
    let units = shown + delta;
    if units < 1 || units > MAX_UNITS as i64 {
        n(Note::Refused(format!(
            "Not changed — a layer has from 1 to {MAX_UNITS} units"
        )));
        return;
    }
    restart(s, n, &format!("Layer {l}: {units} units"), move |f| {
        f.layers[l] = units as usize
    });
}

/// A change in the layer rows: a number of units typed, or an activation chosen.
fn layer_change(s: &Shared, n: &Notify, e: &Event) {
    let Some((target, l)) = layer_target(e) else {
        return;
    };
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        let v = input.value_as_number();
        if !(v.is_finite() && v >= 1.0 && v <= MAX_UNITS as f64 && v.fract() == 0.0) {
            let message = format!(
                "Not changed — layer {l} needs a whole number of units from 1 to {MAX_UNITS}"
            );
            return refuse(s, n, message);
        }
        restart(s, n, &format!("Layer {l}: {v} units"), move |f| {
            f.layers[l] = v as usize
        });
    } else if let Some(sel) = target.dyn_ref::<HtmlSelectElement>() {
        let act = sel.value();
        restart(s, n, &format!("Layer {l}: {act}"), move |f| {
            f.activations[l - 1] = act
        });
    }
}

/// The output select: a new output activation, cost and number of outputs.
fn change_output(s: &Shared, n: &Notify) {
    let Some(choice) = OutputChoice::parse(&select("output-cost").value()) else {
        return;
    };
    restart(s, n, "New output and cost", move |f| {
        *f.activations.last_mut().expect("activations") = choice.activation.name().into();
        *f.layers.last_mut().expect("layers") = choice.outputs;
        f.cost = choice.cost.name().into();
    });
}
