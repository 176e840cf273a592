//! The lesson view: the matrices of the step (`matrices`), ← / → through the sub-steps, a
//! lesson on a few examples (picked on the boundary plot or at random), a number taken apart
//! on click, the optimizer state, the gradient check, the health, and the presets.

use crate::scenario::Scenario;
use crate::scenario::presets::{PRESETS, title};
use crate::scenario::view::View;
use crate::session::{Session, fmt_num};
use crate::web::app::{App, Dispatch, Hover, LessonChange, Load, Msg};
use crate::web::markup::{Attr, Html, el, fragment};
use crate::web::{dom, errors, panels::matrices};
use wasm_bindgen::JsCast;

/// Redraws the panel (called by the loop when something changed).
pub fn draw(app: &App) {
    let session = &app.session;
    dom::set_html(
        &dom::element("matrices"),
        &matrices::render(session, app.last_step, app.export_digits),
    );
    dom::element("step-export").set_hidden(!crate::web::panels::export::step_fits(session));
    matrices::draw_heatmaps(session);
    if dom::by_id::<web_sys::HtmlDetailsElement>("optimizer-details").open() {
        dom::set_html(
            &dom::element("optimizer-state"),
            &matrices::optimizer_html(session),
        );
        matrices::draw_heatmaps(session);
    }
    if dom::by_id::<web_sys::HtmlDetailsElement>("health-details").open() {
        dom::set_html(&dom::element("health"), &matrices::health_html(session));
    }
    let buttons = fragment((1..=session.depth()).map(|l| {
        el("button")
            .data("check", l)
            .title(format!(
                "Check every parameter of layer {l} on the current batch"
            ))
            .text(format!("Check layer {l}"))
            .into()
    }))
    .to_html();
    let holder = dom::element("gradcheck-buttons");
    if holder.inner_html() != buttons.as_str() {
        dom::set_html(&holder, &buttons);
    }
    let upcoming = session.upcoming();
    let next = match upcoming.layer {
        Some(l) => format!("{} layer {l}", upcoming.phase.name()),
        None => upcoming.phase.name().to_string(),
    };
    let done = match app.last_step {
        Some(s) => match s.layer {
            Some(l) => format!("did {} layer {l} · ", s.phase.name()),
            None => format!("did {} · ", s.phase.name()),
        },
        None => String::new(),
    };
    dom::set_text("lesson-step", &format!("{done}next: {next}"));
    let _ = dom::element("back").toggle_attribute_with_force("disabled", !session.can_step_back());
    dom::set_text("picked-count", &app.picked.len().to_string());
    let _ =
        dom::element("pick-start").toggle_attribute_with_force("disabled", app.picked.is_empty());
    dom::element("lesson-exit").set_hidden(app.before_lesson.is_none());
}

/// Shows a preset's title and explanation (from the scenario's view), or hides the note.
pub fn show_note(scenario: &Scenario) {
    for id in ["preset-note", "surface-note"] {
        show_note_in(id, scenario);
    }
}

fn show_note_in(id: &str, scenario: &Scenario) {
    let note = dom::element(id);
    let view = View::read(&scenario.view).0;
    match (view.title.as_deref(), view.explanation.as_deref()) {
        (Some(t), Some(x)) => {
            let lines = x
                .lines()
                .flat_map(|l| [el("span").text(l).into(), el("br").into()]);
            let html = fragment(std::iter::once(el("b").text(t).into()).chain(lines));
            dom::set_html(&note, &html.to_html());
            note.set_hidden(false);
        }
        _ => note.set_hidden(true),
    }
}

/// A lesson on these train examples: they become the whole training set and the one batch.
pub fn start(app: &mut App, examples: Vec<usize>) {
    match app.session.lesson_scenario(&examples) {
        Ok(scenario) => {
            let from = app.session.settings_scenario();
            app.load(Load {
                scenario,
                view: None,
                note: format!(
                    "A lesson on {} example{}: they are the whole training set and the one batch. Press → to step.",
                    examples.len(),
                    if examples.len() == 1 { "" } else { "s" }
                ),
                lesson: LessonChange::Start(from),
                pause: true,
            });
        }
        Err(e) => errors::show(&e.to_string()),
    }
}

/// Up to four train examples drawn at random.
pub fn pick_random(app: &mut App) {
    let m = app.session.stepper().race.data.train.len();
    let mut picks: Vec<usize> = Vec::new();
    while picks.len() < 4.min(m) {
        let i = (js_sys::Math::random() * m as f64) as usize % m;
        if !picks.contains(&i) {
            picks.push(i);
        }
    }
    start(app, picks);
}

/// Back to the whole data set a lesson was taken from.
pub fn exit(app: &mut App) {
    if let Some(scenario) = app.before_lesson.clone() {
        app.load(Load {
            scenario,
            view: None,
            note: "Back to the whole data set; the race restarted.".into(),
            lesson: LessonChange::Leave,
            pause: true,
        });
    }
}

/// A preset lesson, with its view and note.
pub fn preset(app: &mut App, id: &str) {
    let Some((_, json)) = PRESETS.iter().find(|(p, _)| *p == id) else {
        return;
    };
    match Scenario::from_json(json) {
        Ok(scenario) => {
            let view = Some(scenario.view.clone());
            app.load(Load {
                scenario,
                view,
                note: format!("Lesson “{}” loaded.", title(json)),
                lesson: LessonChange::End,
                pause: true,
            });
        }
        Err(e) => errors::show(&format!("The preset could not be read — {e}")),
    }
}

/// A click on the boundary plot in the lesson view picks or unpicks the nearest example.
pub fn pick_at(app: &mut App, x: f64, y: f64) {
    if !app.lesson_view || app.own_data.draw {
        return;
    }
    let canvas = dom::canvas("points-big");
    let Some(i) = nearest_example(&app.session, &canvas, x, y) else {
        return;
    };
    if let Some(pos) = app.picked.iter().position(|&p| p == i) {
        app.picked.remove(pos);
    } else if app.picked.len() < 8 {
        app.picked.push(i);
    }
    app.redraw_points();
    app.lesson_stale();
}

/// The value under the pointer on a heatmap, beside the pointer.
pub fn show_tip(session: &Session, hover: &Hover) {
    let tip = dom::element("heat-tip");
    match matrices::heat_value(session, &hover.spec, hover.row, hover.col) {
        Some(text) => {
            tip.set_text_content(Some(&text));
            dom::place(
                &tip,
                f64::from(hover.page_x + 12),
                f64::from(hover.page_y + 12),
            );
            tip.set_hidden(false);
        }
        None => tip.set_hidden(true),
    }
}

/// Wires the lesson view: presets, the transport of sub-steps, picking examples, a number
/// taken apart, heatmap values, the gradient check and the folds.
pub fn wire(dispatch: &Dispatch) {
    wire_presets(dispatch);
    wire_buttons(dispatch);
    wire_explain(dispatch);
    wire_heat_tip(dispatch);
    wire_gradient_check(dispatch);
    wire_folds(dispatch);
    wire_picking(dispatch);
}

/// The preset menu, filled once; choosing one loads it.
fn wire_presets(dispatch: &Dispatch) {
    let option = |value: &str, label: String| el("option").attr(Attr::Value, value).text(label);
    let options = fragment(
        std::iter::once(option("", "— choose a lesson —".into()))
            .chain(PRESETS.iter().map(|(id, json)| option(id, title(json))))
            .map(Into::into),
    )
    .to_html();
    dom::set_html(
        &dom::by_id::<web_sys::HtmlSelectElement>("preset"),
        &options,
    );
    let dispatch = dispatch.clone();
    dom::on::<web_sys::Event>(&dom::element("preset"), "change", move |_| {
        let sel: web_sys::HtmlSelectElement = dom::by_id("preset");
        dispatch.send(Msg::Preset(sel.value()));
    });
}

/// → and ←, the lesson view toggle, and starting or leaving a lesson on a few examples.
fn wire_buttons(dispatch: &Dispatch) {
    let click = |id: &str, msg: fn() -> Msg| {
        let dispatch = dispatch.clone();
        dom::on::<web_sys::Event>(&dom::element(id), "click", move |_| dispatch.send(msg()));
    };
    click("lesson-view", || Msg::ToggleLessonView);
    click("next", || Msg::SubStep);
    click("back", || Msg::StepBack);
    click("pick-random", || Msg::PickRandom);
    click("pick-start", || Msg::PickStart);
    click("lesson-exit", || Msg::LessonExit);
}

/// The element an event happened on.
fn target<T: JsCast>(e: &web_sys::Event) -> Option<T> {
    e.target().and_then(|t| t.dyn_into::<T>().ok())
}

/// A click on a number of the panel takes it apart into the formula that made it.
fn wire_explain(dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
    dom::on::<web_sys::MouseEvent>(&dom::element("matrices"), "click", move |e| {
        let Some(td) = target::<web_sys::Element>(&e) else {
            return;
        };
        let attr = |k: &str| td.get_attribute(k);
        let number = |k: &str| attr(k).and_then(|s| s.parse::<usize>().ok());
        if let (Some(key), Some(layer), Some(row), Some(col)) = (
            attr("data-m"),
            number("data-l"),
            number("data-r"),
            number("data-c"),
        ) {
            dispatch.send(Msg::Explain {
                key,
                layer,
                row,
                col,
            });
        }
    });
}

/// The value under the pointer on a heatmap.
fn wire_heat_tip(dispatch: &Dispatch) {
    for id in ["matrices", "optimizer-state"] {
        let dispatch = dispatch.clone();
        dom::on::<web_sys::MouseEvent>(&dom::element(id), "mousemove", move |e| {
            let hover = target::<web_sys::HtmlCanvasElement>(&e).and_then(|canvas| {
                let spec = canvas.get_attribute("data-heat")?;
                let (cw, ch) = (
                    canvas.client_width().max(1) as f64,
                    canvas.client_height().max(1) as f64,
                );
                Some(Hover {
                    spec,
                    col: ((e.offset_x() as f64 / cw) * canvas.width() as f64) as usize,
                    row: ((e.offset_y() as f64 / ch) * canvas.height() as f64) as usize,
                    page_x: e.page_x(),
                    page_y: e.page_y(),
                })
            });
            dispatch.send(Msg::HeatHover(hover));
        });
    }
}

/// "Check layer l": the gradient check of that layer as a table.
fn wire_gradient_check(dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
    dom::on::<web_sys::MouseEvent>(&dom::element("gradcheck-buttons"), "click", move |e| {
        if let Some(l) = target::<web_sys::Element>(&e)
            .and_then(|b| b.get_attribute("data-check"))
            .and_then(|l| l.parse::<usize>().ok())
        {
            dispatch.send(Msg::CheckLayer(l));
        }
    });
}

/// Opening the optimizer-state or health fold redraws the lesson view.
fn wire_folds(dispatch: &Dispatch) {
    for id in ["optimizer-details", "health-details"] {
        let dispatch = dispatch.clone();
        dom::on::<web_sys::Event>(&dom::element(id), "toggle", move |_| {
            dispatch.send(Msg::FoldToggled)
        });
    }
}

/// Picking examples on the boundary plot, in the lesson view.
fn wire_picking(dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
    dom::on::<web_sys::MouseEvent>(&dom::element("points-big"), "click", move |e| {
        dispatch.send(Msg::PickAt {
            x: e.offset_x() as f64,
            y: e.offset_y() as f64,
        })
    });
}

/// The train example nearest to (x, y) CSS pixels of the boundary plot, within 10 px.
fn nearest_example(
    session: &Session,
    canvas: &web_sys::HtmlCanvasElement,
    x: f64,
    y: f64,
) -> Option<usize> {
    let (w, h) = (canvas.client_width() as f64, canvas.client_height() as f64);
    let r = session.view_square();
    let train = &session.stepper().race.data.train;
    let mut best: Option<(f64, usize)> = None;
    for j in 0..train.len() {
        let (px, py) = crate::web::panels::boundary::to_pixel(train, j, r, w, h);
        let d = ((px - x).powi(2) + (py - y).powi(2)).sqrt();
        if d <= 10.0 && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, j));
        }
    }
    best.map(|(_, j)| j)
}

/// A number taken apart: the formula, then the same with this batch's numbers and what they
/// give.
pub fn explain_html(session: &Session, key: &str, l: usize, r: usize, c: usize) -> Html {
    let explained = crate::session::quantity(key).and_then(|q| session.explain(q, l, r, c));
    match explained {
        Ok(e) => fragment([
            el("div").class("formula").text(e.formula).into(),
            el("div")
                .child(el("code").text(format!("= {} = {}", e.numbers, fmt_num(e.result))))
                .into(),
        ])
        .to_html(),
        Err(e) => el("span").class("alarm").text(e.to_string()).to_html(),
    }
}
