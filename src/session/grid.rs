//! The network over the input square and at any points: the boundary plots, the diagram's
//! unit pictures and `predictPoints`, each within one call's work.

use super::*;
use crate::scenario::view::Square;

/// The largest grid `predict_grid` draws (a side of 1024 is 1M points), if its work fits
/// in `budget::MAX_CALL_WORK`.
pub const MAX_GRID: usize = 1024;

/// The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is ≥ v.
pub(super) fn nice_ceiling(v: f64) -> f64 {
    let p = crate::math::pow(10.0, libm::log10(v).floor());
    for m in [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if m * p >= v {
            return m * p;
        }
    }
    10.0 * p
}

impl Session {
    /// The side of a grid that a drawing may afford with `work` units (`budget`): `wanted`,
    /// or less on a large net, and at least 8.
    pub fn affordable_side(&self, wanted: usize, work: f64) -> usize {
        let per_point = budget::predict(1, self.focused().network.size());
        let side = (work / per_point).sqrt() as usize;
        wanted.min(side).max(8)
    }

    /// The input square the page shows: the view's `square` when the scenario has one (its
    /// own data, fitted or drawn on), else [−r, r]² around 0 with r the data's largest |x|
    /// with a margin, rounded up to a round number (`fitted_radius`).
    pub fn view_square(&self) -> Square {
        Square::of_view(&self.base.view).unwrap_or(Square {
            center: [0.0, 0.0],
            radius: self.fitted_radius(),
        })
    }

    /// Half the side of the square the page shows (`view_square`).
    pub fn view_radius(&self) -> f64 {
        self.view_square().radius
    }

    /// r of [−r, r]² around the data: their largest |x| × 1.15 (at least 1), rounded up to a
    /// round number.
    fn fitted_radius(&self) -> f64 {
        let data = &self.stepper.race.data;
        let mut max = max_abs_input(data.train.coords.view());
        if let Some(t) = &data.test {
            max = max.max(max_abs_input(t.coords.view()));
        }
        nice_ceiling((max * 1.15).max(1.0))
    }

    /// The grid's inputs, (n[0] × res²), points as in `predict_grid`: the features of the
    /// data at each point, or (x1, x2, 0, …) for explicit data without features.
    pub(super) fn grid_inputs(&self, resolution: usize, n_in: usize) -> Array2<f64> {
        let Square {
            center: [c1, c2],
            radius: r,
        } = self.view_square();
        let cell = 2.0 * r / resolution as f64;
        let points = resolution * resolution;
        let coords = Array2::from_shape_fn((2, points), |(row, p)| {
            let (i, j) = (p / resolution, p % resolution);
            if row == 0 {
                c1 + (-r + (j as f64 + 0.5) * cell)
            } else {
                c2 + (r - (i as f64 + 0.5) * cell)
            }
        });
        match &self.base.data {
            crate::scenario::Data::Generated(g) => {
                crate::training::data::features_of(coords.view(), &g.features)
            }
            crate::scenario::Data::Explicit { features, .. } if !features.is_empty() => {
                crate::training::data::features_of(coords.view(), features)
            }
            crate::scenario::Data::Explicit { .. } => Array2::from_shape_fn(
                (n_in, points),
                |(row, p)| if row < 2 { coords[[row, p]] } else { 0.0 },
            ),
        }
    }

    /// A[l] of every layer l = 0..L of racer `kind` over the grid of `predict_grid`, each
    /// (n[l] × res²): what each unit computes across the input square (the network diagram).
    pub fn unit_grids(
        &self,
        resolution: usize,
        kind: OptimizerKind,
    ) -> Result<Vec<Array2<f64>>, SessionError> {
        self.check_grid(resolution, "unit grids")?;
        let net = &self.racer(kind).network;
        let cache = net.forward(self.grid_inputs(resolution, net.sizes()[0]).view());
        let mut out = vec![cache.x];
        out.extend(cache.layers.into_iter().map(|l| l.a));
        Ok(out)
    }

    /// The output of racer `kind` over a `resolution` × `resolution` grid of the input square
    /// (`view_square`, centre (c1, c2), pixel centres): point (row i, column j) is at
    /// x1 = c1 + (−r + (j + ½)·2r/res) (column 0 at the left, smallest x1),
    /// x2 = c2 + (r − (i + ½)·2r/res) (row 0 at the top, largest x2). Returns
    /// n[L] numbers per point, points row by row. Inputs beyond the first two are 0.
    pub fn predict_grid(
        &self,
        resolution: usize,
        kind: OptimizerKind,
    ) -> Result<Vec<f64>, SessionError> {
        self.network_only("predictGrid()")?;
        self.check_grid(resolution, "predictGrid")?;
        let net = &self.racer(kind).network;
        let out = net.predict(self.grid_inputs(resolution, net.sizes()[0]).view());
        // (n[L] × points) → point-major
        Ok(out.t().iter().copied().collect())
    }

    /// The largest grid side whose prediction fits in one call's work.
    pub fn max_grid(&self) -> usize {
        let points = budget::max_points(self.focused().network.size());
        ((points as f64).sqrt() as usize).clamp(1, MAX_GRID)
    }

    pub(super) fn check_grid(&self, resolution: usize, call: &str) -> Result<(), SessionError> {
        if resolution == 0 || resolution > MAX_GRID {
            return Err(SessionError::Resolution {
                got: resolution,
                max: MAX_GRID,
            });
        }
        let max = self.max_grid();
        if resolution > max {
            return Err(TooMuchWork {
                call: format!("{call}({resolution})"),
                work: budget::predict(resolution * resolution, self.focused().network.size()),
                hint: format!("at most a {max} × {max} grid on this network"),
            }
            .into());
        }
        Ok(())
    }

    /// The most points one `predict_points` call takes on racer `kind`'s network.
    pub fn max_points(&self, kind: OptimizerKind) -> usize {
        budget::max_points(self.racer(kind).network.size()).min(MAX_GRID * MAX_GRID)
    }

    /// n[0], the numbers per point `predict_points` takes.
    pub fn inputs(&self) -> usize {
        self.focused().network.sizes()[0]
    }

    /// The output of racer `kind` at any points given as the network's inputs: `points` holds
    /// n[0] numbers per point, point after point; the result n[L] numbers per point. At most
    /// `MAX_GRID`² points.
    pub fn predict_points(
        &self,
        points: &[f64],
        kind: OptimizerKind,
    ) -> Result<Vec<f64>, SessionError> {
        self.network_only("predictPoints()")?;
        let net = &self.racer(kind).network;
        let inputs = net.sizes()[0];
        let max = self.max_points(kind);
        if !points.len().is_multiple_of(inputs) {
            return Err(SessionError::Points {
                got: points.len(),
                inputs,
                max,
            });
        }
        if points.len() / inputs > max {
            return Err(TooMuchWork {
                call: format!("predictPoints of {} points", points.len() / inputs),
                work: budget::predict(points.len() / inputs, net.size()),
                hint: format!("at most {max} points per call on this network"),
            }
            .into());
        }
        let m = points.len() / inputs;
        // point-major (m × n[0]) seen as (n[0] × m), one column per point, without a copy
        let x = ArrayView2::from_shape((m, inputs), points)
            .expect("a whole number of points")
            .reversed_axes();
        let out = net.predict(x);
        // (n[L] × m) → point-major: with one output, the row as it is (`predict` makes a new
        // array, row-major from index 0)
        Ok(if out.nrows() == 1 && out.is_standard_layout() {
            let (row, first) = out.into_raw_vec_and_offset();
            debug_assert!(
                first.unwrap_or(0) == 0,
                "a new array starts at its memory's start"
            );
            row
        } else {
            out.t().iter().copied().collect()
        })
    }
}
