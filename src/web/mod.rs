//! The browser side: the JavaScript API (`bindings`, its arguments checked by `args`) and the
//! page (`app`: the loop and the transport; `panels/`: one module per panel or chart; `io/`:
//! links, files and storage; small helpers: `dom`, `colors`, `errors`, `keys`). Only this
//! part of the crate uses wasm-bindgen and web-sys.

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
use wasm_bindgen::prelude::*;

/// Runs when the module loads: the panic hook, then the page if this is the playground's
/// page (a test harness has no #playground-app and gets the API only).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(start)]
pub fn start() {
    errors::install_panic_hook();
    if dom::document()
        .get_element_by_id("playground-app")
        .is_some()
    {
        app::mount();
    }
}
