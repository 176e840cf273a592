//! The browser side: the JavaScript API (`bindings`) and the page (`app` and one module per
//! panel or chart). Only this part of the crate uses wasm-bindgen and web-sys.

pub mod app;
pub mod args;
pub mod bindings;
pub mod boundary;
pub mod colors;
pub mod controls;
pub mod diagram;
pub mod dom;
pub mod errors;
pub mod files;
pub mod keys;
pub mod lesson;
pub mod matrices;
pub mod race_chart;
pub mod race_table;
pub mod sharing;

use wasm_bindgen::prelude::*;

/// Runs when the module loads: the panic hook, then the page if this is the playground's
/// page (a test harness has no #playground-app and gets the API only).
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
