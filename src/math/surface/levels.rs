//! The contour levels of a surface, from its values on a grid over the plot square.

use super::Surface;
use crate::math::contour::kth_smallest;

/// The grid the levels are read from: G × G points over the plot square, edges included.
pub const LEVEL_GRID: usize = 65;
/// The most levels `levels` gives.
pub const MAX_LEVELS: usize = 100;

impl Surface {
    /// n contour levels (n at most `MAX_LEVELS`; more are clamped), increasing. From f on the
    /// `LEVEL_GRID`² grid over `domain()`:
    ///
    /// - log-spaced (`log_levels()`): lo·(hi/lo)^(i/(n − 1)), i = 0..n, with hi the grid's
    ///   90% quantile (the corners' huge values would take most levels) and lo its smallest
    ///   positive value, at least hi·10⁻⁶;
    /// - linear: min + (max − min)·(i + 1)/(n + 1), i = 0..n, min and max the grid's — strictly
    ///   between, so no level is a lone point; for the saddle with n odd the middle one is 0.
    ///
    /// One level (n = 1) is the middle of the range (the geometric one for log). Empty for
    /// n = 0 or when the grid has no positive value to take a log of.
    pub fn levels(&self, n: usize) -> Vec<f64> {
        let n = n.min(MAX_LEVELS);
        if n == 0 {
            return Vec::new();
        }
        let values = self.grid_values();
        let t = |i: usize| {
            if n == 1 {
                0.5
            } else {
                i as f64 / (n - 1) as f64
            }
        };
        // no sort (it would add its code to the page's wasm): the quantile by bisection over
        // `total_cmp`'s order, the ends by folds
        if self.log_levels() {
            let hi = kth_smallest(&values, (values.len() - 1) * 9 / 10);
            if !(hi > 0.0 && hi.is_finite()) {
                return Vec::new();
            }
            let smallest = values
                .iter()
                .copied()
                .filter(|&v| v > 0.0)
                .fold(hi, f64::min);
            let lo = smallest.max(hi * 1e-6);
            let span = libm::log(hi / lo);
            (0..n).map(|i| lo * libm::exp(t(i) * span)).collect()
        } else {
            let min = values.iter().copied().fold(f64::INFINITY, f64::min);
            let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let of = |i: usize| (max - min) * (i + 1) as f64 / (n + 1) as f64;
            (0..n).map(|i| min + of(i)).collect()
        }
    }

    /// f on the grid, row by row.
    fn grid_values(&self) -> Vec<f64> {
        let square = self.domain();
        let ([x0, x1], [y0, y1]) = (square.x_range(), square.y_range());
        let at = |lo: f64, hi: f64, k: usize| lo + (hi - lo) * k as f64 / (LEVEL_GRID - 1) as f64;
        let mut values = Vec::with_capacity(LEVEL_GRID * LEVEL_GRID);
        for j in 0..LEVEL_GRID {
            for i in 0..LEVEL_GRID {
                values.push(self.value([at(x0, x1, i), at(y0, y1, j)]));
            }
        }
        values
    }
}
