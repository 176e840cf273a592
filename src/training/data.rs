//! Data sets in the column convention: X (n[0] × m), Y (n[L] × m), a train and a test part.
//! The generated ones are 2-D, drawn from a seed, inside about [−5, 5]² as in TensorFlow
//! Playground: at that size a small tanh net bends its boundary fast enough to follow a
//! spiral (drawn in [−1, 1]², the same nets sit on a plateau for hundreds of epochs).

mod features;
mod points;
pub use features::{Feature, features_of};

use crate::math::random::Random;
use ndarray::{Array2, ArrayView2};
use points::{Point, draw};

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
    #[inline] // cold: built in the calling crate, for size (src/core.rs)
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
            x: columns(&self.x, indices),
            y: columns(&self.y, indices),
            coords: columns(&self.coords, indices),
        }
    }
}

/// The columns `indices` of `m`, in that order: `m.select(Axis(1), indices)` as a plain gather
/// row by row (ndarray's `select`, general over axes and layouts, took 2 KB of the gzipped
/// wasm). Panics on an index out of range, as `select` does.
fn columns(m: &Array2<f64>, indices: &[usize]) -> Array2<f64> {
    let mut data = Vec::with_capacity(m.nrows() * indices.len());
    for row in m.rows() {
        data.extend(indices.iter().map(|&j| row[j]));
    }
    Array2::from_shape_vec((m.nrows(), indices.len()), data).expect("nrows × indices.len() numbers")
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

    #[inline] // cold: built in the calling crate, for size (src/core.rs)
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

/// Generated inputs are drawn in about [−1, 1]² and then multiplied by this radius.
pub const RADIUS: f64 = 5.0;

impl Generate {
    /// The train and test sets. The points are drawn in order of class, then shuffled with
    /// the same seed, then split: the first round(samples × train_fraction) train.
    #[inline] // cold: built in the calling crate, for size (src/core.rs)
    pub fn generate(&self) -> DataSet {
        let mut rng = Random::new(self.seed);
        let mut points = draw(self.dataset, self.samples, self.noise, &mut rng);
        rng.shuffle(&mut points);
        let n_train = train_count(self.samples, self.train_fraction);
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

/// How many of m examples train at a training share: round(m × share), from 1 to m.
pub fn train_count(m: usize, train_fraction: f64) -> usize {
    ((m as f64 * train_fraction).round() as usize).clamp(1, m.max(1))
}

/// Which of m examples (in a file's order) train and which test, by the rule a generated set
/// splits by: the examples shuffled by a generator seeded with `seed` (Fisher–Yates), the
/// first `train_count` train, the rest test; each part then back in the file's order.
#[inline] // cold: built in the calling crate, for size (src/core.rs)
pub fn split(m: usize, train_fraction: f64, seed: u64) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..m).collect();
    Random::new(seed).shuffle(&mut order);
    let n_train = train_count(m, train_fraction).min(m);
    let mut trains = vec![false; m];
    for &i in &order[..n_train] {
        trains[i] = true;
    }
    (0..m).partition(|&i| trains[i])
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
#[inline] // cold: built in the calling crate, for size (src/core.rs)
pub fn max_abs_input(x: ArrayView2<f64>) -> f64 {
    max_abs(x.iter())
}

#[cfg(test)]
mod tests;
