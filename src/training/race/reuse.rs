//! What a racer's passes write into (`Workspace`), and one forward pass fewer per epoch when an epoch is one batch of every train example (full
//! batch: the largest nets the page allows train so). The epoch's evaluation is a forward
//! pass of the whole train set at θ after the epoch's last update; the next epoch's training
//! pass is a forward pass at that same θ of the same examples in the batch's order. Columns
//! are independent — Z[l] = W[l]·A[l-1] + b[l] sums over rows for each column alone, in the
//! same order whatever the column's place (`linalg::gemm`), and σ acts on each column alone —
//! so the training pass is the evaluation's with its columns permuted, bit for bit. The
//! evaluation writes into the racer's workspace and keeps θ beside it; the next training pass
//! takes it when θ has not moved and the permuted inputs are the batch's, else computes.

use super::{Racer, evaluate_output};
use crate::math::network::{ForwardCache, Gradients};
use crate::training::data::Examples;
use ndarray::Array2;

use super::snapshots::parameters;

/// What a racer's forward and backward passes write into, sized by the first batch: a run
/// allocates nothing per batch after that (the shorter last batch of an epoch resizes it).
/// Not part of the racer's state: it prints as nothing and is never compared.
#[derive(Clone, Default)]
pub(super) struct Workspace {
    pub(super) cache: ForwardCache,
    pub(super) grads: Gradients,
    pub(super) scratch: Vec<f64>,
    /// θ when `cache` is the epoch's evaluation pass, kept for the next batch (`reuse.rs`)
    pub(super) kept: Option<Vec<f64>>,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Workspace")
    }
}

impl Racer {
    /// C and the accuracy over the whole train set, as `evaluate` gives them, by a forward
    /// pass into the workspace that is kept, with θ, for the next training pass.
    pub(super) fn evaluate_kept(&mut self, train: &Examples) -> (f64, Option<f64>) {
        let Workspace {
            cache,
            scratch,
            kept,
            ..
        } = &mut self.work;
        self.network.forward_into(train.x.view(), cache, scratch);
        *kept = Some(parameters(&self.network));
        evaluate_output(&self.network, cache.output(), train)
    }

    /// The forward pass of `batch` into the workspace: the kept evaluation pass with its
    /// columns in `order` (the batch's train-set indices) when θ is still the one it was made
    /// at, else computed. Returns whether the kept pass served.
    pub(super) fn forward_pass(&mut self, batch: &Examples, order: Option<&[usize]>) -> bool {
        let theta = self.work.kept.take();
        let Workspace { cache, scratch, .. } = &mut self.work;
        let served = match (theta, order) {
            (Some(theta), Some(order))
                if order.len() == cache.x.ncols() && theta == parameters(&self.network) =>
            {
                permute_pass(cache, order, scratch);
                cache.x == batch.x
            }
            _ => false,
        };
        if !served {
            self.network.forward_into(batch.x.view(), cache, scratch);
        }
        served
    }
}

/// Every matrix of the pass, X and each layer's Z and A (n × m), with column j taken from
/// column order[j]: out[:, j] = in[:, order[j]].
fn permute_pass(cache: &mut ForwardCache, order: &[usize], row: &mut Vec<f64>) {
    permute_columns(&mut cache.x, order, row);
    for layer in &mut cache.layers {
        permute_columns(&mut layer.z, order, row);
        permute_columns(&mut layer.a, order, row);
    }
}

/// m[:, j] ← m[:, order[j]] for every column j, a row at a time through `row`; order is a
/// permutation of the m columns.
fn permute_columns(m: &mut Array2<f64>, order: &[usize], row: &mut Vec<f64>) {
    for mut r in m.rows_mut() {
        row.clear();
        row.extend(r.iter());
        for (v, &from) in r.iter_mut().zip(order) {
            *v = row[from];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::activation::Activation;
    use crate::math::cost::Cost;
    use crate::math::network::{Layer, Network};
    use crate::math::random::Random;
    use crate::training::race::Race;
    use ndarray::array;

    /// By hand: columns (a, b, c) in the order [2, 0, 1] become (c, a, b), row by row.
    #[test]
    fn columns_are_taken_in_the_given_order() {
        let mut m = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
        permute_columns(&mut m, &[2, 0, 1], &mut Vec::new());
        assert_eq!(m, array![[3.0, 1.0, 2.0], [6.0, 4.0, 5.0]]);
    }

    /// Four racers on a 2-5-3 tanh/softmax net (softmax: a column's outputs depend on the
    /// whole column), 37 random points in 3 classes, one shuffled batch of every point.
    fn full_batch_race() -> Race {
        let mut rng = Random::new(11);
        let x = Array2::from_shape_fn((2, 37), |_| rng.uniform_in(-2.0, 2.0));
        let y = Array2::from_shape_fn((3, 37), |(i, j)| {
            let class = (x[[0, j]] > 0.0) as usize + (x[[1, j]] > 0.5) as usize;
            f64::from(i == class)
        });
        let mut layer = |rows, cols, activation| Layer {
            w: Array2::from_shape_fn((rows, cols), |_| rng.uniform_in(-1.0, 1.0)),
            b: Array2::from_shape_fn((rows, 1), |_| rng.uniform_in(-0.5, 0.5)),
            activation,
        };
        let net = Network {
            layers: vec![
                layer(5, 2, Activation::Tanh),
                layer(3, 5, Activation::Softmax),
            ],
            cost: Cost::CrossEntropy,
            regularization: Default::default(),
        };
        Race::of_defaults(&net, (x, y), 64, Some(5))
    }

    /// Every number of a pass as its bits, in logical order (X may be laid out either way).
    fn bits(cache: &ForwardCache) -> Vec<u64> {
        let mut all: Vec<&Array2<f64>> = vec![&cache.x];
        cache.layers.iter().for_each(|l| all.extend([&l.z, &l.a]));
        all.iter()
            .flat_map(|m| m.iter().map(|v| v.to_bits()))
            .collect()
    }

    /// After an epoch, the kept evaluation pass put in the next (shuffled) batch's order is
    /// the forward pass of that batch computed afresh, every number to the bit.
    #[test]
    fn the_kept_pass_in_the_batchs_order_is_the_batchs_own_pass() {
        let mut race = full_batch_race();
        race.train_epochs(1);
        let batch = race.next_batch();
        let order = race.schedule.order.clone();
        assert_ne!(
            order,
            (0..37).collect::<Vec<_>>(),
            "the test wants a shuffled order"
        );
        for racer in &mut race.racers {
            assert!(
                racer.forward_pass(&batch, Some(&order)),
                "the kept pass served"
            );
            let fresh = racer.network.forward(batch.x.view());
            assert_eq!(bits(&racer.work.cache), bits(&fresh));
        }
    }

    /// The race that reuses the evaluation passes is, number for number, the race that
    /// computes every pass (the kept pass dropped before every batch), over several epochs;
    /// and a moved θ (an edit between epochs) is noticed: the pass is computed again.
    #[test]
    fn reusing_the_pass_changes_no_number_of_the_race() {
        let mut reusing = full_batch_race();
        let mut computing = full_batch_race();
        for epoch in 0..6 {
            if epoch == 3 {
                for race in [&mut reusing, &mut computing] {
                    race.racers[1].network.layers[0].w[[0, 0]] += 0.25;
                }
            }
            reusing.step_batch();
            computing.racers.iter_mut().for_each(|r| r.work.kept = None);
            computing.step_batch();
        }
        assert_eq!(reusing.epochs_done(), 6);
        let text = |race: &Race| format!("{:?}", race.racers);
        assert_eq!(text(&reusing), text(&computing));
    }
}
