//! Large matrices as heatmaps: one pixel per number on a canvas, scaled by CSS, and the
//! number under the pointer.

use crate::math::quantity::Quantity;
use crate::session::{MatrixData, Session, fmt_num, sub};
use crate::web::{colors, dom};
use wasm_bindgen::JsCast;

/// The matrix a heatmap canvas shows (`data-heat` = "key:layer", parsed here where it
/// enters).
fn heat_matrix(session: &Session, spec: &str) -> Option<(Quantity, usize, MatrixData)> {
    let (key, layer) = spec.split_once(':')?;
    let q = Quantity::from_key(key)?;
    let layer = layer.parse::<usize>().ok()?;
    Some((q, layer, session.matrix(q, layer).ok()?))
}

/// "Z[2]₃,₁₂ = 0.1234": the number under the pointer on a heatmap.
pub fn heat_value(session: &Session, spec: &str, row: usize, col: usize) -> Option<String> {
    let (q, layer, m) = heat_matrix(session, spec)?;
    (row < m.rows && col < m.cols).then(|| {
        format!(
            "{}{},{} = {}",
            q.label(layer),
            sub(row + 1),
            sub(col + 1),
            fmt_num(m.at(row, col))
        )
    })
}

/// Draws the heatmaps the markup left as canvases (one pixel per number, scaled by CSS).
pub fn draw_heatmaps(session: &Session) {
    for el in dom::select_all("canvas[data-heat]") {
        let Some(spec) = el.get_attribute("data-heat") else {
            continue;
        };
        let Some((_, _, m)) = heat_matrix(session, &spec) else {
            continue;
        };
        let canvas: web_sys::HtmlCanvasElement = el.unchecked_into();
        let range = m.max_abs().max(1e-12);
        let mut rgba = Vec::with_capacity(m.data.len() * 4);
        for &v in &m.data {
            let (r, g, b) = colors::value(v, range);
            rgba.extend_from_slice(&[r, g, b, 255]);
        }
        if let Ok(img) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
            wasm_bindgen::Clamped(&rgba),
            m.cols as u32,
            m.rows as u32,
        ) {
            let _ = dom::context_2d(&canvas).put_image_data(&img, 0.0, 0.0);
        }
        // the longer side HEAT_PX, the other in proportion (a 64 × 2 W[1] was 3,840 px tall)
        let (w, h) = heat_size(m.rows, m.cols);
        let style = canvas.style();
        let _ = style.set_property("width", &format!("{w}px"));
        let _ = style.set_property("height", &format!("{h}px"));
    }
}

/// The longer side of a heatmap on the page, in CSS pixels.
const HEAT_PX: f64 = 120.0;

/// A heatmap's CSS size (width, height) for a rows × cols matrix: the longer side `HEAT_PX`,
/// the shorter in proportion but at least 12 px, so a thin matrix stays visible.
pub fn heat_size(rows: usize, cols: usize) -> (f64, f64) {
    let long = rows.max(cols).max(1) as f64;
    let side = |n: usize| (HEAT_PX * n as f64 / long).max(12.0).round();
    (side(cols), side(rows))
}
