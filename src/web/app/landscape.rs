//! The landscape panel's state and its work in the loop: the race's landscape
//! (`session::LandscapeJob`) computed a slice a frame, on frames that draw nothing else, as
//! `session::landscape_next` decides; the last finished picture stays on the canvas until
//! the next is ready (`Job::Landscape` draws it, `panels::landscape`).

use super::*;
use crate::session::{
    Landscape, LandscapeError, LandscapeJob, LandscapeKey, LandscapeNext, LandscapeOptions,
    PlaneKind, landscape_next, slice_budget,
};

/// A frame that has already worked this long (ms; taking a worker's report back, say) does
/// no slice: the slice waits for a quieter frame, so that no task adds the two.
const BUSY_MS: f64 = 3.0;

/// What the panel's controls say.
pub enum LandscapeMsg {
    /// the `<details>` opened or closed
    Open(bool),
    /// the `l` key
    Toggle,
    Plane(PlaneKind),
}

/// The panel's state.
pub struct LandscapePanel {
    pub open: bool,
    pub plane: PlaneKind,
    /// counts the race's restarts
    race: u64,
    running: Option<(LandscapeKey, LandscapeJob)>,
    started_at: f64,
    /// the key of the picture (or the message) shown
    settled: Option<LandscapeKey>,
    /// the last finished picture, with the epoch it was of
    pub picture: Option<(Landscape, usize)>,
    /// why there is no picture (no epoch yet, a diverged racer)
    pub problem: Option<String>,
    /// the panel's controls show `open` and `plane`
    drawn: Option<(bool, PlaneKind)>,
}

impl Default for LandscapePanel {
    fn default() -> Self {
        LandscapePanel {
            open: false,
            plane: PlaneKind::Pca,
            race: 0,
            running: None,
            started_at: f64::NEG_INFINITY,
            settled: None,
            picture: None,
            problem: None,
            drawn: None,
        }
    }
}

/// What the panel says instead of a picture.
fn problem_text(e: &SessionError) -> String {
    match e {
        SessionError::Landscape(LandscapeError::NoPaths) => {
            "No path yet: play or +1 epoch to see the paths. \
            The PCA plane is spanned by the racers' steps, and none has been taken yet \
            (or choose the random plane)."
                .into()
        }
        e => e.to_string(),
    }
}

/// Wires the panel's `<details>` and its plane select.
pub fn wire(dispatch: &Dispatch) {
    let d = dispatch.clone();
    dom::on::<web_sys::Event>(&dom::element("landscape-details"), "toggle", move |_| {
        let open = dom::by_id::<web_sys::HtmlDetailsElement>("landscape-details").open();
        d.send(Msg::Landscape(LandscapeMsg::Open(open)))
    });
    let d = dispatch.clone();
    dom::on::<web_sys::Event>(&dom::element("landscape-plane"), "change", move |_| {
        let value = dom::by_id::<web_sys::HtmlSelectElement>("landscape-plane").value();
        if let Some(plane) = PlaneKind::from_name(&value) {
            d.send(Msg::Landscape(LandscapeMsg::Plane(plane)))
        }
    });
}

impl App {
    pub(super) fn landscape_update(&mut self, msg: LandscapeMsg) {
        let panel = &mut self.landscape;
        match msg {
            LandscapeMsg::Open(on) => panel.open = on,
            LandscapeMsg::Toggle => panel.open = !panel.open,
            LandscapeMsg::Plane(plane) => panel.plane = plane,
        }
        if !panel.open {
            panel.running = None; // closed, it costs nothing
        }
        self.stale[Job::Landscape as usize] = true;
    }

    /// A new race: the picture and any job of the old one are dropped, the canvas cleared.
    pub(super) fn landscape_restarted(&mut self) {
        let panel = &mut self.landscape;
        panel.race += 1;
        (panel.running, panel.settled) = (None, None);
        (panel.picture, panel.problem) = (None, None);
        self.stale[Job::Landscape as usize] = true;
    }

    /// The picture, or why there is none (`Job::Landscape`).
    pub(super) fn landscape_draw(&self) {
        let panel = &self.landscape;
        let (picture, problem) = (panel.picture.as_ref(), panel.problem.as_deref());
        crate::web::panels::landscape::draw(picture, problem, &self.session);
    }

    /// The panel's controls, shown from the state.
    pub(super) fn landscape_view(&mut self) {
        let panel = &mut self.landscape;
        if panel.drawn == Some((panel.open, panel.plane)) {
            return;
        }
        dom::by_id::<web_sys::HtmlDetailsElement>("landscape-details").set_open(panel.open);
        dom::by_id::<web_sys::HtmlSelectElement>("landscape-plane").set_value(panel.plane.name());
        panel.drawn = Some((panel.open, panel.plane));
    }

    /// A frame's landscape work, on a frame that draws nothing else and is not yet `BUSY_MS`
    /// old (`now` its start): start the picture wanted, or a slice of the one under way; a
    /// finished one replaces the picture shown.
    pub(super) fn landscape_slice(&mut self, now: f64) {
        let busy = dom::now_ms() - now > BUSY_MS;
        if busy || !self.landscape.open || self.lesson_view || self.session.replaying() {
            return;
        }
        let live = self.playing;
        let panel = &mut self.landscape;
        let want = self.session.landscape_key(panel.race, panel.plane, live);
        let running = panel.running.as_ref().map(|(k, _)| k);
        match landscape_next(
            panel.settled.as_ref(),
            running,
            &want,
            now - panel.started_at,
        ) {
            LandscapeNext::Idle => {
                if panel.settled == Some(want) {
                    panel.running = None;
                }
                return;
            }
            LandscapeNext::Start => {
                let options = LandscapeOptions {
                    plane: want.plane,
                    resolution: want.side,
                    ..LandscapeOptions::default()
                };
                panel.started_at = now;
                match self.session.landscape_job(&options) {
                    Ok(job) => {
                        panel.running = Some((want, job));
                        // no longer "no path yet": with no picture, the panel says it computes
                        if panel.problem.take().is_some() {
                            self.stale[Job::Landscape as usize] = true;
                        }
                    }
                    Err(e) => {
                        panel.running = None;
                        panel.settled = Some(want);
                        panel.picture = None;
                        panel.problem = Some(problem_text(&e));
                        self.stale[Job::Landscape as usize] = true;
                    }
                }
                return; // building the job copied the paths: enough for this frame
            }
            LandscapeNext::Run => {}
        }
        let Some((key, job)) = panel.running.as_mut() else {
            return;
        };
        if job.run(slice_budget(live, job.point_work())) {
            let key = *key;
            panel.picture = job.result().map(|l| (l, key.epochs));
            panel.settled = Some(key);
            panel.problem = None;
            panel.running = None;
            self.stale[Job::Landscape as usize] = true;
        }
    }
}
