//! The settings panel as a table: each control, the event it is heard on, and how its value
//! becomes a typed edit of the scenario (`scenario::Edit`) — or a refusal in words, when the
//! field holds no usable value. Adding a control is one row here (and, for a new kind of
//! change, one `Edit` in src/scenario/edit/).

use super::data::{SLIDERS, checked_features, slider_text};
use super::fields::{number, random_seed, select, whole};
use super::network::parse_output;
use super::optimizers::{field_id, read_settings};
use crate::math::activation::Activation;
use crate::math::init::InitScheme;
use crate::math::optimizer::{HyperParam, OptimizerKind};
use crate::math::regularization::{MAX_RATE, Penalty};
use crate::scenario::{Edit, MAX_UNITS};
use crate::session::{Dataset, Feature};
use crate::web::dom;
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlInputElement, HtmlSelectElement};

/// What a control's event asks: an edit, a refusal (the field holds no usable value), or
/// nothing (an event the control ignores, e.g. λ while there is no penalty).
pub enum Read {
    Edit(Edit),
    Refuse(String),
    Nothing,
}

/// Where a control is heard: its element, or a container whose rows come and go.
#[derive(Clone, Copy)]
pub enum At {
    Id(&'static str),
    /// every element the selector matches when the page starts
    All(&'static str),
}

/// One control of the panel.
pub struct Control {
    pub at: At,
    pub event: &'static str,
    pub read: fn(&Event) -> Read,
}

const fn row(at: At, event: &'static str, read: fn(&Event) -> Read) -> Control {
    Control { at, event, read }
}

/// The panel: control → edit.
pub const CONTROLS: &[Control] = &[
    row(At::Id("dataset"), "change", |_| {
        Dataset::from_name(&select("dataset").value())
            .map_or(Read::Nothing, |d| edit(Edit::Dataset(d)))
    }),
    row(At::Id("noise"), "change", |_| {
        edit(Edit::Noise(number("noise")))
    }),
    row(At::Id("train-fraction"), "change", |_| {
        edit(Edit::TrainShare(number("train-fraction")))
    }),
    row(At::All("input[data-feature]"), "change", |_| features()),
    row(At::Id("samples"), "change", |_| {
        whole_edit("samples", "the number of samples", |v| {
            Edit::Samples(v as usize)
        })
    }),
    row(At::Id("data-seed"), "change", |_| {
        whole_edit("data-seed", "the data seed", Edit::DataSeed)
    }),
    row(At::Id("regenerate"), "click", |_| {
        edit(Edit::DataSeed(random_seed()))
    }),
    row(At::Id("add-layer"), "click", |_| edit(Edit::AddLayer)),
    row(At::Id("layers"), "click", layer_click),
    row(At::Id("layers"), "change", layer_change),
    row(At::Id("output-cost"), "change", |_| {
        parse_output(&select("output-cost").value())
            .map_or(Read::Nothing, |c| edit(Edit::Output(c)))
    }),
    row(At::Id("init-scheme"), "change", |_| {
        InitScheme::from_name(&select("init-scheme").value())
            .map_or(Read::Nothing, |s| edit(Edit::InitScheme(s)))
    }),
    row(At::Id("init-scale"), "change", |_| {
        edit(Edit::InitScale(number("init-scale")))
    }),
    row(At::Id("init-seed"), "change", |_| {
        whole_edit("init-seed", "the weights' seed", Edit::InitSeed)
    }),
    row(At::Id("reseed"), "click", |_| {
        edit(Edit::InitSeed(random_seed()))
    }),
    row(At::Id("batch-size"), "change", |_| {
        whole_edit("batch-size", "the batch size m", |v| {
            Edit::BatchSize(v as usize)
        })
    }),
    row(At::Id("shuffle"), "change", |_| {
        edit(Edit::Shuffle(dom::input("shuffle").checked()))
    }),
    row(At::Id("regularization"), "change", |_| {
        regularization(false)
    }),
    row(At::Id("regularization-rate"), "change", |_| {
        regularization(true)
    }),
];

/// The racers' fields: a row per optimizer and hyper-parameter ("adam-beta1" → the racer's
/// settings), made from `HyperParam::of`.
pub fn racer_controls() -> Vec<(String, OptimizerKind)> {
    OptimizerKind::ALL
        .into_iter()
        .flat_map(|kind| {
            HyperParam::of(kind)
                .iter()
                .map(move |&h| (field_id(kind, h), kind))
        })
        .collect()
}

/// A racer's fields read and checked: its new settings, or why not.
pub fn racer(kind: OptimizerKind) -> Read {
    match read_settings(kind) {
        Ok(settings) => edit(Edit::Racer(settings)),
        Err((h, problem)) => {
            let symbol = h.map_or("", HyperParam::symbol);
            Read::Refuse(format!(
                "Not changed — {} {symbol}: {problem}",
                kind.label()
            ))
        }
    }
}

/// The noise and share sliders echo their value while they move (no state changes).
pub fn slider_echoes() -> impl Iterator<Item = &'static str> {
    SLIDERS.iter().map(|(id, _)| *id)
}

/// The echo of slider `id`'s value beside it.
pub fn echo(id: &str) {
    dom::set_text(&format!("{id}-out"), &slider_text(id, number(id)));
}

fn edit(e: Edit) -> Read {
    Read::Edit(e)
}

/// A whole number from field `id` made into an edit, or the refusal naming `what`.
fn whole_edit(id: &str, what: &str, make: fn(u64) -> Edit) -> Read {
    match whole(id, what) {
        Ok(v) => edit(make(v)),
        Err(e) => Read::Refuse(e),
    }
}

/// The checked features become the inputs; none checked is refused.
fn features() -> Read {
    let chosen: Vec<Feature> = checked_features()
        .iter()
        .filter_map(|name| Feature::from_name(name))
        .collect();
    if chosen.is_empty() {
        return Read::Refuse("Not changed — the network needs at least one input".into());
    }
    edit(Edit::Features(chosen))
}

/// The element of a layer row an event came from, and its layer l.
fn layer_target(e: &Event) -> Option<(web_sys::Element, usize)> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let l = target.get_attribute("data-layer")?.parse::<usize>().ok()?;
    Some((target, l))
}

/// A click in the layer rows: one unit fewer or more (from the units the row shows), or
/// the layer removed.
fn layer_click(e: &Event) -> Read {
    let Some((target, l)) = layer_target(e) else {
        return Read::Nothing;
    };
    let delta: i64 = match target.class_name().as_str() {
        "units-minus" => -1,
        "units-plus" => 1,
        "remove-layer" => return edit(Edit::RemoveLayer(l)),
        _ => return Read::Nothing,
    };
    let shown = dom::select_all(&format!("input.units[data-layer=\"{l}\"]"))
        .first()
        .and_then(|e| e.get_attribute("value"))
        .and_then(|v| v.parse::<i64>().ok());
    match shown.map(|n| n + delta) {
        Some(units) if units >= 0 => edit(Edit::Units {
            layer: l,
            units: units as usize,
        }),
        Some(_) => Read::Refuse(format!(
            "Not changed — a layer has from 1 to {MAX_UNITS} units"
        )),
        None => Read::Nothing,
    }
}

/// A change in the layer rows: a number of units typed, or an activation chosen.
fn layer_change(e: &Event) -> Read {
    let Some((target, l)) = layer_target(e) else {
        return Read::Nothing;
    };
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        let v = input.value_as_number();
        if !(v.is_finite() && v >= 1.0 && v <= MAX_UNITS as f64 && v.fract() == 0.0) {
            return Read::Refuse(format!(
                "Not changed — layer {l} needs a whole number of units from 1 to {MAX_UNITS}"
            ));
        }
        edit(Edit::Units {
            layer: l,
            units: v as usize,
        })
    } else if let Some(sel) = target.dyn_ref::<HtmlSelectElement>() {
        Activation::from_name(&sel.value()).map_or(Read::Nothing, |activation| {
            edit(Edit::Activation {
                layer: l,
                activation,
            })
        })
    } else {
        Read::Nothing
    }
}

/// A new penalty or rate λ (`rate_field`: the change came from λ's field): λ alone waits
/// while there is no penalty.
fn regularization(rate_field: bool) -> Read {
    let Some(penalty) = Penalty::from_name(&select("regularization").value()) else {
        return Read::Nothing;
    };
    let rate = number("regularization-rate");
    if !(0.0..=MAX_RATE).contains(&rate) {
        return Read::Refuse(format!(
            "Not changed — the regularization rate λ is a number from 0 to {MAX_RATE}"
        ));
    }
    if penalty == Penalty::None && rate_field {
        return Read::Nothing;
    }
    edit(Edit::Regularization(penalty, rate))
}
