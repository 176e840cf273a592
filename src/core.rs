//! The hot core of the playground: the math (`math`) and the training (`training`), a crate of
//! their own (`crates/core/Cargo.toml`, named `backprop_core`) so that the release build can
//! optimise them for speed and the rest — scenarios, sessions, the page — for size. The main
//! crate re-exports both, so every path stays `backprop_playground::math::…` and, inside,
//! `crate::math::…`.

pub mod math;
pub mod training;
