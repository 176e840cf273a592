//! What the page computes now and then beside the race: the sub-step stepper that shows one
//! batch equation by equation (`training::stepper`), contour lines (`math::contour`), the
//! two-parameter test surfaces (`math::surface`) and the race of the four optimizers on them
//! (`training::surface_race`), and the loss landscape of a race (`training::landscape`).
//! A crate of its own (`crates/figures/Cargo.toml`, named `backprop_figures`) so that the
//! release build optimises it for size while `backprop_core`, whose hot math it calls, is
//! optimised for speed. Its `math` and `training` hold backprop_core's modules beside its own,
//! so every path stays `crate::math::…` inside and `backprop_playground::math::…` outside.

pub mod math {
    //! The math of `docs/math.md` (`backprop_core::math`) and, here, the contour lines and
    //! the two-parameter test surfaces the optimizers also descend.
    pub use backprop_core::math::*;
    pub mod contour;
    pub mod surface;
}

pub mod training {
    //! Training (`backprop_core::training`) and, here, the sub-step stepper, the race on the
    //! test surfaces and the loss landscape of a race.
    pub use backprop_core::training::*;
    pub mod landscape;
    pub mod stepper;
    pub mod surface_race;
}
