//! The one source of randomness: `rand_pcg::Pcg64Mcg` seeded with `seed_from_u64`
//! (`docs/math.md`, initialisation and randomness).
//!
//! The conversions from raw `u64`s to floats, indices and normal deviates are written here
//! rather than taken from `rand`, so that a seed keeps giving the same numbers even if a
//! helper crate changes its algorithm: a seed in a shared link must mean the same data forever.

use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// A seeded generator with the few draws the playground needs.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Random(Pcg64Mcg);

impl Random {
    pub fn new(seed: u64) -> Self {
        Random(Pcg64Mcg::seed_from_u64(seed))
    }

    /// The generator's state, to move it to another thread; `from_state` puts it back.
    pub fn state(&self) -> u128 {
        self.0.state()
    }

    pub fn from_state(state: u128) -> Self {
        Random(Pcg64Mcg::new(state))
    }

    /// Uniform in [0, 1): the top 53 bits of one `u64`, times 2⁻⁵³.
    pub fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [lo, hi).
    pub fn uniform_in(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.uniform()
    }

    /// A standard normal deviate by Box–Muller: √(−2 ln u₁) · cos(2π u₂), u₁ ∈ (0, 1].
    /// Uses `libm` for log and cos so native and wasm32 builds give the same bits (√ is exact
    /// everywhere).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        (-2.0 * libm::log(u1)).sqrt() * libm::cos(2.0 * std::f64::consts::PI * u2)
    }

    /// Uniform integer in 0..n (n ≥ 1), without modulo bias (rejection of the short tail).
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0)");
        let n = n as u64;
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let r = self.0.next_u64();
            if r < zone {
                return (r % n) as usize;
            }
        }
    }

    /// Fisher–Yates shuffle, from the last element down.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_other_seed_other_stream() {
        let (mut a, mut b, mut c) = (Random::new(5), Random::new(5), Random::new(6));
        let xa: Vec<f64> = (0..8).map(|_| a.uniform()).collect();
        let xb: Vec<f64> = (0..8).map(|_| b.uniform()).collect();
        let xc: Vec<f64> = (0..8).map(|_| c.uniform()).collect();
        assert_eq!(xa, xb);
        assert_ne!(xa, xc);
    }

    #[test]
    fn uniform_stays_in_range_and_has_the_right_mean() {
        let mut r = Random::new(1);
        let n = 20_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let u = r.uniform_in(-2.0, 4.0);
            assert!((-2.0..4.0).contains(&u));
            sum += u;
        }
        // mean of U(-2, 4) is 1; standard error 6/√12/√n ≈ 0.012
        assert!((sum / n as f64 - 1.0).abs() < 0.05);
    }

    #[test]
    fn normal_has_mean_zero_and_variance_one() {
        let mut r = Random::new(2);
        let n = 20_000;
        let xs: Vec<f64> = (0..n).map(|_| r.normal()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.03, "mean {mean}");
        assert!((var - 1.0).abs() < 0.05, "variance {var}");
    }

    /// below(n) is the rule of its doc comment applied to the raw stream: draws r ≥ zone =
    /// 2⁶⁴ − 1 − ((2⁶⁴ − 1) mod n) are skipped, the first other one gives r mod n.
    #[test]
    fn below_follows_the_rejection_rule_on_the_raw_stream() {
        for n in [2usize, 3, 5, 7, 10, 1000, (1 << 62) + 1, 1] {
            let mut r = Random::new(n as u64);
            let mut raw = r.0.clone();
            let zone = u64::MAX - (u64::MAX % n as u64);
            for _ in 0..200 {
                let want = loop {
                    let v = raw.next_u64();
                    if v < zone {
                        break (v % n as u64) as usize;
                    }
                };
                assert_eq!(r.below(n), want, "n = {n}");
            }
        }
    }

    /// Fisher–Yates gives every order; a shuffle that never leaves an element in place
    /// (Sattolo's, j < i) gives only the cyclic ones.
    #[test]
    fn shuffling_three_items_gives_all_six_orders() {
        let mut r = Random::new(9);
        let mut seen = std::collections::HashSet::new();
        for _ in 0..600 {
            let mut v = [0, 1, 2];
            r.shuffle(&mut v);
            seen.insert(v);
        }
        assert_eq!(seen.len(), 6, "{seen:?}");
    }

    #[test]
    fn below_covers_every_value_and_shuffle_is_a_permutation() {
        let mut r = Random::new(3);
        let mut seen = [0usize; 5];
        for _ in 0..1000 {
            seen[r.below(5)] += 1;
        }
        assert!(seen.iter().all(|&c| c > 150), "{seen:?}");
        let mut v: Vec<usize> = (0..50).collect();
        r.shuffle(&mut v);
        assert_ne!(v, (0..50).collect::<Vec<_>>());
        v.sort();
        assert_eq!(v, (0..50).collect::<Vec<_>>());
    }
}
