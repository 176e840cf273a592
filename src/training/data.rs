//! Data sets in the column convention: X (n[0] × m), Y (n[L] × m), a train and a test part.
//! The generated ones are 2-D, drawn from a seed, inside about [−5, 5]² as in TensorFlow
//! Playground: at that size a small tanh net bends its boundary fast enough to follow a
//! spiral (drawn in [−1, 1]², the same nets sit on a plateau for hundreds of epochs).

use crate::math::random::Random;
use ndarray::{Array2, ArrayView2, Axis};
use std::f64::consts::PI;

/// Examples of one set: X (n[0] × m) and Y (n[L] × m), column j is example j.
#[derive(Clone, Debug, PartialEq)]
pub struct Examples {
    pub x: Array2<f64>,
    pub y: Array2<f64>,
    /// where each example sits in the plane the page draws, (2 × m): (x1, x2) before any
    /// feature is computed from them
    pub coords: Array2<f64>,
}

impl Examples {
    /// Examples whose first two inputs are their place in the plane (a second 0 if n[0] = 1).
    pub fn new(x: Array2<f64>, y: Array2<f64>) -> Examples {
        let coords =
            Array2::from_shape_fn(
                (2, x.ncols()),
                |(i, j)| if i < x.nrows() { x[[i, j]] } else { 0.0 },
            );
        Examples { x, y, coords }
    }

    /// m
    pub fn len(&self) -> usize {
        self.x.ncols()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The columns `indices`, in that order: (X, Y) of a mini-batch.
    pub fn select(&self, indices: &[usize]) -> Examples {
        Examples {
            x: self.x.select(Axis(1), indices),
            y: self.y.select(Axis(1), indices),
            coords: self.coords.select(Axis(1), indices),
        }
    }
}

/// The train set and, when there is one, the test set.
#[derive(Clone, Debug, PartialEq)]
pub struct DataSet {
    pub train: Examples,
    pub test: Option<Examples>,
}

/// What a generated data set asks the network to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// labels 0/1: one sigmoid output, or two softmax outputs (one-hot)
    Binary,
    /// one-hot over three classes: three softmax outputs
    ThreeClass,
    /// a real value: one output, mse
    Regression,
}

/// The generated data sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dataset {
    Circle,
    Xor,
    Gaussian,
    Spiral,
    Moons,
    Spiral3,
    Blobs3,
    Plane,
    Sine,
}

impl Dataset {
    pub const ALL: [Dataset; 9] = [
        Dataset::Circle,
        Dataset::Xor,
        Dataset::Gaussian,
        Dataset::Spiral,
        Dataset::Moons,
        Dataset::Spiral3,
        Dataset::Blobs3,
        Dataset::Plane,
        Dataset::Sine,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Dataset::Circle => "circle",
            Dataset::Xor => "xor",
            Dataset::Gaussian => "gaussian",
            Dataset::Spiral => "spiral",
            Dataset::Moons => "moons",
            Dataset::Spiral3 => "spiral3",
            Dataset::Blobs3 => "blobs3",
            Dataset::Plane => "plane",
            Dataset::Sine => "sine",
        }
    }

    pub fn from_name(name: &str) -> Option<Dataset> {
        Dataset::ALL.into_iter().find(|d| d.name() == name)
    }

    pub fn task(self) -> Task {
        match self {
            Dataset::Spiral3 | Dataset::Blobs3 => Task::ThreeClass,
            Dataset::Plane | Dataset::Sine => Task::Regression,
            _ => Task::Binary,
        }
    }

    /// The numbers of output units this data set can feed: its labels as they are, or one-hot.
    pub fn output_sizes(self) -> &'static [usize] {
        match self.task() {
            Task::Binary => &[1, 2],
            Task::ThreeClass => &[3],
            Task::Regression => &[1],
        }
    }

    /// Number of classes (1 for regression).
    pub fn classes(self) -> usize {
        match self.task() {
            Task::Binary => 2,
            Task::ThreeClass => 3,
            Task::Regression => 1,
        }
    }
}

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
pub fn features_of(coords: ArrayView2<f64>, features: &[Feature]) -> Array2<f64> {
    Array2::from_shape_fn((features.len(), coords.ncols()), |(i, j)| {
        features[i].of(coords[[0, j]], coords[[1, j]])
    })
}

/// How to generate a data set.
#[derive(Clone, Debug, PartialEq)]
pub struct Generate {
    pub dataset: Dataset,
    /// train + test examples
    pub samples: usize,
    /// the standard deviation of the Gaussian jitter added to each input (classification,
    /// as a fraction of the data's radius `RADIUS`) or to the target (regression)
    pub noise: f64,
    /// the share of the samples used for training; the rest is the test set
    pub train_fraction: f64,
    pub seed: u64,
    /// one multiplier per input, applied last (e.g. [1, 100] for badly scaled features)
    pub input_scale: Option<Vec<f64>>,
    /// n[L]: 1 for a 0/1 label or a value, the number of classes for one-hot labels
    pub outputs: usize,
    /// the inputs computed from each point (x1, x2 by default)
    pub features: Vec<Feature>,
}

/// One clean point and its class (or value, for regression).
type Point = ([f64; 2], f64);

/// Generated inputs are drawn in about [−1, 1]² and then multiplied by this radius.
pub const RADIUS: f64 = 5.0;

impl Generate {
    /// The train and test sets. The points are drawn in order of class, then shuffled with
    /// the same seed, then split: the first round(samples × train_fraction) train.
    pub fn generate(&self) -> DataSet {
        let mut rng = Random::new(self.seed);
        let mut points = draw(self.dataset, self.samples, self.noise, &mut rng);
        rng.shuffle(&mut points);
        let n_train =
            ((self.samples as f64 * self.train_fraction).round() as usize).clamp(1, self.samples);
        let scale = self.input_scale.clone().unwrap_or_else(|| vec![1.0, 1.0]);
        let to_examples = |points: &[Point]| {
            let m = points.len();
            let coords = Array2::from_shape_fn((2, m), |(i, j)| points[j].0[i] * RADIUS * scale[i]);
            let x = features_of(coords.view(), &self.features);
            let y = Array2::from_shape_fn((self.outputs, m), |(i, j)| {
                let label = points[j].1;
                if self.outputs == 1 {
                    label
                } else {
                    f64::from(label as usize == i)
                }
            });
            Examples { x, y, coords }
        };
        let train = to_examples(&points[..n_train]);
        let test = (n_train < self.samples).then(|| to_examples(&points[n_train..]));
        DataSet { train, test }
    }
}

/// `samples` points of the data set, class by class (classes as even as they can be).
fn draw(dataset: Dataset, samples: usize, noise: f64, rng: &mut Random) -> Vec<Point> {
    let classes = dataset.classes();
    let mut points = Vec::with_capacity(samples);
    for class in 0..classes {
        let n = samples / classes + usize::from(class < samples % classes);
        for i in 0..n {
            let t = (i as f64 + 0.5) / n as f64;
            points.push(point(dataset, class, t, rng));
        }
    }
    if dataset.task() == Task::Regression {
        for p in &mut points {
            p.1 += noise * rng.normal();
        }
    } else {
        for p in &mut points {
            p.0[0] += noise * rng.normal();
            p.0[1] += noise * rng.normal();
        }
    }
    points
}

/// One clean point of `class`; t ∈ (0, 1) is its position along the class (for spirals).
fn point(dataset: Dataset, class: usize, t: f64, rng: &mut Random) -> Point {
    let label = class as f64;
    match dataset {
        // class 1 inside radius 0.5, class 0 in the ring 0.7 .. 1.0
        Dataset::Circle => {
            let r = if class == 1 {
                rng.uniform_in(0.0, 0.5)
            } else {
                rng.uniform_in(0.7, 1.0)
            };
            let angle = rng.uniform_in(0.0, 2.0 * PI);
            ([r * libm::sin(angle), r * libm::cos(angle)], label)
        }
        // label 1 where x1·x2 > 0; points kept 0.05 away from the axes
        Dataset::Xor => {
            let pad = |v: f64| if v >= 0.0 { v + 0.05 } else { v - 0.05 };
            let (x1, x2) = (
                pad(rng.uniform_in(-0.95, 0.95)),
                pad(rng.uniform_in(-0.95, 0.95)),
            );
            let x2 = if (x1 * x2 > 0.0) == (class == 1) {
                x2
            } else {
                -x2
            };
            ([x1, x2], label)
        }
        // two round blobs of spread 0.15 at ±(0.4, 0.4)
        Dataset::Gaussian => {
            let c = if class == 1 { 0.4 } else { -0.4 };
            ([c + 0.15 * rng.normal(), c + 0.15 * rng.normal()], label)
        }
        // arms of 1.25 turns from the centre out to radius 1, each arm turned by 2π/classes
        Dataset::Spiral | Dataset::Spiral3 => {
            let turns = 1.25;
            let classes = dataset.classes() as f64;
            let angle = turns * 2.0 * PI * t + 2.0 * PI * label / classes;
            ([t * libm::sin(angle), t * libm::cos(angle)], label)
        }
        // sklearn's two moons, centred and scaled into [−1, 1] × [−0.5, 0.5]
        Dataset::Moons => {
            let a = rng.uniform_in(0.0, PI);
            let (x, y) = if class == 0 {
                (libm::cos(a), libm::sin(a))
            } else {
                (1.0 - libm::cos(a), 0.5 - libm::sin(a))
            };
            ([(x - 0.5) / 1.5, (y - 0.25) / 1.5], label)
        }
        // three blobs of spread 0.15 on a circle of radius 0.55
        Dataset::Blobs3 => {
            let angle = PI / 2.0 + 2.0 * PI * label / 3.0;
            let (cx, cy) = (0.55 * libm::cos(angle), 0.55 * libm::sin(angle));
            ([cx + 0.15 * rng.normal(), cy + 0.15 * rng.normal()], label)
        }
        // y = (x1 + x2) / 2
        Dataset::Plane => {
            let (x1, x2) = (rng.uniform_in(-1.0, 1.0), rng.uniform_in(-1.0, 1.0));
            ([x1, x2], (x1 + x2) / 2.0)
        }
        // y = 0.8 · sin(π x1) · cos(π x2 / 2)
        Dataset::Sine => {
            let (x1, x2) = (rng.uniform_in(-1.0, 1.0), rng.uniform_in(-1.0, 1.0));
            (
                [x1, x2],
                0.8 * libm::sin(PI * x1) * libm::cos(PI * x2 / 2.0),
            )
        }
    }
}

/// The largest |v| of the finite numbers among `values` (0 if none): the half-width of a
/// symmetric colour scale, or of the square a page shows.
pub fn max_abs<'a>(values: impl IntoIterator<Item = &'a f64>) -> f64 {
    values.into_iter().fold(
        0.0,
        |m: f64, v| if v.is_finite() { m.max(v.abs()) } else { m },
    )
}

/// The largest |x| of any finite input in these examples (for the square a page shows).
pub fn max_abs_input(x: ArrayView2<f64>) -> f64 {
    max_abs(x.iter())
}

#[cfg(test)]
mod tests;
