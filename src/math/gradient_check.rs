//! Central-difference gradient check: ∂J/∂p ≈ (J(p + ε) − J(p − ε)) / 2ε for every parameter,
//! to compare with what backprop computes. J = C + λ·R(W) is the objective the optimizers
//! descend: the cost itself when there is no regularization.

use crate::math::network::Network;
use ndarray::{Array2, ArrayView2};

/// Numerical dW and db of every layer, `layers[l - 1]` = (dW[l], db[l]).
/// x: (n[0] × m), y: (n[L] × m).
pub fn numerical_gradients(
    net: &Network,
    x: ArrayView2<f64>,
    y: ArrayView2<f64>,
    epsilon: f64,
) -> Vec<(Array2<f64>, Array2<f64>)> {
    let mut probe = net.clone();
    (0..net.depth())
        .map(|i| {
            let dw = numerical_for(&mut probe, x, y, epsilon, i, false);
            let db = numerical_for(&mut probe, x, y, epsilon, i, true);
            (dw, db)
        })
        .collect()
}

fn numerical_for(
    probe: &mut Network,
    x: ArrayView2<f64>,
    y: ArrayView2<f64>,
    epsilon: f64,
    layer: usize,
    bias: bool,
) -> Array2<f64> {
    let dim = if bias {
        probe.layers[layer].b.raw_dim()
    } else {
        probe.layers[layer].w.raw_dim()
    };
    let mut out = Array2::zeros(dim);
    for idx in ndarray::indices(dim) {
        out[idx] = numerical_one(probe, x, y, epsilon, layer + 1, bias, idx);
    }
    out
}

/// (J(p + ε) − J(p − ε)) / 2ε for one parameter p: W[l]_(i,j), or b[l]_i when `bias`
/// (`idx` = (i, 0)). `probe` is left as it was.
pub fn numerical_one(
    probe: &mut Network,
    x: ArrayView2<f64>,
    y: ArrayView2<f64>,
    epsilon: f64,
    layer: usize,
    bias: bool,
    idx: (usize, usize),
) -> f64 {
    let index = layer - 1;
    let cost_at = |probe: &mut Network, value: f64| {
        let p = if bias {
            &mut probe.layers[index].b
        } else {
            &mut probe.layers[index].w
        };
        p[idx] = value;
        probe.cost.cost(probe.predict(x).view(), y) + probe.penalty()
    };
    let p0 = if bias {
        probe.layers[index].b[idx]
    } else {
        probe.layers[index].w[idx]
    };
    let plus = cost_at(probe, p0 + epsilon);
    let minus = cost_at(probe, p0 - epsilon);
    cost_at(probe, p0);
    (plus - minus) / (2.0 * epsilon)
}

/// The relative error |a − b| / max(|a|, |b|, tiny) used to judge a gradient check:
/// below 1e-7 is right, above 1e-3 is wrong.
pub fn relative_error(a: f64, b: f64) -> f64 {
    let scale = a.abs().max(b.abs());
    if scale < 1e-12 {
        (a - b).abs()
    } else {
        (a - b).abs() / scale
    }
}
