//! `RaceWorker`: the engine inside one of the page's Web Workers (`www/race-worker.js`, no
//! DOM). It holds a copy of the race made from the page's scenario and state, trains only its
//! racers in slices of a few milliseconds, and reports their state as bytes the page's
//! session takes back (`Session::take_back`).

use crate::session::Session;
use crate::web::app::crew::Sides;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct RaceWorker {
    session: Session,
    mine: Vec<usize>,
    /// the epochs done at the last report: its histories start there
    since: usize,
}

#[wasm_bindgen]
impl RaceWorker {
    /// From the page's scenario (JSON), its race's state (`Session::hand_over`) and the
    /// indices of the racers this worker trains.
    #[wasm_bindgen(constructor)]
    pub fn new(scenario: &str, state: &[u8], mine: &[u32]) -> Result<RaceWorker, JsValue> {
        let mut session =
            Session::from_json(scenario).map_err(|e| JsValue::from_str(&e.to_string()))?;
        session
            .take_back(state)
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        let mine: Vec<usize> = mine.iter().map(|&i| i as usize).collect();
        session.train_only(&mine);
        let since = session.epochs_done();
        Ok(RaceWorker {
            session,
            mine,
            since,
        })
    }

    /// Trains whole batches until `epoch` epochs are done, the race is full, or `ms`
    /// milliseconds have passed; true when there is nothing more to do before `epoch`.
    pub fn train(&mut self, epoch: u32, ms: f64) -> bool {
        let t0 = js_sys::Date::now();
        while self.session.epochs_done() < epoch as usize && !self.session.race_full() {
            self.session.train_batch();
            if js_sys::Date::now() - t0 >= ms {
                break;
            }
        }
        self.session.epochs_done() >= epoch as usize || self.session.race_full()
    }

    /// Epochs done.
    pub fn epochs(&self) -> u32 {
        self.session.epochs_done() as u32
    }

    /// Its racers' outputs over the grids the page draws while playing
    /// (`Session::predict_grid`), one after another: for each of its racers in order its grid of
    /// side `small`, then, if it trains racer `focus` (the one the page follows), that racer's
    /// grid of side `big`. Empty when a side is more than a call may do: the page then draws
    /// from its own session.
    pub fn fields(&self, small: u32, big: u32, focus: u32) -> Vec<f64> {
        let sides = Sides {
            small: small as usize,
            big: big as usize,
            focus: focus as usize,
        };
        let racers = &self.session.stepper().race.racers;
        let mut out = Vec::new();
        for (i, _, side) in sides.grids(&self.mine) {
            match racers
                .get(i)
                .map(|r| self.session.predict_grid(side, r.kind()))
            {
                Some(Ok(grid)) => out.extend(grid),
                _ => return Vec::new(),
            }
        }
        out
    }

    /// Its racers' state, their histories since the last report.
    pub fn report(&mut self) -> Vec<u8> {
        let bytes = self.session.racers_state(&self.mine, self.since);
        self.since = self.session.epochs_done();
        bytes
    }
}
