//! The racers' paths for a landscape: θ₀, each racer's snapshots and its current θ, as
//! offsets from the plane's centre, and their projections onto the plane.

use super::Plane;
use crate::math::optimizer::OptimizerKind;
use crate::training::race::Race;
use crate::training::race::snapshots::parameters;

/// One racer's path as offsets x = θ − θc: the start, its snapshots (rows `snaps` of the
/// job's pooled rows), its current θ when later than its last snapshot.
#[derive(Clone, Debug)]
pub(super) struct PathData {
    pub kind: OptimizerKind,
    pub start: Vec<f64>,
    pub snaps: std::ops::Range<usize>,
    pub current: Option<Vec<f64>>,
}

/// Every racer's path as offsets x = θ − θc (`centre`): the snapshots pooled as rows (racer
/// after racer, oldest first), the start and the current θ of each racer beside them.
pub(super) fn gather(race: &Race, centre: &[f64]) -> (Vec<Vec<f64>>, Vec<PathData>) {
    let offset =
        |theta: &[f64]| -> Vec<f64> { theta.iter().zip(centre).map(|(t, c)| t - c).collect() };
    let (mut rows, mut paths) = (Vec::new(), Vec::new());
    for r in &race.racers {
        let first = rows.len();
        rows.extend(r.snapshots.iter().map(|s| offset(&s.theta)));
        let later = r.snapshots.last().map_or(0, |s| s.step) < r.optimizer.step;
        paths.push(PathData {
            kind: r.kind(),
            start: offset(&race.initial),
            snaps: first..rows.len(),
            current: (later && r.network.is_finite()).then(|| offset(&parameters(&r.network))),
        });
    }
    (rows, paths)
}

/// Each racer's path projected onto `plane` (`Plane::project`), as (a, b) pairs.
pub(super) fn coordinates(
    plane: &Plane,
    rows: &[Vec<f64>],
    paths: &[PathData],
) -> Vec<(OptimizerKind, Vec<f64>)> {
    paths
        .iter()
        .map(|p| {
            let points = std::iter::once(&p.start)
                .chain(&rows[p.snaps.clone()])
                .chain(&p.current);
            (p.kind, points.flat_map(|x| plane.project(x)).collect())
        })
        .collect()
}
