//! The hot core of the playground: the math (`math`) and the training (`training`), a crate of
//! their own (`crates/core/Cargo.toml`, named `backprop_core`) so that the release build can
//! optimise them for speed and the rest — scenarios, sessions, the page — for size. The main
//! crate re-exports both, so every path stays `backprop_playground::math::…` and, inside,
//! `crate::math::…`.
//!
//! Opt-level 3 is for the training loop and the grids. What only the page's set-up and figures
//! call — making a data set, the initial weights, a name's parse, the lesson's effective step —
//! is marked `#[inline] // cold: …`: Rust then builds it in the crate that calls it, at that
//! crate's size-minded level, not here (at 3 LLVM unrolled and vectorised those loops too; −3.0
//! KB of the gzipped wasm, benches/README.md, "Download size").

pub mod math;
pub mod training;
