//! The output layer's choices: an activation σ[L], a cost and the number of outputs n[L],
//! offered by the data's task. Every choice is a pair `docs/math.md` allows
//! (`Cost::check_pair`) at a size the data set can feed (`Dataset::output_sizes`).

use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::training::data::Task;

/// σ[L], the cost and n[L]: one choice of the output select.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutputChoice {
    pub activation: Activation,
    pub cost: Cost,
    /// n[L]
    pub outputs: usize,
}

impl OutputChoice {
    pub fn new(activation: Activation, cost: Cost, outputs: usize) -> OutputChoice {
        OutputChoice {
            activation,
            cost,
            outputs,
        }
    }

    /// How the page names it: "sigmoid + BCE", "softmax ×3 + cross-entropy".
    pub fn label(self) -> String {
        let cost = match self.cost {
            Cost::Mse => "MSE",
            Cost::Bce => "BCE",
            Cost::CrossEntropy => "cross-entropy",
        };
        let units = if self.outputs > 1 {
            format!(" ×{}", self.outputs)
        } else {
            String::new()
        };
        format!(
            "{}{units} + {cost}",
            self.activation.name().replace('_', " ")
        )
    }
}

/// The choices offered for the data's task, the one a new data set proposes first:
///
/// - two classes: sigmoid + bce (one 0/1 output), softmax + cross-entropy over 2 one-hot
///   outputs, and sigmoid, tanh or linear + mse;
/// - three classes (3 one-hot outputs): softmax + cross-entropy, softmax + mse, sigmoid +
///   bce, sigmoid + mse;
/// - regression (one real output, mse only): linear, tanh, sigmoid, relu, leaky relu;
/// - explicit data (`None`, n[L] = `n_out` fixed by its Y): every pair the math allows at
///   that size — sigmoid + bce; softmax + cross-entropy when n[L] ≥ 2; mse after every
///   activation (softmax when n[L] ≥ 2).
pub fn output_choices(task: Option<Task>, n_out: usize) -> Vec<OutputChoice> {
    use Activation::*;
    let with = |cost: Cost, n: usize| move |a: Activation| OutputChoice::new(a, cost, n);
    match task {
        Some(Task::Binary) => vec![
            OutputChoice::new(Sigmoid, Cost::Bce, 1),
            OutputChoice::new(Softmax, Cost::CrossEntropy, 2),
            OutputChoice::new(Sigmoid, Cost::Mse, 1),
            OutputChoice::new(Tanh, Cost::Mse, 1),
            OutputChoice::new(Linear, Cost::Mse, 1),
        ],
        Some(Task::ThreeClass) => vec![
            OutputChoice::new(Softmax, Cost::CrossEntropy, 3),
            OutputChoice::new(Softmax, Cost::Mse, 3),
            OutputChoice::new(Sigmoid, Cost::Bce, 3),
            OutputChoice::new(Sigmoid, Cost::Mse, 3),
        ],
        Some(Task::Regression) => [Linear, Tanh, Sigmoid, Relu, LeakyRelu]
            .map(with(Cost::Mse, 1))
            .to_vec(),
        None => {
            let softmax = n_out >= 2;
            let mut v = vec![OutputChoice::new(Sigmoid, Cost::Bce, n_out)];
            if softmax {
                v.push(OutputChoice::new(Softmax, Cost::CrossEntropy, n_out));
            }
            let mse = [Linear, Sigmoid, Tanh, Relu, LeakyRelu, Softmax]
                .into_iter()
                .filter(|&a| a != Softmax || softmax)
                .map(with(Cost::Mse, n_out));
            v.extend(mse);
            v
        }
    }
}
