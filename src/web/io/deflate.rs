//! A link's bytes compressed by the browser: raw DEFLATE (RFC 1951) from
//! `CompressionStream("deflate-raw")`, so that the wasm carries only the inflating half of
//! miniz_oxide, which every link is read with (its compressor took 9 KB of the gzipped
//! download: benches/README.md, "Download size"). The browser's bytes are not miniz's, but
//! any raw DEFLATE opens the same scenario (`scenario::share`). Where the browser has no such
//! stream, or it fails, the bytes go into stored blocks (`share::stored`): a longer link that
//! every reader still opens.

use super::callback::when_settled;
use super::files::call_method;
use crate::scenario::share;
use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::JsCast;

/// Compresses `bytes` and calls `on_done` once with raw DEFLATE data of them, a few
/// milliseconds later (the browser's streams answer asynchronously; at once when there is no
/// stream to wait for).
pub fn deflate_raw(bytes: Vec<u8>, on_done: impl FnOnce(Vec<u8>) + 'static) {
    let Some(compressed) = compress(&bytes) else {
        return on_done(share::stored(&bytes));
    };
    when_settled(&compressed, move |outcome| match outcome {
        Ok(buffer) if buffer.is_instance_of::<js_sys::ArrayBuffer>() => {
            on_done(Uint8Array::new(&buffer).to_vec())
        }
        _ => on_done(share::stored(&bytes)),
    });
}

/// `new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw")))
/// .arrayBuffer()`, or None where a step is missing or throws (an older browser, a format it
/// does not know).
fn compress(bytes: &[u8]) -> Option<Promise> {
    let global = js_sys::global();
    let class = |name: &str| -> Option<Function> {
        Reflect::get(&global, &name.into()).ok()?.dyn_into().ok()
    };
    let stream = Reflect::construct(
        &class("CompressionStream")?,
        &Array::of1(&"deflate-raw".into()),
    )
    .ok()?;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let piped = call_method(
        &call_method(&blob, "stream", &[]).ok()?,
        "pipeThrough",
        &[&stream],
    )
    .ok()?;
    let response = Reflect::construct(&class("Response")?, &Array::of1(&piped)).ok()?;
    call_method(&response, "arrayBuffer", &[])
        .ok()?
        .dyn_into::<Promise>()
        .ok()
}
