//! Features: the inputs (the n[0] rows of X) computed from each point (x1, x2).

use ndarray::{Array2, ArrayView2};

/// An input computed from a point (x1, x2), as TensorFlow Playground offers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    X1,
    X2,
    X1Squared,
    X2Squared,
    X1X2,
    SinX1,
    SinX2,
}

impl Feature {
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// The name in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Squared => "x1^2",
            Feature::X2Squared => "x2^2",
            Feature::X1X2 => "x1x2",
            Feature::SinX1 => "sin_x1",
            Feature::SinX2 => "sin_x2",
        }
    }

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            Feature::X1 => "x₁",
            Feature::X2 => "x₂",
            Feature::X1Squared => "x₁²",
            Feature::X2Squared => "x₂²",
            Feature::X1X2 => "x₁x₂",
            Feature::SinX1 => "sin x₁",
            Feature::SinX2 => "sin x₂",
        }
    }

    #[inline] // cold: built in the calling crate, for size (src/core.rs)
    pub fn from_name(name: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Its value at (x1, x2).
    pub fn of(self, x1: f64, x2: f64) -> f64 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Squared => x1 * x1,
            Feature::X2Squared => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => libm::sin(x1),
            Feature::SinX2 => libm::sin(x2),
        }
    }
}

/// The inputs (n[0] = features.len() × m) computed from points (2 × m).
#[inline] // cold: built in the calling crate, for size (src/core.rs)
pub fn features_of(coords: ArrayView2<f64>, features: &[Feature]) -> Array2<f64> {
    Array2::from_shape_fn((features.len(), coords.ncols()), |(i, j)| {
        features[i].of(coords[[0, j]], coords[[1, j]])
    })
}
