//! RMSprop: divide each step by a running root-mean-square of the gradient.

use ndarray::{Array2, Zip};

/// S ← βS + (1 − β) dP²;  P ← P − α dP / (√S + ε).
pub fn update(
    p: &mut Array2<f64>,
    dp: &Array2<f64>,
    sq_avg: &mut Array2<f64>,
    learning_rate: f64,
    beta: f64,
    epsilon: f64,
) {
    Zip::from(p).and(dp).and(sq_avg).for_each(|p, &g, s| {
        *s = beta * *s + (1.0 - beta) * g * g;
        *p -= learning_rate * g / (s.sqrt() + epsilon);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use ndarray::array;

    // By hand, α = 0.01, β = 0.9, ε = 1e-8, p = 1, S = 0:
    // step 1, dP = 0.5: S = 0.1·0.25 = 0.025; √S = 0.15811388300841897;
    //   p = 1 − 0.01·0.5/(0.15811388300841897 + 1e-8) = 1 − 0.031622774601… = 0.968377225398316
    // step 2, dP = −2: S = 0.9·0.025 + 0.1·4 = 0.4225; √S = 0.65;
    //   p = 0.968377225398316 + 0.01·2/(0.65 + 1e-8) = 0.968377225398316 + 0.030769230295857… = 0.999146455694174
    // (the long digits with Python floats).
    #[test]
    fn first_two_updates() {
        let mut p = array![[1.0]];
        let mut s = array![[0.0]];
        update(&mut p, &array![[0.5]], &mut s, 0.01, 0.9, 1e-8);
        assert_relative_eq!(s[[0, 0]], 0.025, max_relative = 1e-15);
        assert_relative_eq!(p[[0, 0]], 0.968377225398316, max_relative = 1e-15);
        update(&mut p, &array![[-2.0]], &mut s, 0.01, 0.9, 1e-8);
        assert_relative_eq!(s[[0, 0]], 0.4225, max_relative = 1e-15);
        assert_relative_eq!(p[[0, 0]], 0.999146455694174, max_relative = 1e-15);
    }
}
