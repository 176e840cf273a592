//! The gradient check of one layer against central differences, within one call's work.

use super::*;
use crate::math::gradient_check::{numerical_one, relative_error};
use crate::math::network::LayerGradients;
use crate::training::data::Examples;

/// A gradient check of one layer: its rows, and how many parameters the layer has (more
/// than the rows when checking them all would take too long).
#[derive(Clone, Debug, PartialEq)]
pub struct GradientCheck {
    pub rows: Vec<CheckRow>,
    pub parameters: usize,
}

/// One parameter in a gradient check.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckRow {
    /// e.g. "W[1]₂,₁" or "b[1]₂"
    pub name: String,
    pub backprop: f64,
    pub numeric: f64,
    pub relative_error: f64,
}

impl Session {
    /// Central differences against backprop for the parameters of layer l, on the current
    /// batch (the next one if no step is under way), with the focused racer's parameters:
    /// every one when that fits in one call's work (`budget::max_checked`), else that many,
    /// evenly spaced through W[l] then b[l].
    pub fn gradient_check(&self, layer: usize) -> Result<GradientCheck, SessionError> {
        self.check_layer(Quantity::DW, layer)?;
        let batch = self.checked_batch();
        let net = self.params_of_this_batch();
        let grads = net.backward(&net.forward(batch.x.view()), batch.y.view());
        let g = &grads.layers[layer - 1];
        let (rows, cols) = g.dw.dim();
        let parameters = rows * cols + rows;
        let checked = budget::max_checked(batch.len(), net.size()).min(parameters);
        let mut probe = net.clone();
        let out = (0..checked)
            .map(|j| {
                // evenly spaced: the j-th of `checked` among `parameters`
                let p = parameter(g, layer, j * parameters / checked);
                let (x, y) = (batch.x.view(), batch.y.view());
                let numeric = numerical_one(&mut probe, x, y, 1e-6, layer, p.bias, p.idx);
                CheckRow {
                    name: p.name,
                    backprop: p.backprop,
                    numeric,
                    relative_error: relative_error(p.backprop, numeric),
                }
            })
            .collect();
        Ok(GradientCheck {
            rows: out,
            parameters,
        })
    }

    /// The batch a gradient check uses: the current one, or the next one if no step is
    /// under way (taken from a copy of the race, which stays as it is).
    fn checked_batch(&self) -> Examples {
        match &self.stepper.progress {
            Some(p) => p.batch.clone(),
            None => self.stepper.race.clone().next_batch(),
        }
    }
}

/// One parameter of layer l in a gradient check.
struct Parameter {
    /// b[l] rather than W[l]
    bias: bool,
    /// (row, column) in W[l], or (row, 0) in b[l]
    idx: (usize, usize),
    /// what backprop computed for it: dW[l] or db[l] there
    backprop: f64,
    /// e.g. "W[1]₂,₁" or "b[1]₂"
    name: String,
}

/// The i-th parameter of layer `layer`, counting W[l] (n[l] × n[l−1]) row by row, then
/// b[l] (n[l] × 1); `g` holds that layer's dW and db.
fn parameter(g: &LayerGradients, layer: usize, i: usize) -> Parameter {
    let (rows, cols) = g.dw.dim();
    if i < rows * cols {
        let (r, c) = (i / cols, i % cols);
        Parameter {
            bias: false,
            idx: (r, c),
            backprop: g.dw[[r, c]],
            name: format!("W[{layer}]{},{}", sub(r + 1), sub(c + 1)),
        }
    } else {
        let r = i - rows * cols;
        Parameter {
            bias: true,
            idx: (r, 0),
            backprop: g.db[[r, 0]],
            name: format!("b[{layer}]{}", sub(r + 1)),
        }
    }
}
