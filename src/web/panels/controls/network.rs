//! The network controls: one row per hidden layer (units − n +, activation, remove), the
//! "add a layer" button, and the output activation with its cost. Every change here
//! restarts the race on a new network.

use super::data::dataset_of;
use super::fields::{select, set_options};
use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::scenario::{MAX_HIDDEN_LAYERS, MAX_UNITS, OutputChoice, Scenario, output_choices};
use crate::web::dom;
use crate::web::markup::{Attr, Element, el, fragment};

/// The activations a hidden layer may have.
const HIDDEN: [Activation; 5] = [
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu,
    Activation::Sigmoid,
    Activation::Linear,
];

/// An output select option's value: "sigmoid|bce|1" (an edge string, parsed back once by
/// `parse_output` where the change enters).
fn output_value(c: OutputChoice) -> String {
    format!("{}|{}|{}", c.activation.name(), c.cost.name(), c.outputs)
}

/// The choice an option's value names (none if it is not one).
pub(super) fn parse_output(value: &str) -> Option<OutputChoice> {
    let mut parts = value.split('|');
    let choice = OutputChoice::new(
        Activation::from_name(parts.next()?)?,
        Cost::from_name(parts.next()?)?,
        parts.next()?.parse().ok()?,
    );
    parts.next().is_none().then_some(choice)
}

/// Fills the layer rows and the output select from the scenario in use.
pub(super) fn fill(s: &Scenario) {
    fill_layers(s);
    fill_output(s);
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
    let current = OutputChoice::new(*s.activations.last().expect("activations"), s.cost, n_out);
    let mut choices = output_choices(dataset_of(s).map(|d| d.task()), n_out);
    if !choices.contains(&current) {
        choices.push(current);
    }
    let options: Vec<(String, String)> = choices
        .iter()
        .map(|&c| (output_value(c), c.label()))
        .collect();
    set_options(&select("output-cost"), &options, &output_value(current));
}
