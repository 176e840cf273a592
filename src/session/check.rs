//! The gradient check of one layer against central differences, within one call's work.

use super::*;

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
        let depth = self.depth();
        if layer == 0 || layer > depth {
            return Err(SessionError::NoSuchLayer {
                quantity: Quantity::DW,
                layer,
                depth,
            });
        }
        let batch = match &self.stepper.progress {
            Some(p) => p.batch.clone(),
            None => self.stepper.race.clone().next_batch(),
        };
        let net = self.params_of_this_batch();
        let grads = net.backward(&net.forward(batch.x.view()), batch.y.view());
        let g = &grads.layers[layer - 1];
        let (rows, cols) = g.dw.dim();
        let parameters = rows * cols + rows;
        let checked = budget::max_checked(batch.len(), net.size()).min(parameters);
        let mut probe = net.clone();
        let mut out = Vec::with_capacity(checked);
        for j in 0..checked {
            // evenly spaced: the j-th of `checked` among `parameters`
            let i = j * parameters / checked;
            let (bias, idx, backprop, name) = if i < rows * cols {
                let (r, c) = (i / cols, i % cols);
                (
                    false,
                    (r, c),
                    g.dw[[r, c]],
                    format!("W[{layer}]{},{}", sub(r + 1), sub(c + 1)),
                )
            } else {
                let r = i - rows * cols;
                (
                    true,
                    (r, 0),
                    g.db[[r, 0]],
                    format!("b[{layer}]{}", sub(r + 1)),
                )
            };
            let numeric = crate::math::gradient_check::numerical_one(
                &mut probe,
                batch.x.view(),
                batch.y.view(),
                1e-6,
                layer,
                bias,
                idx,
            );
            out.push(CheckRow {
                name,
                backprop,
                numeric,
                relative_error: crate::math::gradient_check::relative_error(backprop, numeric),
            });
        }
        Ok(GradientCheck {
            rows: out,
            parameters,
        })
    }
}
