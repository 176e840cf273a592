//! Momentum in the exponentially-weighted form of the seed notes (not heavy-ball).

use ndarray::{Array2, Zip};

/// V ← βV + (1 − β) dP;  P ← P − α V.
/// (Heavy-ball momentum, V ← βV + dP, takes steps 1/(1 − β) times larger for the same α.)
pub fn update(
    p: &mut Array2<f64>,
    dp: &Array2<f64>,
    velocity: &mut Array2<f64>,
    learning_rate: f64,
    beta: f64,
) {
    Zip::from(p).and(dp).and(velocity).for_each(|p, &g, v| {
        *v = beta * *v + (1.0 - beta) * g;
        *p -= learning_rate * *v;
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use ndarray::array;

    // By hand, α = 0.1, β = 0.9, p = 1, V = 0:
    // step 1, dP = 0.5: V = 0.9·0 + 0.1·0.5 = 0.05; p = 1 − 0.1·0.05 = 0.995
    // step 2, dP = −2: V = 0.9·0.05 + 0.1·(−2) = 0.045 − 0.2 = −0.155; p = 0.995 + 0.0155 = 1.0105
    #[test]
    fn first_two_updates() {
        let mut p = array![[1.0]];
        let mut v = array![[0.0]];
        update(&mut p, &array![[0.5]], &mut v, 0.1, 0.9);
        assert_relative_eq!(v[[0, 0]], 0.05, max_relative = 1e-15);
        assert_relative_eq!(p[[0, 0]], 0.995, max_relative = 1e-15);
        update(&mut p, &array![[-2.0]], &mut v, 0.1, 0.9);
        assert_relative_eq!(v[[0, 0]], -0.155, max_relative = 1e-14);
        assert_relative_eq!(p[[0, 0]], 1.0105, max_relative = 1e-14);
    }
}
