//! What a request of the session can get wrong, in words that name the thing and the fix.

use super::*;

/// What a matrix request can get wrong.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SessionError {
    #[error("unknown matrix \"{0}\"; one of {keys}", keys = matrix_keys())]
    UnknownMatrix(String),
    #[error("{} has no layer {layer}; the network has layers 1..{depth}{}", quantity.key(), if *quantity == Quantity::A { " (and 0 for a)" } else { "" })]
    NoSuchLayer {
        quantity: Quantity,
        layer: usize,
        depth: usize,
    },
    #[error("{}[{layer}] is not computed yet: step {} to layer {layer} first", quantity.key(), phase.name())]
    NotYet {
        quantity: Quantity,
        layer: usize,
        phase: Phase,
    },
    #[error("the batch is not taken yet: step forward once first")]
    NoBatch,
    #[error("{kind} keeps no {}: {}", quantity.key(), if matches!(quantity, Quantity::V | Quantity::Vb) { "V (velocity) belongs to momentum and adam" } else { "S (mean of squares) belongs to rmsprop and adam" })]
    NoState {
        quantity: Quantity,
        kind: &'static str,
    },
    #[error("the cost is a number, not a matrix: read it with cost()")]
    NotAMatrix(Quantity),
    #[error(
        "σ′ of layer {layer} is not elementwise (softmax): its Jacobian is a matrix per example"
    )]
    NotElementwise { layer: usize },
    #[error("only {} can be taken apart, not {}", explainable_keys(), .0.key())]
    NotExplainable(Quantity),
    #[error("unknown optimizer \"{0}\"; one of sgd, momentum, rmsprop, adam")]
    UnknownKind(String),
    #[error("resolution must be from 1 to {max}, got {got}")]
    Resolution { got: usize, max: usize },
    #[error(
        "points come as n[0] = {inputs} numbers each: {got} numbers are not a whole number of points (at most {max})"
    )]
    Points {
        got: usize,
        inputs: usize,
        max: usize,
    },
    #[error("{0}")]
    Invalid(#[from] ScenarioError),
    #[error("W[{layer}] has no entry ({row}, {col}); it is {rows} × {cols}")]
    NoSuchWeight {
        layer: usize,
        row: usize,
        col: usize,
        rows: usize,
        cols: usize,
    },
    #[error("a weight must be a finite number, got {0}")]
    NotFinite(f64),
    #[error(transparent)]
    TooMuchWork(#[from] TooMuchWork),
    #[error(transparent)]
    Landscape(#[from] LandscapeError),
    #[error(
        "the race keeps at most {max} epochs (its loss history is part of the memory budget); it has done {done}: reset to train again"
    )]
    RaceFull { done: usize, max: usize },
    #[error(
        "this run has had {max} changes of α, β or ε, the most one run keeps (a reload replays them all): reset (↺) to change them again"
    )]
    TooManyChanges { max: usize },
    #[error(
        "{0} is about the network, and this lesson is a test surface f(x, y): read it with landscape(), lossHistory(), step() and scenario(), or load a network lesson"
    )]
    NotOnSurface(&'static str),
    #[error(transparent)]
    Surface(#[from] crate::training::surface_race::SurfaceRaceError),
    #[error("digits: give 0 to {max} decimal places, got {got}")]
    Digits { got: usize, max: usize },
    #[error(
        "the whole step is written only when every matrix fits as numbers: a side of {side} is more than {max} (take 4 random examples for a lesson)"
    )]
    StepTooLarge { side: usize, max: usize },
}

fn matrix_keys() -> String {
    let keys: Vec<_> = Quantity::ALL
        .iter()
        .filter(|q| **q != Quantity::Cost)
        .map(|q| q.key())
        .collect();
    keys.join(", ")
}

fn explainable_keys() -> String {
    let keys: Vec<_> = Quantity::ALL
        .iter()
        .filter(|q| q.explainable())
        .map(|q| q.key())
        .collect();
    keys.join(", ")
}
