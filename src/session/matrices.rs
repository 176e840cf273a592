//! The matrices of the followed racer by name, as the page and the JS API read them.

use super::*;

/// A matrix for the page: rows × cols numbers, row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixData {
    pub rows: usize,
    pub cols: usize,
    pub data: Vec<f64>,
}

impl From<ArrayView2<'_, f64>> for MatrixData {
    fn from(m: ArrayView2<'_, f64>) -> Self {
        MatrixData {
            rows: m.nrows(),
            cols: m.ncols(),
            data: m.iter().copied().collect(),
        }
    }
}

impl From<&Array2<f64>> for MatrixData {
    fn from(m: &Array2<f64>) -> Self {
        MatrixData::from(m.view())
    }
}

impl Session {
    /// A matrix of the focused racer by name: `w`, `b`, `z`, `a`, `delta`, `dw`, `db` of layer
    /// 1..L, `a` of layer 0 (the batch X), `y` (the batch Y), `v` and `s` (the optimizer's
    /// velocity and mean of squares of W[l]; `vb`, `sb` for b[l]).
    pub fn matrix(&self, name: &str, layer: usize) -> Result<MatrixData, SessionError> {
        let depth = self.depth();
        let racer = self.focused();
        let progress = self.stepper.progress.as_ref();
        let layer_ok = |min: usize| {
            if layer < min || layer > depth {
                Err(SessionError::NoSuchLayer {
                    name: name.to_string(),
                    layer,
                    depth,
                })
            } else {
                Ok(())
            }
        };
        let not_yet = |phase| SessionError::NotYet {
            name: name.to_string(),
            layer,
            phase,
        };
        match name {
            "w" | "b" => {
                layer_ok(1)?;
                let l = racer.network.layer(layer);
                Ok(if name == "w" {
                    (&l.w).into()
                } else {
                    (&l.b).into()
                })
            }
            "z" | "a" => {
                if name == "a" && layer == 0 {
                    return progress
                        .map(|p| p.batch.x.view().into())
                        .ok_or(SessionError::NoBatch);
                }
                layer_ok(1)?;
                let f = progress
                    .and_then(|p| p.cache.layers.get(layer - 1))
                    .ok_or_else(|| not_yet("forward"))?;
                Ok(if name == "z" {
                    (&f.z).into()
                } else {
                    (&f.a).into()
                })
            }
            "y" => progress
                .map(|p| p.batch.y.view().into())
                .ok_or(SessionError::NoBatch),
            "delta" | "dw" | "db" => {
                layer_ok(1)?;
                let g = progress
                    .and_then(|p| p.grads[layer - 1].as_ref())
                    .ok_or_else(|| not_yet("backward"))?;
                Ok(match name {
                    "delta" => (&g.delta).into(),
                    "dw" => (&g.dw).into(),
                    _ => (&g.db).into(),
                })
            }
            "v" | "vb" | "s" | "sb" => {
                layer_ok(1)?;
                let opt = &racer.optimizer;
                let (state, label) = if name.starts_with('v') {
                    (&opt.velocity, "v")
                } else {
                    (&opt.sq_avg, "s")
                };
                let m = state.as_ref().ok_or(SessionError::NoState {
                    name: label,
                    kind: racer.kind().name(),
                })?;
                let lm = &m[layer - 1];
                Ok(if name.len() == 1 {
                    (&lm.w).into()
                } else {
                    (&lm.b).into()
                })
            }
            _ => Err(SessionError::UnknownMatrix(name.to_string())),
        }
    }

    /// The cost of the current batch, once the cost sub-step has run.
    pub fn cost(&self) -> Option<f64> {
        self.stepper.progress.as_ref().and_then(|p| p.cost)
    }

    /// λ·R(W) of the parameters this batch's forward pass used, once the cost sub-step has run,
    /// when there is a regularization; J = C + λ·R is what the optimizers descend.
    pub fn penalty(&self) -> Option<f64> {
        let net = self.params_of_this_batch();
        (self.cost().is_some() && net.regularization.is_active()).then(|| net.penalty())
    }
}
