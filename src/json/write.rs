//! `Value` → compact JSON text: no spaces, members in their map's order, strings escaped as
//! RFC 8259 requires (and no more: other characters are written as they are), numbers in
//! their shortest exact form, a number that is not finite as `null` (JSON has none).

use super::Value;
use std::fmt::Write;

/// Appends `v` to `out`.
pub fn value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Uint(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Float(x) => out.push_str(&format_f64(*x)),
        Value::String(s) => string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(out, k);
                out.push(':');
                value(out, v);
            }
            out.push('}');
        }
    }
}

/// The shortest text that reads back to `x` (Rust's `{:?}`: `1.0`, `0.001`, `1e-8`,
/// `1.5e300`: an exponent below 10⁻⁴ and from 10¹⁶), `null` when `x` is not finite.
pub fn format_f64(x: f64) -> String {
    if x.is_finite() {
        format!("{x:?}")
    } else {
        "null".to_string()
    }
}

/// `s` in quotes: `"` and `\` escaped, control characters as `\n`, `\t`, … or `\u00XX`.
fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
