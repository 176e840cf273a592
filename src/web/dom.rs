//! Small helpers over web-sys: find elements, set text, listen to events.

use crate::web::markup::Html;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlCanvasElement, HtmlElement, HtmlInputElement, Window};

pub fn window() -> Window {
    web_sys::window().expect("a window")
}

pub fn document() -> Document {
    window().document().expect("a document")
}

/// The element with this id; the page's markup (www/index.html) is the contract.
pub fn by_id<T: JsCast>(id: &str) -> T {
    document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("www/index.html has no #{id}"))
        .dyn_into::<T>()
        .unwrap_or_else(|_| panic!("#{id} is not the expected kind of element"))
}

pub fn element(id: &str) -> HtmlElement {
    by_id(id)
}

pub fn canvas(id: &str) -> HtmlCanvasElement {
    by_id(id)
}

pub fn input(id: &str) -> HtmlInputElement {
    by_id(id)
}

pub fn set_text(id: &str, text: &str) {
    let el = element(id);
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}

/// All elements matching a CSS selector, in document order.
pub fn select_all(selector: &str) -> Vec<Element> {
    let list = document()
        .query_selector_all(selector)
        .expect("a valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// Calls `f` on every `event` of `target` for the life of the page — until a panic: the
/// page's state is then not to be touched (it reloads, `errors`).
pub fn on<E: JsCast + 'static>(
    target: &web_sys::EventTarget,
    event: &str,
    f: impl FnMut(E) + 'static,
) {
    let mut f = f;
    listen(
        target,
        event,
        Box::new(move |e: web_sys::Event| f(e.unchecked_into::<E>())),
    );
}

/// `on` for any listener: one `Closure` type for them all, so that its glue is in the wasm
/// once rather than once per listener.
fn listen(target: &web_sys::EventTarget, event: &str, mut f: Box<dyn FnMut(web_sys::Event)>) {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        if crate::web::errors::broken() {
            return;
        }
        f(e);
    });
    target
        .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
        .expect("addEventListener");
    closure.forget();
}

pub fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Device pixels per CSS pixel: the window's, or `EXPORT_SCALE` while a picture is drawn for
/// export (`EXPORT_LAYOUT`).
pub fn device_pixel_ratio() -> f64 {
    if layout() == EXPORT_LAYOUT {
        return EXPORT_SCALE;
    }
    window().device_pixel_ratio().clamp(1.0, 4.0)
}

/// The layout set while a picture is drawn for export: every canvas drawn then is refitted
/// at `EXPORT_SCALE` device pixels per CSS pixel, and each drawing's fonts and lines follow
/// (they all scale by `device_pixel_ratio`), so the picture is sharp at twice its size.
pub const EXPORT_LAYOUT: &str = "export";
pub const EXPORT_SCALE: f64 = 2.0;

/// The layout the page is drawn at, kept on the root element (`data-layout`): a canvas
/// measured at the same layout keeps its size, so drawing never forces the browser to lay the
/// page out again. `App` counts the layouts (resize, presentation, lesson view) and sets it.
pub fn set_layout(layout: u32) {
    set_layout_name(&layout.to_string());
}

/// Sets `data-layout` to any name (`EXPORT_LAYOUT`).
pub fn set_layout_name(layout: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-layout", layout);
    }
}

fn layout() -> String {
    document()
        .document_element()
        .and_then(|root| root.get_attribute("data-layout"))
        .unwrap_or_default()
}

/// Sizes a canvas's backing store to its CSS box × devicePixelRatio; returns (width, height)
/// in device pixels and whether they changed.
pub fn fit_canvas(canvas: &HtmlCanvasElement) -> (u32, u32, bool) {
    let layout = layout();
    if canvas.get_attribute("data-layout").as_deref() == Some(layout.as_str()) {
        return (canvas.width(), canvas.height(), false);
    }
    let _ = canvas.set_attribute("data-layout", &layout);
    let dpr = device_pixel_ratio();
    let w = ((canvas.client_width().max(1) as f64) * dpr).round() as u32;
    let h = ((canvas.client_height().max(1) as f64) * dpr).round() as u32;
    let changed = canvas.width() != w || canvas.height() != h;
    if changed {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    (w, h, changed)
}

pub fn context_2d(canvas: &HtmlCanvasElement) -> web_sys::CanvasRenderingContext2d {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .expect("a 2d context")
        .unchecked_into()
}

/// How much larger text on canvases is drawn: 1, or more in presentation mode.
pub fn text_scale() -> f64 {
    let on = document()
        .body()
        .is_some_and(|b| b.class_list().contains("presentation"));
    if on { 1.4 } else { 1.0 }
}

/// The hidden canvas an image is put on before it is scaled onto the page (made once).
fn scratch_canvas() -> Option<HtmlCanvasElement> {
    let doc = document();
    if let Some(c) = doc.get_element_by_id("scratch-canvas") {
        return c.dyn_into().ok();
    }
    let c: HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    c.set_id("scratch-canvas");
    c.set_hidden(true);
    doc.body()?.append_child(&c).ok()?;
    Some(c)
}

/// Puts an RGBA image of `width × height` pixels at the top left of `ctx`'s canvas, unscaled.
pub fn put_rgba(ctx: &web_sys::CanvasRenderingContext2d, rgba: &[u8], width: usize, height: usize) {
    if let Ok(image) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
        wasm_bindgen::Clamped(rgba),
        width as u32,
        height as u32,
    ) {
        let _ = ctx.put_image_data(&image, 0.0, 0.0);
    }
}

/// Paints an RGBA image of `width × height` pixels into the rectangle (x, y, w, h) of `ctx`,
/// smoothly scaled: `putImageData` cannot scale, so the image goes through a small canvas
/// off the page and `drawImage` scales it.
#[allow(clippy::too_many_arguments)]
pub fn draw_rgba(
    ctx: &web_sys::CanvasRenderingContext2d,
    rgba: &[u8],
    width: usize,
    height: usize,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
) {
    let Ok(image) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
        wasm_bindgen::Clamped(rgba),
        width as u32,
        height as u32,
    ) else {
        return;
    };
    let Some(buffer) = scratch_canvas() else {
        return;
    };
    buffer.set_width(width as u32);
    buffer.set_height(height as u32);
    if context_2d(&buffer).put_image_data(&image, 0.0, 0.0).is_ok() {
        ctx.set_image_smoothing_enabled(true);
        let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&buffer, x, y, w, h);
    }
}

/// Sets an element's markup, then the colours its markup names in `data-bg` (background)
/// and `data-fg` (text) through the CSSOM: the page's Content-Security-Policy refuses
/// `style` attributes in markup, not styles set from script.
pub fn set_html(el: &Element, html: &Html) {
    el.set_inner_html(html.as_str());
    for (attr, property) in [("data-bg", "background"), ("data-fg", "color")] {
        if let Ok(list) = el.query_selector_all(&format!("[{attr}]")) {
            for i in 0..list.length() {
                if let Some(node) = list.item(i)
                    && let Ok(e) = node.dyn_into::<HtmlElement>()
                    && let Some(value) = e.get_attribute(attr)
                {
                    let _ = e.style().set_property(property, &value);
                }
            }
        }
    }
}

/// Puts an absolutely positioned element at (x, y) CSS pixels of its containing box (through
/// the CSSOM: the page's CSP allows no `style` attribute in markup).
pub fn place(el: &HtmlElement, x: f64, y: f64) {
    let style = el.style();
    let _ = style.set_property("left", &format!("{x}px"));
    let _ = style.set_property("top", &format!("{y}px"));
}
