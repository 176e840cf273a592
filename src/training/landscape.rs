//! The real network's landscape (issue 12, `docs/math.md`, the network's landscape): the data
//! cost C (the mean over the examples, no penalty: `race::evaluate`, what the race records as
//! the train loss) over a plane θ(a, b) = θc + a·d₁ + b·d₂ in parameter space, on a square
//! grid, with each racer's path projected onto the plane.
//!
//! - *PCA* (`pca.rs`): θc = θ₀, the common start, so every path starts at (0, 0); d₁, d₂ the
//!   top two principal directions (uncentred, about θ₀) of the racers' pooled snapshots
//!   (`race::snapshots`), with the share of Σ‖θ_e − θ₀‖² each explains.
//! - *Random* (`plane.rs`): θc = the followed racer's current θ; d₁, d₂ seeded Gaussian,
//!   filter-normalised row by row, bias directions 0.
//!
//! Cost: a grid of at most `MAX_RESOLUTION`² points, each a forward pass over at most
//! `MAX_EXAMPLES` training examples (drawn once by seed when the set is larger), so a redraw
//! is at most 41² · 256 · (P + 40·N) units of work (`budget`): on the largest net about
//! 1.6·10¹⁰, some 7 s. A `LandscapeJob` does it in parts of a given work (one Lanczos step or
//! one grid point at a time), so the page can spread it over frames; `landscape` runs it all.

mod paths;
mod pca;
mod plane;
use paths::{PathData, coordinates, gather};
pub use pca::{Lanczos, MAX_LANCZOS, Principal, jacobi};
pub use plane::{Plane, filter_normalised, random_plane};

use crate::math::network::Network;
use crate::math::optimizer::OptimizerKind;
use crate::math::random::Random;
use crate::training::budget::Work;
use crate::training::data::Examples;
use crate::training::race::snapshots::{parameters, set_parameters};
use crate::training::race::{Race, evaluate};

/// The most grid points along a side.
pub const MAX_RESOLUTION: usize = 41;
/// The most training examples a grid point is evaluated on.
pub const MAX_EXAMPLES: usize = 256;
/// The random plane's default half-side, in units of the filter-normalised directions.
pub const RANDOM_SPAN: f64 = 1.0;
/// The PCA plane's default half-side: this times the largest |a| or |b| of the paths.
pub const PCA_MARGIN: f64 = 1.25;

/// Which plane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaneKind {
    Pca,
    Random,
}

impl PlaneKind {
    /// "pca" or "random".
    pub fn name(self) -> &'static str {
        match self {
            PlaneKind::Pca => "pca",
            PlaneKind::Random => "random",
        }
    }

    pub fn from_name(name: &str) -> Option<PlaneKind> {
        [PlaneKind::Pca, PlaneKind::Random]
            .into_iter()
            .find(|k| k.name() == name)
    }
}

/// What to draw: the plane, the grid's side, its half-side (`None`: the plane's default) and
/// the seed of the subsample and of the random directions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LandscapeOptions {
    pub plane: PlaneKind,
    pub resolution: usize,
    pub span: Option<f64>,
    pub seed: u64,
}

impl Default for LandscapeOptions {
    /// PCA, 41 × 41, the default span, seed 0.
    fn default() -> Self {
        LandscapeOptions {
            plane: PlaneKind::Pca,
            resolution: MAX_RESOLUTION,
            span: None,
            seed: 0,
        }
    }
}

/// Why a landscape cannot be drawn.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LandscapeError {
    #[error("resolution must be a whole number from 2 to {MAX_RESOLUTION}; it is {0}")]
    Resolution(usize),
    #[error("span must be a finite number above 0; it is {0}")]
    Span(f64),
    #[error(
        "the PCA plane needs the racers' paths: train at least one epoch first (or ask for the random plane)"
    )]
    NoPaths,
    #[error(
        "the followed racer's weights are all 0, so its filter-normalised directions are 0: ask for the PCA plane"
    )]
    FlatPlane,
    #[error("the followed racer ({0}) has diverged: its weights are not finite numbers")]
    Diverged(&'static str),
}

impl LandscapeOptions {
    pub fn check(&self) -> Result<(), LandscapeError> {
        if !(2..=MAX_RESOLUTION).contains(&self.resolution) {
            return Err(LandscapeError::Resolution(self.resolution));
        }
        match self.span {
            Some(s) if !(s.is_finite() && s > 0.0) => Err(LandscapeError::Span(s)),
            _ => Ok(()),
        }
    }
}

/// A drawn landscape: `a` and `b` the axis values (increasing), `cost` the resolution² grid
/// row by row, row r at b = b[n − 1 − r] (row 0 at the largest b), column c at a = a[c]; each
/// racer's path as (a, b) pairs, one after another; the PCA shares; the examples used.
#[derive(Clone, Debug, PartialEq)]
pub struct Landscape {
    pub plane: PlaneKind,
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    pub cost: Vec<f64>,
    pub paths: Vec<(OptimizerKind, Vec<f64>)>,
    pub explained: Option<[f64; 2]>,
    /// m the grid was evaluated on, and whether it is a subsample of the train set
    pub examples: usize,
    pub subsampled: bool,
}

/// A landscape computed in parts (`run`), owning all it needs: the race may move on meanwhile.
#[derive(Clone, Debug)]
pub struct LandscapeJob {
    kind: PlaneKind,
    /// the followed racer's net: its layers' shapes, activations and cost
    net: Network,
    examples: Examples,
    subsampled: bool,
    resolution: usize,
    span: Option<f64>,
    /// every racer's snapshots as offsets θ_e − θc, pooled
    rows: Vec<Vec<f64>>,
    paths: Vec<PathData>,
    centre: Vec<f64>,
    pca: Option<Lanczos>,
    plane: Option<Plane>,
    explained: Option<[f64; 2]>,
    axis: Vec<f64>,
    cost: Vec<f64>,
    theta: Vec<f64>,
}

/// The train set, or `MAX_EXAMPLES` of it when larger: the first of a `Random::new(seed)`
/// shuffle of the indices, in increasing order.
pub fn subsample(train: &Examples, seed: u64) -> (Examples, bool) {
    if train.len() <= MAX_EXAMPLES {
        return (train.clone(), false);
    }
    let mut indices: Vec<usize> = (0..train.len()).collect();
    Random::new(seed).shuffle(&mut indices);
    // the chosen ones in increasing order, by a mark per example rather than a sort
    let mut chosen = vec![false; train.len()];
    indices[..MAX_EXAMPLES]
        .iter()
        .for_each(|&j| chosen[j] = true);
    let indices: Vec<usize> = (0..train.len()).filter(|&j| chosen[j]).collect();
    (train.select(&indices), true)
}

/// The axis values of an n-point side of half-width `span`: span · (2i − (n − 1)) / (n − 1),
/// i = 0 … n − 1 (exactly 0 in the middle when n is odd).
pub fn axis(n: usize, span: f64) -> Vec<f64> {
    let last = (n - 1) as f64;
    (0..n)
        .map(|i| span * (2.0 * i as f64 - last) / last)
        .collect()
}

impl LandscapeJob {
    /// The job for `race` following racer `focus` (an index of `race.racers`): checks the
    /// options, copies the paths and the examples; no grid point yet.
    pub fn new(
        race: &Race,
        focus: usize,
        options: &LandscapeOptions,
    ) -> Result<LandscapeJob, LandscapeError> {
        options.check()?;
        let followed = &race.racers[focus];
        let centre = match options.plane {
            PlaneKind::Pca => race.initial.as_ref().clone(),
            PlaneKind::Random if !followed.network.is_finite() => {
                return Err(LandscapeError::Diverged(followed.kind().label()));
            }
            PlaneKind::Random => parameters(&followed.network),
        };
        let (rows, paths) = gather(race, &centre);
        let (pca, plane) = match options.plane {
            PlaneKind::Pca => (
                Some(Lanczos::new(&rows).ok_or(LandscapeError::NoPaths)?),
                None,
            ),
            PlaneKind::Random => {
                let seed = options.seed.wrapping_add(1);
                let plane = random_plane(&followed.network, centre.clone(), seed);
                if !plane.spans() {
                    return Err(LandscapeError::FlatPlane);
                }
                (None, Some(plane))
            }
        };
        let (examples, subsampled) = subsample(&race.data.train, options.seed);
        Ok(LandscapeJob {
            kind: options.plane,
            net: followed.network.clone(),
            examples,
            subsampled,
            resolution: options.resolution,
            span: options.span,
            rows,
            paths,
            centre,
            pca,
            plane,
            explained: None,
            axis: Vec::new(),
            cost: Vec::new(),
            theta: Vec::new(),
        })
    }

    /// Units of work of one grid point: m · (P + 40·N) forward, and θ(a, b) (3·P).
    pub fn point_work(&self) -> f64 {
        let size = self.net.size();
        self.examples.len() as f64 * size.forward() + 3.0 * size.parameters as f64
    }

    /// An upper bound of the work still to do: the Lanczos steps left at most, and the grid
    /// points not yet evaluated.
    pub fn remaining_work(&self) -> f64 {
        let pca = match &self.pca {
            Some(l) if !l.done() => {
                (MAX_LANCZOS.min(self.rows.len()) as f64) * l.step_work(self.rows.len())
            }
            _ => 0.0,
        };
        let left = self.resolution * self.resolution - self.cost.len();
        pca + left as f64 * self.point_work()
    }

    /// True once every grid point is evaluated.
    pub fn done(&self) -> bool {
        self.cost.len() == self.resolution * self.resolution
    }

    /// Does parts — a Lanczos step, or one grid point — until about `max_work` units are
    /// done (at least one part), or all is; true when all is.
    pub fn run(&mut self, max_work: f64) -> bool {
        let mut spent = 0.0;
        while !self.done() {
            if spent > 0.0 && spent >= max_work {
                break;
            }
            spent += self.part();
        }
        self.done()
    }

    /// One part; returns its work.
    fn part(&mut self) -> f64 {
        if let Some(l) = self.pca.as_mut().filter(|l| !l.done()) {
            let work = l.step_work(self.rows.len());
            l.step(&self.rows);
            return work;
        }
        if self.axis.is_empty() {
            self.lay_out();
            return 0.0;
        }
        let n = self.resolution;
        let (r, c) = (self.cost.len() / n, self.cost.len() % n);
        let (a, b) = (self.axis[c], self.axis[n - 1 - r]);
        let plane = self.plane.as_ref().expect("laid out");
        plane.point_into(a, b, &mut self.theta);
        set_parameters(&mut self.net, &self.theta);
        self.cost.push(evaluate(&self.net, &self.examples).0);
        self.point_work()
    }

    /// After the directions: the PCA plane and its shares, then the span and the axis.
    fn lay_out(&mut self) {
        if let Some(l) = &self.pca {
            let p = l.principal();
            let [d1, d2] = p.directions;
            self.explained = Some(p.explained);
            self.plane = Some(Plane {
                centre: self.centre.clone(),
                d1,
                d2,
            });
        }
        let span = self.span.unwrap_or_else(|| match self.kind {
            PlaneKind::Random => RANDOM_SPAN,
            PlaneKind::Pca => {
                let reach = self
                    .coordinates()
                    .iter()
                    .flat_map(|(_, xy)| xy.iter().map(|v| v.abs()))
                    .fold(0.0, f64::max);
                if reach > 0.0 && reach.is_finite() {
                    PCA_MARGIN * reach
                } else {
                    1.0
                }
            }
        });
        self.axis = axis(self.resolution, span);
    }

    /// Each racer's path projected onto the plane, as (a, b) pairs.
    fn coordinates(&self) -> Vec<(OptimizerKind, Vec<f64>)> {
        let plane = self.plane.as_ref().expect("laid out");
        coordinates(plane, &self.rows, &self.paths)
    }

    /// The landscape, once `done`.
    pub fn result(&self) -> Option<Landscape> {
        self.done().then(|| Landscape {
            plane: self.kind,
            a: self.axis.clone(),
            b: self.axis.clone(),
            cost: self.cost.clone(),
            paths: self.coordinates(),
            explained: self.explained,
            examples: self.examples.len(),
            subsampled: self.subsampled,
        })
    }
}

/// The whole landscape at once (`LandscapeJob` run to the end).
pub fn landscape(
    race: &Race,
    focus: usize,
    options: &LandscapeOptions,
) -> Result<Landscape, LandscapeError> {
    let mut job = LandscapeJob::new(race, focus, options)?;
    job.run(f64::INFINITY);
    Ok(job.result().expect("run to the end"))
}

#[cfg(test)]
mod tests;
