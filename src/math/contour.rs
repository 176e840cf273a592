//! Contour lines of a scalar grid by marching squares, and the shares of a heatmap: what a
//! plot of a loss surface draws (the test surfaces of issue 12, or the network's cost over a
//! plane in parameter space). Plain numbers in, plain numbers out; the page draws them
//! (`web/panels/contour_plot/`).
//!
//! **The grid** (`Grid`). `values` holds `rows × cols` numbers row by row, row 0 at the *top* (the
//! largest y), as the project's grids are laid out (`Session::predict_grid`). A point of the
//! answer is in grid coordinates `[column, row]`, both fractional: `[0, 0]` is the top-left
//! sample, `[cols − 1, rows − 1]` the bottom-right one. When the samples sit on a rectangle
//! [x₀, x₁] × [y₀, y₁] with its corners on the corner samples, a grid point [c, r] is the
//! data point x = x₀ + c·(x₁ − x₀)/(cols − 1), y = y₁ − r·(y₁ − y₀)/(rows − 1)
//! (`Grid::to_data`). Everything is a method of `Grid`, whose one check is its shape.

use thiserror::Error;

/// The most levels `Grid::levels` gives.
pub const MAX_LEVELS: usize = 100;

/// A point in grid coordinates: [column, row], row 0 at the top.
pub type Point = [f64; 2];
/// A piece of a contour line, from one cell edge to another of the same cell.
pub type Segment = [Point; 2];

/// The contour line of one level: its segments, in no particular order (each cell crossed
/// gives one, or two for a saddle cell).
#[derive(Clone, Debug, PartialEq)]
pub struct Contour {
    pub level: f64,
    pub segments: Vec<Segment>,
}

/// What is wrong with a grid.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ContourError {
    #[error("a grid of {rows} × {cols} needs {} values, not {len}", rows.saturating_mul(*cols))]
    Shape {
        len: usize,
        rows: usize,
        cols: usize,
    },
}

/// A grid of values, row by row, row 0 at the top (the module's doc).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid<'a> {
    values: &'a [f64],
    rows: usize,
    cols: usize,
}

impl<'a> Grid<'a> {
    /// The grid of rows × cols `values`; the one error: not that many values (or a product
    /// that overflows). Zero rows or columns are a grid without values.
    pub fn new(values: &'a [f64], rows: usize, cols: usize) -> Result<Grid<'a>, ContourError> {
        match rows.checked_mul(cols) {
            Some(n) if n == values.len() => Ok(Grid { values, rows, cols }),
            _ => Err(ContourError::Shape {
                len: values.len(),
                rows,
                cols,
            }),
        }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The contour lines of the grid at each of `levels`, in the order given, by marching
    /// squares. For each cell of four samples — a = top-left, b = top-right, c = bottom-right,
    /// d = bottom-left — and a level L:
    ///
    /// - a corner is *above* when its value v ≥ L;
    /// - an edge between a corner above (value p) and one below (value q) is crossed at the
    ///   fraction t = (L − q)/(p − q) ∈ (0, 1] of the way from the one below to the one above
    ///   (linear interpolation along the edge; p ≠ q since p ≥ L > q);
    /// - two crossed edges give one segment between their crossings; four (a and c on one side,
    ///   b and d on the other: a saddle cell) give two, decided by the cell-centre average
    ///   m = a/4 + b/4 + c/4 + d/4 (quartered first, so it cannot overflow): when m is on a's
    ///   side, a and c join through the centre and the segments cut off the corners b and d;
    ///   otherwise they cut off a and c;
    /// - a segment of length 0 (the level touching a single corner) is dropped.
    ///
    /// A cell with a NaN or ±∞ corner is skipped, and so is a non-finite level (its contour is
    /// empty). A level equal to the largest value gives the cells' edges where the maximum sits;
    /// one at or below the smallest, or above the largest, gives nothing. A grid with fewer than
    /// 2 rows or 2 columns has no cells: every contour is empty.
    pub fn contours(&self, levels: &[f64]) -> Vec<Contour> {
        levels
            .iter()
            .map(|&level| Contour {
                level,
                segments: if level.is_finite() {
                    level_segments(self.values, self.rows, self.cols, level)
                } else {
                    Vec::new()
                },
            })
            .collect()
    }

    /// The data point of grid point `p` on a grid of rows × cols whose corner samples sit on the
    /// corners of [x₀, x₁] × [y₀, y₁]: x = x₀ + c·(x₁ − x₀)/(cols − 1), y = y₁ − r·(y₁ − y₀)/(rows
    /// − 1) (row 0 at the top). A side of one sample maps to the middle of its range.
    pub fn to_data(&self, p: Point, x_range: [f64; 2], y_range: [f64; 2]) -> Point {
        let (rows, cols) = (self.rows, self.cols);
        let along = |v: f64, n: usize| if n > 1 { v / (n - 1) as f64 } else { 0.5 };
        [
            x_range[0] + along(p[0], cols) * (x_range[1] - x_range[0]),
            y_range[1] - along(p[1], rows) * (y_range[1] - y_range[0]),
        ]
    }

    /// Where each value sits on a heatmap's scale, a share s ∈ [0, 1] (None for a value that
    /// has no place: NaN, ±∞, or ≤ 0 on a log scale). Linear: s = (v − lo)/(hi − lo), lo and hi
    /// the smallest and largest finite values; log: s = ln(v/lo)/ln(hi/lo) over the positive
    /// finite values. When every placed value is the same, s = 0.
    pub fn shares(&self, log: bool) -> Vec<Option<f64>> {
        let values = self.values;
        let placed = |v: f64| v.is_finite() && (!log || v > 0.0);
        let map = |v: f64| if log { libm::log(v) } else { v };
        let (lo, hi) = values
            .iter()
            .filter(|&&v| placed(v))
            .map(|&v| map(v))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        let span = hi - lo;
        values
            .iter()
            .map(|&v| {
                placed(v).then(|| {
                    if span > 0.0 && span.is_finite() {
                        ((map(v) - lo) / span).clamp(0.0, 1.0)
                    } else {
                        0.0
                    }
                })
            })
            .collect()
    }

    /// n contour levels for a grid of values, increasing, by the rule of the test surfaces'
    /// levels (`Surface::levels`) over any grid — the network's cost over a plane, say:
    ///
    /// - log-spaced: lo·(hi/lo)^(i/(n − 1)), i = 0..n, hi the 90% quantile of the finite values
    ///   (a few huge ones would take most levels), lo the smallest positive one, at least
    ///   hi·10⁻⁶;
    /// - linear: min + (max − min)·(i + 1)/(n + 1), i = 0..n, strictly between the finite
    ///   values' min and max.
    ///
    /// One level (n = 1) is the middle of the range (the geometric one for log). At most
    /// `MAX_LEVELS` (more are clamped); empty when n = 0, when no value is finite, or (log) when
    /// the quantile is not positive.
    pub fn levels(&self, n: usize, log: bool) -> Vec<f64> {
        let values = self.values;
        let n = n.min(MAX_LEVELS);
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        if n == 0 || finite.is_empty() {
            return Vec::new();
        }
        // no sort: the quantile by bisection, the ends by folds (a sort or a selection of f64s
        // would add 5 to 6 KB to the page's wasm)
        let hi = kth_smallest(&finite, (finite.len() - 1) * 9 / 10);
        let min = finite.iter().copied().fold(f64::INFINITY, f64::min);
        let max = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let t = |i: usize| {
            if n == 1 {
                0.5
            } else {
                i as f64 / (n - 1) as f64
            }
        };
        if log {
            if hi <= 0.0 {
                return Vec::new();
            }
            let smallest = finite
                .iter()
                .copied()
                .filter(|&v| v > 0.0)
                .fold(hi, f64::min);
            let lo = smallest.max(hi * 1e-6);
            (0..n)
                .map(|i| lo * crate::math::pow(hi / lo, t(i)))
                .collect()
        } else {
            let of = |i: usize| (max - min) * (i + 1) as f64 / (n + 1) as f64;
            (0..n).map(|i| min + of(i)).collect()
        }
    }
}

/// The k-th smallest (from 0) of `values` in `f64::total_cmp`'s order — what sorting them
/// and taking index k gives — by bisection on their order keys (the bits of v, the sign bit
/// flipped for v ≥ 0 and every bit for v < 0, so that the keys order as the values do):
/// the smallest key with more than k values at or below it. 64 passes over the values.
/// `values` not empty, k < their count.
pub fn kth_smallest(values: &[f64], k: usize) -> f64 {
    let key = |v: &f64| {
        let b = v.to_bits();
        if b >> 63 == 1 { !b } else { b | 1 << 63 }
    };
    let (mut lo, mut hi) = (0u64, u64::MAX);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if values.iter().filter(|v| key(v) <= mid).count() > k {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    values
        .iter()
        .copied()
        .find(|v| key(v) == lo)
        .unwrap_or(f64::NAN)
}

/// The segments of one finite level over every cell (`Grid::contours`).
fn level_segments(values: &[f64], rows: usize, cols: usize, level: f64) -> Vec<Segment> {
    let mut out = Vec::new();
    for r in 0..rows.saturating_sub(1) {
        for c in 0..cols.saturating_sub(1) {
            let at = |i: usize, j: usize| values[(r + i) * cols + c + j];
            let corners = [at(0, 0), at(0, 1), at(1, 1), at(1, 0)];
            if corners.iter().all(|v| v.is_finite()) {
                cell_segments(corners, [c as f64, r as f64], level, &mut out);
            }
        }
    }
    out
}

/// The corners' offsets from the cell's top-left sample, in the order a, b, c, d (clockwise
/// from the top left): [Δcolumn, Δrow].
const CORNER: [Point; 4] = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];

/// The cell's edges as pairs of corners: top, right, bottom, left, each from its top or left
/// end, so the cell on either side of an edge finds the same crossing, bit for bit.
const EDGE: [(usize, usize); 4] = [(0, 1), (1, 2), (3, 2), (0, 3)];

/// One cell's segments: `corners` a, b, c, d (finite), `origin` its top-left sample.
fn cell_segments(corners: [f64; 4], origin: Point, level: f64, out: &mut Vec<Segment>) {
    let above = corners.map(|v| v >= level);
    let crossing = |&(i, j): &(usize, usize)| -> Option<Point> {
        if above[i] == above[j] {
            return None;
        }
        // t from corner i towards corner j (NaN only where a difference overflowed)
        let t = (level - corners[i]) / (corners[j] - corners[i]);
        let t = if t.is_nan() { 0.5 } else { t.clamp(0.0, 1.0) };
        let at = |d: usize| origin[d] + CORNER[i][d] + t * (CORNER[j][d] - CORNER[i][d]);
        Some([at(0), at(1)])
    };
    let edges: Vec<Point> = EDGE.iter().filter_map(crossing).collect();
    let mut push = |p: Point, q: Point| {
        if p != q {
            out.push([p, q]);
        }
    };
    match edges.len() {
        2 => push(edges[0], edges[1]),
        4 => {
            // a saddle cell: edges[k] is edge k (all four crossed)
            let centre: f64 = corners.iter().map(|v| v / 4.0).sum();
            if (centre >= level) == above[0] {
                // a and c join through the centre: cut off b (top, right) and d (bottom, left)
                push(edges[0], edges[1]);
                push(edges[2], edges[3]);
            } else {
                // b and d join: cut off a (left, top) and c (right, bottom)
                push(edges[3], edges[0]);
                push(edges[1], edges[2]);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
