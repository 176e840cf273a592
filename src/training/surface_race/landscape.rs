//! A surface race's picture in the shape of the network's landscape (`training::landscape`):
//! the function over its plot square on a resolution × resolution grid, in the function's
//! own coordinates (a = x, b = y), and every racer's path as (x, y) pairs.

use super::SurfaceRace;
use crate::math::optimizer::OptimizerKind;
use crate::training::landscape::{LandscapeError, MAX_RESOLUTION};

/// `a` the x values and `b` the y values over the plot square (increasing, its edges
/// included), `cost` f on the grid row by row, row r at y = b[n − 1 − r] (row 0 at the
/// largest y), column c at x = a[c]; each racer's path as x, y, x, y, … from the start.
#[derive(Clone, Debug, PartialEq)]
pub struct SurfaceLandscape {
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    pub cost: Vec<f64>,
    pub paths: Vec<(OptimizerKind, Vec<f64>)>,
}

/// `n` evenly spaced values from `lo` to `hi`, both included.
fn axis([lo, hi]: [f64; 2], n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
        .collect()
}

impl SurfaceRace {
    /// The surface and the paths so far on a `resolution` × `resolution` grid (2 to
    /// `MAX_RESOLUTION`).
    pub fn landscape(&self, resolution: usize) -> Result<SurfaceLandscape, LandscapeError> {
        if !(2..=MAX_RESOLUTION).contains(&resolution) {
            return Err(LandscapeError::Resolution(resolution));
        }
        let square = self.surface.domain();
        let a = axis(square.x_range(), resolution);
        let b = axis(square.y_range(), resolution);
        let cost = b
            .iter()
            .rev()
            .flat_map(|&y| a.iter().map(move |&x| (x, y)))
            .map(|(x, y)| self.surface.value([x, y]))
            .collect();
        let paths = self
            .racers
            .iter()
            .map(|r| (r.kind(), r.path.iter().flatten().copied().collect()))
            .collect();
        Ok(SurfaceLandscape { a, b, cost, paths })
    }
}
