//! The matrices of the focused racer and the current batch, one card per layer: W, b, Z, A,
//! δ, dW, db with their names and shapes, the equation each comes from (MathML, with the
//! shapes under its terms), small matrices as numbers and large ones as heatmaps. After a
//! sub-step, what it computed is outlined in green and what it read in blue; a click on a
//! number takes it apart into the dot product (and ⊙ σ′) that made it.

use crate::math::activation::Activation;
use crate::math::optimizer::OptimizerSettings;
use crate::math::quantity::Quantity as Q;
use crate::math::regularization::{Penalty, Regularization};
use crate::session::SubStep;
use crate::session::{MatrixData, Phase, Session, fmt_num, sub};
use crate::web::colors;
use crate::web::dom;
use wasm_bindgen::JsCast;

/// Up to this many rows and columns a matrix shows its numbers; beyond, a heatmap.
pub const MAX_NUMBERS: usize = 8;

fn mi(name: &str, layer: Option<usize>) -> String {
    match layer {
        Some(l) => {
            format!("<msup><mi>{name}</mi><mrow><mo>[</mo><mn>{l}</mn><mo>]</mo></mrow></msup>")
        }
        None => format!("<mi>{name}</mi>"),
    }
}

/// A term with its shape written under it.
fn under(term: &str, rows: impl std::fmt::Display, cols: impl std::fmt::Display) -> String {
    format!(
        "<munder><mrow>{term}</mrow><mrow><mtext mathsize=\"70%\">{rows}×{cols}</mtext></mrow></munder>"
    )
}

fn math(body: &str) -> String {
    format!("<math display=\"block\">{body}</math>")
}

/// Z[l] = W[l]·A[l−1] + b[l], A[l] = σ(Z[l]), with shapes.
pub fn forward_equation(l: usize, n: &[usize], m: usize, act: Activation) -> String {
    math(&format!(
        "{}<mo>=</mo>{}<mo>·</mo>{}<mo>+</mo>{}<mspace width=\"1em\"/><mtext>(b broadcast across the {m} columns)</mtext><mspace width=\"1.5em\"/>{}<mo>=</mo><mi>{}</mi><mo>(</mo>{}<mo>)</mo>",
        under(&mi("Z", Some(l)), n[l], m),
        under(&mi("W", Some(l)), n[l], n[l - 1]),
        under(&mi("A", Some(l - 1)), n[l - 1], m),
        under(&mi("b", Some(l)), n[l], 1),
        mi("A", Some(l)),
        act.name().replace('_', " "),
        mi("Z", Some(l)),
    ))
}

/// δ[L] for the output layer (with the simplification when it applies), δ[l] for a hidden one.
pub fn delta_equation(
    l: usize,
    n: &[usize],
    m: usize,
    act: Activation,
    session: &Session,
) -> String {
    let depth = n.len() - 1;
    let cost = session.base().cost;
    let delta = under(&mi("δ", Some(l)), n[l], m);
    if l == depth {
        let general = format!(
            "{delta}<mo>=</mo>{}<mo>⊙</mo><mi>σ′</mi><mo>(</mo>{}<mo>)</mo>",
            under("<msub><mo>∇</mo><mi>a</mi></msub><mi>C</mi>", n[l], m),
            under(&mi("Z", Some(l)), n[l], m)
        );
        if cost.simplifies_with(act) {
            let why = if act == Activation::Softmax {
                "softmax + cross-entropy: the Jacobian times −y/a collapses to"
            } else {
                "sigmoid + BCE: (−y/a + (1−y)/(1−a)) · a(1−a) ="
            };
            math(&format!(
                "{general}<mspace width=\"1em\"/><mtext>{why}</mtext><mspace width=\"0.5em\"/>{}<mo>−</mo><mi>Y</mi>",
                mi("A", Some(l))
            ))
        } else if act == Activation::Softmax {
            math(&format!(
                "{delta}<mo>=</mo><msub><mi>a</mi><mi>i</mi></msub><mo>(</mo><msub><mi>g</mi><mi>i</mi></msub><mo>−</mo><munder><mo>∑</mo><mi>j</mi></munder><msub><mi>a</mi><mi>j</mi></msub><msub><mi>g</mi><mi>j</mi></msub><mo>)</mo><mtext>, g = ∇ₐC ({}: softmax's Jacobian)</mtext>",
                cost.name()
            ))
        } else {
            math(&format!(
                "{general}<mspace width=\"1em\"/><mtext>∇ₐC of {} , σ′ of {}</mtext>",
                cost.name(),
                act.name()
            ))
        }
    } else {
        math(&format!(
            "{delta}<mo>=</mo><mo>(</mo>{}<mo>·</mo>{}<mo>)</mo><mo>⊙</mo><mi>σ′</mi><mo>(</mo>{}<mo>)</mo>",
            under(
                &format!("<msup>{}<mi>T</mi></msup>", mi("W", Some(l + 1))),
                n[l],
                n[l + 1]
            ),
            under(&mi("δ", Some(l + 1)), n[l + 1], m),
            under(&mi("Z", Some(l)), n[l], m)
        ))
    }
}

/// dW[l] = (1/m) δ[l]·A[l−1]ᵀ (+ λW[l] or λ·sign(W[l]) with a penalty), db[l] = (1/m) Σ δ[l].
pub fn gradient_equation(l: usize, n: &[usize], m: usize, reg: Regularization) -> String {
    let penalty = if reg.is_active() {
        let w = mi("W", Some(l));
        let term = match reg.penalty {
            Penalty::L1 => format!("<mi>sign</mi><mo>(</mo>{w}<mo>)</mo>"),
            _ => w,
        };
        format!("<mo>+</mo><mi>λ</mi>{term}")
    } else {
        String::new()
    };
    let lambda = if reg.is_active() {
        format!(", λ = {}", reg.rate)
    } else {
        String::new()
    };
    math(&format!(
        "{}<mo>=</mo><mfrac><mn>1</mn><mi>m</mi></mfrac>{}<mo>·</mo>{}{penalty}<mspace width=\"1.5em\"/>{}<mo>=</mo><mfrac><mn>1</mn><mi>m</mi></mfrac><munder><mo>∑</mo><mtext>columns</mtext></munder>{}<mtext>, m = {m}{lambda}</mtext>",
        under(&mi("dW", Some(l)), n[l], n[l - 1]),
        under(&mi("δ", Some(l)), n[l], m),
        under(
            &format!("<msup>{}<mi>T</mi></msup>", mi("A", Some(l - 1))),
            m,
            n[l - 1]
        ),
        under(&mi("db", Some(l)), n[l], 1),
        mi("δ", Some(l)),
    ))
}

/// Where a matrix stands in the last sub-step: computed, read, or neither.
fn mark(q: Q, layer: usize, last: Option<SubStep>, depth: usize) -> &'static str {
    let Some(step) = last else { return "" };
    let (reads, writes) = step.touches(depth);
    if writes.contains(&(q, layer)) {
        " computed"
    } else if reads.contains(&(q, layer)) {
        " read"
    } else {
        ""
    }
}

/// One matrix: its name and shape, then its numbers (a table) or a heatmap (a canvas drawn
/// after the HTML is in place, see `draw_heatmaps`).
fn matrix_html(q: Q, layer: usize, m: &MatrixData, cls: &str, clickable: bool) -> String {
    let name = q.key();
    let title = if q == Q::A && layer == 0 {
        "X = A[0]".to_string()
    } else {
        q.label(layer)
    };
    let head = format!(
        "<div class=\"mhead\"><b>{title}</b> <span class=\"shape\">{} × {}</span></div>",
        m.rows, m.cols
    );
    let range = crate::training::data::max_abs(&m.data).max(1e-12);
    let body = if m.rows <= MAX_NUMBERS && m.cols <= MAX_NUMBERS {
        let mut t = String::from("<table class=\"numbers\">");
        for r in 0..m.rows {
            t += "<tr>";
            for c in 0..m.cols {
                let v = m.data[r * m.cols + c];
                let (cr, cg, cb) = colors::value(v, range);
                let attrs = if clickable {
                    format!(
                        " data-m=\"{name}\" data-l=\"{layer}\" data-r=\"{r}\" data-c=\"{c}\" tabindex=\"0\" title=\"click: how {title}{},{} was computed\"",
                        sub(r + 1),
                        sub(c + 1)
                    )
                } else {
                    format!(" title=\"{title}{},{} = {v}\"", sub(r + 1), sub(c + 1))
                };
                t += &format!(
                    "<td data-bg=\"rgb({cr},{cg},{cb})\"{attrs}>{}</td>",
                    fmt_num(v)
                );
            }
            t += "</tr>";
        }
        t + "</table>"
    } else {
        format!(
            "<canvas class=\"heat\" data-heat=\"{name}:{layer}\" width=\"{}\" height=\"{}\" title=\"{title}: move the pointer over it to read a value\"></canvas><div class=\"heat-scale\">−{} <i></i> {}</div>",
            m.cols,
            m.rows,
            fmt_num(range),
            fmt_num(range)
        )
    };
    format!(
        "<figure class=\"matrix{cls}\" data-name=\"{name}\" data-layer=\"{layer}\">{head}{body}</figure>"
    )
}

/// The whole panel for the session's focused racer; `last` is the sub-step just done.
pub fn render(session: &Session, last: Option<SubStep>) -> String {
    let sizes = session.base().layers.clone();
    let depth = sizes.len() - 1;
    let m = match session.matrix(Q::A, 0) {
        Ok(x) => x.cols,
        Err(_) => return "<p class=\"hint\">Press <kbd>→</kbd> (or Step →) to take a batch and compute forward layer 1. Every matrix of the step will appear here, with its equation.</p>".into(),
    };
    let get = |q: Q, l: usize| session.matrix(q, l).ok();
    let mut html = String::new();
    // the batch
    html += "<section class=\"layer-card\"><h3>The batch</h3><div class=\"mrow\">";
    if let Some(x) = get(Q::A, 0) {
        html += &matrix_html(Q::A, 0, &x, mark(Q::A, 0, last, depth), false);
    }
    if let Some(y) = get(Q::Y, 0) {
        html += &matrix_html(Q::Y, 0, &y, mark(Q::Y, 0, last, depth), false);
    }
    let cost = session
        .cost()
        .map_or("— (after the forward pass)".to_string(), fmt_num);
    let cost_cls = mark(Q::Cost, 0, last, depth);
    html += &format!(
        "<div class=\"matrix cost{cost_cls}\"><div class=\"mhead\"><b>C</b> <span class=\"shape\">mean over the {m} examples</span></div><div class=\"cost-value\">{cost}</div></div>"
    );
    if let (Some(c), Some(p)) = (session.cost(), session.penalty()) {
        let reg = session.base().regularization;
        let r = match reg.penalty {
            Penalty::L1 => "Σ|W|",
            _ => "½ΣW²",
        };
        html += &format!(
            "<div class=\"matrix cost{cost_cls}\" title=\"The optimizers descend J = C + λ·R(W); the race's losses are C alone\"><div class=\"mhead\"><b>λ·R</b> <span class=\"shape\">λ = {} · {r}</span></div><div class=\"penalty-value\">{}</div></div><div class=\"matrix cost{cost_cls}\"><div class=\"mhead\"><b>J = C + λ·R</b> <span class=\"shape\">what is minimised</span></div><div class=\"objective-value\">{}</div></div>",
            reg.rate,
            fmt_num(p),
            fmt_num(c + p)
        );
    }
    html += "</div></section>";
    let acts = &session.base().activations;
    for l in 1..=depth {
        let act = acts[l - 1];
        html += &format!(
            "<section class=\"layer-card\"><h3>Layer {l} <small>n[{l}] = {}, σ = {}{}</small></h3>",
            sizes[l],
            act.name().replace('_', " "),
            if l == depth { ", output" } else { "" }
        );
        html += &forward_equation(l, &sizes, m, act);
        html += "<div class=\"mrow\">";
        for q in [Q::W, Q::B, Q::Z, Q::A] {
            if let Some(mat) = get(q, l) {
                html += &matrix_html(q, l, &mat, mark(q, l, last, depth), q.explainable());
            }
        }
        html += "</div>";
        if get(Q::Delta, l).is_some() || last.is_some_and(|s| s.phase == Phase::Backward) {
            html += &delta_equation(l, &sizes, m, act, session);
            html += &gradient_equation(l, &sizes, m, session.base().regularization);
        }
        html += "<div class=\"mrow\">";
        for q in [Q::Delta, Q::DW, Q::Db] {
            if let Some(mat) = get(q, l) {
                html += &matrix_html(q, l, &mat, mark(q, l, last, depth), true);
            }
        }
        if let Some(sp) = get(Q::SigmaPrime, l) {
            html += &matrix_html(Q::SigmaPrime, l, &sp, "", false);
        }
        html += "</div></section>";
    }
    html
}

/// The matrix a heatmap canvas shows (`data-heat` = "key:layer", parsed here where it
/// enters).
fn heat_matrix(session: &Session, spec: &str) -> Option<(Q, usize, MatrixData)> {
    let (key, layer) = spec.split_once(':')?;
    let q = Q::from_key(key)?;
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
            fmt_num(m.data[row * m.cols + col])
        )
    })
}

/// Draws the heatmaps the HTML left as canvases (one pixel per number, scaled by CSS).
pub fn draw_heatmaps(session: &Session) {
    for el in dom::select_all("canvas[data-heat]") {
        let Some(spec) = el.get_attribute("data-heat") else {
            continue;
        };
        let Some((_, _, m)) = heat_matrix(session, &spec) else {
            continue;
        };
        let canvas: web_sys::HtmlCanvasElement = el.unchecked_into();
        let range = crate::training::data::max_abs(&m.data).max(1e-12);
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

/// The optimizer state of the focused racer: t, the bias corrections, and per layer V and S.
pub fn optimizer_html(session: &Session) -> String {
    let racer = session.racer(session.focused_kind());
    let t = racer.optimizer.step;
    let mut html = format!("<p><b>{}</b>: t = {t} updates.", racer.kind().label());
    match racer.optimizer.settings {
        OptimizerSettings::Adam { beta1, beta2, .. } if t > 0 => {
            html += &format!(
                " Bias corrections 1 − β1^t = {}, 1 − β2^t = {} (V̂ = V / {0}, Ŝ = S / {1}).",
                fmt_num(1.0 - libm::pow(beta1, t as f64)),
                fmt_num(1.0 - libm::pow(beta2, t as f64))
            );
        }
        OptimizerSettings::Momentum { beta, .. } => {
            html += &format!(
                " This is the EMA form V ← βV + (1 − β)dP of the seed notes. Tools with heavy-ball momentum (V ← βV + dP) take steps 1/(1 − β) = {} times larger for the same α.",
                fmt_num(1.0 / (1.0 - beta))
            );
        }
        OptimizerSettings::Sgd { .. } => html += " SGD keeps no state: each step is −α dP.",
        _ => {}
    }
    html += "</p><div class=\"mrow\">";
    for l in 1..=session.depth() {
        for q in [Q::V, Q::S, Q::Step] {
            if let Ok(mat) = session.matrix(q, l) {
                html += &matrix_html(q, l, &mat, "", false);
            }
        }
    }
    html + "</div>"
}

/// The health of the focused racer: where a NaN first appeared, and the step sizes.
pub fn health_html(session: &Session) -> String {
    let racer = session.racer(session.focused_kind());
    let mut html = String::new();
    match &racer.first_non_finite {
        Some(nf) => {
            html += &format!(
                "<p class=\"alarm\">A NaN or ∞ first appeared in epoch {}, batch {}: the {} sub-step of layer {}, in {}.</p>",
                nf.epoch,
                nf.batch + 1,
                nf.phase.name(),
                nf.layer,
                nf.matrix.label(nf.layer)
            );
        }
        None => html += "<p>All numbers finite so far.</p>",
    }
    if racer.step_ratios.len() >= 2 {
        html += &ratio_chart(&racer.step_ratios);
    }
    if let Some(last) = racer.step_ratios.last() {
        let parts: Vec<String> = last
            .iter()
            .enumerate()
            .map(|(i, r)| format!("layer {}: {}", i + 1, fmt_num(*r)))
            .collect();
        html += &format!(
            "<p>‖ΔW‖ / ‖W‖ per update, last epoch — {} (about 1e-3 is healthy; ≫ 1e-2 jumps, ≪ 1e-5 stalls).</p>",
            parts.join(", ")
        );
    }
    html
}

/// ‖ΔW[l]‖ / ‖W[l]‖ per epoch, one line per layer, on a log scale (an inline SVG).
fn ratio_chart(ratios: &[Vec<f64>]) -> String {
    let (w, h) = (320.0, 90.0);
    let logs: Vec<Vec<f64>> = ratios
        .iter()
        .map(|r| r.iter().map(|v| libm::log10(v.max(1e-12))).collect())
        .collect();
    let all = logs.iter().flatten().copied();
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let (lo, hi) = if hi - lo < 1.0 {
        (lo - 0.5, hi + 0.5)
    } else {
        (lo, hi)
    };
    let depth = logs.first().map_or(0, Vec::len);
    let n = logs.len().max(2) as f64 - 1.0;
    let mut lines = String::new();
    for l in 0..depth {
        let pts: Vec<String> = logs
            .iter()
            .enumerate()
            .map(|(e, r)| {
                format!(
                    "{:.1},{:.1}",
                    e as f64 / n * w,
                    h - (r[l] - lo) / (hi - lo) * h
                )
            })
            .collect();
        let c = colors::CLASSES[l % colors::CLASSES.len()];
        lines += &format!(
            "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"><title>layer {}</title></polyline>",
            colors::css(c),
            pts.join(" "),
            l + 1
        );
    }
    let legend: String = (0..depth)
        .map(|l| {
            format!(
                "<span data-fg=\"{}\">━ layer {}</span> ",
                colors::css(colors::CLASSES[l % colors::CLASSES.len()]),
                l + 1
            )
        })
        .collect();
    format!(
        "<figure class=\"ratio\"><svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"step ratio per epoch\">{lines}</svg><figcaption>‖ΔW‖/‖W‖ per epoch (log scale, 1e{:.1} … 1e{:.1}): {legend}</figcaption></figure>",
        lo, hi
    )
}

/// A gradient check of layer l as a table, errors coloured: < 1e-7 good, > 1e-3 wrong.
pub fn gradient_check_html(session: &Session, l: usize) -> String {
    match session.gradient_check(l) {
        Ok(check) => {
            let mut html = check_table(l, &check.rows);
            if check.rows.len() < check.parameters {
                html += &format!(
                    "<p class=\"note\">{} of the layer's {} parameters, evenly spaced: checking every one on this batch would take more than a second.</p>",
                    check.rows.len(),
                    check.parameters
                );
            }
            html
        }
        Err(e) => format!("<p class=\"alarm\">{e}</p>"),
    }
}

/// The rows of a gradient check as a table; each row's class says good, fair or wrong.
pub fn check_table(l: usize, rows: &[crate::session::CheckRow]) -> String {
    let mut t = format!(
        "<table class=\"check\"><caption>Layer {l}: backprop against (C(p + ε) − C(p − ε)) / 2ε, ε = 1e-6</caption><tr><th>parameter</th><th>backprop</th><th>numeric</th><th>relative error</th></tr>"
    );
    for r in rows {
        let error = crate::math::gradient_check::relative_error(r.backprop, r.numeric);
        let cls = if error < 1e-7 {
            "good"
        } else if error > 1e-3 {
            "wrong"
        } else {
            "fair"
        };
        t += &format!(
            "<tr class=\"{cls}\"><td>{}</td><td>{}</td><td>{}</td><td>{error:.1e}</td></tr>",
            r.name,
            fmt_num(r.backprop),
            fmt_num(r.numeric),
        );
    }
    t + "</table>"
}
