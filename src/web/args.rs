//! The JavaScript API's arguments, checked where they enter: a value of the wrong type throws
//! a `TypeError`, a number that is not a whole number in range (or a name not in the list) a
//! `RangeError`, each naming the argument. wasm-bindgen's own conversions would trap on some
//! of them (a number where a string is expected) or wrap others (2³² + 1 read as 1).

use crate::scenario::{Scenario, ScenarioError};
use crate::session::{LandscapeOptions, MAX_RESOLUTION, PlaneKind};
use js_sys::{Array, Float64Array, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// How a JavaScript value reads in a message: its type, and the value when it is short.
pub fn describe(v: &JsValue) -> String {
    if v.is_undefined() {
        return "undefined".into();
    }
    if v.is_null() {
        return "null".into();
    }
    if let Some(n) = v.as_f64() {
        return format!("the number {}", js_number(n));
    }
    if let Some(b) = v.as_bool() {
        return format!("{b}");
    }
    if let Some(s) = v.as_string() {
        let short: String = s.chars().take(20).collect();
        let more = if s.chars().count() > 20 { "…" } else { "" };
        return format!("the string \"{short}{more}\"");
    }
    if v.is_bigint() {
        return "a bigint".into();
    }
    if v.is_symbol() {
        return "a symbol".into();
    }
    if v.is_function() {
        return "a function".into();
    }
    if Array::is_array(v) {
        return "an array".into();
    }
    "an object".into()
}

/// A number as JavaScript writes it (NaN, Infinity, 1e+21).
pub fn js_number(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        format!("{n}")
    }
}

pub fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

pub fn range_error(message: &str) -> JsValue {
    js_sys::RangeError::new(message).into()
}

/// A string argument.
pub fn string(v: &JsValue, name: &str) -> Result<String, JsValue> {
    v.as_string()
        .ok_or_else(|| type_error(&format!("{name}: expected a string, got {}", describe(v))))
}

/// A text argument: a string or its bytes.
pub enum TextOrBytes {
    Text(String),
    Bytes(Vec<u8>),
}

/// A string or a `Uint8Array` of at most `max` bytes (a string of at most `max` UTF-16
/// units), its size checked before it is copied.
pub fn text_or_bytes(v: &JsValue, name: &str, max: usize) -> Result<TextOrBytes, JsValue> {
    let too_long =
        |n: usize, unit: &str| range_error(&format!("{name}: {n} {unit}; at most {max}"));
    if let Some(s) = v.dyn_ref::<js_sys::JsString>() {
        let n = s.length() as usize;
        if n > max {
            return Err(too_long(n, "characters"));
        }
        return Ok(TextOrBytes::Text(String::from(s)));
    }
    if let Some(a) = v.dyn_ref::<js_sys::Uint8Array>() {
        let n = a.length() as usize;
        if n > max {
            return Err(too_long(n, "bytes"));
        }
        return Ok(TextOrBytes::Bytes(js_sys::Uint8Array::new(a).to_vec()));
    }
    Err(type_error(&format!(
        "{name}: expected a string or a Uint8Array, got {}",
        describe(v)
    )))
}

/// A whole number from `min` to `max`.
pub fn integer(v: &JsValue, name: &str, min: u64, max: u64) -> Result<u64, JsValue> {
    let n = v
        .as_f64()
        .ok_or_else(|| type_error(&format!("{name}: expected a number, got {}", describe(v))))?;
    if !n.is_finite() || n.fract() != 0.0 {
        return Err(range_error(&format!(
            "{name}: expected a whole number from {min} to {max}, got {}",
            js_number(n)
        )));
    }
    if n < min as f64 || n > max as f64 {
        return Err(range_error(&format!(
            "{name}: must be from {min} to {max}, got {}",
            js_number(n)
        )));
    }
    Ok(n as u64)
}

/// Numbers given as a `Float64Array` or an array of numbers, at most `max` of them: the
/// length is checked before anything is copied, and every element is read with
/// `Reflect.get`, so a getter that throws (or a Proxy) gives an error, not a trap. Call it
/// before borrowing any state: a getter may call back into the playground.
pub fn numbers(v: &JsValue, name: &str, max: usize) -> Result<Vec<f64>, JsValue> {
    let too_many = |len: f64| {
        range_error(&format!(
            "{name}: {len} numbers; one call may do at most {max} (about 1 s of work on this network)"
        ))
    };
    let read_failed = |e: JsValue| {
        let why = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| describe(&e));
        type_error(&format!("{name}: could not be read ({why})"))
    };
    let length = |v: &JsValue| -> Result<f64, JsValue> {
        let len = Reflect::get(v, &"length".into()).map_err(read_failed)?;
        len.as_f64()
            .filter(|n| n.is_finite() && *n >= 0.0 && n.fract() == 0.0)
            .ok_or_else(|| type_error(&format!("{name}: its length is {}", describe(&len))))
    };
    if let Some(a) = v.dyn_ref::<Float64Array>() {
        let len = length(v)?;
        if len > max as f64 {
            return Err(too_many(len));
        }
        // a Proxy passes `instanceof` but its length getter throws on it: copy it into a real
        // typed array first (for a real one, one memcpy beside the prediction's work)
        let copy = Float64Array::new(a);
        return Ok(copy.to_vec());
    }
    if Array::is_array(v) {
        let len = length(v)?;
        if len > max as f64 {
            return Err(too_many(len));
        }
        return (0..len as u32)
            .map(|i| {
                let x = Reflect::get_u32(v, i).map_err(read_failed)?;
                x.as_f64().ok_or_else(|| {
                    type_error(&format!(
                        "{name}[{i}]: expected a number, got {}",
                        describe(&x)
                    ))
                })
            })
            .collect();
    }
    Err(type_error(&format!(
        "{name}: expected a Float64Array or an array of numbers, got {}",
        describe(v)
    )))
}

/// Reads a scenario from a JSON string or a JavaScript object (`undefined`: the default).
/// An object goes through `JSON.stringify`, so that both give the same messages; NaN and
/// ±Infinity, which JSON cannot hold, are passed on as the strings "NaN", "Infinity" so the
/// message names them rather than a `null`. (The replacer is a Rust closure: no `eval`, which
/// the page's Content-Security-Policy forbids.)
pub fn scenario_from_js(value: &JsValue) -> Result<Scenario, ScenarioError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Scenario::default());
    }
    if let Some(text) = value.as_string() {
        return Scenario::from_json(&text);
    }
    if value.is_bigint() || value.is_symbol() || value.is_function() {
        return Err(ScenarioError::new(
            "(root)",
            format!("expected an object or JSON text, got {}", describe(value)),
        ));
    }
    let keep_non_finite =
        Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(|_key: JsValue, v: JsValue| {
            if let Some(n) = v.as_f64() {
                return if n.is_finite() {
                    v
                } else {
                    JsValue::from_str(&js_number(n))
                };
            }
            // not walked: a typed array is never part of a scenario, and no array of one is
            // longer than the most examples (the checker's message then names the field)
            if js_sys::ArrayBuffer::is_view(&v) {
                return JsValue::from_str("a typed array");
            }
            if js_sys::Array::is_array(&v) {
                let len = Reflect::get(&v, &"length".into())
                    .ok()
                    .and_then(|l| l.as_f64())
                    .unwrap_or(0.0);
                if len > crate::scenario::MAX_SAMPLES as f64 {
                    return JsValue::from_str(&format!("an array of {len} elements"));
                }
            }
            v
        });
    let text = js_sys::JSON::stringify_with_replacer(value, keep_non_finite.as_ref())
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            ScenarioError::new(
                "",
                "the scenario object cannot be written as JSON (a cycle, a bigint, or a function?)",
            )
        })?;
    Scenario::from_json(&text)
}

/// `landscape`'s options: undefined or null for the defaults, else an object whose fields
/// `plane` ("pca" or "random"), `resolution` (2 to 41), `span` (a finite number above 0) and
/// `seed` (a whole number from 0 to 2⁵³ − 1) may each be left out. Read before any borrow: a
/// getter may call back in.
pub fn landscape_options(v: &JsValue) -> Result<LandscapeOptions, JsValue> {
    let mut o = LandscapeOptions::default();
    if v.is_undefined() || v.is_null() {
        return Ok(o);
    }
    if !v.is_object() || v.is_function() {
        return Err(type_error(&format!(
            "options: expected an object, got {}",
            describe(v)
        )));
    }
    let field = |key: &str| -> Result<Option<JsValue>, JsValue> {
        let x = Reflect::get(v, &key.into()).map_err(|e| {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| describe(&e));
            type_error(&format!("options.{key}: could not be read ({why})"))
        })?;
        Ok((!x.is_undefined()).then_some(x))
    };
    if let Some(p) = field("plane")? {
        let name = string(&p, "options.plane")?;
        o.plane = PlaneKind::from_name(&name).ok_or_else(|| {
            range_error(&format!(
                "options.plane: expected \"pca\" or \"random\", got \"{name}\""
            ))
        })?;
    }
    if let Some(r) = field("resolution")? {
        o.resolution = integer(&r, "options.resolution", 2, MAX_RESOLUTION as u64)? as usize;
    }
    if let Some(s) = field("span")? {
        let n = s.as_f64().ok_or_else(|| {
            type_error(&format!(
                "options.span: expected a number, got {}",
                describe(&s)
            ))
        })?;
        if !(n.is_finite() && n > 0.0) {
            return Err(range_error(&format!(
                "options.span: expected a finite number above 0, got {}",
                js_number(n)
            )));
        }
        o.span = Some(n);
    }
    if let Some(s) = field("seed")? {
        o.seed = integer(&s, "options.seed", 0, (1u64 << 53) - 1)?;
    }
    Ok(o)
}
