//! The JavaScript API's imports and exports (issue 13): a data set as CSV in and out, the
//! square the page draws it in, the loss histories as CSV, a matrix as LaTeX or Markdown, the
//! whole step as a LaTeX document, the run's trace JSON. Exported to JavaScript.

use super::{Host, Playground, js_error, set};
use crate::scenario::csv;
use crate::session::{CsvExport, MAX_DIGITS, MatrixFormat, Session};
use crate::web::app::{LessonChange, Load, Msg};
use crate::web::args::{self, range_error};
use js_sys::Object;
use wasm_bindgen::prelude::*;

/// Rust-only helpers.
impl Playground {
    /// A matrix (as `matrix(name, layer)` names it) with `digits` decimal places in `format`;
    /// each argument checked.
    fn matrix_text(
        &self,
        name: &JsValue,
        layer: &JsValue,
        digits: &JsValue,
        format: MatrixFormat,
    ) -> Result<String, JsValue> {
        let name = args::string(name, "name")?;
        let depth = self.read(Session::depth)?;
        let layer = args::integer(layer, "layer", 0, depth as u64)? as usize;
        let digits = args::integer(digits, "digits", 0, MAX_DIGITS as u64)? as usize;
        let q = crate::session::quantity(&name).map_err(js_error)?;
        self.read(|s| s.matrix_text(q, layer, digits, format))?
            .map_err(js_error)
    }
}

#[wasm_bindgen]
impl Playground {
    /// `"losses"`: `epoch,sgd_train_loss,…,adam_test_accuracy`, a row per epoch (an empty
    /// cell where a value does not exist); `"data"`: the inputs, `label` and `split`.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self, what: JsValue) -> Result<String, JsValue> {
        let name = args::string(&what, "what")?;
        let what = CsvExport::from_name(&name).ok_or_else(|| {
            range_error(&format!(
                "what: expected \"losses\" or \"data\", got \"{name}\""
            ))
        })?;
        self.read(|s| s.export_csv(what))
    }

    /// Replaces the data with a CSV file's (a string, or its bytes as a Uint8Array): the
    /// output and cost proposed from its labels, the race restarted, on the page as a file
    /// opens. A bad file throws an Error naming its line and column, and changes nothing.
    /// Returns `{ train, test, classes }`: the examples read and the class names.
    #[wasm_bindgen(js_name = importCsv)]
    pub fn import_csv(&self, text: JsValue) -> Result<JsValue, JsValue> {
        let input = args::text_or_bytes(&text, "text", csv::MAX_BYTES)?;
        let base = self.read(Session::settings_scenario)?;
        let scenario = match &input {
            args::TextOrBytes::Text(t) => csv::import(t, &base),
            args::TextOrBytes::Bytes(b) => csv::import_bytes(b, &base),
        }
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
        let set = scenario.dataset();
        let (train, test) = (set.train.len(), set.test.as_ref().map_or(0, |t| t.len()));
        let summary = Object::new();
        set_counts(&summary, train, test, &scenario.data);
        match &self.host {
            Host::Alone(session) => session
                .try_borrow_mut()
                .map_err(|_| super::busy())?
                .load(scenario),
            Host::Page(dispatch) => {
                let load = Load {
                    scenario,
                    view: None,
                    note: format!("Imported {train} training and {test} test examples from CSV."),
                    lesson: LessonChange::End,
                    pause: true,
                };
                dispatch
                    .ask(Msg::Load(load), |_| ())
                    .ok_or_else(super::busy)?;
            }
        }
        Ok(summary.into())
    }

    /// The input square the page draws (the boundary, the diagram's units, `predictGrid`):
    /// `{ center: [x1, x2], radius }` — the view's `square` (imported or drawn data), else
    /// around 0 with `viewRadius()`.
    #[wasm_bindgen(js_name = viewSquare)]
    pub fn view_square(&self) -> Result<JsValue, JsValue> {
        let sq = self.read(Session::view_square)?;
        let obj = Object::new();
        let center = js_sys::Array::of2(&sq.center[0].into(), &sq.center[1].into());
        set(&obj, "center", &center.into());
        set(&obj, "radius", &sq.radius.into());
        Ok(obj.into())
    }

    /// A matrix (as `matrix(name, layer)` names it) as LaTeX: `\begin{bmatrix} … \end{bmatrix}`
    /// with `digits` (0 to 12) decimal places and an ASCII minus.
    #[wasm_bindgen(js_name = matrixLatex)]
    pub fn matrix_latex(
        &self,
        name: JsValue,
        layer: JsValue,
        digits: JsValue,
    ) -> Result<String, JsValue> {
        self.matrix_text(&name, &layer, &digits, MatrixFormat::Latex)
    }

    /// The same matrix as a Markdown table.
    #[wasm_bindgen(js_name = matrixMarkdown)]
    pub fn matrix_markdown(
        &self,
        name: JsValue,
        layer: JsValue,
        digits: JsValue,
    ) -> Result<String, JsValue> {
        self.matrix_text(&name, &layer, &digits, MatrixFormat::Markdown)
    }
}

#[wasm_bindgen]
impl Playground {
    /// The trace JSON of the run: what `playground trace` writes (without its final line
    /// break) for the saved scenario with `epochs` the epochs done; a run longer than one
    /// call's work throws a RangeError.
    #[wasm_bindgen(js_name = traceJson)]
    pub fn trace_json(&self) -> Result<String, JsValue> {
        self.read(Session::trace_json)?.map_err(js_error)
    }

    /// The followed racer's whole step as one LaTeX document with `digits` (0 to 12) decimal
    /// places; throws when a matrix has more than 8 rows or columns.
    #[wasm_bindgen(js_name = stepLatex)]
    pub fn step_latex(&self, digits: JsValue) -> Result<String, JsValue> {
        let digits = args::integer(&digits, "digits", 0, MAX_DIGITS as u64)? as usize;
        self.read(|s| s.step_latex(digits))?.map_err(js_error)
    }
}

/// `{ train, test, classes }` of an import.
fn set_counts(obj: &Object, train: usize, test: usize, data: &crate::scenario::Data) {
    set(obj, "train", &(train as u32).into());
    set(obj, "test", &(test as u32).into());
    let classes = js_sys::Array::new();
    if let crate::scenario::Data::Explicit { classes: names, .. } = data {
        for n in names {
            classes.push(&n.as_str().into());
        }
    }
    set(obj, "classes", &classes.into());
}
