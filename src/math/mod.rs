//! The math of `docs/math.md`: one fully-connected network in the column convention, its
//! activations beside their derivatives, costs beside their gradients, the penalty beside its
//! gradient, the four optimizers, initialisation, and the fixed-order products and seeded
//! random numbers that make the browser's bits equal the native ones. (The contour lines and the
//! two-parameter test surfaces are the crate `backprop_figures`: `src/figures.rs`.)

pub mod activation;
pub mod cost;
pub mod elementary;
pub mod gradient_check;
pub mod init;
pub mod lanes;
pub mod linalg;
pub mod network;
pub mod optimizer;
pub mod quantity;
pub mod random;
pub mod regularization;

/// x^y with the same bits on every target: `libm::pow` natively; in wasm32 `f64::powf`, which
/// there is compiler_builtins' copy of the same libm code (musl's pow), so that the page holds
/// one pow whatever code asks for one (`powf` anywhere links compiler_builtins' copy; when
/// plotters' axes still called it, a second copy cost 1.2 KB gzipped). `tests/web.rs` checks in
/// the browser that the two agree bit for bit.
pub fn pow(x: f64, y: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        x.powf(y)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        libm::pow(x, y)
    }
}
