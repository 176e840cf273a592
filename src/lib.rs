//! Backprop Playground: the math of a small fully-connected network, step by step.
//!
//! The folders are the layers of the program, each using only the ones above it:
//! - `math`: the network, its costs, activations, penalties and optimizers, plain Rust
//!   tested natively (no browser import);
//! - `training`: data sets, the race of the four optimizers, the sub-step stepper, and the
//!   work a call may do;
//! - `json`: JSON text read into values and written from them (the reader's errors say where);
//! - `scenario`: the file format (read, checked, written), presets, links and traces;
//! - `session`: a scenario's run as the page and the JS API ask about it;
//! - `web`: the browser only (wasm32): the JS API and the page; its markup builder is plain
//!   Rust, tested natively.

// The math and the training are the crates backprop_core (src/core.rs), built for speed, and
// backprop_figures (src/figures.rs: contours, surfaces, the landscape), built for size like the
// rest; backprop_figures's `math` and `training` hold both, and keep their paths here.
pub use backprop_figures::{math, training};
pub mod json;
pub mod scenario;
pub mod session;
pub mod web;
