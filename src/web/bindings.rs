//! The JavaScript API: one opaque handle, `Playground`, over a `Session`. Exported to
//! JavaScript with wasm-bindgen; everything else stays in Rust. The page keeps its live
//! handle at `window.playground`.
//!
//! Every argument arrives as a `JsValue` and is checked by `args` (a wrong type throws a
//! `TypeError`, a bad number or name a `RangeError`, naming the argument); the session's
//! errors become a `RangeError` when a value is out of range or a call would do too much
//! work, else an `Error`.

use crate::math::optimizer::OptimizerKind;
use crate::scenario::ScenarioError;
use crate::session::Phase;
use crate::session::{Command, Done, Landscape, LandscapeError, Session, SessionError};
use crate::web::app::{Dispatch, Msg};
use crate::web::args::{self, range_error, scenario_from_js};
use js_sys::{Float64Array, Object, Reflect};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

mod export;

/// A playground: a scenario's race of SGD, Momentum, RMSprop and Adam, stepped one
/// sub-step, one phase or whole epochs at a time, every matrix readable in between.
#[wasm_bindgen]
pub struct Playground {
    host: Host,
}

/// Where a handle's session lives: its own (`new Playground()` in a test, a Worker, Node), or
/// the page's, reached through the page's loop so that the page redraws after each call.
#[allow(clippy::large_enum_variant)] // one at a time, moved once: not worth a box
enum Host {
    Alone(RefCell<Session>),
    Page(Dispatch),
}

/// The page is applying a message and called back in here (a getter run while reading an
/// argument, say): the call cannot be answered now.
fn busy() -> JsValue {
    js_sys::Error::new("the playground is busy with another call; try again").into()
}

/// A session error as JavaScript sees it.
fn js_error(e: SessionError) -> JsValue {
    let message = e.to_string();
    match e {
        SessionError::UnknownMatrix(_)
        | SessionError::NoSuchLayer { .. }
        | SessionError::UnknownKind(_)
        | SessionError::Resolution { .. }
        | SessionError::NoSuchWeight { .. }
        | SessionError::TooMuchWork(_)
        | SessionError::Landscape(LandscapeError::Resolution(_) | LandscapeError::Span(_))
        | SessionError::RaceFull { .. } => range_error(&message),
        _ => js_sys::Error::new(&message).into(),
    }
}

fn scenario_error(e: ScenarioError) -> JsValue {
    js_sys::Error::new(&e.to_string()).into()
}

/// Rust-only helpers.
impl Playground {
    /// The handle the page keeps at `window.playground`.
    pub fn on_page(dispatch: Dispatch) -> Playground {
        Playground {
            host: Host::Page(dispatch),
        }
    }

    /// Reads the session.
    fn read<R>(&self, f: impl FnOnce(&Session) -> R) -> Result<R, JsValue> {
        match &self.host {
            Host::Alone(session) => session.try_borrow().map(|s| f(&s)).map_err(|_| busy()),
            Host::Page(dispatch) => dispatch.read(|app| f(&app.session)).ok_or_else(busy),
        }
    }

    /// Asks for a change: the session does it (on the page, through the page's loop).
    fn command(&self, command: Command) -> Result<Done, JsValue> {
        let result = match &self.host {
            Host::Alone(session) => {
                let mut s = session.try_borrow_mut().map_err(|_| busy())?;
                s.apply(command)
            }
            Host::Page(dispatch) => dispatch
                .ask(Msg::Command(command), |app| app.take_reply())
                .flatten()
                .ok_or_else(busy)?,
        };
        result.map_err(js_error)
    }

    fn kind(value: &JsValue, name: &str) -> Result<OptimizerKind, JsValue> {
        let k = args::string(value, name)?;
        let kind = OptimizerKind::from_name(&k);
        kind.ok_or_else(move || range_error(&format!("{name}: {}", SessionError::UnknownKind(k))))
    }

    /// The racer a call names, or the focused one when it names none (undefined or null).
    fn kind_or(focused: OptimizerKind, value: &JsValue) -> Result<OptimizerKind, JsValue> {
        if value.is_undefined() || value.is_null() {
            Ok(focused)
        } else {
            Playground::kind(value, "kind")
        }
    }
}

/// A JSON value as a plain JavaScript object (maps as objects, not `Map`s), by
/// serde-wasm-bindgen; a number that is not finite as null, as in the JSON text.
fn json_to_js(value: &crate::json::Value) -> JsValue {
    let js = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible());
    js.unwrap_or(JsValue::NULL)
}

/// A sub-step as `{ phase, layer }`, layer null for the cost and the update.
fn sub_step_js(s: crate::session::SubStep) -> JsValue {
    let obj = Object::new();
    set(&obj, "phase", &s.phase.name().into());
    set(
        &obj,
        "layer",
        &s.layer.map_or(JsValue::NULL, |l| (l as u32).into()),
    );
    obj.into()
}

/// A landscape as `{ plane, a, b, cost, paths: { sgd, momentum, rmsprop, adam }, explained,
/// examples, subsampled }`, the numbers in `Float64Array`s, `explained` null off the PCA plane.
fn landscape_js(l: &Landscape) -> JsValue {
    let obj = Object::new();
    let array = |v: &[f64]| JsValue::from(Float64Array::from(v));
    set(&obj, "plane", &l.plane.name().into());
    set(&obj, "a", &array(&l.a));
    set(&obj, "b", &array(&l.b));
    set(&obj, "cost", &array(&l.cost));
    let paths = Object::new();
    for (kind, path) in &l.paths {
        set(&paths, kind.name(), &array(path));
    }
    set(&obj, "paths", &paths.into());
    let explained = l.explained.map_or(JsValue::NULL, |e| array(&e));
    set(&obj, "explained", &explained);
    set(&obj, "examples", &(l.examples as u32).into());
    set(&obj, "subsampled", &l.subsampled.into());
    obj.into()
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &key.into(), value);
}

/// Exported to JavaScript.
#[wasm_bindgen]
impl Playground {
    /// `new Playground(scenario)`: a scenario object or JSON string; none for the default.
    /// An invalid scenario throws an Error whose message names the field's path.
    #[wasm_bindgen(constructor)]
    pub fn new(scenario: JsValue) -> Result<Playground, JsValue> {
        let scenario = scenario_from_js(&scenario).map_err(scenario_error)?;
        Ok(Playground {
            host: Host::Alone(RefCell::new(Session::new(scenario))),
        })
    }

    /// One sub-step of the focused racer; returns `{ phase, layer }` with phase "forward",
    /// "cost", "backward" or "update" and layer 1..L (null for cost and update). The update
    /// advances all four racers on the batch.
    #[wasm_bindgen(js_name = nextStep)]
    pub fn next_step(&self) -> Result<JsValue, JsValue> {
        match self.command(Command::NextStep)? {
            Done::Step(done) => Ok(sub_step_js(done)),
            _ => Ok(JsValue::NULL),
        }
    }

    /// Undoes the last sub-step (up to 256); false when there is none to undo.
    #[wasm_bindgen(js_name = stepBack)]
    pub fn step_back(&self) -> Result<bool, JsValue> {
        Ok(matches!(
            self.command(Command::StepBack)?,
            Done::SteppedBack(true)
        ))
    }

    /// The forward phase: layers 1..L of the next batch (or of the step under way).
    pub fn forward(&self) -> Result<(), JsValue> {
        self.command(Command::RunPhase(Phase::Forward)).map(|_| ())
    }

    /// The cost (if not done) and the backward phase, layers L..1.
    pub fn backward(&self) -> Result<(), JsValue> {
        self.command(Command::RunPhase(Phase::Backward)).map(|_| ())
    }

    /// Completes the step: the update of all four racers on the batch.
    pub fn update(&self) -> Result<(), JsValue> {
        self.command(Command::RunPhase(Phase::Update)).map(|_| ())
    }

    /// n epochs of the race, the four optimizers in lockstep; a RangeError when that is more
    /// work than one call may do (`budget`) or than the race keeps.
    #[wasm_bindgen(js_name = trainEpochs)]
    pub fn train_epochs(&self, n: JsValue) -> Result<(), JsValue> {
        let n = args::integer(&n, "n", 0, 1 << 53)?;
        self.command(Command::TrainEpochs(n)).map(|_| ())
    }

    /// Which racer the step-by-step calls and the matrices follow: "sgd", "momentum",
    /// "rmsprop" or "adam". A step under way is finished first.
    pub fn focus(&self, kind: JsValue) -> Result<(), JsValue> {
        let kind = Playground::kind(&kind, "kind")?;
        self.command(Command::Focus(kind)).map(|_| ())
    }

    /// The focused racer's kind.
    #[wasm_bindgen(js_name = focused)]
    pub fn focused(&self) -> Result<String, JsValue> {
        self.read(|s| s.focused_kind().name().to_string())
    }

    /// `{ rows, cols, data }` with `data` a row-major Float64Array: `w`, `b`, `z`, `a`,
    /// `delta`, `dw`, `db` of layer 1..L, `a` of layer 0 (the batch X), `y` (the batch Y),
    /// `v`, `s` (the optimizer state of W[l]; `vb`, `sb` of b[l]) where the focused kind has it,
    /// `sigma_prime` (σ′(Z[l]), elementwise activations) and `step` (the step each weight of
    /// W[l] takes with this batch's dW). The name is parsed here, once (`session::quantity`).
    pub fn matrix(&self, name: JsValue, layer: JsValue) -> Result<JsValue, JsValue> {
        let name = args::string(&name, "name")?;
        let depth = self.read(Session::depth)?;
        let layer = args::integer(&layer, "layer", 0, depth as u64)?;
        let q = crate::session::quantity(&name).map_err(js_error)?;
        let m = self
            .read(|s| s.matrix(q, layer as usize))?
            .map_err(js_error)?;
        let obj = Object::new();
        set(&obj, "rows", &(m.rows as u32).into());
        set(&obj, "cols", &(m.cols as u32).into());
        set(&obj, "data", &Float64Array::from(m.data.as_slice()).into());
        Ok(obj.into())
    }

    /// The cost of the current batch once the cost sub-step has run, else undefined.
    pub fn cost(&self) -> Result<Option<f64>, JsValue> {
        self.read(Session::cost)
    }

    /// λ·R(W) of the current batch's parameters once the cost sub-step has run, when there
    /// is a regularization, else undefined (J = cost() + penalty()).
    pub fn penalty(&self) -> Result<Option<f64>, JsValue> {
        self.read(Session::penalty)
    }

    /// t: the focused racer's number of updates.
    pub fn step(&self) -> Result<f64, JsValue> {
        self.read(|s| s.step() as f64)
    }

    /// Epochs completed.
    pub fn epoch(&self) -> Result<f64, JsValue> {
        self.read(|s| s.epochs_done() as f64)
    }

    /// The sub-step the next `nextStep()` will do, `{ phase, layer }`.
    pub fn upcoming(&self) -> Result<JsValue, JsValue> {
        self.read(|s| sub_step_js(s.upcoming()))
    }

    /// Train loss after each epoch of one racer.
    #[wasm_bindgen(js_name = lossHistory)]
    pub fn loss_history(&self, kind: JsValue) -> Result<Float64Array, JsValue> {
        let kind = Playground::kind(&kind, "kind")?;
        Ok(Float64Array::from(
            self.read(|s| s.loss_history(kind))?.as_slice(),
        ))
    }

    /// Test loss after each epoch of one racer (empty without a test set).
    #[wasm_bindgen(js_name = testLossHistory)]
    pub fn test_loss_history(&self, kind: JsValue) -> Result<Float64Array, JsValue> {
        let kind = Playground::kind(&kind, "kind")?;
        Ok(Float64Array::from(
            self.read(|s| s.test_loss_history(kind))?.as_slice(),
        ))
    }

    /// The output of racer `kind` (default: the focused one) over a resolution × resolution
    /// grid of the input square (`viewSquare()`, [−r, r]² around 0 unless the data brought
    /// their own): row 0 at the top (largest x2),
    /// column 0 at the left (smallest x1); n[L] numbers per point, points row by row.
    #[wasm_bindgen(js_name = predictGrid)]
    pub fn predict_grid(
        &self,
        resolution: JsValue,
        kind: JsValue,
    ) -> Result<Float64Array, JsValue> {
        let focused = self.read(Session::focused_kind)?;
        let kind = Playground::kind_or(focused, &kind)?;
        let res = args::integer(
            &resolution,
            "resolution",
            1,
            crate::session::MAX_GRID as u64,
        )?;
        let grid = self
            .read(|s| s.predict_grid(res as usize, kind))?
            .map_err(js_error)?;
        Ok(Float64Array::from(grid.as_slice()))
    }

    /// The output of racer `kind` (default: the focused one) at any points, given as the
    /// network's inputs: n[0] numbers per point, point after point; n[L] numbers per point
    /// back.
    #[wasm_bindgen(js_name = predictPoints)]
    pub fn predict_points(&self, points: JsValue, kind: JsValue) -> Result<Float64Array, JsValue> {
        let focused = self.read(Session::focused_kind)?;
        let kind = Playground::kind_or(focused, &kind)?;
        let max = self.read(|s| s.max_points(kind) * s.inputs())?;
        // read with no borrow held: reading may run a getter that calls back in here
        let points = args::numbers(&points, "points", max)?;
        let out = self
            .read(|s| s.predict_points(&points, kind))?
            .map_err(js_error)?;
        Ok(Float64Array::from(out.as_slice()))
    }

    /// The data cost over a plane in parameter space with the racers' paths on it
    /// (`training::landscape`; README, the JS API): options `{ plane, resolution, span,
    /// seed }`, each optional.
    pub fn landscape(&self, options: JsValue) -> Result<JsValue, JsValue> {
        // read with no borrow held: reading may run a getter that calls back in here
        let options = args::landscape_options(&options)?;
        let l = self.read(|s| s.landscape(&options))?.map_err(js_error)?;
        let obj = landscape_js(&l);
        // on a test surface: plane "surface", a and b the function's own x and y
        if let Some(f) = self.read(|s| s.surface_function())? {
            let obj = obj.unchecked_ref::<Object>();
            set(obj, "plane", &"surface".into());
            set(obj, "function", &f.name().into());
            // no training set behind f: null, as `playground landscape` writes them
            set(obj, "examples", &JsValue::NULL);
            set(obj, "subsampled", &JsValue::NULL);
        }
        Ok(obj)
    }

    /// r, half the side of the input square the page shows (`viewSquare()`).
    #[wasm_bindgen(js_name = viewRadius)]
    pub fn view_radius(&self) -> Result<f64, JsValue> {
        self.read(Session::view_radius)
    }

    /// The current scenario as an object, with the focused racer's current parameters as
    /// explicit weights (`docs/scenario.md`).
    pub fn scenario(&self) -> Result<JsValue, JsValue> {
        self.read(|s| json_to_js(&s.scenario().to_file().to_value()))
    }

    /// The same as JSON text, ready for a file.
    #[wasm_bindgen(js_name = scenarioJson)]
    pub fn scenario_json(&self) -> Result<String, JsValue> {
        self.read(|s| s.scenario().to_json())
    }

    /// Replaces the scenario (and restarts the race); an invalid one throws and changes nothing.
    pub fn load(&self, scenario: JsValue) -> Result<(), JsValue> {
        let scenario = scenario_from_js(&scenario).map_err(scenario_error)?;
        self.command(Command::Load(scenario)).map(|_| ())
    }

    /// Back to the scenario's start.
    pub fn reset(&self) -> Result<(), JsValue> {
        self.command(Command::Reset).map(|_| ())
    }

    /// The bytes of WebAssembly memory in use by this page's module (it grows, never
    /// shrinks): the figure the memory budget (README) is about.
    #[wasm_bindgen(js_name = memoryBytes)]
    pub fn memory_bytes(&self) -> f64 {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        memory
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length() as f64
    }

    /// Test builds only (feature `test-hooks`): panics while holding the session, as a bug
    /// would, so that the tests can check that the page recovers.
    #[cfg(feature = "test-hooks")]
    #[wasm_bindgen(js_name = panicForTest)]
    pub fn panic_for_test(&self) {
        let _ = self.read(|_| panic!("a panic asked for by a test (panicForTest)"));
    }
}
