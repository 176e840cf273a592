//! The network diagram, in the spirit of TensorFlow Playground: one node per unit, each a
//! small heatmap of that unit's activation over the input square; links coloured by the sign
//! of their weight (orange +, blue −) and thickened by its size. Hover a node or a link to
//! read its name and value; click one to type a new value (the race restarts from it).
//!
//! `draw` draws it (its column labels laid out by `labels`) and records where each node
//! went; this module names what is under the pointer from that record; `editor` shows the
//! hover tip and the editor a click opens.

mod draw;
mod editor;
mod labels;

pub use draw::{LIVE_LINKS, MAX_LINKS, draw};
pub use editor::{Msg, update, view, wire};

use crate::math::optimizer::OptimizerKind;
use crate::session::{Session, sub};
use web_sys::HtmlCanvasElement;

/// Something under the pointer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hit {
    /// unit `unit` (0-based) of layer `layer` (0 = inputs)
    Node { layer: usize, unit: usize },
    /// W[layer]_{to, from}, 0-based indices
    Link {
        layer: usize,
        to: usize,
        from: usize,
    },
}

/// Where a drawing put one unit's node: its top-left corner and side, in device pixels.
#[derive(Clone, Copy)]
struct Node {
    layer: usize,
    unit: usize,
    x: f64,
    y: f64,
    size: f64,
}

/// Where the last drawing put each node (device pixels), for hit tests; and what the pointer
/// shows: the tip over a hit, the editor a click opened. Part of the page's state (`App`).
#[derive(Default)]
pub struct Geometry {
    nodes: Vec<Node>,
    /// the hit under the pointer and where (CSS pixels of the canvas)
    tip: Option<(Hit, f64, f64)>,
    /// the parameter being edited and where its editor sits
    editing: Option<(Hit, f64, f64)>,
    /// where the editor on the page was opened (a new click opens a new one)
    opened_at: Option<(f64, f64)>,
    /// the tip or the editor changed since they were last shown
    stale: bool,
}

/// The name of a hit as the seed notes write it (1-based units): W[2]₃,₁ or b[2]₃ or x₁.
pub fn name(hit: Hit) -> String {
    match hit {
        Hit::Node { layer: 0, unit } => format!("x{}", sub(unit + 1)),
        Hit::Node { layer, unit } => format!("b[{layer}]{}", sub(unit + 1)),
        Hit::Link { layer, to, from } => {
            format!("W[{layer}]{},{}", sub(to + 1), sub(from + 1))
        }
    }
}

/// The name of input `unit` (0-based): the data set's feature (x₁², sin x₂, …) or xᵢ.
pub fn input_name(session: &Session, unit: usize) -> String {
    match &session.base().data {
        crate::scenario::Data::Generated(g) if unit < g.features.len() => {
            g.features[unit].label().to_string()
        }
        _ => format!("x{}", sub(unit + 1)),
    }
}

/// The value a hit names, for the focused racer.
pub fn value(session: &Session, hit: Hit) -> Option<f64> {
    let net = &session.racer(session.focused_kind()).network;
    match hit {
        Hit::Node { layer: 0, .. } => None,
        Hit::Node { layer, unit } => net.layers.get(layer - 1).map(|l| l.b[[unit, 0]]),
        Hit::Link { layer, to, from } => net.layers.get(layer - 1).map(|l| l.w[[to, from]]),
    }
}

/// The link from node `a` to node `b`: from the middle of a's right side to the middle of
/// b's left side, (x1, y1, x2, y2).
fn link_ends(a: &Node, b: &Node) -> (f64, f64, f64, f64) {
    (a.x + a.size, a.y + a.size / 2.0, b.x, b.y + b.size / 2.0)
}

/// What is at (x, y), in CSS pixels of the canvas: a node, else the nearest link within 5 px.
pub fn hit(geometry: &Geometry, canvas: &HtmlCanvasElement, x: f64, y: f64) -> Option<Hit> {
    let dpr = canvas.width() as f64 / canvas.client_width().max(1) as f64;
    let (x, y) = (x * dpr, y * dpr);
    let nodes = &geometry.nodes;
    if let Some(n) = nodes
        .iter()
        .find(|n| x >= n.x && x <= n.x + n.size && y >= n.y && y <= n.y + n.size)
    {
        return Some(Hit::Node {
            layer: n.layer,
            unit: n.unit,
        });
    }
    nearest_link(nodes, x, y, 5.0 * dpr)
}

/// The link nearest to (x, y) within `reach` (device pixels).
fn nearest_link(nodes: &[Node], x: f64, y: f64, reach: f64) -> Option<Hit> {
    let mut best: Option<(f64, Hit)> = None;
    for b in nodes.iter().filter(|n| n.layer > 0) {
        for a in nodes.iter().filter(|n| n.layer + 1 == b.layer) {
            let (x1, y1, x2, y2) = link_ends(a, b);
            let d = segment_distance(x, y, x1, y1, x2, y2);
            if d <= reach && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((
                    d,
                    Hit::Link {
                        layer: b.layer,
                        to: b.unit,
                        from: a.unit,
                    },
                ));
            }
        }
    }
    best.map(|(_, h)| h)
}

/// The distance from (px, py) to the segment from (x1, y1) to (x2, y2).
fn segment_distance(px: f64, py: f64, x1: f64, y1: f64, x2: f64, y2: f64) -> f64 {
    let (dx, dy) = (x2 - x1, y2 - y1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((px - x1) * dx + (py - y1) * dy) / len2).clamp(0.0, 1.0)
    };
    let (cx, cy) = (x1 + t * dx, y1 + t * dy);
    ((px - cx).powi(2) + (py - cy).powi(2)).sqrt()
}

/// The centre of a hit in CSS pixels (where an editor opens), for tests and the page.
pub fn centre(geometry: &Geometry, canvas: &HtmlCanvasElement, hit: Hit) -> Option<(f64, f64)> {
    let dpr = canvas.width() as f64 / canvas.client_width().max(1) as f64;
    {
        let nodes = &geometry.nodes;
        let find = |layer: usize, unit: usize| {
            nodes
                .iter()
                .find(|n| n.layer == layer && n.unit == unit)
                .copied()
        };
        match hit {
            Hit::Node { layer, unit } => {
                find(layer, unit).map(|n| ((n.x + n.size / 2.0) / dpr, (n.y + n.size / 2.0) / dpr))
            }
            Hit::Link { layer, to, from } => {
                let (a, b) = (find(layer - 1, from)?, find(layer, to)?);
                let (x1, y1, x2, y2) = link_ends(&a, &b);
                Some(((x1 + (x2 - x1) * 0.5) / dpr, (y1 + (y2 - y1) * 0.5) / dpr))
            }
        }
    }
}

/// Says which kind of racer the diagram shows (for its title).
pub fn shows(session: &Session) -> OptimizerKind {
    session.focused_kind()
}
