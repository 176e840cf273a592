//! The network diagram, in the spirit of TensorFlow Playground: one node per unit, each a
//! small heatmap of that unit's activation over the input square; links coloured by the sign
//! of their weight (orange +, blue −) and thickened by its size. Hover a node or a link to
//! read its name and value; click one to type a new value (the race restarts from it).

use crate::math::optimizer::OptimizerKind;
use crate::session::{Session, sub};
use crate::web::colors;
use crate::web::dom;
use crate::web::markup::{Attr, el, fragment};
use crate::web::panels::boundary;
use ndarray::Array2;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

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

#[derive(Clone, Copy)]
struct Node {
    layer: usize,
    unit: usize,
    x: f64,
    y: f64,
    size: f64,
}

thread_local! {
    /// Where the last drawing put each node (device pixels), for hit tests.
    static GEOMETRY: RefCell<Vec<Node>> = const { RefCell::new(Vec::new()) };
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

/// Draws the focused racer's network; `res` is the side of each node's heatmap.
pub fn draw(canvas: &HtmlCanvasElement, session: &Session, res: usize) {
    let (w, h, _) = dom::fit_canvas(canvas);
    let (w, h) = (w as f64, h as f64);
    let ctx = dom::context_2d(canvas);
    ctx.clear_rect(0.0, 0.0, w, h);
    let dpr = dom::device_pixel_ratio();
    let kind = session.focused_kind();
    let net = &session.racer(kind).network;
    let sizes = net.sizes();
    let columns = sizes.len();
    let tallest = *sizes.iter().max().unwrap_or(&1) as f64;
    let gap = 4.0 * dpr;
    let col_w = w / columns as f64;
    let layout = label_layout(&ctx, session, &sizes, col_w, dpr);
    let label_h = layout.height;
    let size = ((h - label_h - 6.0 * dpr) / tallest - gap)
        .min(col_w * 0.42)
        .min(40.0 * dpr)
        .max(3.0 * dpr);
    let mut nodes = Vec::new();
    for (layer, &n) in sizes.iter().enumerate() {
        let x = col_w * (layer as f64 + 0.5) - size / 2.0;
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
    // links first, under the nodes
    let max_w = crate::session::max_abs(net.layers.iter().flat_map(|l| l.w.iter())).max(1e-9);
    for (i, layer) in net.layers.iter().enumerate() {
        let l = i + 1;
        for ((to, from), &wv) in layer.w.indexed_iter() {
            let (a, b) = (node(&nodes, l - 1, from), node(&nodes, l, to));
            let t = if wv.is_finite() {
                (wv.abs() / max_w).sqrt()
            } else {
                1.0
            };
            let c = if wv >= 0.0 {
                colors::CLASSES[1]
            } else {
                colors::CLASSES[0]
            };
            ctx.set_stroke_style_str(&format!(
                "rgba({},{},{},{})",
                c.0,
                c.1,
                c.2,
                0.25 + 0.65 * t
            ));
            ctx.set_line_width((0.6 + 5.0 * t) * dpr);
            ctx.begin_path();
            ctx.move_to(a.x + a.size, a.y + a.size / 2.0);
            ctx.line_to(b.x, b.y + b.size / 2.0);
            ctx.stroke();
        }
    }
    // nodes: each unit's activation over the square
    let grids = if size >= 10.0 * dpr {
        session.unit_grids(res, kind).ok()
    } else {
        None
    };
    let reading = boundary::reading(session);
    for nd in &nodes {
        match &grids {
            Some(g) => {
                let rgba = unit_rgba(&g[nd.layer], nd.unit, nd.layer == columns - 1, reading, res);
                put(&ctx, &rgba, res, nd);
            }
            None => {
                ctx.set_fill_style_str("#888");
                ctx.fill_rect(nd.x, nd.y, nd.size, nd.size);
            }
        }
        ctx.set_stroke_style_str("rgba(40,40,40,0.55)");
        ctx.set_line_width(dpr);
        ctx.stroke_rect(nd.x, nd.y, nd.size, nd.size);
    }
    labels(&ctx, session, &layout, col_w, dpr, &nodes);
    GEOMETRY.with(|g| *g.borrow_mut() = nodes);
}

fn node(nodes: &[Node], layer: usize, unit: usize) -> Node {
    *nodes
        .iter()
        .find(|n| n.layer == layer && n.unit == unit)
        .expect("every unit has a node")
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

fn put(ctx: &CanvasRenderingContext2d, rgba: &[u8], res: usize, nd: &Node) {
    dom::draw_rgba(ctx, rgba, res, res, nd.x, nd.y, nd.size, nd.size);
}

/// The column labels above the nodes: a title ("layer 2") and "n[2] = 8, tanh" under it —
/// on two lines ("n[2] = 8" / "tanh"), and smaller if need be, when a column is too narrow
/// for one (a phone, a deep network); everything taller with presentation's larger text.
struct LabelLayout {
    titles: Vec<String>,
    /// per column: "n[l] = n" and the activation (none for the inputs)
    subs: Vec<(String, Option<String>)>,
    title_px: f64,
    sub_px: f64,
    sub_y: f64,
    two_lines: bool,
    /// where the nodes may start
    height: f64,
}

fn font(px: f64, bold: bool) -> String {
    format!(
        "{}{px}px system-ui, sans-serif",
        if bold { "600 " } else { "" }
    )
}

/// The width of `text` in the context's current font (device pixels).
fn text_width(ctx: &CanvasRenderingContext2d, text: &str, px: f64) -> f64 {
    js_sys::Reflect::get(ctx, &"measureText".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(ctx, &text.into()).ok())
        .and_then(|m| js_sys::Reflect::get(&m, &"width".into()).ok())
        .and_then(|w| w.as_f64())
        .unwrap_or(text.chars().count() as f64 * 0.6 * px)
}

fn label_layout(
    ctx: &CanvasRenderingContext2d,
    session: &Session,
    sizes: &[usize],
    col_w: f64,
    dpr: f64,
) -> LabelLayout {
    let s = session.base();
    let depth = sizes.len() - 1;
    let scale = dom::text_scale();
    let title_px = (12.0 * dpr * scale).round();
    let mut sub_px = (11.0 * dpr * scale).round();
    let titles = (0..=depth)
        .map(|l| match l {
            0 => "inputs".to_string(),
            _ if l == depth => "output".to_string(),
            _ => format!("layer {l}"),
        })
        .collect();
    let subs: Vec<(String, Option<String>)> = sizes
        .iter()
        .enumerate()
        .map(|(l, &n)| {
            let act = (l > 0).then(|| s.activations[l - 1].name().replace('_', " "));
            (format!("n[{l}] = {n}"), act)
        })
        .collect();
    let room = col_w - 6.0 * dpr;
    ctx.set_font(&font(sub_px, false));
    let one_line = |(n, act): &(String, Option<String>)| match act {
        Some(a) => format!("{n}, {a}"),
        None => n.clone(),
    };
    let two_lines = subs
        .iter()
        .any(|sub| text_width(ctx, &one_line(sub), sub_px) > room);
    if two_lines {
        let widest = subs
            .iter()
            .flat_map(|(n, a)| std::iter::once(n).chain(a))
            .map(|t| text_width(ctx, t, sub_px))
            .fold(0.0f64, f64::max);
        if widest > room {
            sub_px = (sub_px * room / widest).floor().max((8.0 * dpr).round());
        }
    }
    let sub_y = 2.0 * dpr + (title_px * 1.15).ceil();
    let lines = if two_lines { 2.0 } else { 1.0 };
    LabelLayout {
        titles,
        subs,
        title_px,
        sub_px,
        sub_y,
        two_lines,
        height: sub_y + lines * (sub_px * 1.15).ceil() + 4.0 * dpr,
    }
}

fn labels(
    ctx: &CanvasRenderingContext2d,
    session: &Session,
    layout: &LabelLayout,
    col_w: f64,
    dpr: f64,
    nodes: &[Node],
) {
    ctx.set_fill_style_str("#333");
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    let line = (layout.sub_px * 1.15).ceil();
    for (l, (title, (n, act))) in layout.titles.iter().zip(&layout.subs).enumerate() {
        let x = col_w * (l as f64 + 0.5);
        ctx.set_font(&font(layout.title_px, true));
        let _ = ctx.fill_text(title, x, 2.0 * dpr);
        ctx.set_font(&font(layout.sub_px, false));
        match act {
            Some(a) if layout.two_lines => {
                let _ = ctx.fill_text(n, x, layout.sub_y);
                let _ = ctx.fill_text(a, x, layout.sub_y + line);
            }
            Some(a) => {
                let _ = ctx.fill_text(&format!("{n}, {a}"), x, layout.sub_y);
            }
            None => {
                let _ = ctx.fill_text(n, x, layout.sub_y);
            }
        }
    }
    ctx.set_font(&font((11.0 * dpr * dom::text_scale()).round(), false));
    // name the inputs beside their nodes
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    for nd in nodes
        .iter()
        .filter(|n| n.layer == 0 && n.size >= 10.0 * dpr)
    {
        let _ = ctx.fill_text(
            &input_name(session, nd.unit),
            nd.x - 3.0 * dpr,
            nd.y + nd.size / 2.0,
        );
    }
}

/// What is at (x, y), in CSS pixels of the canvas: a node, else the nearest link within 5 px.
pub fn hit(canvas: &HtmlCanvasElement, x: f64, y: f64) -> Option<Hit> {
    let dpr = canvas.width() as f64 / canvas.client_width().max(1) as f64;
    let (x, y) = (x * dpr, y * dpr);
    GEOMETRY.with(|g| {
        let nodes = g.borrow();
        if let Some(n) = nodes
            .iter()
            .find(|n| x >= n.x && x <= n.x + n.size && y >= n.y && y <= n.y + n.size)
        {
            return Some(Hit::Node {
                layer: n.layer,
                unit: n.unit,
            });
        }
        let mut best: Option<(f64, Hit)> = None;
        for b in nodes.iter().filter(|n| n.layer > 0) {
            for a in nodes.iter().filter(|n| n.layer + 1 == b.layer) {
                let (x1, y1, x2, y2) = (a.x + a.size, a.y + a.size / 2.0, b.x, b.y + b.size / 2.0);
                let d = segment_distance(x, y, x1, y1, x2, y2);
                if d <= 5.0 * dpr && best.is_none_or(|(bd, _)| d < bd) {
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
    })
}

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
pub fn centre(canvas: &HtmlCanvasElement, hit: Hit) -> Option<(f64, f64)> {
    let dpr = canvas.width() as f64 / canvas.client_width().max(1) as f64;
    GEOMETRY.with(|g| {
        let nodes = g.borrow();
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
                let (x1, y1, x2, y2) = (a.x + a.size, a.y + a.size / 2.0, b.x, b.y + b.size / 2.0);
                Some(((x1 + (x2 - x1) * 0.5) / dpr, (y1 + (y2 - y1) * 0.5) / dpr))
            }
        }
    })
}

/// Says which kind of racer the diagram shows (for its title).
pub fn shows(session: &Session) -> OptimizerKind {
    session.focused_kind()
}

/// Hover shows a node's or link's name and value; a click opens a small editor on it; Enter
/// sets the value (the race restarts from the edited parameters), Escape closes it.
pub fn wire(session: std::rc::Rc<RefCell<Session>>, notify: crate::web::panels::controls::Notify) {
    let canvas = dom::canvas("diagram");
    let tip = dom::element("diagram-tip");
    {
        let (session, canvas, tip) = (session.clone(), canvas.clone(), tip.clone());
        dom::on::<web_sys::MouseEvent>(&canvas.clone(), "mousemove", move |e| {
            let (x, y) = (e.offset_x() as f64, e.offset_y() as f64);
            match hit(&canvas, x, y) {
                Some(h) => {
                    let s = session.borrow();
                    let text = match (h, value(&s, h)) {
                        (Hit::Node { layer: 0, unit }, _) => {
                            format!("input {}", input_name(&s, unit))
                        }
                        (Hit::Node { layer, unit }, Some(v)) => format!(
                            "unit {} of layer {layer}: {} = {v:.4} (click to edit)",
                            unit + 1,
                            name(h)
                        ),
                        (_, Some(v)) => format!("{} = {v:.4} (click to edit)", name(h)),
                        _ => name(h),
                    };
                    tip.set_text_content(Some(&text));
                    let _ = tip.style().set_property("left", &format!("{}px", x + 12.0));
                    let _ = tip.style().set_property("top", &format!("{}px", y + 12.0));
                    tip.set_hidden(false);
                    let _ = canvas.style().set_property("cursor", "pointer");
                }
                None => {
                    tip.set_hidden(true);
                    let _ = canvas.style().set_property("cursor", "default");
                }
            }
        });
    }
    {
        let tip = tip.clone();
        dom::on::<web_sys::MouseEvent>(&canvas.clone(), "mouseleave", move |_| {
            tip.set_hidden(true)
        });
    }
    let canvas2 = canvas.clone();
    dom::on::<web_sys::MouseEvent>(&canvas, "click", move |e| {
        let (x, y) = (e.offset_x() as f64, e.offset_y() as f64);
        let Some(h) = hit(&canvas2, x, y) else { return };
        if let Hit::Node { layer: 0, .. } = h {
            return;
        }
        open_editor(&session, &notify, h, x, y);
    });
}

/// The inline editor for one parameter, placed at (x, y) in the diagram's box.
pub fn open_editor(
    session: &std::rc::Rc<RefCell<Session>>,
    notify: &crate::web::panels::controls::Notify,
    h: Hit,
    x: f64,
    y: f64,
) {
    let doc = dom::document();
    if let Some(old) = doc.get_element_by_id("diagram-edit") {
        old.remove();
    }
    let current = value(&session.borrow(), h).unwrap_or(0.0);
    let form = doc.create_element("form").expect("form");
    form.set_id("diagram-edit");
    form.set_class_name("editor");
    let field = el("label").text(format!("{} = ", name(h))).child(
        el("input")
            .attr(Attr::Type, "number")
            .attr(Attr::Step, "any")
            .attr(Attr::Value, current)
            .aria("label", format!("new value of {}", name(h))),
    );
    let set = el("button").attr(Attr::Type, "submit").text("Set");
    dom::set_html(&form, &fragment([field.into(), set.into()]).to_html());
    let form: web_sys::HtmlElement = form.unchecked_into();
    let _ = form
        .style()
        .set_property("left", &format!("{}px", x.max(0.0)));
    let _ = form
        .style()
        .set_property("top", &format!("{}px", y.max(0.0)));
    let _ = dom::element("diagram-box").append_child(&form);
    let input: web_sys::HtmlInputElement = form
        .query_selector("input")
        .ok()
        .flatten()
        .expect("the editor's input")
        .unchecked_into();
    let _ = input.focus();
    input.select();
    {
        let form2 = form.clone();
        dom::on::<web_sys::KeyboardEvent>(&input.clone(), "keydown", move |e| {
            if e.key() == "Escape" {
                form2.remove();
            }
        });
    }
    let (session, notify) = (session.clone(), notify.clone());
    let form2 = form.clone();
    dom::on::<web_sys::Event>(&form, "submit", move |e| {
        e.prevent_default();
        let v = input.value_as_number();
        let (layer, bias, row, col) = match h {
            Hit::Link { layer, to, from } => (layer, false, to, from),
            Hit::Node { layer, unit } => (layer, true, unit, 0),
        };
        let result = session
            .borrow_mut()
            .edit_parameter(layer, bias, row, col, v);
        match result {
            Ok(()) => {
                notify(crate::web::panels::controls::Note::Restarted(format!(
                    "{} set to {v}: the race restarted from these weights.",
                    name(h)
                )));
                form2.remove();
            }
            Err(err) => notify(crate::web::panels::controls::Note::Refused(format!(
                "Not changed — {}: {err}",
                name(h)
            ))),
        }
    });
}
