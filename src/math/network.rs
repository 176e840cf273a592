//! The network: layers of W and b, the forward pass with its cache of Z and A, and the four
//! backprop equations (`docs/math.md`, shapes and backpropagation).
//!
//! Column convention: one example is one column. X = A[0] is (n[0] × m), W[l] is
//! (n[l] × n[l-1]), b[l] is (n[l] × 1) broadcast across the m columns.

use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::math::linalg::{copy_row, gemm, matmul_into, shaped};
use crate::math::regularization::Regularization;
use ndarray::{Array2, ArrayView2};

/// One layer l: its parameters and its activation σ[l].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Layer {
    /// W[l]: (n[l] × n[l-1])
    pub w: Array2<f64>,
    /// b[l]: (n[l] × 1)
    pub b: Array2<f64>,
    pub activation: Activation,
}

/// A feed-forward network with its cost and the penalty on its weights. Math layer l (1..L)
/// lives at `layers[l - 1]`; the input layer 0 has no parameters.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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

#[derive(Clone, Debug, PartialEq, Default)]
pub struct LayerForward {
    pub z: Array2<f64>,
    pub a: Array2<f64>,
}

/// The forward cache: the input X = A[0] and (Z[l], A[l]) for l = 1..L at `layers[l - 1]`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ForwardCache {
    pub x: Array2<f64>,
    pub layers: Vec<LayerForward>,
}

/// δ[l] (n[l] × m, per example), dW[l] (n[l] × n[l-1]) and db[l] (n[l] × 1).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LayerGradients {
    pub delta: Array2<f64>,
    pub dw: Array2<f64>,
    pub db: Array2<f64>,
}

/// δ, dW, db of every layer, layer l at `layers[l - 1]`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Gradients {
    pub layers: Vec<LayerGradients>,
}

impl Layer {
    /// Z[l] = W[l]·A[l-1] + b[l],  A[l] = σ[l](Z[l]).
    /// a_prev: (n[l-1] × m) → Z, A: (n[l] × m).
    pub fn forward(&self, a_prev: ArrayView2<f64>) -> LayerForward {
        let mut out = LayerForward::default();
        self.forward_into(a_prev, &mut out, &mut Vec::new());
        out
    }

    /// `forward` into `out`, whose matrices are reused when their shape fits.
    pub fn forward_into(
        &self,
        a_prev: ArrayView2<f64>,
        out: &mut LayerForward,
        scratch: &mut Vec<f64>,
    ) {
        matmul_into(self.w.view(), a_prev, &mut out.z, scratch);
        let (n, m) = out.z.dim();
        let z = out.z.as_slice_mut().expect("standard layout");
        self.bias_and_activation(z, shaped(&mut out.a, n, m), m);
    }

    /// Z += b (each row i gets b_i) and A = σ(Z), one row at a time while it is in cache.
    /// z, a: (n[l] × m) row-major.
    fn bias_and_activation(&self, z: &mut [f64], a: &mut [f64], m: usize) {
        let b = self.b.as_slice().expect("b is a column");
        for ((z_row, a_row), &b_i) in z.chunks_exact_mut(m).zip(a.chunks_exact_mut(m)).zip(b) {
            z_row.iter_mut().for_each(|v| *v += b_i);
            self.activation.apply_row(z_row, a_row);
        }
        if self.activation == Activation::Softmax {
            let z = ArrayView2::from_shape((b.len(), m), &*z).expect("shape");
            a.copy_from_slice(
                self.activation
                    .apply(z)
                    .as_slice()
                    .expect("standard layout"),
            );
        }
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
    let (mut dw, mut db) = (Array2::zeros((0, 0)), Array2::zeros((0, 0)));
    parameter_gradients_into(delta, a_prev, (&mut dw, &mut db), &mut Vec::new());
    (dw, db)
}

/// `parameter_gradients` into dW and db (memory reused when the shapes fit).
fn parameter_gradients_into(
    delta: ArrayView2<f64>,
    a_prev: ArrayView2<f64>,
    (dw, db): (&mut Array2<f64>, &mut Array2<f64>),
    scratch: &mut Vec<f64>,
) {
    let m = delta.ncols() as f64;
    matmul_into(delta, a_prev.t(), dw, scratch);
    dw.mapv_inplace(|v| v / m);
    let db = shaped(db, delta.nrows(), 1);
    for (d, row) in db.iter_mut().zip(delta.rows()) {
        *d = row.iter().fold(0.0, |s, &d| s + d) / m;
    }
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
        let mut cache = ForwardCache::default();
        self.forward_into(x, &mut cache, &mut Vec::new());
        cache
    }

    /// `forward` into `cache`, whose matrices are reused when their shapes fit: a racer's
    /// batches allocate nothing once the first has sized them.
    pub fn forward_into(
        &self,
        x: ArrayView2<f64>,
        cache: &mut ForwardCache,
        scratch: &mut Vec<f64>,
    ) {
        if cache.x.dim() == x.dim() && cache.x.strides() == x.strides() {
            cache.x.assign(&x);
        } else {
            cache.x = x.to_owned();
        }
        cache
            .layers
            .resize_with(self.depth(), LayerForward::default);
        for l in 1..=self.depth() {
            let (before, here) = cache.layers.split_at_mut(l - 1);
            let a_prev = before.last().map_or(cache.x.view(), |p| p.a.view());
            self.layer(l).forward_into(a_prev, &mut here[0], scratch);
        }
    }

    /// A[L] only, without keeping the cache. x: (n[0] × m) → (n[L] × m).
    ///
    /// Columns are independent, so the pass runs on blocks of 256 of them, each through every
    /// layer while its numbers are in cache; the numbers are those of `forward`.
    pub fn predict(&self, x: ArrayView2<f64>) -> Array2<f64> {
        const BLOCK: usize = 256;
        let (n_in, m) = x.dim();
        let n_out = self.layers.last().map_or(n_in, Layer::units);
        let mut out = Array2::zeros((n_out, m));
        let (mut a, mut z, mut next) = (Vec::new(), Vec::new(), Vec::new());
        for j0 in (0..m).step_by(BLOCK) {
            let cols = (j0 + BLOCK).min(m) - j0;
            a.resize(n_in * cols, 0.0);
            let block = x.slice(ndarray::s![.., j0..j0 + cols]);
            for (out, row) in a.chunks_exact_mut(cols).zip(block.rows()) {
                copy_row(row, out);
            }
            for layer in &self.layers {
                let (n, k) = layer.w.dim();
                z.resize(n * cols, 0.0);
                next.resize(n * cols, 0.0);
                gemm(
                    n,
                    k,
                    cols,
                    layer.w.as_slice().expect("W row-major"),
                    &a,
                    &mut z,
                );
                layer.bias_and_activation(&mut z, &mut next, cols);
                std::mem::swap(&mut a, &mut next);
            }
            let block = ArrayView2::from_shape((n_out, cols), &a).expect("shape");
            out.slice_mut(ndarray::s![.., j0..j0 + cols]).assign(&block);
        }
        out
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
        let mut delta = Array2::zeros((0, 0));
        self.layer_error_into(l, cache, y, delta_next, &mut delta, &mut Vec::new());
        delta
    }

    /// `layer_error` into `delta` (memory reused when the shape fits).
    fn layer_error_into(
        &self,
        l: usize,
        cache: &ForwardCache,
        y: ArrayView2<f64>,
        delta_next: Option<ArrayView2<f64>>,
        delta: &mut Array2<f64>,
        scratch: &mut Vec<f64>,
    ) {
        let here = &cache.layers[l - 1];
        let activation = self.layer(l).activation;
        match delta_next {
            None if self.cost.simplifies_with(activation) => {
                let (n, m) = here.a.dim();
                shaped(delta, n, m);
                ndarray::Zip::from(&mut *delta)
                    .and(&here.a)
                    .and(&y)
                    .for_each(|d, &a, &y| *d = a - y);
            }
            None => {
                *delta = self
                    .cost
                    .output_error(activation, here.z.view(), here.a.view(), y)
            }
            Some(delta_next) => {
                matmul_into(self.layer(l + 1).w.t(), delta_next, delta, scratch);
                activation.times_derivative(delta, here.z.view(), here.a.view());
            }
        }
    }

    /// One backward sub-step: δ[l], then dW[l] and db[l] from it. With regularization,
    /// dW[l] = (1/m) δ[l]·A[l−1]ᵀ + λ·∂R/∂W[l] (`Regularization::add_gradient`).
    pub fn backward_layer(
        &self,
        l: usize,
        cache: &ForwardCache,
        y: ArrayView2<f64>,
        delta_next: Option<ArrayView2<f64>>,
    ) -> LayerGradients {
        let mut g = LayerGradients::default();
        self.backward_layer_into(l, cache, y, delta_next, &mut g, &mut Vec::new());
        g
    }

    /// `backward_layer` into `g` (memory reused when the shapes fit).
    fn backward_layer_into(
        &self,
        l: usize,
        cache: &ForwardCache,
        y: ArrayView2<f64>,
        delta_next: Option<ArrayView2<f64>>,
        g: &mut LayerGradients,
        scratch: &mut Vec<f64>,
    ) {
        self.layer_error_into(l, cache, y, delta_next, &mut g.delta, scratch);
        let LayerGradients { delta, dw, db } = g;
        parameter_gradients_into(delta.view(), cache.a(l - 1), (dw, db), scratch);
        if self.regularization.is_active() {
            self.regularization
                .add_gradient(self.layer(l).w.view(), &mut g.dw);
        }
    }

    /// The whole backward pass, layer L down to 1. y: (n[L] × m).
    pub fn backward(&self, cache: &ForwardCache, y: ArrayView2<f64>) -> Gradients {
        let mut grads = Gradients::default();
        self.backward_into(cache, y, &mut grads, &mut Vec::new());
        grads
    }

    /// `backward` into `grads`, whose matrices are reused when their shapes fit.
    pub fn backward_into(
        &self,
        cache: &ForwardCache,
        y: ArrayView2<f64>,
        grads: &mut Gradients,
        scratch: &mut Vec<f64>,
    ) {
        let depth = self.depth();
        grads.layers.resize_with(depth, LayerGradients::default);
        for l in (1..=depth).rev() {
            let (here, after) = grads.layers.split_at_mut(l);
            let delta_next = after.first().map(|g| g.delta.view());
            self.backward_layer_into(l, cache, y, delta_next, &mut here[l - 1], scratch);
        }
    }

    /// True when every parameter is a finite number.
    pub fn is_finite(&self) -> bool {
        use crate::math::linalg::finite;
        self.layers.iter().all(|l| finite(&l.w) && finite(&l.b))
    }
}

#[cfg(test)]
mod tests;
