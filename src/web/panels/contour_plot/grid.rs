//! The grid's part of the plot: the heatmap under everything, the contour lines, and a few
//! levels labelled.

use super::{ContourView, Frame};
use crate::math::contour::{Contour, Grid};
use crate::web::colors::Rgb;
use crate::web::dom;
use web_sys::CanvasRenderingContext2d;

/// The heatmap's ends, light so that lines, paths and markers show on it: the lowest values
/// pale blue, the highest pale cream; cells without a value (NaN, or ≤ 0 on a log scale) a
/// pale grey.
const LOW: Rgb = (206, 226, 240);
const HIGH: Rgb = (252, 249, 238);
const NONE: Rgb = (236, 236, 236);
/// The contour lines' colour.
const LINE: &str = "rgba(40,40,40,0.5)";

/// The pixel of grid point [column, row]: its data point (`Grid::to_data`) on the frame.
fn grid_pixel(frame: &Frame, grid: &Grid, p: [f64; 2]) -> [f64; 2] {
    frame.to_pixel(grid.to_data(p, frame.x_range, frame.y_range))
}

/// The values as colours, one image pixel per sample (`Grid::shares`, on a log scale when
/// `log`), scaled so each sample's pixel is centred on its point: the
/// image's outer half-cells fall outside the plot and are clipped.
pub fn heatmap(ctx: &CanvasRenderingContext2d, frame: &Frame, grid: &Grid, log: bool) {
    let (rows, cols) = (grid.rows(), grid.cols());
    if rows == 0 || cols == 0 {
        return;
    }
    let mut rgba = Vec::with_capacity(rows * cols * 4);
    for share in grid.shares(log) {
        let c = match share {
            Some(s) => mix(LOW, HIGH, s),
            None => NONE,
        };
        rgba.extend_from_slice(&[c.0, c.1, c.2, 255]);
    }
    let cell_w = frame.width / (cols.max(2) - 1) as f64;
    let cell_h = frame.height / (rows.max(2) - 1) as f64;
    let (x, w) = match cols {
        1 => (frame.left, frame.width),
        _ => (frame.left - cell_w / 2.0, cell_w * cols as f64),
    };
    let (y, h) = match rows {
        1 => (frame.top, frame.height),
        _ => (frame.top - cell_h / 2.0, cell_h * rows as f64),
    };
    dom::draw_rgba(ctx, &rgba, cols, rows, x, y, w, h);
}

fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let m = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    (m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// Every level's segments as one path each; the labelled levels (`labelled`) a little
/// thicker.
pub fn lines(
    ctx: &CanvasRenderingContext2d,
    frame: &Frame,
    grid: &Grid,
    contours: &[Contour],
    dpr: f64,
) {
    ctx.set_stroke_style_str(LINE);
    ctx.set_line_cap("round");
    for (i, c) in contours.iter().enumerate() {
        if c.segments.is_empty() {
            continue;
        }
        ctx.begin_path();
        for s in &c.segments {
            let [a, b] = s.map(|p| grid_pixel(frame, grid, p));
            ctx.move_to(a[0], a[1]);
            ctx.line_to(b[0], b[1]);
        }
        let thick = labelled(contours.len(), i);
        ctx.set_line_width(if thick { 1.4 } else { 1.0 } * dpr);
        ctx.stroke();
    }
}

/// The levels that carry a label: every k-th from the first, k = ⌈n/5⌉, at most 5.
fn labelled(n: usize, i: usize) -> bool {
    i.is_multiple_of(n.div_ceil(5).max(1))
}

/// Each labelled level's value at one of its points: the segment end furthest to the upper
/// right (the largest x − y in pixels) that is at least a font from the plot's edges and two
/// from every marker, on a white halo.
pub fn labels(
    ctx: &CanvasRenderingContext2d,
    frame: &Frame,
    (grid, view): (&Grid, &ContourView),
    contours: &[Contour],
    (dpr, font): (f64, f64),
) {
    let size = (font * 0.85).round();
    ctx.set_font(&format!("{size}px system-ui, sans-serif"));
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    ctx.set_line_width(3.0 * dpr);
    ctx.set_stroke_style_str("rgba(255,255,255,0.9)");
    ctx.set_fill_style_str("rgba(30,30,30,0.85)");
    let marks: Vec<[f64; 2]> = view.markers.iter().map(|m| frame.to_pixel(m.at)).collect();
    let inside = |p: &[f64; 2]| {
        let clear = |m: &[f64; 2]| {
            let (dx, dy) = (p[0] - m[0], p[1] - m[1]);
            dx * dx + dy * dy > 4.0 * font * font // farther than 2 font sizes
        };
        marks.iter().all(clear)
            && p[0] > frame.left + 1.5 * font
            && p[0] < frame.left + frame.width - 1.5 * font
            && p[1] > frame.top + font
            && p[1] < frame.top + frame.height - font
    };
    for (i, c) in contours.iter().enumerate() {
        if !labelled(contours.len(), i) {
            continue;
        }
        let best = c
            .segments
            .iter()
            .flatten()
            .map(|&p| grid_pixel(frame, grid, p))
            .filter(inside)
            .max_by(|a, b| (a[0] - a[1]).total_cmp(&(b[0] - b[1])));
        if let Some([x, y]) = best {
            let text = super::axes::number(c.level);
            let _ = ctx.stroke_text(&text, x, y);
            let _ = ctx.fill_text(&text, x, y);
        }
    }
}
