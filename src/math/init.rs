//! Initial weights from a seed (`docs/math.md`, initialisation): Xavier/Glorot uniform
//! U(±√(6/(n[l-1] + n[l]))) for linear, sigmoid, tanh and softmax layers, He uniform
//! U(±√(6/n[l-1])) for relu and leaky relu, biases 0; or all zeros, to show that symmetry
//! never breaks.

use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::math::network::{Layer, Network};
use crate::math::random::Random;
use ndarray::Array2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitScheme {
    /// Xavier or He by each layer's activation.
    Auto,
    Xavier,
    He,
    Zeros,
}

impl InitScheme {
    pub const ALL: [InitScheme; 4] = [
        InitScheme::Auto,
        InitScheme::Xavier,
        InitScheme::He,
        InitScheme::Zeros,
    ];

    pub fn name(self) -> &'static str {
        match self {
            InitScheme::Auto => "auto",
            InitScheme::Xavier => "xavier",
            InitScheme::He => "he",
            InitScheme::Zeros => "zeros",
        }
    }

    pub fn from_name(name: &str) -> Option<InitScheme> {
        InitScheme::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The half-width r of U(−r, r) for a layer with n_in inputs and n_out units.
    pub fn limit(self, activation: Activation, n_in: usize, n_out: usize) -> f64 {
        let xavier = (6.0 / (n_in + n_out) as f64).sqrt();
        let he = (6.0 / n_in as f64).sqrt();
        match self {
            InitScheme::Xavier => xavier,
            InitScheme::He => he,
            InitScheme::Zeros => 0.0,
            InitScheme::Auto => match activation {
                Activation::Relu | Activation::LeakyRelu => he,
                _ => xavier,
            },
        }
    }
}

/// A network of sizes n[0..L] with weights drawn from `seed`: layer by layer, row by row,
/// w = scale · r · (2u − 1) with u uniform in [0, 1); biases 0.
#[inline] // cold: built in the calling crate, for size (src/core.rs)
pub fn initialise(
    sizes: &[usize],
    activations: &[Activation],
    cost: Cost,
    scheme: InitScheme,
    scale: f64,
    seed: u64,
) -> Network {
    let mut rng = Random::new(seed);
    let layers = sizes
        .windows(2)
        .zip(activations)
        .map(|(pair, &activation)| {
            let (n_in, n_out) = (pair[0], pair[1]);
            let r = scheme.limit(activation, n_in, n_out) * scale;
            let w = Array2::from_shape_simple_fn((n_out, n_in), || r * (2.0 * rng.uniform() - 1.0));
            Layer {
                w,
                b: Array2::zeros((n_out, 1)),
                activation,
            }
        })
        .collect();
    Network {
        layers,
        cost,
        regularization: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Activation::*;

    #[test]
    fn limits_follow_the_formulas() {
        // √(6/(2+8)) = √0.6 = 0.7745966692414834, √(6/2) = 1.7320508075688772 (Python)
        assert_eq!(InitScheme::Auto.limit(Tanh, 2, 8), 0.7745966692414834);
        assert_eq!(InitScheme::Auto.limit(Relu, 2, 8), 1.7320508075688772);
        assert_eq!(InitScheme::Auto.limit(LeakyRelu, 2, 8), 1.7320508075688772);
        assert_eq!(InitScheme::Auto.limit(Softmax, 2, 8), 0.7745966692414834);
        assert_eq!(InitScheme::He.limit(Sigmoid, 2, 8), 1.7320508075688772);
        assert_eq!(InitScheme::Xavier.limit(Relu, 2, 8), 0.7745966692414834);
        assert_eq!(InitScheme::Zeros.limit(Relu, 2, 8), 0.0);
    }

    #[test]
    fn weights_fill_their_range_with_zero_biases_and_follow_the_seed() {
        let net = initialise(
            &[2, 30, 30, 1],
            &[Relu, Tanh, Sigmoid],
            Cost::Bce,
            InitScheme::Auto,
            1.0,
            7,
        );
        let r1 = 1.7320508075688772;
        let w1 = &net.layers[0].w;
        assert_eq!(w1.dim(), (30, 2));
        assert!(w1.iter().all(|v| v.abs() < r1));
        // 60 uniform draws: the extremes come close to the limits
        let max = w1.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        assert!(max > 0.8 * r1, "max |w| = {max}");
        let r2 = (6.0_f64 / 60.0).sqrt();
        assert!(net.layers[1].w.iter().all(|v| v.abs() < r2));
        assert!(net.layers.iter().all(|l| l.b.iter().all(|&b| b == 0.0)));
        let again = initialise(
            &[2, 30, 30, 1],
            &[Relu, Tanh, Sigmoid],
            Cost::Bce,
            InitScheme::Auto,
            1.0,
            7,
        );
        assert_eq!(net, again);
        let other = initialise(
            &[2, 30, 30, 1],
            &[Relu, Tanh, Sigmoid],
            Cost::Bce,
            InitScheme::Auto,
            1.0,
            8,
        );
        assert_ne!(net, other);
        let scaled = initialise(
            &[2, 30, 30, 1],
            &[Relu, Tanh, Sigmoid],
            Cost::Bce,
            InitScheme::Auto,
            3.0,
            7,
        );
        approx::assert_relative_eq!(
            scaled.layers[0].w[[4, 1]],
            3.0 * net.layers[0].w[[4, 1]],
            max_relative = 1e-15
        );
        let zeros = initialise(
            &[2, 3, 1],
            &[Tanh, Sigmoid],
            Cost::Bce,
            InitScheme::Zeros,
            1.0,
            7,
        );
        assert!(zeros.layers.iter().all(|l| l.w.iter().all(|&w| w == 0.0)));
    }
}
