//! The ranges at the plot's edges, the axes' names, and the caption line.

use super::{ContourView, Frame};
use web_sys::CanvasRenderingContext2d;

/// A number as the page writes it (`session::fmt_num`), with a true minus sign.
pub fn number(v: f64) -> String {
    crate::session::fmt_num(v).replace('-', "−")
}

/// x_min under the left end and "x_max x" under the right end; "y y_max" at the left of the
/// top and y_min at the left of the bottom; then the caption, with the levels' spacing, on
/// the bottom line.
pub fn draw(ctx: &CanvasRenderingContext2d, frame: &Frame, view: &ContourView, font: f64) {
    ctx.set_font(&format!("{font}px system-ui, sans-serif"));
    ctx.set_fill_style_str("rgba(30,30,30,0.75)");
    ctx.set_stroke_style_str("rgba(30,30,30,0.35)");
    ctx.set_line_width((font / 11.0).max(1.0));
    ctx.stroke_rect(frame.left, frame.top, frame.width, frame.height);
    let [x0, x1] = frame.x_range;
    let [y0, y1] = frame.y_range;
    let [xn, yn] = &view.axis_names;
    let (right, bottom) = (frame.left + frame.width, frame.top + frame.height);
    let pad = 0.3 * font;
    ctx.set_text_baseline("top");
    ctx.set_text_align("left");
    let _ = ctx.fill_text(&number(x0), frame.left, bottom + pad);
    ctx.set_text_align("right");
    let _ = ctx.fill_text(&format!("{} {xn}", number(x1)), right, bottom + pad);
    let _ = ctx.fill_text(&format!("{yn} {}", number(y1)), frame.left - pad, frame.top);
    ctx.set_text_baseline("bottom");
    let _ = ctx.fill_text(&number(y0), frame.left - pad, bottom);
    let spacing = match (view.levels.is_empty(), view.log_levels) {
        (true, _) => "",
        (false, true) => "contours log-spaced",
        (false, false) => "contours evenly spaced",
    };
    let caption = match (view.caption.is_empty(), spacing.is_empty()) {
        (false, false) => format!("{} · {spacing}", view.caption),
        (true, _) => spacing.to_string(),
        (false, true) => view.caption.clone(),
    };
    ctx.set_text_align("left");
    ctx.set_text_baseline("alphabetic");
    let _ = ctx.fill_text(&caption, 0.4 * font, bottom + 2.6 * font);
}
