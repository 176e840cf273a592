//! One-time callbacks handed to JavaScript: each is freed when it is called, and every one
//! goes through one closure type, so that its glue is in the wasm once.

use super::files::call_method;
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Calls `f` once when `promise` settles: `Ok` with its value, `Err` with its reason (through
/// `Promise.allSettled`, which always fulfils, so that one callback sees both). The callback
/// is the one closure type of `once`.
pub fn when_settled(promise: &Promise, f: impl FnOnce(Result<JsValue, JsValue>) + 'static) {
    let settled = Promise::all_settled(&Array::of1(promise));
    let done = once(Box::new(move |outcomes: JsValue| {
        let outcome = Reflect::get(&outcomes, &0.into()).unwrap_or_default();
        let field = |key: &str| Reflect::get(&outcome, &key.into()).unwrap_or_default();
        if field("status").as_string().as_deref() == Some("fulfilled") {
            f(Ok(field("value")))
        } else {
            f(Err(field("reason")))
        }
    }));
    if call_method(&settled, "then", &[&done]).is_err() {
        let _ = done
            .unchecked_ref::<Function>()
            .call1(&JsValue::NULL, &JsValue::NULL);
    }
}

/// A one-time callback of one value, freed when it is called: every such callback goes
/// through this one closure type, so that its glue is in the wasm once. After a panic it does
/// nothing, as the page's listeners do (`dom::on`): the state is not to be touched.
pub fn once(f: Box<dyn FnOnce(JsValue)>) -> JsValue {
    Closure::once_into_js(move |v: JsValue| {
        if !crate::web::errors::broken() {
            f(v)
        }
    })
}
