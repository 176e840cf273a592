//! The racers' parameters at epoch ends, kept for the landscape's PCA plane
//! (`training::landscape`, issue 12): one snapshot θ_e per epoch e, thinned evenly within a
//! fixed byte budget.
//!
//! Budget: `SNAPSHOT_BYTES` = 16 MiB for the four racers together, so a racer keeps at most
//! `cap` = min(500, ⌊16 MiB / (4 · 8 · P)⌋) snapshots of its P parameters — 500 on nets up to
//! 1,048 parameters, 24 on the largest net of the caps ([2, 64×6, 1], P = 21,057; 500 would
//! be 337 MB there).
//!
//! Thinning: after E epochs a racer keeps the snapshots of the epochs e that are multiples of
//! s(E), the smallest power of two with ⌊E / s⌋ ≤ cap — between cap/2 and cap snapshots,
//! evenly spaced. What is kept is a function of E alone, not of when the snapshots were taken
//! or pruned: so a race trained in the page's workers (each reports its racers' new snapshots
//! with their state, `sync.rs`) keeps the same snapshots, with the same bits, as one trained
//! on the main thread or natively.

use crate::math::network::Network;
use crate::training::budget::RACERS;
use serde::{Deserialize, Serialize};

/// The bytes the four racers' snapshots may take together.
pub const SNAPSHOT_BYTES: usize = 16 << 20;
/// The most snapshots a racer keeps, however small its net.
pub const MAX_SNAPSHOTS: usize = 500;

/// A racer's parameters at the end of an epoch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// the epoch (1-based) it ended
    pub epoch: usize,
    /// t, the racer's updates by then
    pub step: u64,
    /// θ in `parameters` order
    pub theta: Vec<f64>,
}

/// How many snapshots a racer of a net of `parameters` parameters keeps:
/// min(500, ⌊`SNAPSHOT_BYTES` / (4 · 8 · P)⌋), at least 1.
pub fn snapshot_cap(parameters: usize) -> usize {
    let per_racer = SNAPSHOT_BYTES / (RACERS as usize * 8 * parameters.max(1));
    per_racer.clamp(1, MAX_SNAPSHOTS)
}

/// s(E): the smallest power of two s with ⌊E / s⌋ ≤ cap (cap ≥ 1).
pub fn snapshot_stride(epochs: usize, cap: usize) -> usize {
    let mut s = 1usize;
    while epochs / s > cap.max(1) {
        s *= 2;
    }
    s
}

/// Drops the snapshots the thinning rule does not keep after `epochs` epochs.
pub fn thin(snapshots: &mut Vec<Snapshot>, epochs: usize, cap: usize) {
    let s = snapshot_stride(epochs, cap);
    snapshots.retain(|k| k.epoch % s == 0 && k.epoch <= epochs);
}

/// θ as one vector: layer 1 … L, each W[l] row by row, then b[l].
pub fn parameters(net: &Network) -> Vec<f64> {
    let mut theta = Vec::with_capacity(net.parameter_count());
    for layer in &net.layers {
        theta.extend(layer.w.iter());
        theta.extend(layer.b.iter());
    }
    theta
}

/// Sets θ of `net` (in `parameters` order; `theta` has its P numbers).
pub fn set_parameters(net: &mut Network, theta: &[f64]) {
    let mut at = 0;
    for layer in &mut net.layers {
        for v in layer.w.iter_mut().chain(layer.b.iter_mut()) {
            *v = theta[at];
            at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(epochs: usize, cap: usize) -> Vec<usize> {
        (1..=epochs)
            .filter(|e| e % snapshot_stride(epochs, cap) == 0)
            .collect()
    }

    #[test]
    fn the_cap_by_hand() {
        // 16,777,216 / (32 · 21,057) = 24.9
        assert_eq!(snapshot_cap(21_057), 24);
        // 16,777,216 / (32 · 1,048) = 500.3; / (32 · 1,049) = 499.8
        assert_eq!(snapshot_cap(1_048), 500);
        assert_eq!(snapshot_cap(1_049), 499);
        assert_eq!(snapshot_cap(17), 500);
        assert_eq!(snapshot_cap(100_000_000), 1);
    }

    #[test]
    fn thinning_keeps_evenly_spaced_epochs_whenever_it_is_done() {
        assert_eq!(keep(4, 4), vec![1, 2, 3, 4]);
        assert_eq!(keep(5, 4), vec![2, 4]);
        // ⌊9 / 2⌋ = 4 ≤ 4; ⌊10 / 2⌋ = 5 > 4, ⌊10 / 4⌋ = 2
        assert_eq!(keep(9, 4), vec![2, 4, 6, 8]);
        assert_eq!(keep(10, 4), vec![4, 8]);
        // pruning epoch by epoch, or once at the end, keeps the same
        let snap = |epoch| Snapshot {
            epoch,
            step: epoch as u64,
            theta: vec![epoch as f64],
        };
        let mut bit_by_bit = Vec::new();
        for e in 1..=37 {
            bit_by_bit.push(snap(e));
            thin(&mut bit_by_bit, e, 5);
        }
        let mut at_once: Vec<Snapshot> = (1..=37).map(snap).collect();
        thin(&mut at_once, 37, 5);
        assert_eq!(bit_by_bit, at_once);
        let epochs: Vec<usize> = at_once.iter().map(|s| s.epoch).collect();
        assert_eq!(epochs, vec![8, 16, 24, 32]);
    }
}
