//! Where the plot sits in the canvas, and the maps between data and pixels.

use web_sys::CanvasRenderingContext2d;

/// The plot's rectangle in canvas (device) pixels and the data ranges on its edges. The
/// data keep their aspect (a unit of x is as long as a unit of y, so the gradient is drawn
/// at right angles to the contours): the rectangle is the largest of the data's shape that
/// fits between the margins, centred.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    pub x_range: [f64; 2],
    pub y_range: [f64; 2],
}

/// A range with a positive finite length: [lo, hi] as given, or a unit around a finite
/// middle, or [−1, 1].
fn usable(range: [f64; 2]) -> [f64; 2] {
    let [lo, hi] = range;
    if lo.is_finite() && hi.is_finite() && hi - lo > 0.0 && (hi - lo).is_finite() {
        return range;
    }
    let mid = lo * 0.5 + hi * 0.5;
    if mid.is_finite() {
        [mid - 1.0, mid + 1.0]
    } else {
        [-1.0, 1.0]
    }
}

impl Frame {
    /// The frame for a canvas of `size` (w, h) device pixels with text of `font` pixels:
    /// margins of 4.2 fonts on the left (the y range: "b −18.84" fits), 0.8 at the top and
    /// right, 3 at the bottom (the x range and the caption line).
    pub fn new(size: (f64, f64), x_range: [f64; 2], y_range: [f64; 2], font: f64) -> Frame {
        let (x_range, y_range) = (usable(x_range), usable(y_range));
        let (left, top) = (4.2 * font, 0.8 * font);
        let room_w = (size.0 - left - 0.8 * font).max(1.0);
        let room_h = (size.1 - top - 3.0 * font).max(1.0);
        let (dx, dy) = (x_range[1] - x_range[0], y_range[1] - y_range[0]);
        let scale = (room_w / dx).min(room_h / dy);
        let (width, height) = (dx * scale, dy * scale);
        Frame {
            left: left + (room_w - width) / 2.0,
            top: top + (room_h - height) / 2.0,
            width,
            height,
            x_range,
            y_range,
        }
    }

    /// The pixel of data point p: x from the left edge, y up from the bottom edge.
    pub fn to_pixel(&self, p: [f64; 2]) -> [f64; 2] {
        let [x0, x1] = self.x_range;
        let [y0, y1] = self.y_range;
        [
            self.left + (p[0] - x0) / (x1 - x0) * self.width,
            self.top + (y1 - p[1]) / (y1 - y0) * self.height,
        ]
    }

    /// The data point at a pixel: the inverse of `to_pixel`.
    pub fn to_data(&self, px: [f64; 2]) -> [f64; 2] {
        let [x0, x1] = self.x_range;
        let [y0, y1] = self.y_range;
        [
            x0 + (px[0] - self.left) / self.width * (x1 - x0),
            y1 - (px[1] - self.top) / self.height * (y1 - y0),
        ]
    }

    /// True when a pixel is on the plot (edges included).
    pub fn contains(&self, px: [f64; 2]) -> bool {
        (self.left..=self.left + self.width).contains(&px[0])
            && (self.top..=self.top + self.height).contains(&px[1])
    }

    /// Restricts what is drawn next to the plot's rectangle (undone by `ctx.restore()`).
    pub fn clip(&self, ctx: &CanvasRenderingContext2d) {
        ctx.begin_path();
        ctx.rect(self.left, self.top, self.width, self.height);
        ctx.clip();
    }
}
