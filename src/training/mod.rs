//! Training: the data sets, the race of the four optimizers in lockstep, the sub-step stepper
//! that follows one racer, and the work one call may do.

pub mod budget;
pub mod data;
pub mod landscape;
pub mod phase;
pub mod race;
pub mod stepper;
pub mod surface_race;
