//! The decision boundary: the network's output over the input square as a heatmap (one
//! batched forward pass over the grid, written into `ImageData`), with the data on top.

use crate::math::cost::Cost;
use crate::math::optimizer::OptimizerKind;
use crate::scenario::view::Square;
use crate::session::{Examples, Session, SessionError, argmax};
use crate::web::colors::{self, Rgb};
use crate::web::dom;
use crate::web::markup::{Html, Node, el, fragment};

use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// How the output reads: a probability of class 1, a choice among classes, or a value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reading {
    /// n[L] = 1 (sigmoid) or 2 (unit 1 is class 1)
    Probability {
        outputs: usize,
    },
    Classes(usize),
    /// a real value on a scale of ±range
    Value {
        range: f64,
    },
}

pub fn reading(session: &Session) -> Reading {
    let s = session.base();
    let outputs = *s.layers.last().expect("layers");
    let y = &session.stepper().race.data.train.y;
    let labels = y.iter().all(|&v| v == 0.0 || v == 1.0);
    match outputs {
        1 if s.cost == Cost::Mse && !labels => Reading::Value {
            range: crate::session::max_abs(y.iter()).max(1e-9),
        },
        1 | 2 => Reading::Probability { outputs },
        k => Reading::Classes(k),
    }
}

/// The colour of one grid point from its n[L] outputs.
pub fn colour(reading: Reading, out: &[f64]) -> Rgb {
    match reading {
        Reading::Probability { outputs } => colors::probability(out[outputs - 1]),
        Reading::Classes(k) => {
            let best = argmax(out.iter());
            let p = out[best];
            colors::class_shade(best, (p - 1.0 / k as f64) / (1.0 - 1.0 / k as f64))
        }
        Reading::Value { range } => colors::value(out[0], range),
    }
}

/// The colour of a grid point when the output is discretized: the class it would be given,
/// at full strength (or the sign of a value), as TF Playground's "discretize output".
pub fn discrete_colour(reading: Reading, out: &[f64]) -> Rgb {
    match reading {
        Reading::Probability { outputs } => {
            colors::probability(if out[outputs - 1] >= 0.5 { 1.0 } else { 0.0 })
        }
        Reading::Classes(_) => colors::class_shade(argmax(out.iter()), 1.0),
        Reading::Value { range } => {
            colors::value(if out[0] >= 0.0 { range } else { -range }, range)
        }
    }
}

/// The colour of one example from its target column.
pub fn point_colour(reading: Reading, y: &[f64]) -> Rgb {
    match reading {
        Reading::Probability { outputs: 1 } => colors::CLASSES[usize::from(y[0] >= 0.5)],
        Reading::Probability { .. } | Reading::Classes(_) => {
            colors::CLASSES[argmax(y.iter()) % colors::CLASSES.len()]
        }
        Reading::Value { range } => colors::value(y[0], range),
    }
}

/// RGBA bytes of the field, `resolution` × `resolution`, row 0 at the top.
pub fn field_rgba(
    session: &Session,
    kind: OptimizerKind,
    resolution: usize,
    discrete: bool,
) -> Result<Vec<u8>, SessionError> {
    let grid = session.predict_grid(resolution, kind)?;
    Ok(grid_rgba(session, &grid, resolution, discrete))
}

/// The colours of a grid's outputs (`Session::predict_grid`'s, here or in a race worker),
/// row by row, 4 bytes a point.
pub fn grid_rgba(session: &Session, grid: &[f64], resolution: usize, discrete: bool) -> Vec<u8> {
    let reading = reading(session);
    let n_out = (grid.len() / (resolution * resolution).max(1)).max(1);
    let mut rgba = Vec::with_capacity(resolution * resolution * 4);
    for out in grid.chunks(n_out) {
        let (r, g, b) = if discrete {
            discrete_colour(reading, out)
        } else {
            colour(reading, out)
        };
        rgba.extend_from_slice(&[r, g, b, 255]);
    }
    rgba
}

/// Paints the field onto the canvas at the grid's own size (one pixel a grid point): the
/// page's CSS stretches the canvas over its box, smoothly, so the scaling is the
/// compositor's work and not the main thread's (a `drawImage` to the device-pixel size took
/// most of a live boundary's time).
pub fn draw_field(canvas: &HtmlCanvasElement, rgba: &[u8], resolution: usize) {
    let side = resolution as u32;
    if canvas.width() != side || canvas.height() != side {
        canvas.set_width(side);
        canvas.set_height(side);
    }
    dom::put_rgba(&dom::context_2d(canvas), rgba, resolution, resolution);
}

/// The colour key under the boundary plot, for the way the output reads (the classes by
/// their names when the data name them).
pub fn key_html(session: &Session) -> Html {
    let bar = || el("b").class("bar-gradient").into();
    let i = |t: String| -> Node { el("i").text(t).into() };
    let names = match &session.base().data {
        crate::scenario::Data::Explicit { classes, .. } => classes.as_slice(),
        crate::scenario::Data::Generated(_) => &[],
    };
    let class = |c: usize| {
        names
            .get(c)
            .cloned()
            .unwrap_or_else(|| format!("class {c}"))
    };
    let parts: Vec<Node> = match reading(session) {
        Reading::Probability { .. } => vec![i(class(0)), bar(), i(class(1))],
        Reading::Classes(k) => (0..k.min(colors::CLASSES.len()))
            .flat_map(|c| {
                let dot = el("b")
                    .class("dot")
                    .data("bg", colors::css(colors::CLASSES[c]));
                let gap = (c > 0).then(|| Node::from(" "));
                gap.into_iter().chain([dot.into(), i(class(c))])
            })
            .collect(),
        Reading::Value { range } => vec![
            i(crate::session::fmt_num(-range)),
            bar(),
            i(crate::session::fmt_num(range)),
            " ".into(),
            i("(the output value)".into()),
        ],
    };
    fragment(parts).to_html()
}

/// Draws the train points (filled) and, when asked, the test points (rings) on the overlay,
/// with the square's range on its edges when `axes` is set; no point when `hide` (a drawing
/// cleared, not yet begun again).
pub fn draw_points(
    canvas: &HtmlCanvasElement,
    session: &Session,
    (show_test, hide): (bool, bool),
    dot: f64,
    axes: bool,
) {
    let (w, h, _) = dom::fit_canvas(canvas);
    let (w, h) = (w as f64, h as f64);
    let ctx = dom::context_2d(canvas);
    ctx.clear_rect(0.0, 0.0, w, h);
    let dpr = dom::device_pixel_ratio();
    let r = session.view_square();
    if axes {
        label_axes(&ctx, w, h, r, dpr);
    }
    if hide {
        return;
    }
    let reading = reading(session);
    let data = &session.stepper().race.data;
    let by_colour = |set: &Examples| {
        let mut groups: Vec<(String, Vec<(f64, f64)>)> = Vec::new();
        for j in 0..set.len() {
            let y: Vec<f64> = set.y.column(j).to_vec();
            let c = colors::css(point_colour(reading, &y));
            let at = to_pixel(set, j, r, w, h);
            match groups.iter_mut().find(|(k, _)| *k == c) {
                Some((_, points)) => points.push(at),
                None => groups.push((c, vec![at])),
            }
        }
        groups
    };
    let (dot, rim) = (dot * dpr, (dot + 0.4) * dpr);
    if let (true, Some(test)) = (show_test, &data.test) {
        draw_dots(&ctx, &by_colour(test), dot, None, 1.6 * dpr);
    }
    draw_dots(&ctx, &by_colour(&data.train), dot, Some(rim), 0.0);
}

/// Points of each colour as one path, filled once — 5,000 points one by one on five canvases
/// took 0.1 s. With a `rim`, white discs of that radius go under all the colours first (the
/// train points); without, the dots are rings of width `ring` (the test points).
fn draw_dots(
    ctx: &CanvasRenderingContext2d,
    groups: &[(String, Vec<(f64, f64)>)],
    dot: f64,
    rim: Option<f64>,
    ring: f64,
) {
    let discs = |radius: f64, points: &[(f64, f64)]| {
        for &(px, py) in points {
            ctx.move_to(px + radius, py);
            let _ = ctx.arc(px, py, radius, 0.0, std::f64::consts::TAU);
        }
    };
    if let Some(rim) = rim {
        ctx.begin_path();
        groups.iter().for_each(|(_, points)| discs(rim, points));
        ctx.set_fill_style_str("rgba(255,255,255,0.9)");
        ctx.fill();
    }
    for (c, points) in groups {
        ctx.begin_path();
        discs(dot, points);
        if rim.is_some() {
            ctx.set_fill_style_str(c);
            ctx.fill();
        } else {
            ctx.set_stroke_style_str(c);
            ctx.set_line_width(ring);
            ctx.stroke();
        }
    }
}

/// Rings the picked train examples (a lesson's choice) on the overlay.
pub fn ring_examples(canvas: &HtmlCanvasElement, session: &Session, picked: &[usize]) {
    let ctx = dom::context_2d(canvas);
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    let dpr = dom::device_pixel_ratio();
    let r = session.view_square();
    let train = &session.stepper().race.data.train;
    ctx.set_stroke_style_str("#1d1d1f");
    ctx.set_line_width(2.5 * dpr);
    for &j in picked.iter().filter(|&&j| j < train.len()) {
        let (px, py) = to_pixel(train, j, r, w, h);
        ctx.begin_path();
        let _ = ctx.arc(px, py, 8.0 * dpr, 0.0, std::f64::consts::TAU);
        ctx.stroke();
    }
}

/// Where example j of `set` sits on a w × h plot of the square `sq`: x1 from the left
/// edge, x2 up from the bottom edge.
pub fn to_pixel(set: &Examples, j: usize, sq: Square, w: f64, h: f64) -> (f64, f64) {
    point_to_pixel([set.coords[[0, j]], set.coords[[1, j]]], sq, w, h)
}

/// Where the point (x1, x2) sits on a w × h plot of the square `sq`.
pub fn point_to_pixel([x1, x2]: [f64; 2], sq: Square, w: f64, h: f64) -> (f64, f64) {
    let Square {
        center: [c1, c2],
        radius: r,
    } = sq;
    (
        (x1 - (c1 - r)) / (2.0 * r) * w,
        ((c2 + r) - x2) / (2.0 * r) * h,
    )
}

/// The point (x1, x2) of the square `sq` at (x, y) of a w × h plot (`point_to_pixel`'s
/// inverse).
pub fn pixel_to_point(x: f64, y: f64, sq: Square, w: f64, h: f64) -> [f64; 2] {
    let Square {
        center: [c1, c2],
        radius: r,
    } = sq;
    [c1 - r + x / w * 2.0 * r, c2 + r - y / h * 2.0 * r]
}

/// The square's range on its edges: x1 from the bottom-left to the bottom-right corner, x2
/// up the left edge (its lowest value above x1's when the two differ).
fn label_axes(ctx: &CanvasRenderingContext2d, w: f64, h: f64, sq: Square, dpr: f64) {
    let font = (11.0 * dpr * dom::text_scale()).round();
    ctx.set_font(&format!("{font}px system-ui, sans-serif"));
    ctx.set_fill_style_str("rgba(30,30,30,0.75)");
    let fmt = crate::session::fmt_num;
    let ([c1, c2], r) = (sq.center, sq.radius);
    let pad = 4.0 * dpr;
    ctx.set_text_baseline("bottom");
    ctx.set_text_align("left");
    let _ = ctx.fill_text(&fmt(c1 - r), pad, h - pad);
    if c1 != c2 {
        let _ = ctx.fill_text(&fmt(c2 - r), pad, h - pad - 1.3 * font);
    }
    ctx.set_text_align("right");
    let _ = ctx.fill_text(&format!("{} x₁", fmt(c1 + r)), w - pad, h - pad);
    ctx.set_text_baseline("top");
    ctx.set_text_align("left");
    let _ = ctx.fill_text(&format!("x₂ {}", fmt(c2 + r)), pad, pad);
}
