//! "The whole step" as one LaTeX document for a handout: the batch, each layer's forward
//! equation, the cost, each layer's backward equations and the update, every matrix with
//! the lesson's numbers (docs/math.md's equations, amsmath's `bmatrix`).

use super::super::*;
use super::latex::{bmatrix, check_digits, escape, fixed};
use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::math::network::Network;
use crate::training::stepper::Progress;

/// The most rows or columns of a matrix the document writes as numbers: the page's lesson
/// view writes numbers up to this side too.
pub const MAX_STEP_SIDE: usize = 8;

/// One whole step of the followed racer: the passes' matrices and the parameters before and
/// after the update.
struct Step {
    progress: Progress,
    before: Network,
    after: Network,
}

impl Session {
    /// The followed racer's current step as a LaTeX document (`article` with amsmath): the
    /// step under way finished, or the next batch's step when none is under way. The
    /// session is not changed (a copy of the stepper runs it). Refused when a matrix has
    /// more than `MAX_STEP_SIDE` rows or columns.
    pub fn step_latex(&self, digits: usize) -> Result<String, SessionError> {
        check_digits(digits)?;
        let step = self.whole_step()?;
        let mut doc = String::from(
            "\\documentclass{article}\n\\usepackage{amsmath}\n\\setcounter{MaxMatrixCols}{64}\n\\begin{document}\n\\allowdisplaybreaks\n",
        );
        doc.push_str(&self.step_heading(&step));
        let m = |x: &Array2<f64>| bmatrix(&MatrixData::from(x), digits);
        let p = &step.progress;
        let depth = step.before.layers.len();
        doc.push_str("\\section*{Forward}\n");
        doc.push_str(&format!("\\[ A^{{[0]}} = X = {} \\]\n", m(&p.batch.x)));
        for l in 1..=depth {
            let (layer, out) = (step.before.layer(l), &p.cache.layers[l - 1]);
            doc.push_str(&format!(
                "\\[ Z^{{[{l}]}} = W^{{[{l}]}} A^{{[{}]}} + b^{{[{l}]}} = {} {} + {} = {} \\]\n",
                l - 1,
                m(&layer.w),
                m(if l == 1 {
                    &p.batch.x
                } else {
                    &p.cache.layers[l - 2].a
                }),
                m(&layer.b),
                m(&out.z)
            ));
            doc.push_str(&format!(
                "\\[ A^{{[{l}]}} = {} = {} \\]\n",
                activation_tex(layer.activation, l),
                m(&out.a)
            ));
        }
        let cost = p.cost.unwrap_or(f64::NAN);
        doc.push_str(&format!(
            "\\section*{{Cost}}\n\\[ Y = {} \\]\n\\[ C = {} = {} \\]\n",
            m(&p.batch.y),
            cost_tex(step.before.cost, depth),
            fixed(cost, digits)
        ));
        doc.push_str(&backward_tex(&step, digits));
        doc.push_str(&update_tex(&step, digits, self.focused().kind().label()));
        doc.push_str("\\end{document}\n");
        Ok(doc)
    }

    /// The title, the network and the batch in words.
    fn step_heading(&self, step: &Step) -> String {
        let title = self
            .base
            .view
            .get("title")
            .and_then(|t| t.as_str())
            .unwrap_or("One training step");
        let sizes: Vec<String> = step.before.sizes().iter().map(|n| n.to_string()).collect();
        format!(
            "\\section*{{{}}}\nA network of sizes $n = [{}]$, the cost {}, the optimizer {}; one batch of $m = {}$ examples (one column each).\n",
            escape(title),
            sizes.join(", "),
            escape(step.before.cost.name()),
            escape(self.focused().kind().label()),
            step.progress.batch.len()
        )
    }

    /// Whether every matrix of a step fits the document, from the net's sizes and the
    /// largest batch: what `step_latex` checks before any work.
    pub fn step_fits(&self) -> Result<(), SessionError> {
        let batch = self.base.batch_size.min(self.stepper.race.data.train.len());
        fits(self.base.layers.iter().copied().chain([batch]))
    }

    /// A copy of the stepper run to the end of the step under way (or of the next one).
    fn whole_step(&self) -> Result<Step, SessionError> {
        self.step_fits()?;
        let mut stepper = self.stepper.clone();
        if stepper.progress.as_ref().is_none_or(|p| p.updated) {
            stepper.next_step();
        }
        for _ in 0..(2 * stepper.depth() + 3) {
            if stepper.progress.as_ref().is_some_and(|p| p.updated) {
                break;
            }
            stepper.next_step();
        }
        let Some(progress) = stepper.progress.take() else {
            return Err(SessionError::NoBatch);
        };
        let after = stepper.race.racers[stepper.focus].network.clone();
        let Some(before) = progress.before_update.clone() else {
            return Err(SessionError::NoBatch);
        };
        fits(before.sizes().into_iter().chain([progress.batch.len()]))?;
        Ok(Step {
            progress,
            before,
            after,
        })
    }
}

/// Every side at most `MAX_STEP_SIDE`, or the largest named.
fn fits(sides: impl Iterator<Item = usize>) -> Result<(), SessionError> {
    match sides.filter(|&s| s > MAX_STEP_SIDE).max() {
        Some(side) => Err(SessionError::StepTooLarge {
            side,
            max: MAX_STEP_SIDE,
        }),
        None => Ok(()),
    }
}

/// A[l] = σ(Z[l]) with σ named.
fn activation_tex(a: Activation, l: usize) -> String {
    let name = match a {
        Activation::Linear => return format!("Z^{{[{l}]}}"),
        Activation::Sigmoid => "\\sigma",
        Activation::Tanh => "\\tanh",
        Activation::Relu => "\\mathrm{ReLU}",
        Activation::LeakyRelu => "\\mathrm{LeakyReLU}",
        Activation::Softmax => "\\mathrm{softmax}",
    };
    format!("{name}(Z^{{[{l}]}})")
}

/// The batch cost of docs/math.md, averaged over the m examples.
fn cost_tex(cost: Cost, depth: usize) -> String {
    let a = format!("A^{{[{depth}]}}");
    match cost {
        Cost::Mse => format!("\\frac{{1}}{{2m}} \\sum_{{i,j}} ({a}_{{ij}} - Y_{{ij}})^2"),
        Cost::Bce => format!(
            "-\\frac{{1}}{{m}} \\sum_{{i,j}} \\bigl( Y_{{ij}} \\log {a}_{{ij}} + (1 - Y_{{ij}}) \\log (1 - {a}_{{ij}}) \\bigr)"
        ),
        Cost::CrossEntropy => format!("-\\frac{{1}}{{m}} \\sum_{{i,j}} Y_{{ij}} \\log {a}_{{ij}}"),
    }
}

/// δ, dW and db of each layer, from the last to the first.
fn backward_tex(step: &Step, digits: usize) -> String {
    let m = |x: &Array2<f64>| bmatrix(&MatrixData::from(x), digits);
    let p = &step.progress;
    let depth = step.before.layers.len();
    let mut doc = String::from("\\section*{Backward}\n");
    for l in (1..=depth).rev() {
        let Some(g) = p.grads[l - 1].as_ref() else {
            continue;
        };
        let act = step.before.layer(l).activation;
        let rule = if l < depth {
            format!(
                "\\bigl( (W^{{[{}]}})^{{\\mathsf T}} \\delta^{{[{}]}} \\bigr) \\odot \\sigma'(Z^{{[{l}]}})",
                l + 1,
                l + 1
            )
        } else if matches!(
            (act, step.before.cost),
            (Activation::Sigmoid, Cost::Bce) | (Activation::Softmax, Cost::CrossEntropy)
        ) {
            format!("A^{{[{l}]}} - Y")
        } else {
            format!("\\nabla_{{A}} C \\odot \\sigma'(Z^{{[{l}]}})")
        };
        let prev = if l == 1 {
            &p.batch.x
        } else {
            &p.cache.layers[l - 2].a
        };
        let penalty = if step.before.regularization.is_active() {
            " + \\lambda \\, \\partial R / \\partial W"
        } else {
            ""
        };
        doc.push_str(&format!(
            "\\[ \\delta^{{[{l}]}} = {rule} = {} \\]\n\\[ dW^{{[{l}]}} = \\tfrac{{1}}{{m}} \\delta^{{[{l}]}} (A^{{[{}]}})^{{\\mathsf T}}{penalty} = \\tfrac{{1}}{{{}}} {} {}^{{\\mathsf T}}{penalty} = {} \\]\n\\[ db^{{[{l}]}} = \\tfrac{{1}}{{m}} \\textstyle\\sum_j \\delta^{{[{l}]}}_{{:,j}} = {} \\]\n",
            m(&g.delta),
            l - 1,
            p.batch.len(),
            m(&g.delta),
            m(prev),
            m(&g.dw),
            m(&g.db)
        ));
    }
    doc
}

/// W and b before and after the optimizer's update.
fn update_tex(step: &Step, digits: usize, optimizer: &str) -> String {
    let mut doc = format!(
        "\\section*{{Update ({})}}\nEach parameter moves by the optimizer's step $\\Delta$.\n",
        escape(optimizer)
    );
    for l in 1..=step.before.layers.len() {
        let (old, new) = (step.before.layer(l), step.after.layer(l));
        for (name, a, b) in [("W", &old.w, &new.w), ("b", &old.b, &new.b)] {
            let (a, b) = (MatrixData::from(a), MatrixData::from(b));
            // Δ = old − new, number by number (both row by row)
            let delta = MatrixData {
                rows: a.rows,
                cols: a.cols,
                data: a.data.iter().zip(&b.data).map(|(x, y)| x - y).collect(),
            };
            doc.push_str(&format!(
                "\\[ {name}^{{[{l}]}} \\leftarrow {name}^{{[{l}]}} - \\Delta {name}^{{[{l}]}} = {} - {} = {} \\]\n",
                bmatrix(&a, digits),
                bmatrix(&delta, digits),
                bmatrix(&b, digits)
            ));
        }
    }
    doc
}
