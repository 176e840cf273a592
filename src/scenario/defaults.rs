//! What an omitted field of a scenario file means (docs/scenario.md): one place for every
//! default the checker fills in. The optimizers' own defaults (α, β, β1, β2, ε) live with
//! them (`OptimizerKind::defaults`), the penalty's rate with the penalty (`DEFAULT_RATE`).

use crate::math::init::InitScheme;
use crate::training::data::Feature;

/// examples in one mini-batch
pub const BATCH_SIZE: usize = 32;
/// epochs the command-line tool runs
pub const EPOCHS: usize = 100;
/// reshuffle the training set every epoch
pub const SHUFFLE: bool = true;
/// any seed: data, init, shuffling
pub const SEED: u64 = 0;
/// examples a generated data set has, training and test together
pub const SAMPLES: usize = 500;
/// the noise of a generated data set
pub const NOISE: f64 = 0.05;
/// the share of a generated data set that trains
pub const TRAIN_FRACTION: f64 = 0.8;
/// the inputs computed from each point of a generated data set: the point itself
pub const FEATURES: [Feature; 2] = [Feature::X1, Feature::X2];
/// how the initial weights are drawn: Xavier or He by each layer's activation
pub const INIT_SCHEME: InitScheme = InitScheme::Auto;
/// the factor on the initial weights' spread
pub const INIT_SCALE: f64 = 1.0;
