//! A contour plot: a scalar grid over a rectangle as contour lines (and, on request, a light
//! heatmap), the racers' paths over it, markers at the critical points, arrows, axes with
//! their ranges, and a caption. One picture for two panels of issue 12: a test surface's
//! lesson (f over its plot square, the racers' (x, y)) and the network's landscape (the cost
//! over a plane θc + a·d₁ + b·d₂, each path projected). It draws from a `ContourView`, plain
//! numbers the caller fills; the lines come from `math::contour::Grid`.
//!
//! `frame.rs` places the plot in the canvas and maps data ↔ pixels (and clicks back to data);
//! `grid.rs` draws the heatmap, the lines and their labels; `marks.rs` the paths, markers
//! and arrows; `axes.rs` the ranges at the edges and the caption.

mod axes;
mod frame;
mod grid;
mod marks;

pub use frame::Frame;

use crate::math::contour::{ContourError, Grid};
use crate::math::optimizer::OptimizerKind;
use crate::web::colors::Rgb;
use crate::web::dom;
use web_sys::HtmlCanvasElement;

/// What a contour plot shows, in data coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct ContourView {
    /// [x_min, x_max]: the left and right edges of the plot
    pub x_range: [f64; 2],
    /// [y_min, y_max]: the bottom and top edges
    pub y_range: [f64; 2],
    /// the grid's rows and columns; `values` holds rows × cols numbers, row by row, row 0 at
    /// the top (y_max), the corner samples on the plot's corners: sample (r, c) is at
    /// x = x_min + c·(x_max − x_min)/(cols − 1), y = y_max − r·(y_max − y_min)/(rows − 1)
    pub rows: usize,
    pub cols: usize,
    pub values: Vec<f64>,
    /// the contour levels (`math::contour::levels`, or `Surface::levels`)
    pub levels: Vec<f64>,
    /// the levels are log-spaced (said in the caption); the heatmap is then on a log scale
    pub log_levels: bool,
    /// a light heatmap of the values under the lines
    pub heatmap: bool,
    /// the axes' names, e.g. ["x", "y"] or ["a", "b"]
    pub axis_names: [String; 2],
    pub paths: Vec<RacerPath>,
    pub markers: Vec<Marker>,
    pub arrows: Vec<Arrow>,
    /// one line under the plot, e.g. "a two-dimensional slice through 21,057 parameters"
    /// (the levels' spacing is added to it); empty for none
    pub caption: String,
}

/// One racer's path: its points in order (a NaN or infinite point breaks the line), drawn in
/// the racer's colour with a disc at its last finite point, or a ✕ there when it was
/// stopped (it left the plot or overflowed). The followed racer's is drawn thicker, on top.
#[derive(Clone, Debug, PartialEq)]
pub struct RacerPath {
    pub kind: OptimizerKind,
    pub points: Vec<[f64; 2]>,
    pub stopped: bool,
    pub followed: bool,
}

/// The shape of a marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerShape {
    /// a known minimum: a small star
    Minimum,
    /// a saddle point: a diamond
    Saddle,
    /// the racers' common start: a ring
    Start,
}

/// A marker at a point (not drawn when the point is outside the plot or not finite).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Marker {
    pub at: [f64; 2],
    pub shape: MarkerShape,
}

/// An arrow from `from` along `vector` (data units), e.g. the followed racer's gradient or
/// step. Drawn with its true direction and a length clamped to between 14 CSS pixels and
/// 30% of the plot's side, so that a tiny step and a huge gradient both show, and cut so
/// that its head stays on the plot; when the length was changed, the label says by what
/// factor ("∇f ×0.01"). Clipped to the plot.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub from: [f64; 2],
    pub vector: [f64; 2],
    pub colour: Rgb,
    pub label: String,
}

/// Draws the view onto the canvas at its device-pixel size (`dom::fit_canvas`), text scaled
/// by `dom::text_scale()`, and returns where the plot went (for `click_to_data`). The one
/// error: `values` not holding rows × cols numbers (nothing is drawn then). Every other
/// input draws: NaN values leave their cells blank, non-finite points are skipped.
pub fn draw(canvas: &HtmlCanvasElement, view: &ContourView) -> Result<Frame, ContourError> {
    let frame = draw_ground(canvas, view)?;
    marks_on(&dom::context_2d(canvas), &frame, view);
    Ok(frame)
}

/// The ground alone — the heatmap, the lines and their labels, the axes and the caption —
/// without the paths, markers and arrows: what changes only with the grid or the canvas's
/// size, drawn under an overlay canvas that `draw_marks` redraws as the racers move.
pub fn draw_ground(canvas: &HtmlCanvasElement, view: &ContourView) -> Result<Frame, ContourError> {
    let grid = Grid::new(&view.values, view.rows, view.cols)?;
    let segments = grid.contours(&view.levels);
    let (w, h, _) = dom::fit_canvas(canvas);
    let (w, h) = (w as f64, h as f64);
    let ctx = dom::context_2d(canvas);
    let dpr = dom::device_pixel_ratio();
    let font = (11.0 * dpr * dom::text_scale()).round();
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, w, h);
    let frame = Frame::new((w, h), view.x_range, view.y_range, font);
    ctx.save();
    frame.clip(&ctx);
    if view.heatmap {
        grid::heatmap(&ctx, &frame, &grid, view.log_levels);
    }
    grid::lines(&ctx, &frame, &grid, &segments, dpr);
    grid::labels(&ctx, &frame, (&grid, view), &segments, (dpr, font));
    ctx.restore();
    axes::draw(&ctx, &frame, view, font);
    Ok(frame)
}

/// The paths, arrows and markers of `view` alone on a transparent canvas of the ground's
/// size, on the `frame` that `draw_ground` returned (the grid is not read).
pub fn draw_marks(canvas: &HtmlCanvasElement, frame: &Frame, view: &ContourView) {
    let (w, h, _) = dom::fit_canvas(canvas);
    let ctx = dom::context_2d(canvas);
    ctx.clear_rect(0.0, 0.0, w as f64, h as f64);
    marks_on(&ctx, frame, view);
}

fn marks_on(ctx: &web_sys::CanvasRenderingContext2d, frame: &Frame, view: &ContourView) {
    let dpr = dom::device_pixel_ratio();
    let font = (11.0 * dpr * dom::text_scale()).round();
    ctx.save();
    frame.clip(ctx);
    marks::paths(ctx, frame, &view.paths, dpr);
    marks::arrows(ctx, frame, &view.arrows, dpr, font);
    ctx.restore();
    marks::markers(ctx, frame, &view.markers, dpr);
}

/// The data point under a click at (offset_x, offset_y) CSS pixels from the canvas's top
/// left (a `MouseEvent`'s offsetX / offsetY), on the plot `frame` that `draw` returned;
/// None outside the plot (in the margins). CSS pixels become the canvas's pixels by the
/// ratio of its backing store to its box (devicePixelRatio when `fit_canvas` sized it).
pub fn click_to_data(
    canvas: &HtmlCanvasElement,
    frame: &Frame,
    offset_x: f64,
    offset_y: f64,
) -> Option<[f64; 2]> {
    let sx = canvas.width() as f64 / canvas.client_width().max(1) as f64;
    let sy = canvas.height() as f64 / canvas.client_height().max(1) as f64;
    let px = [offset_x * sx, offset_y * sy];
    frame.contains(px).then(|| frame.to_data(px))
}
