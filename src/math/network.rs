//! The network: layers of W and b, the forward pass with its cache of Z and A, and the four
//! backprop equations (`docs/math.md`, shapes and backpropagation).
//!
//! Column convention: one example is one column. X = A[0] is (n[0] × m), W[l] is
//! (n[l] × n[l-1]), b[l] is (n[l] × 1) broadcast across the m columns.

use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::math::linalg::{matmul, matmul_nt, matmul_tn};
use crate::math::regularization::Regularization;
use ndarray::{Array2, ArrayView2};

/// One layer l: its parameters and its activation σ[l].
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// W[l]: (n[l] × n[l-1])
    pub w: Array2<f64>,
    /// b[l]: (n[l] × 1)
    pub b: Array2<f64>,
    pub activation: Activation,
}

/// A feed-forward network with its cost and the penalty on its weights. Math layer l (1..L)
/// lives at `layers[l - 1]`; the input layer 0 has no parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    pub layers: Vec<Layer>,
    pub cost: Cost,
    /// λ·R(W), added to the cost in the objective J = C + λ·R (none by default)
    pub regularization: Regularization,
}

/// Z[l] and A[l] of one layer, each (n[l] × m).
/// The size of a network, as far as work goes (`training::budget` prices it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NetSize {
    /// P, weights and biases
    pub parameters: usize,
    /// N = Σ n[l], l = 1..L: the activations one example needs
    pub units: usize,
    /// L
    pub layers: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LayerForward {
    pub z: Array2<f64>,
    pub a: Array2<f64>,
}

/// The forward cache: the input X = A[0] and (Z[l], A[l]) for l = 1..L at `layers[l - 1]`.
#[derive(Clone, Debug, PartialEq)]
pub struct ForwardCache {
    pub x: Array2<f64>,
    pub layers: Vec<LayerForward>,
}

/// δ[l] (n[l] × m, per example), dW[l] (n[l] × n[l-1]) and db[l] (n[l] × 1).
#[derive(Clone, Debug, PartialEq)]
pub struct LayerGradients {
    pub delta: Array2<f64>,
    pub dw: Array2<f64>,
    pub db: Array2<f64>,
}

/// δ, dW, db of every layer, layer l at `layers[l - 1]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradients {
    pub layers: Vec<LayerGradients>,
}

impl Layer {
    /// Z[l] = W[l]·A[l-1] + b[l],  A[l] = σ[l](Z[l]).
    /// a_prev: (n[l-1] × m) → Z, A: (n[l] × m).
    pub fn forward(&self, a_prev: ArrayView2<f64>) -> LayerForward {
        let mut z = matmul(self.w.view(), a_prev);
        z += &self.b;
        let a = self.activation.apply(z.view());
        LayerForward { z, a }
    }

    /// n[l]
    pub fn units(&self) -> usize {
        self.w.nrows()
    }

    /// n[l-1]
    pub fn inputs(&self) -> usize {
        self.w.ncols()
    }
}

impl ForwardCache {
    /// A[l] for l = 0..L (A[0] = X).
    pub fn a(&self, l: usize) -> ArrayView2<'_, f64> {
        if l == 0 {
            self.x.view()
        } else {
            self.layers[l - 1].a.view()
        }
    }

    /// A[L], the output.
    pub fn output(&self) -> ArrayView2<'_, f64> {
        self.a(self.layers.len())
    }
}

/// dW[l] = (1/m) δ[l] · A[l-1]ᵀ  and  db[l] = (1/m) Σ_columns δ[l].
/// delta: (n[l] × m), a_prev: (n[l-1] × m) → dW: (n[l] × n[l-1]), db: (n[l] × 1).
pub fn parameter_gradients(
    delta: ArrayView2<f64>,
    a_prev: ArrayView2<f64>,
) -> (Array2<f64>, Array2<f64>) {
    let m = delta.ncols() as f64;
    let dw = matmul_nt(delta, a_prev).mapv(|v| v / m);
    let db = Array2::from_shape_fn((delta.nrows(), 1), |(i, _)| {
        delta.row(i).iter().fold(0.0, |s, &d| s + d) / m
    });
    (dw, db)
}

impl Network {
    /// L, the number of layers with parameters.
    pub fn depth(&self) -> usize {
        self.layers.len()
    }

    /// n[0..L].
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![self.layers[0].inputs()];
        sizes.extend(self.layers.iter().map(Layer::units));
        sizes
    }

    /// P, N and L, for counting work (`training::budget`).
    pub fn size(&self) -> NetSize {
        NetSize {
            parameters: self.parameter_count(),
            units: self.layers.iter().map(|l| l.b.len()).sum(),
            layers: self.depth(),
        }
    }

    /// P, the number of weights and biases.
    pub fn parameter_count(&self) -> usize {
        self.layers.iter().map(|l| l.w.len() + l.b.len()).sum()
    }

    /// Layer l (1..L).
    pub fn layer(&self, l: usize) -> &Layer {
        &self.layers[l - 1]
    }

    /// The whole forward pass. x: (n[0] × m).
    pub fn forward(&self, x: ArrayView2<f64>) -> ForwardCache {
        let mut cache = ForwardCache {
            x: x.to_owned(),
            layers: Vec::with_capacity(self.depth()),
        };
        for l in 1..=self.depth() {
            let next = self.layer(l).forward(cache.a(l - 1));
            cache.layers.push(next);
        }
        cache
    }

    /// A[L] only, without keeping the cache. x: (n[0] × m) → (n[L] × m).
    pub fn predict(&self, x: ArrayView2<f64>) -> Array2<f64> {
        let mut a = x.to_owned();
        for layer in &self.layers {
            a = layer.forward(a.view()).a;
        }
        a
    }

    /// The batch cost of a forward cache against Y: (n[L] × m).
    pub fn cost_of(&self, cache: &ForwardCache, y: ArrayView2<f64>) -> f64 {
        self.cost.cost(cache.output(), y)
    }

    /// λ·R(W) over the weights of every layer (0 without regularization); the optimizers
    /// descend J = C + λ·R, C being `cost_of`.
    pub fn penalty(&self) -> f64 {
        self.layers
            .iter()
            .fold(0.0, |s, l| s + self.regularization.penalty(l.w.view()))
    }

    /// δ[l] for one layer, given δ[l+1] for a hidden layer (None for the output layer L):
    /// δ[L] = ∇_a C ⊙ σ'(Z[L]) (or its simplified / Jacobian form, see `Cost::output_error`);
    /// δ[l] = (W[l+1]ᵀ · δ[l+1]) ⊙ σ'(Z[l]).
    pub fn layer_error(
        &self,
        l: usize,
        cache: &ForwardCache,
        y: ArrayView2<f64>,
        delta_next: Option<ArrayView2<f64>>,
    ) -> Array2<f64> {
        let here = &cache.layers[l - 1];
        let activation = self.layer(l).activation;
        match delta_next {
            None => self
                .cost
                .output_error(activation, here.z.view(), here.a.view(), y),
            Some(delta_next) => {
                let back = matmul_tn(self.layer(l + 1).w.view(), delta_next);
                back * activation.derivative(here.z.view())
            }
        }
    }

    /// One backward sub-step: δ[l], then dW[l] and db[l] from it. With regularization,
    /// dW[l] = (1/m) δ[l]·A[l−1]ᵀ + λ·∂R/∂W[l] (`Regularization::gradient`).
    pub fn backward_layer(
        &self,
        l: usize,
        cache: &ForwardCache,
        y: ArrayView2<f64>,
        delta_next: Option<ArrayView2<f64>>,
    ) -> LayerGradients {
        let delta = self.layer_error(l, cache, y, delta_next);
        let (mut dw, db) = parameter_gradients(delta.view(), cache.a(l - 1));
        if self.regularization.is_active() {
            dw += &self.regularization.gradient(self.layer(l).w.view());
        }
        LayerGradients { delta, dw, db }
    }

    /// The whole backward pass, layer L down to 1. y: (n[L] × m).
    pub fn backward(&self, cache: &ForwardCache, y: ArrayView2<f64>) -> Gradients {
        let depth = self.depth();
        let mut layers: Vec<LayerGradients> = Vec::with_capacity(depth);
        for l in (1..=depth).rev() {
            let delta_next = layers.last().map(|g| g.delta.view());
            let grads = self.backward_layer(l, cache, y, delta_next);
            layers.push(grads);
        }
        layers.reverse();
        Gradients { layers }
    }

    /// True when every parameter is a finite number.
    pub fn is_finite(&self) -> bool {
        self.layers
            .iter()
            .all(|l| l.w.iter().chain(l.b.iter()).all(|v| v.is_finite()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use ndarray::array;

    /// The 2-2-2 sigmoid network of Matt Mazur, "A Step by Step Backpropagation Example"
    /// (mattmazur.com, 2015): x = (0.05, 0.10), y = (0.01, 0.99), w1..w8 = .15 .. .55,
    /// b1 = .35, b2 = .60, cost ½Σ(y − a)² (our mse with m = 1).
    pub(crate) fn mazur() -> (Network, Array2<f64>, Array2<f64>) {
        let net = Network {
            layers: vec![
                Layer {
                    w: array![[0.15, 0.20], [0.25, 0.30]],
                    b: array![[0.35], [0.35]],
                    activation: Activation::Sigmoid,
                },
                Layer {
                    w: array![[0.40, 0.45], [0.50, 0.55]],
                    b: array![[0.60], [0.60]],
                    activation: Activation::Sigmoid,
                },
            ],
            cost: Cost::Mse,
            regularization: Default::default(),
        };
        (net, array![[0.05], [0.10]], array![[0.01], [0.99]])
    }

    #[test]
    fn mazur_forward_pass_to_the_printed_digits() {
        let (net, x, y) = mazur();
        let cache = net.forward(x.view());
        // printed: net_h1 = 0.3775, out_h1 = 0.593269992, out_h2 = 0.596884378,
        // out_o1 = 0.75136507, out_o2 = 0.772928465, E_total = 0.298371109
        assert_relative_eq!(cache.layers[0].z[[0, 0]], 0.3775, max_relative = 1e-12);
        assert_relative_eq!(cache.layers[0].a[[0, 0]], 0.593269992, epsilon = 5e-10);
        assert_relative_eq!(cache.layers[0].a[[1, 0]], 0.596884378, epsilon = 5e-10);
        assert_relative_eq!(cache.layers[1].a[[0, 0]], 0.75136507, epsilon = 5e-9);
        assert_relative_eq!(cache.layers[1].a[[1, 0]], 0.772928465, epsilon = 5e-10);
        assert_relative_eq!(net.cost_of(&cache, y.view()), 0.298371109, epsilon = 5e-10);
    }

    #[test]
    fn mazur_gradients_to_the_printed_digits() {
        let (net, x, y) = mazur();
        let cache = net.forward(x.view());
        let grads = net.backward(&cache, y.view());
        // printed: ∂E/∂w5 = 0.082167041, ∂E/∂w1 = 0.000438568, ∂E/∂w2 = 0.000877135,
        // δ_o1 = 0.138498562 (their "∂E/∂net_o1")
        assert_relative_eq!(grads.layers[1].delta[[0, 0]], 0.138498562, epsilon = 5e-10);
        assert_relative_eq!(grads.layers[1].dw[[0, 0]], 0.082167041, epsilon = 5e-10);
        assert_relative_eq!(grads.layers[0].dw[[0, 0]], 0.000438568, epsilon = 5e-10);
        assert_relative_eq!(grads.layers[0].dw[[0, 1]], 0.000877135, epsilon = 5e-10);
    }

    #[test]
    fn shapes_follow_the_column_convention() {
        let net = Network {
            layers: vec![
                Layer {
                    w: Array2::zeros((3, 2)),
                    b: Array2::zeros((3, 1)),
                    activation: Activation::Tanh,
                },
                Layer {
                    w: Array2::zeros((1, 3)),
                    b: Array2::zeros((1, 1)),
                    activation: Activation::Sigmoid,
                },
            ],
            cost: Cost::Bce,
            regularization: Default::default(),
        };
        let x = Array2::zeros((2, 5));
        let y = Array2::zeros((1, 5));
        let cache = net.forward(x.view());
        assert_eq!(cache.layers[0].z.dim(), (3, 5));
        assert_eq!(cache.layers[1].a.dim(), (1, 5));
        let g = net.backward(&cache, y.view());
        assert_eq!(g.layers[0].delta.dim(), (3, 5));
        assert_eq!(g.layers[0].dw.dim(), (3, 2));
        assert_eq!(g.layers[0].db.dim(), (3, 1));
        assert_eq!(net.sizes(), vec![2, 3, 1]);
        assert_eq!(net.predict(x.view()), cache.layers[1].a);
    }

    // Hand-worked two-example batch, 1 input → 1 linear output, mse:
    // w = 2, b = 1, x = [1, 3], y = [2, 5]: z = a = [3, 7]; δ = a − y = [1, 2];
    // dW = (1/2)(1·1 + 2·3) = 3.5; db = (1/2)(1 + 2) = 1.5; cost = ½(½·1 + ½·4) = 1.25.
    #[test]
    fn gradients_are_averaged_over_the_batch_and_delta_is_per_example() {
        let net = Network {
            layers: vec![Layer {
                w: array![[2.0]],
                b: array![[1.0]],
                activation: Activation::Linear,
            }],
            cost: Cost::Mse,
            regularization: Default::default(),
        };
        let x = array![[1.0, 3.0]];
        let y = array![[2.0, 5.0]];
        let cache = net.forward(x.view());
        assert_eq!(cache.layers[0].a, array![[3.0, 7.0]]);
        assert_eq!(net.cost_of(&cache, y.view()), 1.25);
        let g = net.backward(&cache, y.view());
        assert_eq!(g.layers[0].delta, array![[1.0, 2.0]]);
        assert_eq!(g.layers[0].dw, array![[3.5]]);
        assert_eq!(g.layers[0].db, array![[1.5]]);
    }

    // A hidden relu layer, worked by hand: W1 = [[1], [-1]], b1 = 0, x = [2] → z1 = [2, −2],
    // a1 = [2, 0]; W2 = [[0.5, 0.5]], b2 = 0, linear out a2 = 1; y = 0, mse: δ2 = 1;
    // δ1 = W2ᵀ δ2 ⊙ relu'(z1) = [0.5, 0.5] ⊙ [1, 0] = [0.5, 0]; dW1 = δ1 xᵀ = [[1], [0]].
    #[test]
    fn hidden_error_is_weighted_back_and_masked_by_sigma_prime() {
        let net = Network {
            layers: vec![
                Layer {
                    w: array![[1.0], [-1.0]],
                    b: array![[0.0], [0.0]],
                    activation: Activation::Relu,
                },
                Layer {
                    w: array![[0.5, 0.5]],
                    b: array![[0.0]],
                    activation: Activation::Linear,
                },
            ],
            cost: Cost::Mse,
            regularization: Default::default(),
        };
        let cache = net.forward(array![[2.0]].view());
        let g = net.backward(&cache, array![[0.0]].view());
        assert_eq!(g.layers[1].delta, array![[1.0]]);
        assert_eq!(g.layers[0].delta, array![[0.5], [0.0]]);
        assert_eq!(g.layers[0].dw, array![[1.0], [0.0]]);
        assert_eq!(g.layers[1].dw, array![[2.0, 0.0]]);
    }

    #[test]
    fn finiteness_is_checked_in_every_parameter() {
        let (mut net, _, _) = mazur();
        assert!(net.is_finite());
        net.layers[1].b[[1, 0]] = f64::NAN;
        assert!(!net.is_finite());
        net.layers[1].b[[1, 0]] = 0.0;
        net.layers[0].w[[0, 1]] = f64::INFINITY;
        assert!(!net.is_finite());
    }
}
