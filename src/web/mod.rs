//! The browser side: the JavaScript API (`bindings`, its arguments checked by `args`) and the
//! page (`app`: the loop and the transport; `panels/`: one module per panel or chart; `io/`:
//! links, files and storage, with `links` the bookkeeping of the URL's links; small helpers:
//! `dom`, `colors`, `errors`, `keys`). Only this part of the crate uses wasm-bindgen and
//! web-sys; `markup`, `links` and `chart_axes` are plain Rust, tested natively.

pub mod chart_axes;
pub mod links;
pub mod markup;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod args;
#[cfg(target_arch = "wasm32")]
pub mod bindings;
#[cfg(target_arch = "wasm32")]
pub mod colors;
#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(target_arch = "wasm32")]
pub mod errors;
#[cfg(target_arch = "wasm32")]
pub mod io;
#[cfg(target_arch = "wasm32")]
pub mod keys;
#[cfg(target_arch = "wasm32")]
pub mod panels;
#[cfg(target_arch = "wasm32")]
pub mod worker;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// Runs when the module loads, wherever that is — the page, a Worker, Node: a panic is
/// written to the console. Nothing else: loading the engine does not start the page.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(console_error_panic_hook::hook));
}

/// Starts the playground's page (`www/loader.js` calls it once the module is loaded): the
/// panic hook that brings the page back, then the page itself.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(js_name = mountPage)]
pub fn mount_page() {
    errors::install_panic_hook();
    if dom::document()
        .get_element_by_id("playground-app")
        .is_some()
    {
        app::mount();
    }
}
