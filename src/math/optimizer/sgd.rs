//! Plain gradient descent.

use ndarray::{Array2, Zip};

/// P ← P − α dP
pub fn update(p: &mut Array2<f64>, dp: &Array2<f64>, learning_rate: f64) {
    Zip::from(p)
        .and(dp)
        .for_each(|p, &g| *p -= learning_rate * g);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    // By hand, α = 0.1: p = 1 − 0.1·0.5 = 0.95, then 0.95 − 0.1·(−2) = 1.15.
    #[test]
    fn first_two_updates() {
        let mut p = array![[1.0]];
        update(&mut p, &array![[0.5]], 0.1);
        assert_eq!(p[[0, 0]], 0.95);
        update(&mut p, &array![[-2.0]], 0.1);
        approx::assert_relative_eq!(p[[0, 0]], 1.15, max_relative = 1e-15);
    }
}
