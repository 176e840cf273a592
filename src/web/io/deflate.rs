//! A link's bytes compressed and inflated by the browser: raw DEFLATE (RFC 1951) through
//! `CompressionStream("deflate-raw")` and `DecompressionStream`, so that the wasm carries no
//! DEFLATE code of its own (miniz_oxide's compressor took 9 KB of the gzipped download, its
//! inflate 4.7 KB: benches/README.md, "Download size"; the CLI still uses miniz_oxide). The
//! browser's bytes are not miniz's, but any raw DEFLATE opens the same scenario
//! (`scenario::share`). Where the browser has no such stream, or it fails, the bytes go into
//! stored blocks (`share::stored`): a longer link that every reader still opens.

use super::callback::when_settled;
use super::files::call_method;
use crate::scenario::{ScenarioError, share};
use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

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
    let piped = piped_through(bytes, "CompressionStream")?;
    let response = Reflect::construct(&class("Response")?, &Array::of1(&piped)).ok()?;
    call_method(&response, "arrayBuffer", &[])
        .ok()?
        .dyn_into::<Promise>()
        .ok()
}

/// A global constructor by name, if the browser has it.
fn class(name: &str) -> Option<Function> {
    Reflect::get(&js_sys::global(), &name.into())
        .ok()?
        .dyn_into()
        .ok()
}

/// `new Blob([bytes]).stream().pipeThrough(new <stream>("deflate-raw"))`, `stream` being
/// `CompressionStream` or `DecompressionStream`.
fn piped_through(bytes: &[u8], stream: &str) -> Option<JsValue> {
    let stream = Reflect::construct(&class(stream)?, &Array::of1(&"deflate-raw".into())).ok()?;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let source = call_method(&blob, "stream", &[]).ok()?;
    call_method(&source, "pipeThrough", &[&stream]).ok()
}

/// Inflates raw DEFLATE data with the browser's `DecompressionStream("deflate-raw")` and calls
/// `on_done` once with the bytes, or with why there are none: data that does not inflate, or
/// more than `share::MAX_INFLATED_BYTES` of it (read chunk by chunk, so that a hostile link
/// stops there rather than fill the memory). Where the browser has no such stream, only stored
/// blocks are read (what a browser without `CompressionStream` packs: `share::unstored`).
pub fn inflate_raw(
    packed: Vec<u8>,
    on_done: impl FnOnce(Result<Vec<u8>, ScenarioError>) + 'static,
) {
    match decompressing_reader(&packed) {
        Some(reader) => pump(reader, Vec::new(), Box::new(on_done)),
        None => on_done(share::unstored(&packed).ok_or_else(share::no_inflater)),
    }
}

/// What `inflate_raw` calls when it is done.
type Inflated = Box<dyn FnOnce(Result<Vec<u8>, ScenarioError>)>;

/// Reads the next chunk of `reader` into `out`, then the next, until the stream ends.
fn pump(reader: JsValue, mut out: Vec<u8>, on_done: Inflated) {
    let read = call_method(&reader, "read", &[]).ok();
    let Some(read) = read.and_then(|p| p.dyn_into::<Promise>().ok()) else {
        return on_done(Err(share::not_inflatable()));
    };
    when_settled(&read, move |outcome| {
        let Ok(result) = outcome else {
            return on_done(Err(share::not_inflatable()));
        };
        let field = |key: &str| Reflect::get(&result, &key.into()).unwrap_or_default();
        if field("done").is_truthy() {
            return on_done(Ok(out));
        }
        let Ok(chunk) = field("value").dyn_into::<Uint8Array>() else {
            return on_done(Err(share::not_inflatable()));
        };
        let start = out.len();
        let len = chunk.length() as usize;
        if start + len > share::MAX_INFLATED_BYTES {
            let _ = call_method(&reader, "cancel", &[]);
            return on_done(Err(share::too_large()));
        }
        out.resize(start + len, 0);
        chunk.copy_to(&mut out[start..]);
        pump(reader, out, on_done);
    });
}

/// `new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"))
/// .getReader()`, or None where a step is missing or throws.
fn decompressing_reader(bytes: &[u8]) -> Option<JsValue> {
    let piped = piped_through(bytes, "DecompressionStream")?;
    call_method(&piped, "getReader", &[]).ok()
}
