//! The hyper-parameters of the four racers on each test surface. `OptimizerKind::defaults()`
//! are for networks (α = 0.1 would throw SGD off Rosenbrock at once); these are chosen so that
//! on each surface every racer moves visibly within a few hundred updates and none leaves the
//! plot from the default start (except on the saddle, which is unbounded below). The decays
//! and ε are the network defaults everywhere: β = 0.9 (momentum, RMSprop), β1 = 0.9,
//! β2 = 0.999, ε = 1e-8 (Adam; RMSprop's ε = 1e-8 too).
//!
//! | surface | SGD α | momentum α | RMSprop α | Adam α | why |
//! |---|---|---|---|---|---|
//! | bowl | 1.8/κ | 1.8/κ | 0.05 | 0.1 | SGD's steep factor 1 − ακ = −0.8: it zig-zags across the ravine and creeps along it (factor 1 − 1.8/κ); stable below 2/κ |
//! | rosenbrock | 0.001 | 0.001 | 0.01 | 0.02 | the curvature across the valley reaches about 1000 near (1, 1): SGD is stable below 0.002 |
//! | beale | 0.01 | 0.01 | 0.01 | 0.05 | the walls are steep beyond |y| > 1; all four reach the valley to (3, 0.5) |
//! | himmelblau | 0.01 | 0.01 | 0.05 | 0.1 | curvature up to about 100 inside the square |
//! | saddle | 0.05 | 0.05 | 0.01 | 0.05 | SGD's unstable factor 1 + 2α = 1.1 a step: slow to leave the ridge, where Adam's first steps are ±α |
//! | rastrigin | 0.002 | 0.002 | 0.02 | 0.05 | curvature 2 + 40π² ≈ 397 at the minima: SGD is stable below 0.005 |

use crate::math::optimizer::{OptimizerKind, OptimizerSettings};
use crate::math::surface::Surface;

/// The settings of `kind` on `surface`: the table above.
pub fn surface_defaults(surface: &Surface, kind: OptimizerKind) -> OptimizerSettings {
    let [sgd, momentum, rmsprop, adam] = match *surface {
        Surface::Bowl { kappa, .. } => [1.8 / kappa, 1.8 / kappa, 0.05, 0.1],
        Surface::Rosenbrock => [0.001, 0.001, 0.01, 0.02],
        Surface::Beale => [0.01, 0.01, 0.01, 0.05],
        Surface::Himmelblau => [0.01, 0.01, 0.05, 0.1],
        Surface::Saddle => [0.05, 0.05, 0.01, 0.05],
        Surface::Rastrigin => [0.002, 0.002, 0.02, 0.05],
    };
    let alpha = match kind {
        OptimizerKind::Sgd => sgd,
        OptimizerKind::Momentum => momentum,
        OptimizerKind::RmsProp => rmsprop,
        OptimizerKind::Adam => adam,
    };
    kind.defaults()
        .with(crate::math::optimizer::HyperParam::LearningRate, alpha)
        .expect("every kind takes α")
}

/// The four kinds' settings on `surface`, in `OptimizerKind::ALL` order.
pub fn surface_settings(surface: &Surface) -> [OptimizerSettings; 4] {
    OptimizerKind::ALL.map(|k| surface_defaults(surface, k))
}
