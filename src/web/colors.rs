//! Colours that colour-blind viewers can tell apart (Okabe & Ito's palette): the racers, the
//! classes, and the scales of the decision boundaries.

use crate::math::optimizer::OptimizerKind;

pub type Rgb = (u8, u8, u8);

/// Class colours: class 0 blue, class 1 orange, class 2 bluish green, then more of the palette.
pub const CLASSES: [Rgb; 6] = [
    (0, 114, 178),
    (230, 159, 0),
    (0, 158, 115),
    (204, 121, 167),
    (86, 180, 233),
    (213, 94, 0),
];

/// The blank middle of the scales.
pub const NEUTRAL: Rgb = (248, 248, 246);

/// Each racer's colour, in the chart, the legend and the small boundaries.
pub fn racer(kind: OptimizerKind) -> Rgb {
    match kind {
        OptimizerKind::Sgd => (213, 94, 0),
        OptimizerKind::Momentum => (0, 114, 178),
        OptimizerKind::RmsProp => (0, 158, 115),
        OptimizerKind::Adam => (204, 121, 167),
    }
}

pub fn css(c: Rgb) -> String {
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let m = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    (m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// How far the strongest colour goes, so that points stay visible on top.
const DEPTH: f64 = 0.8;

/// Diverging: t ∈ [−1, 1], blue for −1, neutral for 0, orange for +1.
pub fn diverging(t: f64) -> Rgb {
    if t < 0.0 {
        mix(NEUTRAL, CLASSES[0], -t * DEPTH)
    } else {
        mix(NEUTRAL, CLASSES[1], t * DEPTH)
    }
}

/// A probability p of class 1: blue below ½, orange above.
pub fn probability(p: f64) -> Rgb {
    diverging(2.0 * p - 1.0)
}

/// Class k with confidence c ∈ [0, 1] (0: a toss-up, 1: certain).
pub fn class_shade(k: usize, confidence: f64) -> Rgb {
    mix(NEUTRAL, CLASSES[k % CLASSES.len()], confidence * DEPTH)
}

/// A value on a scale symmetric about 0 with half-width `range`.
pub fn value(v: f64, range: f64) -> Rgb {
    diverging(v / range.max(1e-12))
}
