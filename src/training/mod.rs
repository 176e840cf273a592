//! Training: the data sets, the race of the four optimizers in lockstep, and the work one call
//! may do. (The sub-step stepper that follows one racer, the loss landscape and the race on the
//! test surfaces are the crate `backprop_figures`: `src/figures.rs`.)

pub mod budget;
pub mod data;
pub mod phase;
pub mod race;
