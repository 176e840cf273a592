//! A chart's axes and dashed lines in plain numbers (the race chart's, `panels::race_chart`):
//! where a value falls on a linear or logarithmic axis, the round ticks and their labels, and
//! a polyline cut into dashes. Plain Rust, tested natively.

/// An axis's range, linear or logarithmic.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub log: bool,
}

impl Axis {
    pub fn linear(lo: f64, hi: f64) -> Axis {
        Axis { lo, hi, log: false }
    }

    /// Where `v` lies from `lo` (0) to `hi` (1), on the axis's scale.
    pub fn share(&self, v: f64) -> f64 {
        let (v, lo, hi) = if self.log {
            (libm::log10(v), libm::log10(self.lo), libm::log10(self.hi))
        } else {
            (v, self.lo, self.hi)
        };
        (v - lo) / (hi - lo)
    }

    /// The ticks and their labels: about six round values (1, 2 or 5 × 10^k apart) on a
    /// linear axis, written with the step's decimals; the powers of ten on a logarithmic one
    /// (their 2× and 5× too when the range holds fewer than two).
    pub fn ticks(&self) -> Vec<(f64, String)> {
        if self.log {
            return log_ticks(self.lo, self.hi);
        }
        let raw = (self.hi - self.lo) / 6.0;
        let power = 10f64.powi(libm::log10(raw).floor() as i32);
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * power)
            .find(|&s| s >= raw)
            .unwrap_or(10.0 * power);
        let decimals = (-libm::log10(step).floor()).max(0.0) as usize;
        let first = (self.lo / step).ceil() as i64;
        let last = (self.hi / step + 1e-9).floor() as i64;
        (first..=last)
            .map(|i| i as f64 * step)
            .map(|v| (v, format!("{:.*}", decimals, v + 0.0)))
            .collect()
    }
}

/// The logarithmic axis's ticks from `lo` to `hi` (see `Axis::ticks`).
fn log_ticks(lo: f64, hi: f64) -> Vec<(f64, String)> {
    let (first, last) = (
        libm::log10(lo).floor() as i32,
        libm::log10(hi).ceil() as i32,
    );
    // every decade up to seven of them, else every second, third, …
    let stride = (last - first + 1 + 6) / 7;
    let decades: Vec<f64> = (first..=last)
        .filter(|k| (k - first) % stride == 0)
        .map(|k| 10f64.powi(k))
        .collect();
    let within = |v: &f64| (lo..=hi).contains(v);
    let mut ticks: Vec<f64> = decades.iter().copied().filter(within).collect();
    if ticks.len() < 2 {
        let more = decades.iter().flat_map(|&d| [d, 2.0 * d, 5.0 * d]);
        ticks = more.filter(within).collect();
    }
    // from 0.001 to below 10⁴ in decimals, beyond as 1e-4, 2e4
    let label = |v: f64| {
        if (1e-3..1e4).contains(&v) {
            crate::session::fmt_num(v)
        } else {
            format!("{v:e}")
        }
    };
    ticks.into_iter().map(|v| (v, label(v))).collect()
}

/// The polyline `points` cut into dashes `on` long with gaps `off` long (pixels), the pattern
/// running on across its corners.
pub fn dashes(points: &[(i32, i32)], on: f64, off: f64) -> Vec<Vec<(i32, i32)>> {
    let mut out = Vec::new();
    let mut current: Vec<(i32, i32)> = Vec::new();
    // how far into the pattern (on, then off) the pen is
    let mut phase = 0.0;
    for pair in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        let (dx, dy) = ((x1 - x0) as f64, (y1 - y0) as f64);
        let length = (dx * dx + dy * dy).sqrt();
        let point = |t: f64| {
            let t = if length > 0.0 { t / length } else { 0.0 };
            (
                (x0 as f64 + t * dx).round() as i32,
                (y0 as f64 + t * dy).round() as i32,
            )
        };
        let mut t = 0.0;
        while t < length {
            let drawing = phase < on;
            let left = if drawing {
                on - phase
            } else {
                on + off - phase
            };
            let step = left.min(length - t);
            if drawing {
                if current.is_empty() {
                    current.push(point(t));
                }
                current.push(point(t + step));
            }
            t += step;
            phase += step;
            if phase >= on && drawing && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            if phase >= on + off {
                phase = 0.0;
            }
        }
    }
    if current.len() > 1 {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests;
