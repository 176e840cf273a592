//! Drawing the diagram: the nodes placed in columns under their labels, the links under
//! them, each node a heatmap of its unit over the input square.

use super::labels::{label_layout, labels};
use super::{Geometry, Node, link_ends};
use crate::session::Session;
use crate::web::colors;
use crate::web::dom;
use crate::web::panels::boundary;
use ndarray::Array2;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Draws the focused racer's network; `res` is the side of each node's heatmap, `max_links`
/// the most links drawn (the strongest). Returns where the nodes went (the tip and the editor
/// that were open stay).
pub fn draw(
    canvas: &HtmlCanvasElement,
    session: &Session,
    (res, max_links): (usize, usize),
    was: &Geometry,
) -> Geometry {
    let (w, h, _) = dom::fit_canvas(canvas);
    let (w, h) = (w as f64, h as f64);
    let ctx = dom::context_2d(canvas);
    ctx.clear_rect(0.0, 0.0, w, h);
    let dpr = dom::device_pixel_ratio();
    let kind = session.focused_kind();
    let net = &session.racer(kind).network;
    let sizes = net.sizes();
    let columns = sizes.len();
    let col_w = w / columns as f64;
    let layout = label_layout(&ctx, session, &sizes, col_w, dpr);
    let size = node_size(&sizes, col_w, h - layout.height, dpr);
    let nodes = place_nodes(&sizes, col_w, h, layout.height, size, dpr);
    // links first, under the nodes
    let weights: Vec<&Array2<f64>> = net.layers.iter().map(|l| &l.w).collect();
    draw_links(&ctx, &weights, &nodes, dpr, max_links);
    // nodes: each unit's activation over the square
    let grids = if size >= 10.0 * dpr {
        session.unit_grids(res, kind).ok()
    } else {
        None
    };
    let reading = boundary::reading(session);
    for nd in &nodes {
        let rgba = grids
            .as_ref()
            .map(|g| unit_rgba(&g[nd.layer], nd.unit, nd.layer == columns - 1, reading, res));
        draw_node(&ctx, nd, rgba.as_deref(), res, dpr);
    }
    labels(&ctx, session, &layout, col_w, dpr, &nodes);
    let links: usize = weights.iter().map(|w| w.len()).sum();
    if links > max_links {
        ctx.set_font(&format!("{}px sans-serif", (11.0 * dpr).round()));
        ctx.set_text_align("left");
        ctx.set_text_baseline("alphabetic");
        let text = format!("the {max_links} strongest of {links} weights drawn");
        let width = text.chars().count() as f64 * 6.2 * dpr; // about, at 11 px
        ctx.set_fill_style_str("rgba(255,255,255,0.9)");
        ctx.fill_rect(3.0 * dpr, h - 19.0 * dpr, width + 6.0 * dpr, 16.0 * dpr);
        ctx.set_fill_style_str("#444");
        let _ = ctx.fill_text(&text, 6.0 * dpr, h - 6.0 * dpr);
    }
    Geometry {
        nodes,
        tip: was.tip,
        editing: was.editing,
        opened_at: was.opened_at,
        stale: was.stale,
    }
}

/// The gap between two nodes of a column, in CSS pixels.
const GAP: f64 = 4.0;

/// The side of every node: the tallest column fits the `room` under the labels, a node
/// takes under half a column's width, and 1.5 to 40 CSS pixels (a column of 64 units in a
/// small diagram is a stack of thin bars).
fn node_size(sizes: &[usize], col_w: f64, room: f64, dpr: f64) -> f64 {
    let tallest = *sizes.iter().max().unwrap_or(&1) as f64;
    ((room - 6.0 * dpr) / tallest - GAP * dpr)
        .min(col_w * 0.42)
        .min(40.0 * dpr)
        .max(1.5 * dpr)
}

/// One node per unit: a column per layer, each centred in its width and in the height
/// under the labels (`label_h`), the gaps between nodes narrowed (to none) where a column
/// would not fit.
fn place_nodes(
    sizes: &[usize],
    col_w: f64,
    h: f64,
    label_h: f64,
    size: f64,
    dpr: f64,
) -> Vec<Node> {
    let room = h - label_h - 6.0 * dpr;
    let mut nodes = Vec::new();
    for (layer, &n) in sizes.iter().enumerate() {
        let x = col_w * (layer as f64 + 0.5) - size / 2.0;
        let spaces = (n as f64 - 1.0).max(1.0);
        let gap = ((room - n as f64 * size) / spaces).clamp(0.0, GAP * dpr);
        let total = n as f64 * size + (n as f64 - 1.0) * gap;
        let top = label_h + ((h - label_h) - total) / 2.0;
        for unit in 0..n {
            nodes.push(Node {
                layer,
                unit,
                x,
                y: top + unit as f64 * (size + gap),
                size,
            });
        }
    }
    nodes
}

/// The node of unit `unit` of layer `layer`: `place_nodes` puts them layer by layer, so it
/// is at the sum of the sizes of the layers before plus `unit`.
fn node(nodes: &[Node], starts: &[usize], layer: usize, unit: usize) -> Node {
    nodes[starts[layer] + unit]
}

/// How many strengths the links are drawn in: each sign and strength is one path, stroked
/// once — the largest net has 25,000 links, which one stroke each would draw in 0.4 s.
const STRENGTHS: usize = 24;
/// The most links drawn: the strongest; more cannot be told apart and take long to paint.
/// While the race plays, fewer: the canvas is painted when the frame is committed, on the
/// main thread, and 2,000 thick links took 25–45 ms there on the largest net.
pub const MAX_LINKS: usize = 2000;
pub const LIVE_LINKS: usize = 500;

/// The links W[l] (`weights[l - 1]`): orange for a positive weight, blue for a negative
/// one, more opaque and thicker the larger |w| is beside the largest (t = √(|w|/max|w|),
/// drawn in `STRENGTHS` steps, the strongest on top).
fn draw_links(
    ctx: &CanvasRenderingContext2d,
    weights: &[&Array2<f64>],
    nodes: &[Node],
    dpr: f64,
    max_links: usize,
) {
    let max_w = crate::session::max_abs(weights.iter().flat_map(|w| w.iter())).max(1e-9);
    let mut starts = vec![0];
    for w in weights.iter() {
        starts.push(starts.last().copied().unwrap_or(0) + w.ncols());
    }
    let weakest = weakest_drawn(weights, max_links);
    let mut paths: Vec<Vec<Line>> = vec![Vec::new(); 2 * STRENGTHS];
    for (i, w) in weights.iter().enumerate() {
        let l = i + 1;
        for ((to, from), &wv) in w.indexed_iter() {
            if wv.abs() < weakest {
                continue;
            }
            let (a, b) = (
                node(nodes, &starts, l - 1, from),
                node(nodes, &starts, l, to),
            );
            let t = if wv.is_finite() {
                (wv.abs() / max_w).sqrt()
            } else {
                1.0
            };
            let level = ((t * STRENGTHS as f64) as usize).min(STRENGTHS - 1);
            let sign = usize::from(wv >= 0.0);
            paths[sign * STRENGTHS + level].push(link_ends(&a, &b));
        }
    }
    stroke_links(ctx, &paths, dpr);
}

type Line = (f64, f64, f64, f64);

/// Strokes the links grouped by sign and strength (`paths[sign · STRENGTHS + level]`), one
/// path each, the weakest first.
fn stroke_links(ctx: &CanvasRenderingContext2d, paths: &[Vec<Line>], dpr: f64) {
    // hundreds of links: thinner and lighter, so that the strong ones still stand out
    let drawn: usize = paths.iter().map(Vec::len).sum();
    let (width, alpha) = if drawn > 300 {
        (1.6, 0.55)
    } else {
        (5.0, 0.65)
    };
    for level in 0..STRENGTHS {
        let t = (level as f64 + 0.5) / STRENGTHS as f64;
        for sign in 0..2 {
            let lines = &paths[sign * STRENGTHS + level];
            if lines.is_empty() {
                continue;
            }
            let c = colors::CLASSES[sign];
            ctx.set_stroke_style_str(&format!(
                "rgba({},{},{},{})",
                c.0,
                c.1,
                c.2,
                0.9 - alpha + alpha * t
            ));
            ctx.set_line_width((0.6 + width * t) * dpr);
            ctx.begin_path();
            for &(x1, y1, x2, y2) in lines {
                ctx.move_to(x1, y1);
                ctx.line_to(x2, y2);
            }
            ctx.stroke();
        }
    }
}

/// The smallest |w| drawn: 0 when every link fits in `max_links`, else that of the
/// `max_links`-th strongest (a NaN counts as strong).
fn weakest_drawn(weights: &[&Array2<f64>], max_links: usize) -> f64 {
    let all: Vec<f64> = weights
        .iter()
        .flat_map(|w| w.iter())
        .map(|v| if v.is_nan() { f64::INFINITY } else { v.abs() })
        .collect();
    if all.len() <= max_links.max(1) {
        return 0.0;
    }
    let k = all.len() - max_links.max(1);
    // by bisection, not `select_nth_unstable`, whose code would be the page's only selection
    crate::session::kth_smallest(&all, k)
}

/// One node: its heatmap (`rgba`, res × res), or grey when it is too small for one; framed.
fn draw_node(ctx: &CanvasRenderingContext2d, nd: &Node, rgba: Option<&[u8]>, res: usize, dpr: f64) {
    match rgba {
        Some(rgba) => dom::draw_rgba(ctx, rgba, res, res, nd.x, nd.y, nd.size, nd.size),
        None => {
            ctx.set_fill_style_str("#888");
            ctx.fill_rect(nd.x, nd.y, nd.size, nd.size);
        }
    }
    ctx.set_stroke_style_str("rgba(40,40,40,0.55)");
    ctx.set_line_width(dpr);
    ctx.stroke_rect(nd.x, nd.y, nd.size, nd.size);
}

/// A unit's heatmap: the output in the boundary's colours, hidden units on a diverging
/// scale of the layer's largest |a|.
fn unit_rgba(
    a: &Array2<f64>,
    unit: usize,
    output: bool,
    reading: boundary::Reading,
    res: usize,
) -> Vec<u8> {
    let row = a.row(unit);
    let range = crate::session::max_abs(a.iter()).max(1e-9);
    let mut rgba = Vec::with_capacity(res * res * 4);
    for p in 0..res * res {
        let (r, g, b) = if output {
            let out: Vec<f64> = a.column(p).to_vec();
            match reading {
                boundary::Reading::Classes(_) => colors::class_shade(unit, out[unit]),
                _ => boundary::colour(reading, &out),
            }
        } else {
            colors::value(row[p], range)
        };
        rgba.extend_from_slice(&[r, g, b, 255]);
    }
    rgba
}
