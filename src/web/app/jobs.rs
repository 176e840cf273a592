//! The drawings a frame does, one at a time: which are due (`Job`), and each one.

use super::*;
use crate::web::panels::{boundary, race_chart};
use web_sys::HtmlCanvasElement;

/// While training: how often each drawing is redone, in ms.
const CHART_EVERY_MS: f64 = 250.0;
const FIELDS_EVERY_MS: f64 = 200.0;
const DIAGRAM_EVERY_MS: f64 = 300.0;
/// Grid sides: while training and when paused.
const BIG_LIVE: usize = 56;
const BIG_SHARP: usize = 160;
const SMALL_LIVE: usize = 32;
const SMALL_SHARP: usize = 80;
const NODE_LIVE: usize = 12;
const NODE_SHARP: usize = 24;

/// The drawings a frame can do, one per frame, in order of priority.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Job {
    Points,
    Chart,
    BigField,
    Diagram,
    SmallFields,
    Lesson,
    Landscape,
}
pub(super) const JOBS: usize = 7;
pub(super) const ALL_JOBS: [Job; JOBS] = [
    Job::Points,
    Job::Lesson,
    Job::Chart,
    Job::BigField,
    Job::Diagram,
    Job::SmallFields,
    Job::Landscape,
];

impl Job {
    /// How often it is redone while training (ms); the points only change with the data.
    pub(super) fn every(self) -> f64 {
        match self {
            Job::Points => 0.0,
            Job::Chart => CHART_EVERY_MS,
            Job::BigField | Job::SmallFields => FIELDS_EVERY_MS,
            Job::Diagram | Job::Lesson | Job::Landscape => DIAGRAM_EVERY_MS,
        }
    }
}

/// The most work one drawing of a grid may do (units of `budget`): paused, about 0.1 s (the
/// largest net is then drawn on a 74 × 74 grid); while training, about 5 ms alone — 20 to
/// 40 ms when the race's workers take every core — so that no task of the main thread
/// passes 50 ms (the largest net: 16 × 16).
const DRAW_WORK: f64 = 2e8;
const LIVE_DRAW_WORK: f64 = 1e7;
/// The same for the live fields the race's workers compute with each report (about 20 ms of
/// a worker's time on the largest net, where an epoch takes 0.5 s): sharper than the page's own.
const WORKER_DRAW_WORK: f64 = 4e7;

/// The work one drawing may do: the four small fields share it.
fn draw_work(live: bool, share: f64) -> f64 {
    share * if live { LIVE_DRAW_WORK } else { DRAW_WORK }
}

/// Draws racer `kind`'s field: from `ready` (a worker's grid, side and outputs) when there is
/// one, else computed here on a grid of side `resolution` or less, as `work` affords.
fn draw_field(
    canvas: &HtmlCanvasElement,
    session: &Session,
    kind: OptimizerKind,
    (resolution, work): (usize, f64),
    discrete: bool,
    ready: Option<(usize, &[f64])>,
) {
    if let Some((side, grid)) = ready {
        let rgba = boundary::grid_rgba(session, grid, side, discrete);
        return boundary::draw_field(canvas, &rgba, side);
    }
    let resolution = session.affordable_side(resolution, work);
    match boundary::field_rgba(session, kind, resolution, discrete) {
        Ok(rgba) => boundary::draw_field(canvas, &rgba, resolution),
        Err(e) => errors::show(&e.to_string()),
    }
}

/// The live fields the workers compute for the race as it is.
pub(super) fn worker_sides(session: &Session) -> crew::Sides {
    crew::Sides {
        small: session.affordable_side(SMALL_LIVE, 0.25 * WORKER_DRAW_WORK),
        big: session.affordable_side(BIG_LIVE, WORKER_DRAW_WORK),
        focus: session.stepper().focus,
    }
}

impl App {
    /// Draws `job` now. Not inlined: the frame and an export (`app/export.rs`) share one copy.
    #[inline(never)]
    pub(super) fn run(&mut self, job: Job) {
        let session = &self.session;
        let sharp = !self.playing;
        match job {
            Job::Points => self.draw_points(session),
            Job::Chart => {
                if let Err(e) =
                    race_chart::draw(&dom::canvas("race-chart"), session, self.log_scale)
                {
                    errors::show(&format!("The race chart could not be drawn: {e}"));
                }
            }
            Job::BigField => {
                let res = if sharp { BIG_SHARP } else { BIG_LIVE };
                let focus = session.stepper().focus;
                draw_field(
                    &dom::canvas("boundary-big"),
                    session,
                    session.focused_kind(),
                    (res, draw_work(!sharp, 1.0)),
                    self.discretize,
                    self.crew.field(session, focus, true).filter(|_| !sharp),
                );
            }
            Job::SmallFields => {
                let res = if sharp { SMALL_SHARP } else { SMALL_LIVE };
                for (i, racer) in session.stepper().race.racers.iter().enumerate() {
                    let kind = racer.kind();
                    draw_field(
                        &dom::canvas(&format!("field-{}", kind.name())),
                        session,
                        kind,
                        (res, draw_work(!sharp, 0.25)),
                        self.discretize,
                        self.crew.field(session, i, false).filter(|_| !sharp),
                    );
                }
            }
            Job::Diagram => {
                self.diagram = diagram::draw(
                    &dom::canvas("diagram"),
                    session,
                    if sharp {
                        (NODE_SHARP, diagram::MAX_LINKS)
                    } else {
                        (NODE_LIVE, diagram::LIVE_LINKS)
                    },
                    &self.diagram,
                )
            }
            Job::Lesson => lesson::draw(self),
            Job::Landscape => self.landscape_draw(),
        }
        // a live (coarse) drawing leaves the sharp one still to do once paused
        self.stale[job as usize] =
            !sharp && !matches!(job, Job::Points | Job::Chart | Job::Lesson | Job::Landscape);
        self.drawn_at[job as usize] = dom::now_ms();
    }

    pub(super) fn update_status(&self, session: &Session) {
        dom::set_text("epoch-count", &session.epochs_done().to_string());
        let focused = session.focused_kind();
        dom::set_text("focus-name", focused.label());
        let next = session.upcoming();
        let next = match next.layer {
            Some(l) => format!("next: {} layer {l}", next.phase.name()),
            None => format!("next: {}", next.phase.name()),
        };
        dom::set_text("next-step", &next);
        for el in dom::select_all("figure[data-focus]") {
            let is = el.get_attribute("data-focus").as_deref() == Some(focused.name());
            let _ = el.class_list().toggle_with_force("focused", is);
        }
        let _ = dom::element("focus-panel")
            .style()
            .set_property("--racer", &colors::css(colors::racer(focused)));
    }

    fn draw_points(&self, session: &Session) {
        let own = &self.own_data;
        let points = (self.show_test || own.draw, own.waits(session));
        boundary::draw_points(&dom::canvas("points-big"), session, points, 3.2, true);
        boundary::ring_examples(&dom::canvas("points-big"), session, &self.picked);
        dom::set_html(&dom::element("colour-key"), &boundary::key_html(session));
        for kind in OptimizerKind::ALL {
            boundary::draw_points(
                &dom::canvas(&format!("points-{}", kind.name())),
                session,
                points,
                1.6,
                false,
            );
        }
    }
}
