//! The race chart: training loss per epoch of the four racers overlaid (test loss dashed),
//! drawn with plotters on a canvas.

use crate::math::optimizer::OptimizerKind;
use crate::session::Session;
use crate::web::colors;
use crate::web::dom;
use plotters::coord::Shift;
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
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

/// Draws the chart into the canvas at its device-pixel size.
pub fn draw(canvas: &HtmlCanvasElement, session: &Session, log_scale: bool) -> Result<(), String> {
    dom::fit_canvas(canvas);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("the chart's canvas has no 2d context")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let curves = curves(session);
    // the legend in a strip of its own above the plot, so it never covers a curve
    let dpr = dom::device_pixel_ratio();
    // four names in a row when they fit, else two rows of two
    let rows = if (canvas.width() as f64) < 480.0 * dpr * dom::text_scale() {
        2
    } else {
        1
    };
    let strip = (rows as f64 * 22.0 * dpr * dom::text_scale() + 2.0 * dpr).round() as u32;
    let (legend_area, root) = root.split_vertically(strip);
    legend(&legend_area, &curves, rows).map_err(|e| e.to_string())?;
    let epochs = curves
        .iter()
        .map(|c| c.train.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let values = curves
        .iter()
        .flat_map(|c| c.train.iter().chain(&c.test).map(|p| p.1));
    let (mut lo, mut hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    let x = 0.0..(epochs as f64).max(10.0);
    if log_scale {
        let lo = lo.max(1e-12);
        let hi = hi.max(lo * 10.0);
        let y = LossAxis::Log((lo / 1.2..hi * 1.2).log_scale().into());
        plot(&root, &curves, x, y)
    } else {
        let pad = ((hi - lo) * 0.05).max(1e-9);
        plot(
            &root,
            &curves,
            x,
            LossAxis::Linear(((lo - pad).max(0.0)..hi + pad).into()),
        )
    }
    .map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

/// Each racer's colour and name (and where it diverged), in a row.
fn legend(
    area: &DrawingArea<CanvasBackend, Shift>,
    curves: &[Curves],
    rows: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let dpr = dom::device_pixel_ratio();
    let scale = dom::text_scale();
    let font = FontDesc::new(FontFamily::SansSerif, 13.0 * dpr * scale, FontStyle::Normal);
    let (w, h) = area.dim_in_pixel();
    let per_row = curves.len().div_ceil(rows.max(1)).max(1);
    let slot = w as i32 / per_row as i32;
    let row_h = h as i32 / rows.max(1) as i32;
    for (i, c) in curves.iter().enumerate() {
        let color = rgb(colors::racer(c.kind));
        let x = (58.0 * dpr) as i32 / 2 + (i % per_row) as i32 * slot;
        let y = row_h * (i / per_row) as i32 + row_h / 2;
        let seg = (20.0 * dpr) as i32;
        area.draw(&PathElement::new(
            vec![(x, y), (x + seg, y)],
            color.stroke_width((2.5 * dpr) as u32),
        ))?;
        let label = match c.diverged {
            Some(epoch) => format!("{} ✕ {} {epoch}", c.kind.label(), unit()),
            None => c.kind.label().to_string(),
        };
        area.draw(&Text::new(
            label,
            (x + seg + (5.0 * dpr) as i32, y - (7.0 * dpr * scale) as i32),
            font.clone().color(&BLACK),
        ))?;
    }
    Ok(())
}

/// The loss axis, linear or logarithmic, as plotters draws each (ticks, and labels: the
/// linear axis's pretty-printed, the logarithmic one's as `{:?}`); one type, so that the
/// chart's code is in the wasm once rather than once per axis.
enum LossAxis {
    Linear(RangedCoordf64),
    Log(LogCoord<f64>),
}

impl Ranged for LossAxis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        match self {
            LossAxis::Linear(a) => a.map(value, limit),
            LossAxis::Log(a) => a.map(value, limit),
        }
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        match self {
            LossAxis::Linear(a) => a.key_points(hint),
            LossAxis::Log(a) => a.key_points(hint),
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        match self {
            LossAxis::Linear(a) => a.range(),
            LossAxis::Log(a) => a.range(),
        }
    }
}

impl ValueFormatter<f64> for LossAxis {
    fn format_ext(&self, value: &f64) -> String {
        match self {
            LossAxis::Linear(a) => a.format_ext(value),
            LossAxis::Log(a) => a.format_ext(value),
        }
    }
}

fn plot(
    root: &DrawingArea<CanvasBackend, Shift>,
    curves: &[Curves],
    x: std::ops::Range<f64>,
    y: LossAxis,
) -> Result<(), Box<dyn std::error::Error>> {
    let dpr = dom::device_pixel_ratio();
    let px = |v: f64| (v * dpr).round() as u32;
    let font = FontDesc::new(
        FontFamily::SansSerif,
        13.0 * dpr * dom::text_scale(),
        FontStyle::Normal,
    );
    let mut chart = ChartBuilder::on(root)
        .margin(px(8.0))
        .margin_right(px(16.0))
        .x_label_area_size(px(36.0 * dom::text_scale()))
        .y_label_area_size(px(44.0 * dom::text_scale()))
        .build_cartesian_2d(x, y)?;
    chart
        .configure_mesh()
        .x_desc(unit())
        .label_style(font.clone())
        .axis_desc_style(font)
        .max_light_lines(0)
        .bold_line_style(RGBColor(215, 215, 215))
        .x_labels(6)
        .x_label_formatter(&|v| format!("{}", v.round() as i64))
        .y_labels(6)
        // A negative tick size lays the y labels out without measuring them: plotters
        // measures text in a <span style="…">, which the page's Content-Security-Policy
        // refuses (plotters keeps the left axis's ticks at index 1, which it names Right).
        // The axis lines would then stand apart from the plot: they are left out (drawn
        // transparent, which keeps the labels); the grid lines are enough.
        .set_tick_mark_size(LabelAreaPosition::Left, -(px(4.0) as i32))
        .set_tick_mark_size(LabelAreaPosition::Right, -(px(4.0) as i32))
        .axis_style(TRANSPARENT)
        .draw()?;
    let width = px(2.5);
    for c in curves {
        let color = rgb(colors::racer(c.kind));
        chart.draw_series(LineSeries::new(
            c.train.iter().copied(),
            color.stroke_width(width),
        ))?;
        chart.draw_series(DashedLineSeries::new(
            c.test.iter().copied(),
            px(6.0),
            px(4.0),
            color.mix(0.8).stroke_width(px(1.5)),
        ))?;
    }
    Ok(())
}
