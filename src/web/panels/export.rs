//! Export (issue 13): every picture as a PNG at twice its CSS size under a title line, or on
//! the clipboard; the losses and the data as CSV; the trace JSON; a matrix of the lesson
//! view as LaTeX or Markdown, and the whole step as one LaTeX document.
//!
//! The menus are `<details class="export">` (keyboard-reachable as they are): the pictures'
//! and the data's are in www/index.html, a matrix card's is `matrix_menu`. One listener
//! reads a click on any of their buttons into a `Msg`; `App::export` (app/export.rs) redraws
//! the picture at 2× through the panels' own drawing code and `compose` lays its canvases
//! under the title line.

use crate::math::optimizer::OptimizerKind;
use crate::math::quantity::Quantity;
use crate::scenario::Data;
use crate::session::{MatrixFormat, Session};
use crate::web::app::Dispatch;
use crate::web::markup::{Attr, Element, el};
use crate::web::{colors, dom, errors};
use wasm_bindgen::JsCast;
use web_sys::{Element as DomElement, HtmlCanvasElement, HtmlElement};

/// The pictures that can be exported, by the `data-picture` of their menu.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Picture {
    /// the followed racer's boundary with its points
    Boundary,
    /// the four small boundaries, side by side
    Racers,
    Chart,
    Diagram,
    Landscape,
    /// the surface lesson's contour plot with its paths
    Surface,
}

impl Picture {
    const ALL: [Picture; 6] = [
        Picture::Boundary,
        Picture::Racers,
        Picture::Chart,
        Picture::Diagram,
        Picture::Landscape,
        Picture::Surface,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Picture::Boundary => "boundary",
            Picture::Racers => "racers",
            Picture::Chart => "chart",
            Picture::Diagram => "diagram",
            Picture::Landscape => "landscape",
            Picture::Surface => "surface",
        }
    }

    /// What the title line calls it.
    fn label(self) -> &'static str {
        match self {
            Picture::Boundary => "Decision boundary",
            Picture::Racers => "The race's decision boundaries",
            Picture::Chart => "Loss per epoch",
            Picture::Diagram => "Network",
            Picture::Landscape => "Loss landscape",
            Picture::Surface => "Test surface",
        }
    }

    /// The canvases of each tile, bottom layer first (the racers' in `OptimizerKind::ALL`'s
    /// order).
    fn tiles(self) -> &'static [&'static [&'static str]] {
        match self {
            Picture::Boundary => &[&["boundary-big", "points-big"]],
            Picture::Racers => &[
                &["field-sgd", "points-sgd"],
                &["field-momentum", "points-momentum"],
                &["field-rmsprop", "points-rmsprop"],
                &["field-adam", "points-adam"],
            ],
            Picture::Chart => &[&["race-chart"]],
            Picture::Diagram => &[&["diagram"]],
            Picture::Landscape => &[&["landscape"]],
            Picture::Surface => &[&["surface-ground", "surface-marks"]],
        }
    }
}

/// The text exports of the data menu.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TextExport {
    Losses,
    Data,
    Trace,
}

/// What a click on an export menu asks for.
pub enum Msg {
    Png {
        picture: Picture,
        copy: bool,
    },
    Text(TextExport),
    /// a matrix of the lesson view (`Quantity` and layer) with `digits` decimal places
    Matrix {
        q: Quantity,
        layer: usize,
        digits: usize,
        format: MatrixFormat,
        copy: bool,
    },
    /// the whole step as one LaTeX document
    Step {
        digits: usize,
        copy: bool,
    },
}

/// Work that answers later: a PNG made from a canvas, or text on the clipboard.
pub enum Effect {
    /// the composed picture, saved as `file` or copied
    Png {
        canvas: HtmlCanvasElement,
        file: String,
        copy: bool,
    },
    /// `text` to the clipboard; the note says `what` was copied
    Copy { text: String, what: String },
}

/// CSS pixels of the title line over a picture, of the gap between tiles and of a tile's
/// caption; each is drawn at `dom::EXPORT_SCALE`.
pub const TITLE_CSS: f64 = 24.0;
const GAP_CSS: f64 = 8.0;
const CAPTION_CSS: f64 = 20.0;
/// Where a menu's decimal places start.
pub const DEFAULT_DIGITS: usize = 4;

/// The title line: the picture, the data set, the net's layer sizes and the epoch (on a
/// surface: the function and the update).
pub fn title(session: &Session, picture: Picture) -> String {
    let racer = match picture {
        Picture::Boundary | Picture::Diagram => format!(" ({})", session.focused_kind().label()),
        _ => String::new(),
    };
    let done = session.epochs_done();
    if let Some(f) = session.surface_function() {
        return format!(
            "{}{racer} · f = {} · update {done}",
            picture.label(),
            f.name()
        );
    }
    let s = session.base();
    let data = match &s.data {
        Data::Generated(g) => g.dataset.name(),
        Data::Explicit { .. } => "own",
    };
    let sizes: Vec<String> = s.layers.iter().map(|n| n.to_string()).collect();
    format!(
        "{}{racer} · {data} data · net {} · epoch {done}",
        picture.label(),
        sizes.join("-")
    )
}

/// The canvases of `picture` (drawn at `dom::EXPORT_SCALE`) laid out on a new canvas: the
/// title line on top, then the tiles side by side, each `EXPORT_SCALE` × its CSS size (a
/// racer's caption under it). A picture that is not on the screen is refused in words.
pub fn compose(picture: Picture, title: &str) -> Result<HtmlCanvasElement, String> {
    let s = dom::EXPORT_SCALE;
    let tiles = picture.tiles();
    let size = |id: &str| {
        let c = dom::canvas(id);
        (c.client_width() as f64 * s, c.client_height() as f64 * s)
    };
    let (tile_w, tile_h) = size(tiles[0][0]);
    if tile_w < 1.0 || tile_h < 1.0 {
        return Err(format!(
            "{} is not on the screen: show it, then export it.",
            picture.label()
        ));
    }
    let n = tiles.len() as f64;
    let racers = picture == Picture::Racers;
    let caption = if racers { CAPTION_CSS * s } else { 0.0 };
    let width = n * tile_w + (n - 1.0) * GAP_CSS * s;
    let height = TITLE_CSS * s + tile_h + caption;
    let out: HtmlCanvasElement = dom::document()
        .create_element("canvas")
        .map_err(|_| "the browser could not make a canvas".to_string())?
        .unchecked_into();
    out.set_width(width as u32);
    out.set_height(height as u32);
    let ctx = dom::context_2d(&out);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, width, height);
    ctx.set_text_baseline("middle");
    ctx.set_fill_style_str("#1d1d1f");
    ctx.set_font(&format!("600 {}px system-ui, sans-serif", 13.0 * s));
    let pad = 6.0 * s;
    let _ = ctx.fill_text_with_max_width(title, pad, TITLE_CSS * s / 2.0, width - 2.0 * pad);
    ctx.set_image_smoothing_enabled(true);
    for (i, ids) in tiles.iter().enumerate() {
        let x = i as f64 * (tile_w + GAP_CSS * s);
        for id in *ids {
            let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
                &dom::canvas(id),
                x,
                TITLE_CSS * s,
                tile_w,
                tile_h,
            );
        }
        if racers {
            let kind = OptimizerKind::ALL[i];
            ctx.set_fill_style_str(&colors::css(colors::racer(kind)));
            let _ = ctx.fill_text(
                kind.label(),
                x + pad,
                TITLE_CSS * s + tile_h + caption / 2.0,
            );
        }
    }
    Ok(out)
}

/// The menu on a matrix card: decimal places, then LaTeX and Markdown, copied or saved.
pub fn matrix_menu(q: Quantity, layer: usize, name: &str, digits: usize) -> Element {
    let items = [
        ("tex-copy", "Copy LaTeX"),
        ("tex", "Save .tex"),
        ("md-copy", "Copy Markdown"),
        ("md", "Save .md"),
    ];
    el("details")
        .class("export")
        .data("m", q.key())
        .data("l", layer)
        .child(
            el("summary")
                .aria("label", format!("Export {name}"))
                .title(format!("{name} as LaTeX or Markdown"))
                .text("⤓"),
        )
        .child(
            el("div")
                .class("menu")
                .child(digits_input(digits))
                .children(
                    items.map(|(action, label)| el("button").data("export", action).text(label)),
                ),
        )
}

/// The decimal places of a LaTeX or Markdown export.
fn digits_input(digits: usize) -> Element {
    el("label").text("decimal places ").child(
        el("input")
            .attr(Attr::Type, "number")
            .attr(Attr::Min, 0)
            .attr(Attr::Max, crate::session::MAX_DIGITS)
            .attr(Attr::Value, digits),
    )
}

/// Whether the whole step fits the LaTeX document (every matrix as numbers).
pub fn step_fits(session: &Session) -> bool {
    session.surface().is_none() && session.step_fits().is_ok()
}

/// One listener for every export menu's buttons: the click becomes a `Msg`, the menu closes;
/// a click elsewhere, or Escape in it, closes an open menu too; space in it is not ▶.
pub fn wire(dispatch: &Dispatch) {
    let app = dom::element("playground-app");
    let dispatch = dispatch.clone();
    dom::on::<web_sys::MouseEvent>(&app, "click", move |e| {
        let target = e.target().and_then(|t| t.dyn_into::<DomElement>().ok());
        let inside = target.as_ref().and_then(menu_of);
        for open in dom::select_all("details.export[open]") {
            if inside.as_ref() != Some(&open) {
                close(&open, false);
            }
        }
        let button = target.and_then(|t| t.closest("[data-export]").ok().flatten());
        let (Some(button), Some(menu)) = (button, inside) else {
            return;
        };
        close(&menu, true);
        let action = button.get_attribute("data-export").unwrap_or_default();
        match read(&action, &menu) {
            Ok(msg) => dispatch.send(crate::web::app::Msg::Export(msg)),
            Err(e) => errors::show(&e),
        }
    });
    dom::on::<web_sys::KeyboardEvent>(&app, "keydown", |e| {
        let target = e.target().and_then(|t| t.dyn_into::<DomElement>().ok());
        let Some(menu) = target.and_then(|t| menu_of(&t)) else {
            return;
        };
        // space opens the ⤓ or presses a button, as on any control: it does not play
        let key = e.key();
        if key == " " || key == "Escape" {
            e.stop_propagation();
        }
        if key == "Escape" {
            close(&menu, true);
        }
    });
}

/// The export menu an element is in.
fn menu_of(el: &DomElement) -> Option<DomElement> {
    el.closest("details.export").ok().flatten()
}

/// Closes a menu; with `focus`, the focus goes back to its ⤓.
fn close(menu: &DomElement, focus: bool) {
    let _ = menu.remove_attribute("open");
    if let (true, Some(summary)) = (focus, menu.first_element_child()) {
        let _ = summary.unchecked_into::<HtmlElement>().focus();
    }
}

/// A menu button's `data-export` read with its menu's attributes and decimal places.
fn read(action: &str, menu: &DomElement) -> Result<Msg, String> {
    let attr = |name: &str| menu.get_attribute(name).unwrap_or_default();
    let digits = || -> Result<usize, String> {
        let input = menu.query_selector("input").ok().flatten();
        let value = input.map(|i| i.unchecked_into::<web_sys::HtmlInputElement>().value());
        match value {
            None => Ok(DEFAULT_DIGITS),
            Some(v) => v
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|&d| d <= crate::session::MAX_DIGITS)
                .ok_or_else(|| {
                    format!(
                        "Decimal places: a whole number from 0 to {}, not “{v}”.",
                        crate::session::MAX_DIGITS
                    )
                }),
        }
    };
    let (action, copy) = match action.strip_suffix("-copy") {
        Some(a) => (a, true),
        None => (action, false),
    };
    Ok(match action {
        "png" | "copy" => {
            let name = attr("data-picture");
            let picture = Picture::ALL
                .into_iter()
                .find(|p| p.name() == name)
                .ok_or_else(|| format!("no picture is called {name}"))?;
            Msg::Png {
                picture,
                copy: action == "copy",
            }
        }
        "losses" => Msg::Text(TextExport::Losses),
        "data" => Msg::Text(TextExport::Data),
        "trace" => Msg::Text(TextExport::Trace),
        "step" => Msg::Step {
            digits: digits()?,
            copy,
        },
        format @ ("tex" | "md") => Msg::Matrix {
            q: crate::session::quantity(&attr("data-m")).map_err(|e| e.to_string())?,
            layer: attr("data-l").parse().unwrap_or(0),
            digits: digits()?,
            format: if format == "md" {
                MatrixFormat::Markdown
            } else {
                MatrixFormat::Latex
            },
            copy,
        },
        other => return Err(format!("no export is called {other}")),
    })
}
