//! The export menus' messages (`panels::export`): a picture redrawn at twice its CSS size and
//! composed under its title line, the text exports saved or copied; and the effects they
//! start (`start`: the PNG made, then saved or put on the clipboard; text copied).
//!
//! Why redraw rather than scale the canvas on the screen: every drawing of the page already
//! scales its fonts, lines and dots by `dom::device_pixel_ratio`, so drawing it once with the
//! ratio at `dom::EXPORT_SCALE` (the `EXPORT_LAYOUT`) gives a sharp picture at 2× on any
//! screen with no drawing code of its own — a screen at ratio 1 scaled up would be blurred.
//! The layout then changes, so the page redraws itself at its own size on the next frames.

use super::*;
use crate::session::CsvExport;
use crate::web::io::{callback, clipboard, files};
use crate::web::panels::export::{self, Effect as Export, Msg as ExportMsg, Picture, TextExport};
use js_sys::{Function, Promise};
use web_sys::HtmlCanvasElement;

impl App {
    /// Applies an export menu's message; a failure is shown in the error banner.
    pub(super) fn export(&mut self, msg: ExportMsg) {
        let result = match msg {
            ExportMsg::Png { picture, copy } => self.export_png(picture, copy),
            ExportMsg::Text(what) => self.export_text(what),
            ExportMsg::Matrix {
                q,
                layer,
                digits,
                format,
                copy,
            } => {
                self.export_digits = digits;
                let text = self.session.matrix_text(q, layer, digits, format);
                let (kind, ext) = format.name_and_extension();
                let name = q.label(layer);
                let file = format!("{}{layer}.{ext}", q.key());
                text.map_err(|e| e.to_string())
                    .and_then(|t| self.give(t, copy, &file, &format!("{name} as {kind}")))
            }
            ExportMsg::Step { digits, copy } => {
                self.export_digits = digits;
                let text = self.session.step_latex(digits).map_err(|e| e.to_string());
                text.and_then(|t| self.give(t, copy, "step.tex", "The whole step as LaTeX"))
            }
        };
        if let Err(e) = result {
            errors::show(&e);
        }
    }

    /// Text saved as `file` or copied (the note then names `what`).
    fn give(&mut self, text: String, copy: bool, file: &str, what: &str) -> Result<(), String> {
        if copy {
            let what = what.to_string();
            self.effects
                .push(Effect::Export(Export::Copy { text, what }));
            return Ok(());
        }
        let mime = if file.ends_with(".json") {
            "application/json"
        } else if file.ends_with(".csv") {
            "text/csv"
        } else {
            "text/plain"
        };
        files::save_text_file(file, &text, mime)
    }

    /// The losses or the data as CSV, or the trace JSON (with the final line break
    /// `playground trace` writes), saved.
    fn export_text(&mut self, what: TextExport) -> Result<(), String> {
        let epoch = self.session.epochs_done();
        let (text, file) = match what {
            TextExport::Losses => (
                self.session.export_csv(CsvExport::Losses),
                format!("losses-epoch-{epoch}.csv"),
            ),
            TextExport::Data => (self.session.export_csv(CsvExport::Data), "data.csv".into()),
            TextExport::Trace => {
                let json = self.session.trace_json().map_err(|e| e.to_string())?;
                (json + "\n", format!("trace-epoch-{epoch}.json"))
            }
        };
        self.give(text, false, &file, "")
    }

    /// `picture` drawn at `EXPORT_SCALE` (sharp, as when paused) and composed under its
    /// title line; the page is drawn again at its own size on the next frames.
    fn export_png(&mut self, picture: Picture, copy: bool) -> Result<(), String> {
        if picture == Picture::Landscape && self.landscape.picture.is_none() {
            return Err(
                "The loss landscape is still being computed: export it once it is drawn.".into(),
            );
        }
        let title = export::title(&self.session, picture);
        let playing = std::mem::replace(&mut self.playing, false);
        dom::set_layout_name(dom::EXPORT_LAYOUT);
        let jobs: &[Job] = match picture {
            Picture::Boundary => &[Job::BigField, Job::Points],
            Picture::Racers => &[Job::SmallFields, Job::Points],
            Picture::Chart => &[Job::Chart],
            Picture::Diagram => &[Job::Diagram],
            Picture::Landscape => &[Job::Landscape],
            Picture::Surface => &[],
        };
        for &job in jobs {
            self.run(job);
        }
        if picture == Picture::Surface {
            crate::web::panels::surface::frame(self, false);
        }
        let composed = export::compose(picture, &title);
        self.playing = playing;
        dom::set_layout(self.layout_drawn);
        self.layout_changed();
        let canvas = composed?;
        let file = format!(
            "{}-epoch-{}.png",
            picture.name(),
            self.session.epochs_done()
        );
        self.effects
            .push(Effect::Export(Export::Png { canvas, file, copy }));
        Ok(())
    }
}

/// Starts an effect: the PNG made (`canvas.toBlob`) then saved or put on the clipboard, or
/// text copied; the outcome is said in the note, or a failure in the error banner.
pub(super) fn start(dispatch: &Dispatch, effect: Export) {
    match effect {
        Export::Png { canvas, file, copy } => {
            if copy {
                let dispatch = dispatch.clone();
                clipboard::copy_image(&png(&canvas), move |r| {
                    dispatch.send(said("The picture", r))
                });
            } else {
                let save = callback::once(Box::new(move |blob: JsValue| match blob.dyn_into() {
                    Ok(blob) => {
                        if let Err(e) = files::save_blob(&file, &blob) {
                            errors::show(&e)
                        }
                    }
                    Err(_) => errors::show("The browser could not make the PNG."),
                }));
                if canvas.to_blob(save.unchecked_ref()).is_err() {
                    errors::show("The browser could not make the PNG.");
                }
            }
        }
        Export::Copy { text, what } => {
            let dispatch = dispatch.clone();
            clipboard::copy_to_clipboard(&text, move |r| dispatch.send(said(&what, r)));
        }
    }
}

/// The canvas as a PNG Blob, when the browser has made it (`toBlob`; null when it cannot).
fn png(canvas: &HtmlCanvasElement) -> Promise {
    Promise::new(&mut |resolve: Function, _reject| {
        if canvas.to_blob(&resolve).is_err() {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::NULL);
        }
    })
}

/// The note after a copy.
fn said(what: &str, result: Result<(), String>) -> Msg {
    Msg::Say(match result {
        Ok(()) => Note::Applied(format!("{what} is on the clipboard.")),
        Err(e) => Note::Refused(format!("{what} could not be copied: {e}")),
    })
}
