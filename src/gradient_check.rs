//! Central-difference gradient check: ∂J/∂p ≈ (J(p + ε) − J(p − ε)) / 2ε for every parameter,
//! to compare with what backprop computes. J = C + λ·R(W) is the objective the optimizers
//! descend: the cost itself when there is no regularization.

use crate::network::Network;
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
        let cost_at = |probe: &mut Network, value: f64| {
            let p = if bias {
                &mut probe.layers[layer].b
            } else {
                &mut probe.layers[layer].w
            };
            p[idx] = value;
            probe.cost.cost(probe.predict(x).view(), y) + probe.penalty()
        };
        let p0 = if bias {
            probe.layers[layer].b[idx]
        } else {
            probe.layers[layer].w[idx]
        };
        let plus = cost_at(probe, p0 + epsilon);
        let minus = cost_at(probe, p0 - epsilon);
        cost_at(probe, p0);
        out[idx] = (plus - minus) / (2.0 * epsilon);
    }
    out
}

/// Numerical dW[l] and db[l] of one layer l (1..L).
pub fn numerical_layer(
    net: &Network,
    x: ArrayView2<f64>,
    y: ArrayView2<f64>,
    epsilon: f64,
    layer: usize,
) -> (Array2<f64>, Array2<f64>) {
    let mut probe = net.clone();
    let dw = numerical_for(&mut probe, x, y, epsilon, layer - 1, false);
    let db = numerical_for(&mut probe, x, y, epsilon, layer - 1, true);
    (dw, db)
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
