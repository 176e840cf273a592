//! The race chart: training loss per epoch of the four racers overlaid (test loss dashed),
//! drawn on a canvas through plotters' drawing backend (`plotters-canvas`): lines, paths and
//! anchored text, with the axes' ticks and labels laid out here. plotters' chart builder and
//! its generic coordinate and mesh code took ≈ 15 KB of the gzipped wasm for this one chart
//! (benches/README.md, "Download size").

use crate::math::optimizer::OptimizerKind;
use crate::session::Session;
use crate::web::chart_axes::{Axis, dashes};
use crate::web::colors;
use crate::web::dom;
use plotters::prelude::{
    BLACK, Color, DrawingBackend, FontDesc, FontFamily, FontStyle, RGBColor, TextStyle, WHITE,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// One racer's curves.
struct Curves {
    kind: OptimizerKind,
    train: Vec<(f64, f64)>,
    test: Vec<(f64, f64)>,
    diverged: Option<usize>,
}

/// At most about this many points per curve: a long run is thinned, its last point kept.
const MAX_POINTS: usize = 400;

fn thin(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    if points.len() <= MAX_POINTS {
        return points;
    }
    let every = points.len().div_ceil(MAX_POINTS);
    let last = *points.last().expect("non-empty");
    let mut out: Vec<_> = points.into_iter().step_by(every).collect();
    if out.last() != Some(&last) {
        out.push(last);
    }
    out
}

/// On a surface: f per update from the start (update 0), ✕ where a racer stopped.
fn surface_curves(run: &crate::session::SurfaceRun) -> Vec<Curves> {
    let curve = |r: &crate::session::SurfaceRacer| Curves {
        kind: r.kind(),
        train: thin(
            r.losses
                .iter()
                .enumerate()
                .map(|(t, &f)| (t as f64, f))
                .collect(),
        ),
        test: Vec::new(),
        diverged: r.stopped.map(|s| s.step as usize),
    };
    run.race.racers.iter().map(curve).collect()
}

fn curves(session: &Session) -> Vec<Curves> {
    if let Some(run) = session.surface() {
        return surface_curves(run);
    }
    OptimizerKind::ALL
        .iter()
        .map(|&kind| {
            let racer = session.racer(kind);
            let pts = |f: &dyn Fn(&crate::session::EpochRecord) -> Option<f64>| {
                thin(
                    racer
                        .history
                        .iter()
                        .filter_map(|r| f(r).filter(|v| v.is_finite()).map(|v| (r.epoch as f64, v)))
                        .collect(),
                )
            };
            Curves {
                kind,
                train: pts(&|r| Some(r.train_loss)),
                test: pts(&|r| r.test_loss),
                diverged: racer.diverged.as_ref().map(|d| d.epoch),
            }
        })
        .collect()
}

/// What the x axis counts: epochs, or updates on a test surface (the page's class).
fn unit() -> &'static str {
    let surface = dom::document()
        .body()
        .is_some_and(|b| b.class_list().contains("surface"));
    if surface { "update" } else { "epoch" }
}

fn rgb(c: colors::Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// What a drawing step gives: plotters' backend errors, boxed.
type Drawn = Result<(), Box<dyn std::error::Error>>;

/// Draws the chart into the canvas at its device-pixel size.
pub fn draw(canvas: &HtmlCanvasElement, session: &Session, log_scale: bool) -> Result<(), String> {
    let (w, h, _) = dom::fit_canvas(canvas);
    let mut backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("the chart's canvas has no 2d context")?;
    let curves = curves(session);
    let dpr = dom::device_pixel_ratio();
    let scale = dom::text_scale();
    // the legend in a strip of its own above the plot, so it never covers a curve; four names
    // in a row when they fit, else two rows of two
    let rows = if (w as f64) < 480.0 * dpr * scale {
        2
    } else {
        1
    };
    let strip = (rows as f64 * 22.0 * dpr * scale + 2.0 * dpr).round() as i32;
    let px = |v: f64| (v * dpr).round() as i32;
    let frame = Frame {
        left: px(8.0 + 44.0 * scale),
        top: strip + px(8.0),
        right: w as i32 - px(16.0),
        bottom: h as i32 - px(8.0 + 36.0 * scale),
    };
    let mut page = || -> Drawn {
        let white = WHITE.filled();
        backend.draw_rect((0, 0), (w as i32, h as i32), &white, true)?;
        legend(&mut backend, &curves, rows, (w as i32, strip))?;
        let (x, y) = axes(&curves, log_scale);
        plot(&mut backend, &curves, &frame, x, y)?;
        backend.present()?;
        Ok(())
    };
    page().map_err(|e| e.to_string())
}

/// The epochs' axis from 0, at least to 10, and the loss axis around the curves' values: a
/// 5% margin on a linear axis (not below 0), a factor of 1.2 on a logarithmic one.
fn axes(curves: &[Curves], log_scale: bool) -> (Axis, Axis) {
    let epochs = curves
        .iter()
        .map(|c| c.train.len())
        .max()
        .unwrap_or(0)
        .max(1);
    // a logarithmic axis shows the positive values (a test surface's f may be below 0)
    let values = curves
        .iter()
        .flat_map(|c| c.train.iter().chain(&c.test).map(|p| p.1))
        .filter(|&v| !log_scale || v > 0.0);
    let (mut lo, mut hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    let x = Axis::linear(0.0, (epochs as f64).max(10.0));
    let y = if log_scale {
        let lo = lo.max(1e-12);
        let hi = hi.max(lo * 10.0);
        Axis {
            lo: lo / 1.2,
            hi: hi * 1.2,
            log: true,
        }
    } else {
        let pad = ((hi - lo) * 0.05).max(1e-9);
        Axis::linear((lo - pad).max(0.0), hi + pad)
    };
    (x, y)
}

/// Each racer's colour and name (and where it diverged), in `rows` rows across `size`.
fn legend(b: &mut CanvasBackend, curves: &[Curves], rows: usize, size: (i32, i32)) -> Drawn {
    let dpr = dom::device_pixel_ratio();
    let scale = dom::text_scale();
    let style = font(13.0 * dpr * scale).pos(Pos::new(HPos::Left, VPos::Center));
    let per_row = curves.len().div_ceil(rows.max(1)).max(1);
    let slot = size.0 / per_row as i32;
    let row_h = size.1 / rows.max(1) as i32;
    for (i, c) in curves.iter().enumerate() {
        let x = (58.0 * dpr) as i32 / 2 + (i % per_row) as i32 * slot;
        let y = row_h * (i / per_row) as i32 + row_h / 2;
        let seg = (20.0 * dpr) as i32;
        let line = rgb(colors::racer(c.kind)).stroke_width((2.5 * dpr) as u32);
        b.draw_line((x, y), (x + seg, y), &line)?;
        let label = match c.diverged {
            Some(epoch) => format!("{} ✕ {} {epoch}", c.kind.label(), unit()),
            None => c.kind.label().to_string(),
        };
        b.draw_text(&label, &style, (x + seg + (5.0 * dpr) as i32, y))?;
    }
    Ok(())
}

/// The page's sans-serif at `size` device pixels, black.
fn font(size: f64) -> TextStyle<'static> {
    FontDesc::new(FontFamily::SansSerif, size, FontStyle::Normal).color(&BLACK)
}

/// The plot's rectangle in device pixels.
struct Frame {
    left: i32,
    top: i32,
    right: i32,
    bottom: i32,
}

/// The grid lines and labels of both axes, then each racer's curves (test loss dashed).
fn plot(b: &mut CanvasBackend, curves: &[Curves], f: &Frame, x: Axis, y: Axis) -> Drawn {
    let dpr = dom::device_pixel_ratio();
    let text = 13.0 * dpr * dom::text_scale();
    let at = |(vx, vy): (f64, f64)| {
        let sx = x.share(vx).clamp(0.0, 1.0);
        let sy = y.share(vy).clamp(0.0, 1.0);
        let px = f.left as f64 + sx * (f.right - f.left) as f64;
        let py = f.bottom as f64 - sy * (f.bottom - f.top) as f64;
        (px.round() as i32, py.round() as i32)
    };
    let runs = |points: &[(f64, f64)]| runs(points, y, &at);
    let grid = RGBColor(215, 215, 215).stroke_width(1);
    let gap = (4.0 * dpr) as i32;
    let left = font(text).pos(Pos::new(HPos::Right, VPos::Center));
    for (v, label) in y.ticks() {
        let (_, py) = at((x.lo, v));
        b.draw_line((f.left, py), (f.right, py), &grid)?;
        b.draw_text(&label, &left, (f.left - gap, py))?;
    }
    let below = font(text).pos(Pos::new(HPos::Center, VPos::Top));
    // from 0 to at least 10 epochs the step is at least 2: whole numbers
    for (v, label) in x.ticks() {
        let (px, _) = at((v, y.lo));
        b.draw_line((px, f.top), (px, f.bottom), &grid)?;
        b.draw_text(&label, &below, (px, f.bottom + gap))?;
    }
    let middle = (f.left + f.right) / 2;
    b.draw_text(
        unit(),
        &below,
        (middle, f.bottom + gap + (text * 1.3) as i32),
    )?;
    let px = |v: f64| (v * dpr).round() as u32;
    for c in curves {
        let color = rgb(colors::racer(c.kind));
        for line in runs(&c.train) {
            b.draw_path(line, &color.stroke_width(px(2.5)))?;
        }
        let dash = color.mix(0.8).stroke_width(px(1.5));
        for test in runs(&c.test) {
            for segment in dashes(&test, 6.0 * dpr, 4.0 * dpr) {
                b.draw_path(segment, &dash)?;
            }
        }
    }
    Ok(())
}

/// The runs of `points` the axes can show, placed by `at` (a value ≤ 0 on a logarithmic `y`
/// breaks a line).
fn runs(
    points: &[(f64, f64)],
    y: Axis,
    at: &dyn Fn((f64, f64)) -> (i32, i32),
) -> Vec<Vec<(i32, i32)>> {
    let mut runs = vec![Vec::new()];
    for &p in points {
        let shown = !y.log || p.1 > 0.0;
        match (shown, runs.last_mut()) {
            (true, Some(run)) => run.push(at(p)),
            (false, Some(run)) if !run.is_empty() => runs.push(Vec::new()),
            _ => {}
        }
    }
    runs
}
