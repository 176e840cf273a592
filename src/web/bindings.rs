//! The JavaScript API: one opaque handle, `Playground`, over a `Session`. Exported to
//! JavaScript with wasm-bindgen; everything else stays in Rust. The page keeps its live
//! handle at `window.playground`.

use crate::optimizer::OptimizerKind;
use crate::scenario::{Scenario, ScenarioError};
use crate::session::{Session, SessionError};
use crate::stepper::Phase;
use js_sys::{Float64Array, Object, Reflect};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A playground: a scenario's race of SGD, Momentum, RMSprop and Adam, stepped one
/// sub-step, one phase or whole epochs at a time, every matrix readable in between.
#[wasm_bindgen]
pub struct Playground {
    session: Rc<RefCell<Session>>,
}

/// Rust-only helpers.
impl Playground {
    /// A handle on a session the page also holds.
    pub fn sharing(session: Rc<RefCell<Session>>) -> Playground {
        Playground { session }
    }

    fn kind(name: &str) -> Result<OptimizerKind, JsError> {
        OptimizerKind::from_name(name)
            .ok_or_else(|| JsError::from(SessionError::UnknownKind(name.to_string())))
    }

    /// The racer a call names, or the focused one when it names none.
    fn kind_or_focused(session: &Session, kind: Option<String>) -> Result<OptimizerKind, JsError> {
        match kind {
            Some(k) => Playground::kind(&k),
            None => Ok(session.focused_kind()),
        }
    }
}

/// Reads a scenario from a JSON string or a JavaScript object (`undefined`: the default).
/// An object goes through `JSON.stringify`, so that both give the same messages; NaN and
/// ±Infinity, which JSON cannot hold, are passed on as the strings "NaN", "Infinity" so the
/// message names them rather than a `null`.
pub fn scenario_from_js(value: &JsValue) -> Result<Scenario, ScenarioError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Scenario::default());
    }
    if let Some(text) = value.as_string() {
        return Scenario::from_json(&text);
    }
    let keep_non_finite = js_sys::Function::new_with_args(
        "k, v",
        "return typeof v === 'number' && !isFinite(v) ? String(v) : v",
    );
    let text = js_sys::JSON::stringify_with_replacer(value, &keep_non_finite)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            ScenarioError::new(
                "",
                "the scenario object cannot be written as JSON (a cycle, or a function?)",
            )
        })?;
    Scenario::from_json(&text)
}

/// A Rust value as a plain JavaScript object (maps as objects, not `Map`s).
fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// A sub-step as `{ phase, layer }`, layer null for the cost and the update.
fn sub_step_js(s: crate::stepper::SubStep) -> JsValue {
    let obj = Object::new();
    set(&obj, "phase", &s.phase.name().into());
    set(
        &obj,
        "layer",
        &s.layer.map_or(JsValue::NULL, |l| (l as u32).into()),
    );
    obj.into()
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    Reflect::set(obj, &key.into(), value).expect("set a property on a new object");
}

/// Exported to JavaScript.
#[wasm_bindgen]
impl Playground {
    /// `new Playground(scenario)`: a scenario object or JSON string; none for the default.
    /// An invalid scenario throws an Error whose message names the field's path.
    #[wasm_bindgen(constructor)]
    pub fn new(scenario: JsValue) -> Result<Playground, JsError> {
        let scenario = scenario_from_js(&scenario)?;
        Ok(Playground {
            session: Rc::new(RefCell::new(Session::new(scenario))),
        })
    }

    /// One sub-step of the focused racer; returns `{ phase, layer }` with phase "forward",
    /// "cost", "backward" or "update" and layer 1..L (null for cost and update). The update
    /// advances all four racers on the batch.
    #[wasm_bindgen(js_name = nextStep)]
    pub fn next_step(&self) -> JsValue {
        sub_step_js(self.session.borrow_mut().next_step())
    }

    /// The forward phase: layers 1..L of the next batch (or of the step under way).
    pub fn forward(&self) {
        self.session.borrow_mut().run_phase(Phase::Forward);
    }

    /// The cost (if not done) and the backward phase, layers L..1.
    pub fn backward(&self) {
        self.session.borrow_mut().run_phase(Phase::Backward);
    }

    /// Completes the step: the update of all four racers on the batch.
    pub fn update(&self) {
        self.session.borrow_mut().run_phase(Phase::Update);
    }

    /// n epochs of the race, the four optimizers in lockstep.
    #[wasm_bindgen(js_name = trainEpochs)]
    pub fn train_epochs(&self, n: u32) {
        self.session.borrow_mut().train_epochs(n as usize);
    }

    /// Which racer the step-by-step calls and the matrices follow: "sgd", "momentum",
    /// "rmsprop" or "adam". A step under way is finished first.
    pub fn focus(&self, kind: &str) -> Result<(), JsError> {
        let kind = Playground::kind(kind)?;
        self.session.borrow_mut().focus(kind);
        Ok(())
    }

    /// The focused racer's kind.
    #[wasm_bindgen(js_name = focused)]
    pub fn focused(&self) -> String {
        self.session.borrow().focused_kind().name().to_string()
    }

    /// `{ rows, cols, data }` with `data` a row-major Float64Array: `w`, `b`, `z`, `a`,
    /// `delta`, `dw`, `db` of layer 1..L, `a` of layer 0 (the batch X), `y` (the batch Y),
    /// `v`, `s` (the optimizer state of W[l]; `vb`, `sb` of b[l]) where the focused kind has it.
    pub fn matrix(&self, name: &str, layer: u32) -> Result<JsValue, JsError> {
        let m = self.session.borrow().matrix(name, layer as usize)?;
        let obj = Object::new();
        set(&obj, "rows", &(m.rows as u32).into());
        set(&obj, "cols", &(m.cols as u32).into());
        set(&obj, "data", &Float64Array::from(m.data.as_slice()).into());
        Ok(obj.into())
    }

    /// The cost of the current batch once the cost sub-step has run, else undefined.
    pub fn cost(&self) -> Option<f64> {
        self.session.borrow().cost()
    }

    /// λ·R(W) of the current batch's parameters once the cost sub-step has run, when there
    /// is a regularization, else undefined (J = cost() + penalty()).
    pub fn penalty(&self) -> Option<f64> {
        self.session.borrow().penalty()
    }

    /// t: the focused racer's number of updates.
    pub fn step(&self) -> f64 {
        self.session.borrow().step() as f64
    }

    /// Epochs completed.
    pub fn epoch(&self) -> f64 {
        self.session.borrow().epochs_done() as f64
    }

    /// The sub-step the next `nextStep()` will do, `{ phase, layer }`.
    pub fn upcoming(&self) -> JsValue {
        sub_step_js(self.session.borrow().upcoming())
    }

    /// Train loss after each epoch of one racer.
    #[wasm_bindgen(js_name = lossHistory)]
    pub fn loss_history(&self, kind: &str) -> Result<Float64Array, JsError> {
        let kind = Playground::kind(kind)?;
        Ok(Float64Array::from(
            self.session.borrow().loss_history(kind).as_slice(),
        ))
    }

    /// Test loss after each epoch of one racer (empty without a test set).
    #[wasm_bindgen(js_name = testLossHistory)]
    pub fn test_loss_history(&self, kind: &str) -> Result<Float64Array, JsError> {
        let kind = Playground::kind(kind)?;
        Ok(Float64Array::from(
            self.session.borrow().test_loss_history(kind).as_slice(),
        ))
    }

    /// The output of racer `kind` (default: the focused one) over a resolution × resolution
    /// grid of the input square [−r, r]² (`viewRadius()`): row 0 at the top (largest x2),
    /// column 0 at the left (smallest x1); n[L] numbers per point, points row by row.
    #[wasm_bindgen(js_name = predictGrid)]
    pub fn predict_grid(
        &self,
        resolution: u32,
        kind: Option<String>,
    ) -> Result<Float64Array, JsError> {
        let session = self.session.borrow();
        let kind = Playground::kind_or_focused(&session, kind)?;
        Ok(Float64Array::from(
            session.predict_grid(resolution as usize, kind)?.as_slice(),
        ))
    }

    /// The output of racer `kind` (default: the focused one) at any points, given as the
    /// network's inputs: n[0] numbers per point, point after point; n[L] numbers per point
    /// back.
    #[wasm_bindgen(js_name = predictPoints)]
    pub fn predict_points(
        &self,
        points: &[f64],
        kind: Option<String>,
    ) -> Result<Float64Array, JsError> {
        let session = self.session.borrow();
        let kind = Playground::kind_or_focused(&session, kind)?;
        Ok(Float64Array::from(
            session.predict_points(points, kind)?.as_slice(),
        ))
    }

    /// r, half the side of the input square the page shows.
    #[wasm_bindgen(js_name = viewRadius)]
    pub fn view_radius(&self) -> f64 {
        self.session.borrow().view_radius()
    }

    /// The current scenario as an object, with the focused racer's current parameters as
    /// explicit weights (`docs/scenario.md`).
    pub fn scenario(&self) -> JsValue {
        to_js(&self.session.borrow().scenario().to_file())
    }

    /// The same as JSON text, ready for a file.
    #[wasm_bindgen(js_name = scenarioJson)]
    pub fn scenario_json(&self) -> String {
        self.session.borrow().scenario().to_json()
    }

    /// Replaces the scenario (and restarts the race); an invalid one throws and changes nothing.
    pub fn load(&self, scenario: JsValue) -> Result<(), JsError> {
        let scenario = scenario_from_js(&scenario)?;
        self.session.borrow_mut().load(scenario);
        Ok(())
    }

    /// Back to the scenario's start.
    pub fn reset(&self) {
        self.session.borrow_mut().reset();
    }
}
