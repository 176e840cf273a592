//! The plane of a landscape, θ(a, b) = θc + a·d₁ + b·d₂, and the random filter-normalised
//! directions (Li et al., "Visualizing the Loss Landscape of Neural Nets", 2018).

use crate::math::network::Network;
use crate::math::random::Random;

/// A plane in parameter space: its centre θc and two directions (P numbers each, in
/// `race::snapshots::parameters` order).
#[derive(Clone, Debug, PartialEq)]
pub struct Plane {
    pub centre: Vec<f64>,
    pub d1: Vec<f64>,
    pub d2: Vec<f64>,
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).fold(0.0, |s, (x, y)| s + x * y)
}

impl Plane {
    /// θ(a, b) = θc + (a·d₁ + b·d₂) into `out`; at (0, 0) exactly θc.
    pub fn point_into(&self, a: f64, b: f64, out: &mut Vec<f64>) {
        out.clear();
        if a == 0.0 && b == 0.0 {
            out.extend_from_slice(&self.centre);
            return;
        }
        out.extend(
            self.centre
                .iter()
                .zip(self.d1.iter().zip(&self.d2))
                .map(|(c, (x, y))| c + (a * x + b * y)),
        );
    }

    /// True when d₁ and d₂ span a plane: det G > 0 for G = [d₁·d₁ d₁·d₂; d₁·d₂ d₂·d₂].
    pub fn spans(&self) -> bool {
        let (g11, g12, g22) = self.gram();
        g11 * g22 - g12 * g12 > 0.0
    }

    fn gram(&self) -> (f64, f64, f64) {
        (
            dot(&self.d1, &self.d1),
            dot(&self.d1, &self.d2),
            dot(&self.d2, &self.d2),
        )
    }

    /// (a, b) of θ's projection onto the plane, given x = θ − θc: the least-squares solution
    /// of a·d₁ + b·d₂ ≈ x, G·(a, b)ᵀ = (d₁·x, d₂·x)ᵀ (exact for a θ in the plane; for
    /// orthonormal directions a = d₁·x, b = d₂·x).
    pub fn project(&self, x: &[f64]) -> [f64; 2] {
        let (r1, r2) = (dot(&self.d1, x), dot(&self.d2, x));
        let (g11, g12, g22) = self.gram();
        let det = g11 * g22 - g12 * g12;
        [(g22 * r1 - g12 * r2) / det, (g11 * r2 - g12 * r1) / det]
    }
}

/// A direction drawn for `net`: for each layer l in turn, a standard normal deviate for each
/// entry of W[l] (row by row, `Random::normal`), each row then rescaled to the norm of that
/// row of W[l]: d_row ← d_row · ‖W[l]_row‖ / ‖d_row‖ (a row of zeros stays zeros); b[l]'s
/// entries 0. In `parameters` order.
pub fn filter_normalised(net: &Network, rng: &mut Random) -> Vec<f64> {
    let mut d = Vec::with_capacity(net.parameter_count());
    for layer in &net.layers {
        for row in layer.w.rows() {
            let drawn: Vec<f64> = row.iter().map(|_| rng.normal()).collect();
            let target = row.iter().fold(0.0, |s, w| s + w * w).sqrt();
            let norm = dot(&drawn, &drawn).sqrt();
            let scale = if norm > 0.0 { target / norm } else { 0.0 };
            d.extend(drawn.iter().map(|x| x * scale));
        }
        d.extend(std::iter::repeat_n(0.0, layer.b.len()));
    }
    d
}

/// The random plane about `net`'s θ: d₁ and d₂ drawn in turn by `filter_normalised` from
/// `Random::new(seed)`.
pub fn random_plane(net: &Network, centre: Vec<f64>, seed: u64) -> Plane {
    let mut rng = Random::new(seed);
    let d1 = filter_normalised(net, &mut rng);
    let d2 = filter_normalised(net, &mut rng);
    Plane { centre, d1, d2 }
}
