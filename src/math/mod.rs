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
