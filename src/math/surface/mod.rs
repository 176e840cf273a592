//! Two-parameter test surfaces (issue 12, `docs/math.md` §test surfaces): the point (x, y) is
//! the parameter, a 2 × 1 column, and the four optimizers descend f with their own update code
//! (`optimizer::ParameterOptimizer`). Each function sits beside its gradient in
//! `functions.rs`; the contour levels are in `levels.rs`, the scenario field in `spec.rs`.

pub mod functions;
mod levels;
mod spec;
pub use levels::{LEVEL_GRID, MAX_LEVELS};
pub use spec::{
    DEFAULT_ANGLE, DEFAULT_KAPPA, MAX_ANGLE, SurfaceSpec, SurfaceSpecError, check_start,
};

use functions as fx;

/// The largest condition number κ of the bowl.
pub const MAX_KAPPA: f64 = 1e6;

/// A test function of two parameters; in files by `name()`.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Surface {
    /// f = ½ (x, y) H (x, y)ᵀ with H = R(θ) diag(1, κ) R(θ)ᵀ: eigenvalue 1 along (cos θ,
    /// sin θ) (the shallow axis) and κ along (−sin θ, cos θ) (the steep axis), so κ is the
    /// condition number; θ = `angle` in degrees, counter-clockwise from the x axis.
    /// H = [[c² + κ s², (1 − κ) c s], [(1 − κ) c s, s² + κ c²]], c = cos θ, s = sin θ.
    Bowl { kappa: f64, angle: f64 },
    /// (1 − x)² + 100 (y − x²)²
    Rosenbrock,
    /// (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²
    Beale,
    /// (x² + y − 11)² + (x + y² − 7)²
    Himmelblau,
    /// x² − y²
    Saddle,
    /// 20 + x² − 10 cos 2πx + y² − 10 cos 2πy
    Rastrigin,
}

/// What a critical point is (∇f = 0 there).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CriticalKind {
    /// a global minimum
    Minimum,
    /// a saddle point: f falls along one direction and rises along the other
    Saddle,
}

/// A known critical point (x, y) and its value f(x, y).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CriticalPoint {
    pub point: [f64; 2],
    pub value: f64,
    pub kind: CriticalKind,
}

/// The plot square: [cx − h, cx + h] × [cy − h, cy + h].
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Square {
    pub centre: [f64; 2],
    pub half_side: f64,
}

impl Square {
    /// [x_min, x_max]
    pub fn x_range(&self) -> [f64; 2] {
        [
            self.centre[0] - self.half_side,
            self.centre[0] + self.half_side,
        ]
    }

    /// [y_min, y_max]
    pub fn y_range(&self) -> [f64; 2] {
        [
            self.centre[1] - self.half_side,
            self.centre[1] + self.half_side,
        ]
    }

    /// True when p is in the square (edges included); false for a NaN.
    pub fn contains(&self, p: [f64; 2]) -> bool {
        (p[0] - self.centre[0]).abs() <= self.half_side
            && (p[1] - self.centre[1]).abs() <= self.half_side
    }

    /// The square of the same centre, its side `factor` times as long.
    pub fn scaled(&self, factor: f64) -> Square {
        Square {
            centre: self.centre,
            half_side: self.half_side * factor,
        }
    }
}

impl Surface {
    /// The order of the page's menu.
    pub const NAMES: [&'static str; 6] = [
        "bowl",
        "rosenbrock",
        "beale",
        "himmelblau",
        "saddle",
        "rastrigin",
    ];

    /// The name in scenario files.
    pub fn name(&self) -> &'static str {
        match self {
            Surface::Bowl { .. } => "bowl",
            Surface::Rosenbrock => "rosenbrock",
            Surface::Beale => "beale",
            Surface::Himmelblau => "himmelblau",
            Surface::Saddle => "saddle",
            Surface::Rastrigin => "rastrigin",
        }
    }

    /// The function by name, the bowl with the default κ and θ (`SurfaceSpec`'s).
    pub fn from_name(name: &str) -> Option<Surface> {
        Some(match name {
            "bowl" => Surface::Bowl {
                kappa: spec::DEFAULT_KAPPA,
                angle: spec::DEFAULT_ANGLE,
            },
            "rosenbrock" => Surface::Rosenbrock,
            "beale" => Surface::Beale,
            "himmelblau" => Surface::Himmelblau,
            "saddle" => Surface::Saddle,
            "rastrigin" => Surface::Rastrigin,
            _ => return None,
        })
    }

    /// f(x, y), the formula of each variant's doc comment (`functions.rs`).
    pub fn value(&self, p: [f64; 2]) -> f64 {
        let [x, y] = p;
        match *self {
            Surface::Bowl { kappa, angle } => fx::bowl(kappa, angle, x, y),
            Surface::Rosenbrock => fx::rosenbrock(x, y),
            Surface::Beale => fx::beale(x, y),
            Surface::Himmelblau => fx::himmelblau(x, y),
            Surface::Saddle => fx::saddle(x, y),
            Surface::Rastrigin => fx::rastrigin(x, y),
        }
    }

    /// ∇f(x, y) = (∂f/∂x, ∂f/∂y), derived by hand (`functions.rs`, beside each f).
    pub fn gradient(&self, p: [f64; 2]) -> [f64; 2] {
        let [x, y] = p;
        match *self {
            Surface::Bowl { kappa, angle } => fx::bowl_gradient(kappa, angle, x, y),
            Surface::Rosenbrock => fx::rosenbrock_gradient(x, y),
            Surface::Beale => fx::beale_gradient(x, y),
            Surface::Himmelblau => fx::himmelblau_gradient(x, y),
            Surface::Saddle => fx::saddle_gradient(x, y),
            Surface::Rastrigin => fx::rastrigin_gradient(x, y),
        }
    }

    /// The plot square, the common choice of the literature: the bowl [−3, 3]² (its default
    /// start at distance √7.25 ≈ 2.69 from 0 stays inside at every angle), Rosenbrock
    /// [−2, 2] × [−1, 3] (the banana and (1, 1)), Beale [−4.5, 4.5]² (its usual search
    /// domain), Himmelblau [−5, 5]² (all four minima), the saddle [−2, 2]², Rastrigin
    /// [−5.12, 5.12]² (its usual search domain).
    pub fn domain(&self) -> Square {
        let (centre, half_side) = match self {
            Surface::Bowl { .. } => ([0.0, 0.0], 3.0),
            Surface::Rosenbrock => ([0.0, 1.0], 2.0),
            Surface::Beale => ([0.0, 0.0], 4.5),
            Surface::Himmelblau => ([0.0, 0.0], 5.0),
            Surface::Saddle => ([0.0, 0.0], 2.0),
            Surface::Rastrigin => ([0.0, 0.0], 5.12),
        };
        Square { centre, half_side }
    }

    /// The default common start, and why: the bowl (u, v) = (−2.5, 1) in its eigen-coordinates,
    /// i.e. R(θ)(−2.5, 1) — far along the shallow axis, up the steep wall, the same picture
    /// at every angle; Rosenbrock (−1.2, 1), Rosenbrock's own (1960) and the classic one, on
    /// the far side of the banana from (1, 1); Beale (1, 1.5), in the flat region where the
    /// paths must bend down into the valley to (3, 0.5); Himmelblau (0, 0), between the four
    /// minima (which one each racer reaches is the lesson); the saddle (−1.5, 0.001), just off
    /// the ridge y = 0, so the unstable direction y starts almost flat; Rastrigin (−4.5, 4.5),
    /// a corner among the local minima, far from the global one.
    pub fn default_start(&self) -> [f64; 2] {
        match *self {
            Surface::Bowl { angle, .. } => {
                let (c, s) = fx::cos_sin_degrees(angle);
                let (u, v) = (-2.5, 1.0);
                [c * u - s * v, s * u + c * v]
            }
            Surface::Rosenbrock => [-1.2, 1.0],
            Surface::Beale => [1.0, 1.5],
            Surface::Himmelblau => [0.0, 0.0],
            Surface::Saddle => [-1.5, 0.001],
            Surface::Rastrigin => [-4.5, 4.5],
        }
    }

    /// True where the contours are log-spaced: the non-negative functions with a large range
    /// (bowl, Rosenbrock, Beale, Himmelblau); linear for the saddle and Rastrigin.
    pub fn log_levels(&self) -> bool {
        !matches!(self, Surface::Saddle | Surface::Rastrigin)
    }

    /// The known critical points to mark: the global minima where the literature puts them
    /// (bowl (0, 0); Rosenbrock (1, 1); Beale (3, 0.5); Himmelblau's four; Rastrigin (0, 0);
    /// all f = 0), and the saddle's saddle point (0, 0). Himmelblau's three non-integer minima
    /// are the literature's (−2.805118, 3.131312), (−3.779310, −3.283186),
    /// (3.584428, −1.848126), refined by Newton's method in 40-digit arithmetic (mpmath) and
    /// rounded to doubles.
    pub fn critical_points(&self) -> Vec<CriticalPoint> {
        let min = |x: f64, y: f64| CriticalPoint {
            point: [x, y],
            value: 0.0,
            kind: CriticalKind::Minimum,
        };
        match self {
            Surface::Bowl { .. } | Surface::Rastrigin => vec![min(0.0, 0.0)],
            Surface::Rosenbrock => vec![min(1.0, 1.0)],
            Surface::Beale => vec![min(3.0, 0.5)],
            Surface::Himmelblau => vec![
                min(3.0, 2.0),
                min(-2.805118086952745, 3.131312518250573),
                min(-3.779310253377747, -3.2831859912861696),
                min(3.5844283403304917, -1.8481265269644036),
            ],
            Surface::Saddle => vec![CriticalPoint {
                point: [0.0, 0.0],
                value: 0.0,
                kind: CriticalKind::Saddle,
            }],
        }
    }
}

#[cfg(test)]
mod tests;
