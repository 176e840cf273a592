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
                back * activation.derivative_at(here.z.view(), here.a.view())
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
mod tests;
