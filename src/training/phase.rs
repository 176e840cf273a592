//! The phases of a training step, below both the race (which names where a number stopped
//! being finite) and the stepper (which walks them one sub-step at a time).

/// The four phases of one training step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Phase {
    Forward,
    Cost,
    Backward,
    Update,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Forward => "forward",
            Phase::Cost => "cost",
            Phase::Backward => "backward",
            Phase::Update => "update",
        }
    }
}
