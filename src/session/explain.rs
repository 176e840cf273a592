//! One number taken apart into the formula that made it, with this batch's numbers.

use super::*;
use crate::math::activation::Activation;
use crate::math::network::LayerGradients;
use crate::training::stepper::Progress;

/// One number of a matrix taken apart: the formula it comes from, and the same with the
/// numbers in.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// e.g. "Z[2]₁,₃ = Σₖ W[2]₁,ₖ · A[1]ₖ,₃ + b[2]₁"
    pub formula: String,
    /// e.g. "(0.5)(0.1) + (−0.3)(0.7) + 0.1"
    pub numbers: String,
    /// what the numbers give (computed here, in the order written)
    pub result: f64,
    /// the matrix's own value, for comparison
    pub value: f64,
}

/// Where a number sits: layer l, row i and column j (0-based), with the subscripts people read.
struct At {
    l: usize,
    i: usize,
    j: usize,
    si: String,
    sj: String,
}

/// "(a)(b) + (c)(d) …" and the sum of the products, added in the order written.
fn terms(pairs: impl Iterator<Item = (f64, f64)>) -> (String, f64) {
    let pairs: Vec<(f64, f64)> = pairs.collect();
    let text = pairs
        .iter()
        .map(|(a, b)| format!("({})({})", fmt_num(*a), fmt_num(*b)))
        .collect::<Vec<_>>()
        .join(" + ");
    let sum = pairs.iter().fold(0.0, |s, (a, b)| s + a * b);
    (text, sum)
}

/// An explanation before its value is filled in.
fn said(formula: String, numbers: String, result: f64) -> Explanation {
    Explanation {
        formula,
        numbers,
        result,
        value: f64::NAN,
    }
}

impl Session {
    /// Takes one number of Z, A, δ, dW or db of layer l (row, col 0-based) apart into the
    /// formula that made it, with the focused racer's numbers of this batch.
    pub fn explain(
        &self,
        q: Quantity,
        layer: usize,
        row: usize,
        col: usize,
    ) -> Result<Explanation, SessionError> {
        if !q.explainable() || (q == Quantity::A && layer == 0) {
            return Err(SessionError::NotExplainable(q));
        }
        let m = self.matrix(q, layer)?;
        if row >= m.rows || col >= m.cols {
            return Err(SessionError::NoSuchWeight {
                layer,
                row,
                col,
                rows: m.rows,
                cols: m.cols,
            });
        }
        let p = self.progress().ok_or(SessionError::NoBatch)?;
        let at = At {
            l: layer,
            i: row,
            j: col,
            si: sub(row + 1),
            sj: sub(col + 1),
        };
        let out = match q {
            Quantity::Z => self.explain_z(p, &at),
            Quantity::A => self.explain_a(p, &at),
            Quantity::Delta if layer == self.depth() => self.explain_output_delta(p, &at),
            Quantity::Delta => self.explain_hidden_delta(p, &at)?,
            Quantity::DW => self.explain_dw(p, &at)?,
            Quantity::Db => self.explain_db(p, &at)?,
            _ => return Err(SessionError::NotExplainable(q)),
        };
        Ok(Explanation {
            value: m.at(row, col),
            ..out
        })
    }

    fn progress(&self) -> Option<&Progress> {
        self.stepper.progress.as_ref()
    }

    /// Z[l]ᵢⱼ = Σₖ W[l]ᵢₖ A[l−1]ₖⱼ + b[l]ᵢ, with the weights the forward pass used.
    fn explain_z(&self, p: &Progress, at: &At) -> Explanation {
        let (l, i, j, si, sj) = (at.l, at.i, at.j, &at.si, &at.sj);
        let w = self.weights_of_this_batch(l);
        let a_prev = p.cache.a(l - 1);
        let (text, sum) = terms((0..w.ncols()).map(|k| (w[[i, k]], a_prev[[k, j]])));
        let b = self.biases_of_this_batch(l)[[i, 0]];
        said(
            format!(
                "Z[{l}]{si},{sj} = Σₖ W[{l}]{si},ₖ · A[{}]ₖ,{sj} + b[{l}]{si}",
                l - 1
            ),
            format!("{text} + {}", fmt_num(b)),
            sum + b,
        )
    }

    /// A[l]ᵢⱼ = σ(Z[l]ᵢⱼ); softmax takes the whole column j.
    fn explain_a(&self, p: &Progress, at: &At) -> Explanation {
        let (l, i, j, si, sj) = (at.l, at.i, at.j, &at.si, &at.sj);
        let act = self.focused().network.layer(l).activation;
        let z = p.cache.layers[l - 1].z.view();
        let result = if act.is_elementwise() {
            act.sigma(z[[i, j]])
        } else {
            act.apply(z.column(j).insert_axis(ndarray::Axis(1)))[[i, 0]]
        };
        said(
            format!("A[{l}]{si},{sj} = σ(Z[{l}]{si},{sj}), σ = {}", act.name()),
            format!("{}({})", act.name(), fmt_num(z[[i, j]])),
            result,
        )
    }

    /// δ[L]ᵢⱼ: A − Y where the cost and σ simplify, the softmax Jacobian, else ∇ₐC ⊙ σ′(Z).
    fn explain_output_delta(&self, p: &Progress, at: &At) -> Explanation {
        let (l, i, j, si, sj) = (at.l, at.i, at.j, &at.si, &at.sj);
        let net = &self.focused().network;
        let act = net.layer(l).activation;
        let f = &p.cache.layers[l - 1];
        let (a, y) = (f.a[[i, j]], p.batch.y[[i, j]]);
        if net.cost.simplifies_with(act) {
            return said(
                format!(
                    "δ[{l}]{si},{sj} = A[{l}]{si},{sj} − Y{si},{sj} ({} with {} simplifies ∇ₐC ⊙ σ′ to A − Y)",
                    act.name(),
                    net.cost.name()
                ),
                format!("{} − {}", fmt_num(a), fmt_num(y)),
                a - y,
            );
        }
        let g = net.cost.gradient(f.a.view(), p.batch.y.view());
        if act == Activation::Softmax {
            let dot = (0..f.a.nrows()).fold(0.0, |s, k| s + f.a[[k, j]] * g[[k, j]]);
            return said(
                format!(
                    "δ[{l}]{si},{sj} = A{si} (g{si} − Σₖ Aₖ gₖ), g = ∇ₐC (the softmax Jacobian)"
                ),
                format!(
                    "{} × ({} − {})",
                    fmt_num(a),
                    fmt_num(g[[i, j]]),
                    fmt_num(dot)
                ),
                a * (g[[i, j]] - dot),
            );
        }
        let s = act.sigma_prime(f.z[[i, j]]);
        said(
            format!(
                "δ[{l}]{si},{sj} = ∇ₐC{si},{sj} · σ′(Z[{l}]{si},{sj}) ({} cost, σ = {})",
                net.cost.name(),
                act.name()
            ),
            format!("({}) × ({})", fmt_num(g[[i, j]]), fmt_num(s)),
            g[[i, j]] * s,
        )
    }

    /// δ[l]ᵢⱼ = (Σₖ W[l+1]ₖᵢ δ[l+1]ₖⱼ) · σ′(Z[l]ᵢⱼ).
    fn explain_hidden_delta(&self, p: &Progress, at: &At) -> Result<Explanation, SessionError> {
        let (l, i, j, si, sj) = (at.l, at.i, at.j, &at.si, &at.sj);
        let act = self.focused().network.layer(l).activation;
        let w = self.weights_of_this_batch(l + 1);
        let d = &self.gradients(p, Quantity::Delta, l + 1)?.delta;
        let (text, sum) = terms((0..w.nrows()).map(|k| (w[[k, i]], d[[k, j]])));
        let s = act.sigma_prime(p.cache.layers[l - 1].z[[i, j]]);
        Ok(said(
            format!(
                "δ[{l}]{si},{sj} = (Σₖ W[{}]ₖ,{si} · δ[{}]ₖ,{sj}) · σ′(Z[{l}]{si},{sj})",
                l + 1,
                l + 1
            ),
            format!("({text}) × {}", fmt_num(s)),
            sum * s,
        ))
    }

    /// dW[l]ᵢⱼ = (1/m) Σ_c δ[l]ᵢ_c A[l−1]ⱼ_c, plus λW[l]ᵢⱼ (L2) or λ·sign(W[l]ᵢⱼ) (L1).
    fn explain_dw(&self, p: &Progress, at: &At) -> Result<Explanation, SessionError> {
        let (l, i, j, si, sj) = (at.l, at.i, at.j, &at.si, &at.sj);
        let g = self.gradients(p, Quantity::DW, l)?;
        let a_prev = p.cache.a(l - 1);
        let mm = g.delta.ncols();
        let (text, sum) = terms((0..mm).map(|c| (g.delta[[i, c]], a_prev[[j, c]])));
        let formula = format!(
            "dW[{l}]{si},{sj} = (1/m) Σⱼ δ[{l}]{si},ⱼ · A[{}]{sj},ⱼ",
            l - 1
        );
        let numbers = format!("(1/{mm}) × ({text})");
        let reg = self.focused().network.regularization;
        if !reg.is_active() {
            return Ok(said(
                format!("{formula}, m = {mm}"),
                numbers,
                sum / mm as f64,
            ));
        }
        let w = self.weights_of_this_batch(l)[[i, j]];
        let extra = reg.gradient(ndarray::arr2(&[[w]]).view())[[0, 0]];
        let (term, factor) = match reg.penalty {
            Penalty::L1 => (
                format!("λ · sign(W[{l}]{si},{sj})"),
                fmt_num(extra / reg.rate),
            ),
            _ => (format!("λ · W[{l}]{si},{sj}"), fmt_num(w)),
        };
        Ok(said(
            format!("{formula} + {term}, m = {mm}, λ = {}", reg.rate),
            format!("{numbers} + ({}) × ({factor})", reg.rate),
            sum / mm as f64 + extra,
        ))
    }

    /// db[l]ᵢ = (1/m) Σ_c δ[l]ᵢ_c.
    fn explain_db(&self, p: &Progress, at: &At) -> Result<Explanation, SessionError> {
        let (l, i, si) = (at.l, at.i, &at.si);
        let g = self.gradients(p, Quantity::Db, l)?;
        let mm = g.delta.ncols();
        let sum = (0..mm).fold(0.0, |s, c| s + g.delta[[i, c]]);
        let text = (0..mm)
            .map(|c| fmt_num(g.delta[[i, c]]))
            .collect::<Vec<_>>()
            .join(" + ");
        Ok(said(
            format!("db[{l}]{si} = (1/m) Σⱼ δ[{l}]{si},ⱼ, m = {mm}"),
            format!("(1/{mm}) × ({text})"),
            sum / mm as f64,
        ))
    }

    /// The gradients of layer l, or which quantity is not computed yet.
    fn gradients<'a>(
        &self,
        p: &'a Progress,
        q: Quantity,
        l: usize,
    ) -> Result<&'a LayerGradients, SessionError> {
        p.grads[l - 1].as_ref().ok_or(SessionError::NotYet {
            quantity: q,
            layer: l,
            phase: Phase::Backward,
        })
    }

    /// W[l] as the current batch's forward pass used it (before the batch's update).
    pub(super) fn weights_of_this_batch(&self, l: usize) -> Array2<f64> {
        self.params_of_this_batch().layers[l - 1].w.clone()
    }

    pub(super) fn biases_of_this_batch(&self, l: usize) -> Array2<f64> {
        self.params_of_this_batch().layers[l - 1].b.clone()
    }

    /// The focused network before this batch's update: the current one, unless the update
    /// has been applied, then the one the undo history kept.
    pub(super) fn params_of_this_batch(&self) -> &crate::math::network::Network {
        match self
            .stepper
            .progress
            .as_ref()
            .and_then(|p| p.before_update.as_ref())
        {
            Some(before) => before,
            None => &self.focused().network,
        }
    }
}
