//! Backprop Playground: the math of a small fully-connected network, step by step.
//!
//! The math modules (`activation`, `cost`, `network`, `optimizer`, `init`, `data`, `train`,
//! `stepper`) import nothing from the browser and are tested natively; `scenario` and
//! `trace` read and write the JSON files of `docs/scenario.md`.

pub mod activation;
pub mod budget;
pub mod cost;
pub mod data;
pub mod gradient_check;
pub mod init;
pub mod linalg;
pub mod network;
pub mod optimizer;
pub mod presets;
pub mod random;
pub mod regularization;
pub mod scenario;
pub mod session;
pub mod share;
pub mod stepper;
pub mod trace;
pub mod train;
#[cfg(target_arch = "wasm32")]
pub mod web;
