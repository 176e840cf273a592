//! The matrices of the followed racer by name, as the page and the JS API read them.

use super::*;

/// A matrix for the page: rows × cols numbers, row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixData {
    pub rows: usize,
    pub cols: usize,
    pub data: Vec<f64>,
}

impl MatrixData {
    /// The largest |value| among the finite ones (0 for none): the scale of its colours.
    pub fn max_abs(&self) -> f64 {
        crate::training::data::max_abs(&self.data)
    }

    /// The value at (row, col), 0-based.
    pub fn at(&self, row: usize, col: usize) -> f64 {
        self.data[row * self.cols + col]
    }
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

/// Parses a matrix's key as the JS API and the page's `data-*` attributes give it.
pub fn quantity(key: &str) -> Result<Quantity, SessionError> {
    Quantity::from_key(key).ok_or_else(|| SessionError::UnknownMatrix(key.to_string()))
}

impl Session {
    /// A matrix of the focused racer: W, b, Z, A, δ, dW, db of layer 1..L, A of layer 0 (the
    /// batch X), Y (the batch's targets, any layer), V and S (the optimizer's velocity and mean
    /// of squares of W[l]; Vb, Sb for b[l]), σ′(Z[l]).
    pub fn matrix(&self, q: Quantity, layer: usize) -> Result<MatrixData, SessionError> {
        self.network_only("matrix()")?;
        let progress = self.stepper.progress.as_ref();
        match q {
            Quantity::A if layer == 0 => progress
                .map(|p| p.batch.x.view().into())
                .ok_or(SessionError::NoBatch),
            Quantity::Y => progress
                .map(|p| p.batch.y.view().into())
                .ok_or(SessionError::NoBatch),
            Quantity::Cost => Err(SessionError::NotAMatrix(q)),
            _ => {
                self.check_layer(q, layer)?;
                self.layer_matrix(q, layer)
            }
        }
    }

    /// `NoSuchLayer` naming `q` unless 1 ≤ layer ≤ L.
    pub(super) fn check_layer(&self, q: Quantity, layer: usize) -> Result<(), SessionError> {
        let depth = self.depth();
        if layer < 1 || layer > depth {
            return Err(SessionError::NoSuchLayer {
                quantity: q,
                layer,
                depth,
            });
        }
        Ok(())
    }

    /// A matrix of layer 1..L (checked).
    fn layer_matrix(&self, q: Quantity, layer: usize) -> Result<MatrixData, SessionError> {
        let racer = self.focused();
        let progress = self.stepper.progress.as_ref();
        let not_yet = |phase| SessionError::NotYet {
            quantity: q,
            layer,
            phase,
        };
        let forward = || {
            progress
                .and_then(|p| p.cache.layers.get(layer - 1))
                .ok_or_else(|| not_yet(Phase::Forward))
        };
        let backward = || {
            progress
                .and_then(|p| p.grads[layer - 1].as_ref())
                .ok_or_else(|| not_yet(Phase::Backward))
        };
        let no_state = || SessionError::NoState {
            quantity: q,
            kind: racer.kind().name(),
        };
        let opt = &racer.optimizer;
        Ok(match q {
            Quantity::W => (&racer.network.layer(layer).w).into(),
            Quantity::B => (&racer.network.layer(layer).b).into(),
            Quantity::Z => (&forward()?.z).into(),
            Quantity::A => (&forward()?.a).into(),
            Quantity::Delta => (&backward()?.delta).into(),
            Quantity::DW => (&backward()?.dw).into(),
            Quantity::Db => (&backward()?.db).into(),
            Quantity::V => (&opt.velocity.as_ref().ok_or_else(no_state)?[layer - 1].w).into(),
            Quantity::Vb => (&opt.velocity.as_ref().ok_or_else(no_state)?[layer - 1].b).into(),
            Quantity::S => (&opt.sq_avg.as_ref().ok_or_else(no_state)?[layer - 1].w).into(),
            Quantity::Sb => (&opt.sq_avg.as_ref().ok_or_else(no_state)?[layer - 1].b).into(),
            Quantity::SigmaPrime => self.sigma_prime(layer)?,
            Quantity::Step => {
                let dw = &backward()?.dw;
                (&opt.weight_step(layer, dw)).into()
            }
            Quantity::Y | Quantity::Cost => unreachable!("handled by matrix"),
        })
    }

    /// σ′(Z[l]) of the current batch, for an elementwise σ: near 0 means a saturated (or
    /// dead) unit.
    fn sigma_prime(&self, l: usize) -> Result<MatrixData, SessionError> {
        let act = self.base.activations[l - 1];
        if !act.is_elementwise() {
            return Err(SessionError::NotElementwise { layer: l });
        }
        let z = self.layer_matrix(Quantity::Z, l)?;
        Ok(MatrixData {
            data: z.data.iter().map(|&v| act.sigma_prime(v)).collect(),
            ..z
        })
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
