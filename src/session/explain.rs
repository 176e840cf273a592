//! One number taken apart into the formula that made it, with this batch's numbers.

use super::*;

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
        let value = m.data[row * m.cols + col];
        let p = self
            .stepper
            .progress
            .as_ref()
            .ok_or(SessionError::NoBatch)?;
        let net = &self.focused().network;
        let (i, j, l) = (row, col, layer);
        let (si, sj) = (sub(i + 1), sub(j + 1));
        let terms = |pairs: Vec<(f64, f64)>| -> (String, f64) {
            let text = pairs
                .iter()
                .map(|(a, b)| format!("({})({})", fmt_num(*a), fmt_num(*b)))
                .collect::<Vec<_>>()
                .join(" + ");
            let sum = pairs.iter().fold(0.0, |s, (a, b)| s + a * b);
            (text, sum)
        };
        let a_prev = p.cache.a(l - 1);
        let act = net.layer(l).activation;
        let out = match q {
            Quantity::Z => {
                // the weights as they were in the forward pass: before this batch's update
                let w = self.weights_of_this_batch(l);
                let (text, sum) = terms(
                    (0..w.ncols())
                        .map(|k| (w[[i, k]], a_prev[[k, j]]))
                        .collect(),
                );
                let b = self.biases_of_this_batch(l)[[i, 0]];
                Explanation {
                    formula: format!(
                        "Z[{l}]{si},{sj} = Σₖ W[{l}]{si},ₖ · A[{}]ₖ,{sj} + b[{l}]{si}",
                        l - 1
                    ),
                    numbers: format!("{text} + {}", fmt_num(b)),
                    result: sum + b,
                    value,
                }
            }
            Quantity::A => {
                let z = p.cache.layers[l - 1].z.view();
                let result = if act.is_elementwise() {
                    act.sigma(z[[i, j]])
                } else {
                    act.apply(z.column(j).insert_axis(ndarray::Axis(1)))[[i, 0]]
                };
                Explanation {
                    formula: format!("A[{l}]{si},{sj} = σ(Z[{l}]{si},{sj}), σ = {}", act.name()),
                    numbers: format!("{}({})", act.name(), fmt_num(z[[i, j]])),
                    result,
                    value,
                }
            }
            Quantity::Delta if l == self.depth() => {
                let f = &p.cache.layers[l - 1];
                let (a, y) = (f.a[[i, j]], p.batch.y[[i, j]]);
                if net.cost.simplifies_with(act) {
                    Explanation {
                        formula: format!(
                            "δ[{l}]{si},{sj} = A[{l}]{si},{sj} − Y{si},{sj} ({} with {} simplifies ∇ₐC ⊙ σ′ to A − Y)",
                            act.name(),
                            net.cost.name()
                        ),
                        numbers: format!("{} − {}", fmt_num(a), fmt_num(y)),
                        result: a - y,
                        value,
                    }
                } else if act == crate::math::activation::Activation::Softmax {
                    let g = net.cost.gradient(f.a.view(), p.batch.y.view());
                    let dot = (0..f.a.nrows()).fold(0.0, |s, k| s + f.a[[k, j]] * g[[k, j]]);
                    Explanation {
                        formula: format!(
                            "δ[{l}]{si},{sj} = A{si} (g{si} − Σₖ Aₖ gₖ), g = ∇ₐC (the softmax Jacobian)"
                        ),
                        numbers: format!(
                            "{} × ({} − {})",
                            fmt_num(a),
                            fmt_num(g[[i, j]]),
                            fmt_num(dot)
                        ),
                        result: a * (g[[i, j]] - dot),
                        value,
                    }
                } else {
                    let g = net.cost.gradient(f.a.view(), p.batch.y.view())[[i, j]];
                    let s = act.sigma_prime(f.z[[i, j]]);
                    Explanation {
                        formula: format!(
                            "δ[{l}]{si},{sj} = ∇ₐC{si},{sj} · σ′(Z[{l}]{si},{sj}) ({} cost, σ = {})",
                            net.cost.name(),
                            act.name()
                        ),
                        numbers: format!("({}) × ({})", fmt_num(g), fmt_num(s)),
                        result: g * s,
                        value,
                    }
                }
            }
            Quantity::Delta => {
                let w = self.weights_of_this_batch(l + 1);
                let d = &p.grads[l]
                    .as_ref()
                    .ok_or(SessionError::NotYet {
                        quantity: Quantity::Delta,
                        layer: l + 1,
                        phase: Phase::Backward,
                    })?
                    .delta;
                let (text, sum) = terms((0..w.nrows()).map(|k| (w[[k, i]], d[[k, j]])).collect());
                let s = act.sigma_prime(p.cache.layers[l - 1].z[[i, j]]);
                Explanation {
                    formula: format!(
                        "δ[{l}]{si},{sj} = (Σₖ W[{}]ₖ,{si} · δ[{}]ₖ,{sj}) · σ′(Z[{l}]{si},{sj})",
                        l + 1,
                        l + 1
                    ),
                    numbers: format!("({text}) × {}", fmt_num(s)),
                    result: sum * s,
                    value,
                }
            }
            Quantity::DW | Quantity::Db => {
                let g = p.grads[l - 1].as_ref().ok_or(SessionError::NotYet {
                    quantity: q,
                    layer: l,
                    phase: Phase::Backward,
                })?;
                let mm = g.delta.ncols();
                if q == Quantity::DW {
                    let (text, sum) =
                        terms((0..mm).map(|c| (g.delta[[i, c]], a_prev[[j, c]])).collect());
                    let formula = format!(
                        "dW[{l}]{si},{sj} = (1/m) Σⱼ δ[{l}]{si},ⱼ · A[{}]{sj},ⱼ",
                        l - 1
                    );
                    let numbers = format!("(1/{mm}) × ({text})");
                    let reg = net.regularization;
                    if reg.is_active() {
                        let w = self.weights_of_this_batch(l)[[i, j]];
                        let one = ndarray::arr2(&[[w]]);
                        let extra = reg.gradient(one.view())[[0, 0]];
                        let (term, factor) = match reg.penalty {
                            Penalty::L1 => (
                                format!("λ · sign(W[{l}]{si},{sj})"),
                                fmt_num(extra / reg.rate),
                            ),
                            _ => (format!("λ · W[{l}]{si},{sj}"), fmt_num(w)),
                        };
                        Explanation {
                            formula: format!("{formula} + {term}, m = {mm}, λ = {}", reg.rate),
                            numbers: format!("{numbers} + ({}) × ({factor})", reg.rate),
                            result: sum / mm as f64 + extra,
                            value,
                        }
                    } else {
                        Explanation {
                            formula: format!("{formula}, m = {mm}"),
                            numbers,
                            result: sum / mm as f64,
                            value,
                        }
                    }
                } else {
                    let sum = (0..mm).fold(0.0, |s, c| s + g.delta[[i, c]]);
                    let text = (0..mm)
                        .map(|c| fmt_num(g.delta[[i, c]]))
                        .collect::<Vec<_>>()
                        .join(" + ");
                    Explanation {
                        formula: format!("db[{l}]{si} = (1/m) Σⱼ δ[{l}]{si},ⱼ, m = {mm}"),
                        numbers: format!("(1/{mm}) × ({text})"),
                        result: sum / mm as f64,
                        value,
                    }
                }
            }
            _ => return Err(SessionError::NotExplainable(q)),
        };
        Ok(out)
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
