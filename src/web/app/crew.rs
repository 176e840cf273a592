//! The crew: the Web Workers that train the race while the page plays (`docs/architecture.md`,
//! the race in workers). The page's session stays the owner of the race: when ▶ starts it
//! hands the race over at a batch boundary (`Session::hand_over`); each worker trains some
//! racers of its own copy to the epoch it is asked for and reports their state; once every
//! worker has reported an epoch, the session takes all the racers back (`Session::take_back`)
//! — so the page, the lesson view and `window.playground` read the race synchronously, as it
//! was at the end of that epoch. Any other change to the session (an edit, a step, a load)
//! or a pause ends the round: the workers' copies are dropped and a new round starts from
//! the session. Racers are independent given the batches, so the bits are the same with any
//! number of workers, or none (`?workers=0` trains on the main thread, in slices).

mod fields;

use super::*;
use crate::session::MAX_RACE_EPOCHS;
use fields::Grids;
pub use fields::Sides;
use js_sys::{Object, Reflect, Uint8Array};
use std::collections::VecDeque;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// A worker's report: the epoch, its racers' state, their live fields.
type Report = (usize, Vec<u8>, Vec<f64>);

/// How far a worker may train ahead of the epoch the session last took back, in rounds.
const AHEAD: usize = 2;
/// How many epochs of the plan a worker is sent before it has reported them.
const QUEUED: usize = 2;
/// A round's length is chosen so that a worker reports about this often (ms).
const ROUND_MS: f64 = 120.0;

/// What a worker said.
pub enum Heard {
    Ready,
    Report {
        worker: usize,
        generation: u32,
        epoch: usize,
        state: Vec<u8>,
        /// `RaceWorker::fields` at that epoch
        fields: Vec<f64>,
    },
    Failed(String),
}

pub struct Crew {
    workers: Vec<Worker>,
    ready: usize,
    /// the racers (indices) each worker trains
    racers: Vec<Vec<usize>>,
    /// counts rounds: a report of an earlier one is dropped
    generation: u32,
    running: bool,
    /// each worker's reports not yet taken back: (epoch, bytes, fields)
    reports: Vec<VecDeque<Report>>,
    /// the live fields the workers compute with each report
    grids: Grids,
    /// the epochs every worker is asked to reach in turn this round, and how many of them
    /// each worker was sent and has reported: all report the same epochs, in order
    plan: Vec<usize>,
    sent: Vec<usize>,
    done: Vec<usize>,
    /// the session's revision after the last hand-over or take-back: anything else is a change
    revision: u64,
    /// epochs per round, and when the round began (to size the next)
    round: usize,
    round_started: f64,
    /// the speed limit: the epoch the session had when ▶ started, and the frames since
    start_epoch: usize,
    frames: usize,
    /// epochs per frame at most (the page's speed)
    speed: usize,
    broken: bool,
}

/// The workers a page starts: `?workers=N` (0 to 4; 0 keeps training on the main thread),
/// else one per racer up to the machine's cores but one (`navigator.hardwareConcurrency` − 1,
/// at least 1): the main thread keeps a core, so its drawings are not slowed by the race.
fn how_many() -> usize {
    let asked = dom::window()
        .location()
        .search()
        .ok()
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get("workers"))
        .and_then(|v| v.parse::<usize>().ok());
    let cores = dom::window().navigator().hardware_concurrency() as usize;
    asked
        .unwrap_or(cores.saturating_sub(1).max(1))
        .min(OptimizerKind::ALL.len())
}

/// The built module's URLs, from the loader's script tag (Trunk.toml's pattern_script).
fn module_urls() -> Option<(String, String)> {
    let tag = dom::document()
        .query_selector("script[data-js][data-wasm]")
        .ok()??;
    let base = dom::document().base_uri().ok()??;
    let url = |attr: &str| {
        web_sys::Url::new_with_base(&tag.get_attribute(attr)?, &base)
            .ok()
            .map(|u| u.href())
    };
    Some((url("data-js")?, url("data-wasm")?))
}

fn message(fields: &[(&str, &JsValue)]) -> JsValue {
    let m = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&m, &(*k).into(), v);
    }
    m.into()
}

fn listen(worker: &Worker, index: usize, dispatch: Dispatch) {
    let on = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        let get = |k: &str| Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
        let heard = if let Some(error) = get("error").as_string() {
            Heard::Failed(error)
        } else if get("ready").is_truthy() {
            Heard::Ready
        } else {
            Heard::Report {
                worker: index,
                generation: get("generation").as_f64().unwrap_or(-1.0) as u32,
                epoch: get("epoch").as_f64().unwrap_or(0.0) as usize,
                state: Uint8Array::new(&get("state")).to_vec(),
                fields: js_sys::Float64Array::new(&get("fields")).to_vec(),
            }
        };
        dispatch.send(Msg::Crew(heard));
    });
    worker.set_onmessage(Some(on.as_ref().unchecked_ref()));
    on.forget(); // the workers live as long as the page
}

impl Crew {
    /// No workers: the page trains on the main thread.
    pub fn none() -> Crew {
        Crew {
            workers: Vec::new(),
            ready: 0,
            racers: Vec::new(),
            generation: 0,
            running: false,
            reports: Vec::new(),
            grids: Grids::default(),
            plan: Vec::new(),
            sent: Vec::new(),
            done: Vec::new(),
            revision: 0,
            round: 1,
            round_started: 0.0,
            start_epoch: 0,
            frames: 0,
            speed: 1,
            broken: false,
        }
    }

    /// Starts the workers (none when `?workers=0`, when the page cannot make one, or when
    /// the built module is not found): they load the module and say when they are ready.
    pub fn start(dispatch: &Dispatch) -> Crew {
        let mut crew = Crew::none();
        let n = how_many();
        let Some((js, wasm)) = module_urls().filter(|_| n > 0) else {
            return crew;
        };
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        for index in 0..n {
            let Ok(worker) = Worker::new_with_options("race-worker.js", &options) else {
                return crew;
            };
            listen(&worker, index, dispatch.clone());
            let init = message(&[("js", &js.clone().into()), ("wasm", &wasm.clone().into())]);
            let _ = worker.post_message(&message(&[("init", &init)]));
            crew.workers.push(worker);
            crew.reports.push(VecDeque::new());
            crew.sent.push(0);
            crew.done.push(0);
        }
        // racer i goes to worker i mod n
        let racers = OptimizerKind::ALL.len();
        crew.racers = (0..n).map(|w| (w..racers).step_by(n).collect()).collect();
        crew
    }

    /// True when the workers train the race: all ready, none failed.
    pub fn usable(&self) -> bool {
        !self.broken && !self.workers.is_empty() && self.ready == self.workers.len()
    }

    /// Drops the round under way (a pause, or the page trains another way).
    pub fn stop(&mut self) {
        if self.running {
            self.running = false;
            self.generation += 1;
            for (w, worker) in self.workers.iter().enumerate() {
                let _ = worker.post_message(&message(&[("stop", &true.into())]));
                self.reports[w].clear();
            }
        }
    }

    /// Once a frame while playing: starts a round when none is under way or the session
    /// changed since the last hand-over, else asks for more epochs within the speed limit.
    pub fn drive(&mut self, session: &mut Session, speed: usize, sides: Sides) {
        if !self.running || session.revision() != self.revision || sides != self.grids.sides {
            self.grids.sides = sides;
            self.begin(session);
        }
        self.frames += 1;
        self.speed = speed;
        for w in 0..self.workers.len() {
            self.ask(w, session.epochs_done());
        }
    }

    fn begin(&mut self, session: &mut Session) {
        self.stop();
        let state = Uint8Array::from(session.hand_over().as_slice());
        let scenario: JsValue = session.base().to_json().into();
        self.revision = session.revision();
        self.running = true;
        self.start_epoch = session.epochs_done();
        self.frames = 0;
        self.round_started = dom::now_ms();
        for (w, worker) in self.workers.iter().enumerate() {
            let racers = js_sys::Array::new();
            for &i in &self.racers[w] {
                racers.push(&(i as u32).into());
            }
            let fields = message(&[
                ("small", &(self.grids.sides.small as u32).into()),
                ("big", &(self.grids.sides.big as u32).into()),
                ("focus", &(self.grids.sides.focus as u32).into()),
            ]);
            let start = message(&[
                ("fields", &fields),
                ("generation", &self.generation.into()),
                ("scenario", &scenario),
                ("state", &state),
                ("racers", &racers),
            ]);
            let _ = worker.post_message(&message(&[("start", &start)]));
        }
        self.plan.clear();
        self.sent.iter_mut().for_each(|n| *n = 0);
        self.done.iter_mut().for_each(|n| *n = 0);
    }

    /// Asks worker `w` for the next epoch of the plan while it has fewer than `QUEUED` not yet
    /// reported (so that it goes on at once after a report, not after the page's answer); a
    /// worker that runs out of plan adds to it, within the speed limit (epochs per frame)
    /// and at most `AHEAD` rounds beyond what the session has taken back.
    fn ask(&mut self, w: usize, session_epoch: usize) {
        while self.sent[w] - self.done[w] < QUEUED {
            let k = self.sent[w];
            if k == self.plan.len() {
                let last = self.plan.last().copied().unwrap_or(self.start_epoch);
                let limit =
                    (self.start_epoch + self.speed * self.frames.max(1)).min(MAX_RACE_EPOCHS);
                let next = (last + self.round).min(limit);
                if next <= last || next > session_epoch + AHEAD * self.round {
                    return;
                }
                self.plan.push(next);
            }
            self.sent[w] += 1;
            let until = message(&[
                ("until", &(self.plan[k] as u32).into()),
                ("generation", &self.generation.into()),
            ]);
            let _ = self.workers[w].post_message(&until);
        }
    }

    /// A worker's message: a report is kept until every worker has reached its epoch, then
    /// the session takes all of them back. Returns an error to show when the workers failed
    /// (the page then trains on the main thread).
    pub fn heard(&mut self, heard: Heard, session: &mut Session) -> Option<String> {
        match heard {
            Heard::Ready => self.ready += 1,
            Heard::Failed(e) => {
                self.stop();
                self.broken = true;
                return Some(format!(
                    "The race's workers failed ({e}); training goes on in the page."
                ));
            }
            Heard::Report {
                worker,
                generation,
                epoch,
                state,
                fields,
            } => {
                if generation != self.generation || !self.running {
                    return None;
                }
                self.done[worker] += 1;
                self.reports[worker].push_back((epoch, state, fields));
                let failed = self.take_back(session);
                if self.running {
                    self.ask(worker, session.epochs_done());
                }
                return failed;
            }
        }
        None
    }

    fn take_back(&mut self, session: &mut Session) -> Option<String> {
        while self.common_epoch().is_some() {
            if session.revision() != self.revision {
                return None; // the session moved on: the next frame starts a new round
            }
            self.grids.clear();
            for w in 0..self.workers.len() {
                let (_, bytes, fields) =
                    self.reports[w].pop_front().expect("a report at that epoch");
                self.grids.keep(&self.racers[w], fields, session);
                if let Err(e) = session.take_back(&bytes) {
                    self.stop();
                    self.broken = true;
                    return Some(format!(
                        "A worker's report could not be taken in ({e}); training goes on in the page."
                    ));
                }
            }
            self.revision = session.revision();
            self.grids.revision = self.revision;
            self.resize_round();
        }
        None
    }

    /// The live field of racer `racer` (big: the followed racer's large one) computed by a
    /// worker for the race as the session holds it now: (side, outputs point after point).
    pub fn field(&self, session: &Session, racer: usize, big: bool) -> Option<(usize, &[f64])> {
        self.grids.field(session, racer, big)
    }

    /// The epoch every worker's oldest report is at, if they agree.
    fn common_epoch(&self) -> Option<usize> {
        let first = self.reports.first()?.front()?.0;
        self.reports
            .iter()
            .all(|q| q.front().is_some_and(|r| r.0 == first))
            .then_some(first)
    }

    /// Epochs per round so that a round takes about `ROUND_MS`.
    fn resize_round(&mut self) {
        let now = dom::now_ms();
        let took = (now - self.round_started).max(1.0);
        self.round_started = now;
        let per_epoch = took / self.round as f64;
        self.round = ((ROUND_MS / per_epoch) as usize).clamp(1, 50);
    }
}
