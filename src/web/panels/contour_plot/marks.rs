//! What goes over the contours: the racers' paths and their current points, the markers,
//! and the arrows.

use super::{Arrow, Frame, Marker, MarkerShape, RacerPath};
use crate::web::colors;
use std::f64::consts::{PI, TAU};
use web_sys::CanvasRenderingContext2d;

fn finite(p: &[f64; 2]) -> bool {
    p[0].is_finite() && p[1].is_finite()
}

/// The paths, the followed one last (on top): a line through the finite points (a
/// non-finite one breaks it), then a disc with a white rim at the last finite point, or a
/// ✕ there for a stopped racer.
pub fn paths(ctx: &CanvasRenderingContext2d, frame: &Frame, paths: &[RacerPath], dpr: f64) {
    let order = paths
        .iter()
        .filter(|p| !p.followed)
        .chain(paths.iter().filter(|p| p.followed));
    ctx.set_line_join("round");
    ctx.set_line_cap("round");
    for path in order {
        let colour = colors::css(colors::racer(path.kind));
        let weight = if path.followed { 1.5 } else { 1.0 };
        ctx.begin_path();
        let mut open = false;
        for p in &path.points {
            if !finite(p) {
                open = false;
                continue;
            }
            let [x, y] = frame.to_pixel(*p);
            if open {
                ctx.line_to(x, y);
            } else {
                ctx.move_to(x, y);
                open = true;
            }
        }
        ctx.set_stroke_style_str(&colour);
        ctx.set_line_width(2.0 * weight * dpr);
        ctx.stroke();
        if let Some(last) = path.points.iter().rev().find(|p| finite(p)) {
            let at = frame.to_pixel(*last);
            if path.stopped {
                cross(ctx, at, 5.0 * weight * dpr, &colour, dpr);
            } else {
                disc(ctx, at, 4.0 * weight * dpr, &colour, dpr);
            }
        }
    }
}

fn disc(ctx: &CanvasRenderingContext2d, [x, y]: [f64; 2], r: f64, colour: &str, dpr: f64) {
    ctx.begin_path();
    let _ = ctx.arc(x, y, r, 0.0, TAU);
    ctx.set_fill_style_str(colour);
    ctx.fill();
    ctx.set_stroke_style_str("#fff");
    ctx.set_line_width(1.5 * dpr);
    ctx.stroke();
}

/// A ✕ of half-size `r` on a white halo.
fn cross(ctx: &CanvasRenderingContext2d, [x, y]: [f64; 2], r: f64, colour: &str, dpr: f64) {
    ctx.begin_path();
    ctx.move_to(x - r, y - r);
    ctx.line_to(x + r, y + r);
    ctx.move_to(x - r, y + r);
    ctx.line_to(x + r, y - r);
    ctx.set_stroke_style_str("#fff");
    ctx.set_line_width(5.0 * dpr);
    ctx.stroke();
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(2.5 * dpr);
    ctx.stroke();
}

/// The markers on the plot (those outside it or not finite are left out): a minimum a
/// five-pointed star, a saddle point a diamond, the start a ring; dark on a white rim.
pub fn markers(ctx: &CanvasRenderingContext2d, frame: &Frame, markers: &[Marker], dpr: f64) {
    for m in markers.iter().filter(|m| finite(&m.at)) {
        let [x, y] = frame.to_pixel(m.at);
        if !frame.contains([x, y]) {
            continue;
        }
        ctx.begin_path();
        match m.shape {
            MarkerShape::Minimum => star(ctx, [x, y], 6.5 * dpr),
            MarkerShape::Saddle => {
                let r = 5.5 * dpr;
                ctx.move_to(x, y - r);
                ctx.line_to(x + r, y);
                ctx.line_to(x, y + r);
                ctx.line_to(x - r, y);
                ctx.close_path();
            }
            MarkerShape::Start => {
                let _ = ctx.arc(x, y, 5.0 * dpr, 0.0, TAU);
            }
        }
        ctx.set_stroke_style_str("#fff");
        ctx.set_line_width(3.0 * dpr);
        ctx.stroke();
        ctx.set_stroke_style_str("#222");
        ctx.set_line_width(1.5 * dpr);
        ctx.stroke();
        if m.shape == MarkerShape::Minimum {
            ctx.set_fill_style_str("#222");
            ctx.fill();
        }
    }
}

/// A five-pointed star of outer radius r (inner 0.45 r), a point up.
fn star(ctx: &CanvasRenderingContext2d, [x, y]: [f64; 2], r: f64) {
    for k in 0..10 {
        let radius = if k % 2 == 0 { r } else { 0.45 * r };
        let angle = -PI / 2.0 + k as f64 * PI / 5.0;
        // libm's, which the wasm holds already (f64::cos would add its own 7 KB)
        let (px, py) = (x + radius * libm::cos(angle), y + radius * libm::sin(angle));
        if k == 0 {
            ctx.move_to(px, py);
        } else {
            ctx.line_to(px, py);
        }
    }
    ctx.close_path();
}

/// Each arrow with its true direction and its length in pixels clamped to [14 CSS px, 30%
/// of the plot's shorter side], then shortened (not below 14 px) so its head stays on the
/// plot; the label at the tip, with the factor when the length was changed.
pub fn arrows(
    ctx: &CanvasRenderingContext2d,
    frame: &Frame,
    arrows: &[Arrow],
    dpr: f64,
    font: f64,
) {
    let (min, max) = (
        14.0 * dpr,
        (0.3 * frame.width.min(frame.height)).max(14.0 * dpr),
    );
    for a in arrows
        .iter()
        .filter(|a| finite(&a.from) && finite(&a.vector))
    {
        let tail = frame.to_pixel(a.from);
        let end = frame.to_pixel([a.from[0] + a.vector[0], a.from[1] + a.vector[1]]);
        let Some((tip, [ux, uy], factor)) = fit_arrow(frame, tail, end, (min, max)) else {
            continue;
        };
        let colour = colors::css(a.colour);
        ctx.begin_path();
        ctx.move_to(tail[0], tail[1]);
        ctx.line_to(tip[0], tip[1]);
        ctx.set_stroke_style_str(&colour);
        ctx.set_line_width(2.0 * dpr);
        ctx.stroke();
        let head = 7.0 * dpr;
        let (bx, by) = (tip[0] - head * ux, tip[1] - head * uy);
        ctx.begin_path();
        ctx.move_to(tip[0], tip[1]);
        ctx.line_to(bx - 0.5 * head * uy, by + 0.5 * head * ux);
        ctx.line_to(bx + 0.5 * head * uy, by - 0.5 * head * ux);
        ctx.close_path();
        ctx.set_fill_style_str(&colour);
        ctx.fill();
        let label = match (factor - 1.0).abs() > 0.01 {
            true => format!("{} ×{}", a.label, super::axes::number(factor)),
            false => a.label.clone(),
        };
        arrow_label(ctx, frame, &label, tip, [ux, uy], font);
    }
}

/// The label beyond the tip, on the side the arrow points to, unless it would leave the
/// plot there (its width estimated at 0.55 font a character): then starting on the other
/// side of the tip and a line lower, clear of the head.
fn arrow_label(
    ctx: &CanvasRenderingContext2d,
    frame: &Frame,
    label: &str,
    tip: [f64; 2],
    u: [f64; 2],
    font: f64,
) {
    let size = (font * 0.85).round();
    let width = label.chars().count() as f64 * 0.55 * size;
    let (mut x, mut y) = (tip[0] + u[0] * 0.5 * font, tip[1] + u[1] * 0.5 * font);
    let fits = match u[0] >= 0.0 {
        true => x + width <= frame.left + frame.width,
        false => x - width >= frame.left,
    };
    let right = (u[0] >= 0.0) == fits;
    if !fits {
        (x, y) = (tip[0] - u[0].signum() * 0.5 * font, tip[1] + font);
    }
    let y = y.clamp(frame.top + size, frame.top + frame.height - size);
    ctx.set_font(&format!("{size}px system-ui, sans-serif"));
    ctx.set_text_align(if right { "left" } else { "right" });
    ctx.set_text_baseline("middle");
    let _ = ctx.fill_text(label, x, y);
}

/// The tip of an arrow from pixel `tail` towards `end`, its unit direction, and the factor
/// its length was scaled by: the length clamped to [min, max], then cut to where the ray
/// leaves the plot (less a little) when the tail is on the plot, but not below min. None for
/// a zero or non-finite length.
fn fit_arrow(
    frame: &Frame,
    tail: [f64; 2],
    end: [f64; 2],
    (min, max): (f64, f64),
) -> Option<([f64; 2], [f64; 2], f64)> {
    let (dx, dy) = (end[0] - tail[0], end[1] - tail[1]);
    let length = (dx * dx + dy * dy).sqrt(); // not hypot: the wasm would get its own
    if !(length > 0.0 && length.is_finite() && finite(&tail)) {
        return None;
    }
    let u = [dx / length, dy / length];
    let mut wanted = length.clamp(min, max);
    if frame.contains(tail) {
        let bounds = [
            [frame.left, frame.left + frame.width],
            [frame.top, frame.top + frame.height],
        ];
        let exit = (0..2)
            .filter(|&d| u[d] != 0.0)
            .map(|d| (bounds[d][usize::from(u[d] > 0.0)] - tail[d]) / u[d])
            .fold(f64::INFINITY, f64::min);
        wanted = wanted.min((exit - 2.0).max(min));
    }
    let tip = [tail[0] + u[0] * wanted, tail[1] + u[1] * wanted];
    Some((tip, u, wanted / length))
}
