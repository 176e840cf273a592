//! The names of the quantities of `docs/math.md` that a page or a trace can point at: the
//! parameters, the forward and backward matrices, the targets, the optimizer's state and the
//! cost. Code passes these around; the short keys ("w", "delta", …) exist only at the edges
//! (the JS API, `data-*` attributes) and are parsed once where they enter.

use std::fmt;

/// A matrix (or the cost) of a layer l, as docs/math.md names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Quantity {
    /// W[l], n[l] × n[l−1]
    W,
    /// b[l], n[l] × 1
    B,
    /// Z[l] = W[l]·A[l−1] + b[l], n[l] × m
    Z,
    /// A[l] = σ(Z[l]), n[l] × m; A[0] is the batch X
    A,
    /// δ[l] = ∂C/∂Z[l], n[l] × m
    Delta,
    /// dW[l] = ∂J/∂W[l], the shape of W[l]
    DW,
    /// db[l] = ∂J/∂b[l], the shape of b[l]
    Db,
    /// Y, the batch's targets, n[L] × m
    Y,
    /// V of W[l]: momentum's velocity, Adam's first moment
    V,
    /// S of W[l]: RMSprop's and Adam's mean of squares
    S,
    /// V of b[l]
    Vb,
    /// S of b[l]
    Sb,
    /// σ′(Z[l]), the factor δ[l] is multiplied by
    SigmaPrime,
    /// the step each weight of W[l] takes with the optimizer's state and this batch's dW
    Step,
    /// C, the batch cost (a number)
    Cost,
}

impl Quantity {
    pub const ALL: [Quantity; 15] = [
        Quantity::W,
        Quantity::B,
        Quantity::Z,
        Quantity::A,
        Quantity::Delta,
        Quantity::DW,
        Quantity::Db,
        Quantity::Y,
        Quantity::V,
        Quantity::S,
        Quantity::Vb,
        Quantity::Sb,
        Quantity::SigmaPrime,
        Quantity::Step,
        Quantity::Cost,
    ];

    /// The key the JS API and the page's `data-*` attributes use.
    pub fn key(self) -> &'static str {
        match self {
            Quantity::W => "w",
            Quantity::B => "b",
            Quantity::Z => "z",
            Quantity::A => "a",
            Quantity::Delta => "delta",
            Quantity::DW => "dw",
            Quantity::Db => "db",
            Quantity::Y => "y",
            Quantity::V => "v",
            Quantity::S => "s",
            Quantity::Vb => "vb",
            Quantity::Sb => "sb",
            Quantity::SigmaPrime => "sigma_prime",
            Quantity::Step => "step",
            Quantity::Cost => "cost",
        }
    }

    /// The symbol of docs/math.md, without the layer: W, b, Z, A, δ, dW, db, Y, V, S, C.
    pub fn symbol(self) -> &'static str {
        match self {
            Quantity::W => "W",
            Quantity::B => "b",
            Quantity::Z => "Z",
            Quantity::A => "A",
            Quantity::Delta => "δ",
            Quantity::DW => "dW",
            Quantity::Db => "db",
            Quantity::Y => "Y",
            Quantity::V | Quantity::Vb => "V",
            Quantity::S | Quantity::Sb => "S",
            Quantity::SigmaPrime => "σ′",
            Quantity::Step => "ΔW",
            Quantity::Cost => "C",
        }
    }

    /// How it is named on screen with its layer: W[2], δ[1], σ′(Z[1]), V of W[1], V of b[1],
    /// step of W[1], Y, C.
    pub fn label(self, layer: usize) -> String {
        match self {
            Quantity::Y | Quantity::Cost => self.symbol().to_string(),
            Quantity::SigmaPrime => format!("σ′(Z[{layer}])"),
            Quantity::V | Quantity::S => format!("{} of W[{layer}]", self.symbol()),
            Quantity::Vb | Quantity::Sb => format!("{} of b[{layer}]", self.symbol()),
            Quantity::Step => format!("step of W[{layer}]"),
            _ => format!("{}[{layer}]", self.symbol()),
        }
    }

    /// Parses a key; `None` for anything else.
    #[inline] // cold: built in the calling crate, for size (src/core.rs)
    pub fn from_key(key: &str) -> Option<Quantity> {
        Quantity::ALL.into_iter().find(|q| q.key() == key)
    }

    /// The matrices a number of which can be taken apart into the formula that made it.
    pub fn explainable(self) -> bool {
        matches!(
            self,
            Quantity::Z | Quantity::A | Quantity::Delta | Quantity::DW | Quantity::Db
        )
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_parses_back_and_no_two_are_alike() {
        for q in Quantity::ALL {
            assert_eq!(Quantity::from_key(q.key()), Some(q));
        }
        let mut keys: Vec<_> = Quantity::ALL.iter().map(|q| q.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Quantity::ALL.len());
        assert_eq!(Quantity::from_key("W"), None, "keys are lower case");
        assert_eq!(Quantity::Delta.label(2), "δ[2]");
        assert_eq!(Quantity::SigmaPrime.label(1), "σ′(Z[1])");
        assert_eq!(Quantity::Y.label(0), "Y");
    }
}
