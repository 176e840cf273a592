//! When and how finely the page's landscape panel recomputes the race's landscape
//! (`training::landscape`): the grid's side, the work of one slice of a frame, and whether a
//! frame starts a new picture, goes on with the one under way, or does nothing. Plain
//! decisions, tested natively; `web::app::landscape` follows them.
//!
//! Work is counted in `budget`'s units (about 2·10⁹ a second on the project's 2-core machine):
//! a grid point is m·(P + 40·N) + 3P, m ≤ 256 examples. A slice of a frame is about 2.5 ms
//! while the race plays (5·10⁶ units), about 20 ms when paused (4·10⁷; no other drawing that
//! frame), but at least one grid point: on the largest net of the caps (P = 21,057) a point is
//! 9.4·10⁶ units, some 5 ms. A whole picture is at most 2·10⁸ units while playing (the default
//! net: 31 × 31 in about 0.1 s of slices) and 4·10⁹ when paused (41 × 41 there; 20 × 20 on the
//! largest net), never below 11 × 11.

use super::*;
use crate::training::landscape::MAX_EXAMPLES;

/// The work of one slice (`LandscapeJob::run`): while playing, and paused.
pub const LIVE_SLICE_WORK: f64 = 5e6;
pub const SHARP_SLICE_WORK: f64 = 4e7;
/// The work of a whole picture, which sets the grid's side: while playing, and paused.
pub const LIVE_PICTURE_WORK: f64 = 2e8;
pub const SHARP_PICTURE_WORK: f64 = 4e9;
/// The coarsest grid's side, whatever the net.
pub const MIN_SIDE: usize = 11;
/// While playing, a new picture starts at most this often (ms), so a small net whose epochs
/// fly by is not redrawn every frame.
pub const LIVE_EVERY_MS: f64 = 400.0;

/// What a picture of the landscape shows: when the wanted key differs from the one drawn, a
/// new picture is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LandscapeKey {
    /// counts the race's restarts (a load, a reset): a picture of another race is dropped
    pub race: u64,
    pub plane: PlaneKind,
    /// the followed racer (an index), on the random plane whose centre is its θ; None on
    /// the PCA plane, which does not depend on it
    pub focus: Option<usize>,
    /// while playing (`live`), the epochs done; paused, also the followed racer's updates
    /// t, since a sub-step moves the paths' ends
    pub live: bool,
    pub epochs: usize,
    pub step: u64,
    pub side: usize,
}

/// What a frame does about the landscape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LandscapeNext {
    /// nothing: the picture shown is the one wanted, or a new one must wait
    Idle,
    /// a slice of the job under way
    Run,
    /// a new job for the wanted key (replacing any under way)
    Start,
}

/// The side of a grid whose picture costs at most `total` units at `point` units a point:
/// ⌊√(total / point)⌋, clamped to [`MIN_SIDE`, `MAX_RESOLUTION`].
pub fn landscape_side(point: f64, total: f64) -> usize {
    let side = (total / point.max(1.0)).sqrt() as usize;
    side.clamp(MIN_SIDE, MAX_RESOLUTION)
}

/// The work of a frame's slice: `LIVE_SLICE_WORK` while playing, else `SHARP_SLICE_WORK`.
pub fn slice_work(live: bool) -> f64 {
    if live {
        LIVE_SLICE_WORK
    } else {
        SHARP_SLICE_WORK
    }
}

/// What to hand `LandscapeJob::run` for a frame's slice, whose last part may be a grid point
/// of `point` units: `slice_work(live)` − `point`, so that the slice, overrun included, stays
/// within `slice_work` — or, when one point is more than that (the largest net), 0: `run`
/// then does exactly one part (a Lanczos step, or a point).
pub fn slice_budget(live: bool, point: f64) -> f64 {
    (slice_work(live) - point).max(0.0)
}

/// The frame's decision, from the key last settled (drawn, or refused with a message), the
/// key of the job under way, the key wanted and the ms since the last job started:
///
/// - the job under way is the wanted one → `Run`;
/// - the picture settled is the wanted one → `Idle` (any other job is dropped);
/// - while playing, a job of the same race, plane and racer under way goes on (`Run`): its
///   picture, an epoch or two old, comes first, then the next starts;
/// - while playing, a new picture of the same race, plane and racer waits until
///   `LIVE_EVERY_MS` have passed since the last started (`Idle`);
/// - else `Start`.
pub fn landscape_next(
    settled: Option<&LandscapeKey>,
    running: Option<&LandscapeKey>,
    want: &LandscapeKey,
    waited_ms: f64,
) -> LandscapeNext {
    let same_view =
        |k: &LandscapeKey| k.race == want.race && k.plane == want.plane && k.focus == want.focus;
    if running == Some(want) {
        return LandscapeNext::Run;
    }
    if settled == Some(want) {
        return LandscapeNext::Idle;
    }
    if want.live {
        if running.is_some_and(|r| r.live && same_view(r)) {
            return LandscapeNext::Run;
        }
        if settled.is_some_and(same_view) && waited_ms < LIVE_EVERY_MS {
            return LandscapeNext::Idle;
        }
    }
    LandscapeNext::Start
}

impl Session {
    /// Units of work of one grid point of the race's landscape (`LandscapeJob::point_work`,
    /// without building the job): min(m, 256)·(P + 40·N) + 3P.
    pub fn landscape_point_work(&self) -> f64 {
        let size = self.focused().network.size();
        let m = self.stepper.race.data.train.len().min(MAX_EXAMPLES);
        m as f64 * budget::Work::forward(&size) + 3.0 * size.parameters as f64
    }

    /// The key of the picture the panel wants now: race `race` (the page counts restarts),
    /// `plane`, live while the race plays.
    pub fn landscape_key(&self, race: u64, plane: PlaneKind, live: bool) -> LandscapeKey {
        let total = if live {
            LIVE_PICTURE_WORK
        } else {
            SHARP_PICTURE_WORK
        };
        LandscapeKey {
            race,
            plane,
            focus: (plane == PlaneKind::Random).then_some(self.stepper.focus),
            live,
            epochs: self.epochs_done(),
            step: if live { 0 } else { self.step() },
            side: landscape_side(self.landscape_point_work(), total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(epochs: usize, live: bool) -> LandscapeKey {
        LandscapeKey {
            race: 1,
            plane: PlaneKind::Pca,
            focus: None,
            live,
            epochs,
            step: 0,
            side: 31,
        }
    }

    #[test]
    fn sides_follow_the_work_and_stay_within_11_and_41() {
        // by hand: √(2·10⁸ / 2·10⁵) = √1000 = 31.6 → 31
        assert_eq!(landscape_side(2e5, LIVE_PICTURE_WORK), 31);
        // √(4·10⁹ / 2·10⁵) = √20000 = 141 → 41, the cap
        assert_eq!(landscape_side(2e5, SHARP_PICTURE_WORK), 41);
        // the largest net: a point 256·(21,057 + 40·385) + 3·21,057 = 9,397,203 units;
        // √(4·10⁹ / 9.4·10⁶) = 20.6 → 20; while playing √21.3 = 4.6 → the floor, 11
        let largest = 256.0 * (21_057.0 + 40.0 * 385.0) + 3.0 * 21_057.0;
        assert_eq!(landscape_side(largest, SHARP_PICTURE_WORK), 20);
        assert_eq!(landscape_side(largest, LIVE_PICTURE_WORK), MIN_SIDE);
        assert_eq!(landscape_side(0.0, LIVE_PICTURE_WORK), MAX_RESOLUTION);
    }

    #[test]
    fn a_slice_while_playing_is_a_fraction_of_a_paused_one() {
        assert!(slice_work(true) < slice_work(false));
        // ≈ 2.5 ms at 2·10⁹ units a second: within the 3 ms a playing frame may spend
        assert!(slice_work(true) / 2e9 * 1e3 <= 3.0);
        assert!(slice_work(false) / 2e9 * 1e3 <= 25.0);
    }

    #[test]
    fn a_slice_with_its_last_point_stays_within_its_work() {
        // the default net (2·10⁵ a point): 5·10⁶ − 2·10⁵ = 4.8·10⁶, then at most one more point
        assert_eq!(slice_budget(true, 2e5), 4.8e6);
        assert!(slice_budget(true, 2e5) + 2e5 <= LIVE_SLICE_WORK);
        // the largest net (9.4·10⁶ a point, more than a live slice): one part a frame
        assert_eq!(slice_budget(true, 9.4e6), 0.0);
        assert_eq!(slice_budget(false, 9.4e6), SHARP_SLICE_WORK - 9.4e6);
    }

    #[test]
    fn the_job_wanted_runs_and_the_picture_wanted_rests() {
        let want = key(3, true);
        assert_eq!(
            landscape_next(None, Some(&want), &want, 0.0),
            LandscapeNext::Run
        );
        assert_eq!(
            landscape_next(Some(&want), None, &want, 1e9),
            LandscapeNext::Idle
        );
        assert_eq!(landscape_next(None, None, &want, 0.0), LandscapeNext::Start);
    }

    #[test]
    fn while_playing_an_older_epochs_job_finishes_and_the_next_waits_its_turn() {
        let want = key(5, true);
        assert_eq!(
            landscape_next(Some(&key(2, true)), Some(&key(4, true)), &want, 0.0),
            LandscapeNext::Run
        );
        assert_eq!(
            landscape_next(Some(&key(4, true)), None, &want, LIVE_EVERY_MS - 1.0),
            LandscapeNext::Idle
        );
        assert_eq!(
            landscape_next(Some(&key(4, true)), None, &want, LIVE_EVERY_MS),
            LandscapeNext::Start
        );
    }

    #[test]
    fn a_new_plane_racer_race_or_a_pause_starts_at_once() {
        let old = key(4, true);
        let mut random = key(5, true);
        random.plane = PlaneKind::Random;
        random.focus = Some(2);
        assert_eq!(
            landscape_next(Some(&old), Some(&old), &random, 0.0),
            LandscapeNext::Start
        );
        let mut other_racer = random;
        other_racer.focus = Some(3);
        assert_eq!(
            landscape_next(Some(&random), None, &other_racer, 0.0),
            LandscapeNext::Start
        );
        let mut restarted = key(0, true);
        restarted.race = 2;
        assert_eq!(
            landscape_next(Some(&old), Some(&old), &restarted, 0.0),
            LandscapeNext::Start
        );
        // paused: the sharp picture replaces a live job at once
        let paused = key(4, false);
        assert_eq!(
            landscape_next(Some(&old), Some(&key(5, true)), &paused, 0.0),
            LandscapeNext::Start
        );
    }

    #[test]
    fn the_key_follows_the_session() {
        let s = Session::new(Scenario::default());
        let live = s.landscape_key(7, PlaneKind::Pca, true);
        assert_eq!((live.race, live.epochs, live.focus), (7, 0, None));
        let random = s.landscape_key(7, PlaneKind::Random, false);
        assert_eq!(random.focus, Some(s.stepper.focus));
        // the default net 2-8-8-1 on 256 of its 320 train examples: P = 105, N = 17, so a
        // point is 256·(105 + 680) + 315 = 201,275 units (by hand)
        assert_eq!(s.landscape_point_work(), 201_275.0);
        assert_eq!((live.side, random.side), (31, 41));
    }
}
