//! The lesson view: the matrices of the step (`matrices`), ← / → through the sub-steps, a
//! lesson on a few examples (picked on the boundary plot or at random), a number taken apart
//! on click, the optimizer state, the gradient check, the health, and the presets.

use crate::scenario::Scenario;
use crate::scenario::presets::{PRESETS, title};
use crate::scenario::view::View;
use crate::session::{Session, fmt_num};
use crate::web::app::{App, Shared};
use crate::web::markup::{Attr, Html, el, fragment};
use crate::web::panels::controls::{self, Note, Notify};
use crate::web::{dom, errors, panels::matrices};
use wasm_bindgen::JsCast;

/// Redraws the panel (called by the loop when something changed).
pub fn draw(app: &App) {
    let session = app.session.borrow();
    dom::set_html(
        &dom::element("matrices"),
        &matrices::render(&session, app.last_step),
    );
    matrices::draw_heatmaps(&session);
    if dom::by_id::<web_sys::HtmlDetailsElement>("optimizer-details").open() {
        dom::set_html(
            &dom::element("optimizer-state"),
            &matrices::optimizer_html(&session),
        );
        matrices::draw_heatmaps(&session);
    }
    if dom::by_id::<web_sys::HtmlDetailsElement>("health-details").open() {
        dom::set_html(&dom::element("health"), &matrices::health_html(&session));
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
    let note = dom::element("preset-note");
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

fn start_lesson(app: &mut App, examples: Vec<usize>, notify: &Notify) {
    let result = app.session.borrow().lesson_scenario(&examples);
    match result {
        Ok(s) => {
            if app.before_lesson.is_none() {
                app.before_lesson = Some(app.session.borrow().settings_scenario());
            }
            app.set_playing(false);
            app.session.borrow_mut().load(s);
            app.picked.clear();
            app.last_step = None;
            app.redraw_points();
            controls::fill(&app.session.borrow());
            notify(Note::Restarted(format!(
                "A lesson on {} example{}: they are the whole training set and the one batch. Press → to step.",
                examples.len(),
                if examples.len() == 1 { "" } else { "s" }
            )));
        }
        Err(e) => errors::show(&e.to_string()),
    }
}

/// Wires the lesson view: presets, the transport of sub-steps, picking examples, a number
/// taken apart, heatmap values, the gradient check and the folds.
pub fn wire(app: &Shared, notify: &Notify) {
    wire_presets(app, notify);
    wire_buttons(app, notify);
    wire_explain(app);
    wire_heat_tip(app);
    wire_gradient_check(app);
    wire_folds(app);
    wire_picking(app);
}

/// The preset menu: a lesson loaded with its view and note.
fn wire_presets(app: &Shared, notify: &Notify) {
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
    {
        let (app, notify) = (app.clone(), notify.clone());
        dom::on::<web_sys::Event>(&dom::element("preset"), "change", move |_| {
            let sel: web_sys::HtmlSelectElement = dom::by_id("preset");
            let Some((_, json)) = PRESETS.iter().find(|(id, _)| *id == sel.value()) else {
                return;
            };
            match Scenario::from_json(json) {
                Ok(s) => {
                    let mut a = app.borrow_mut();
                    a.set_playing(false);
                    let view = s.view.clone();
                    show_note(&s);
                    a.session.borrow_mut().load(s);
                    a.before_lesson = None;
                    a.last_step = None;
                    a.apply_view(&view);
                    controls::fill(&a.session.borrow());
                    notify(Note::Restarted(format!("Lesson “{}” loaded.", title(json))));
                }
                Err(e) => errors::show(&format!("The preset could not be read — {e}")),
            }
        });
    }
}

/// → and ←, the lesson view toggle, and starting or leaving a lesson on a few examples.
fn wire_buttons(app: &Shared, notify: &Notify) {
    let click = |id: &str, f: fn(&mut App, &Notify)| {
        let (app, notify) = (app.clone(), notify.clone());
        dom::on::<web_sys::Event>(&dom::element(id), "click", move |_| {
            f(&mut app.borrow_mut(), &notify)
        });
    };
    click("lesson-view", |a, _| {
        let on = !a.lesson_view;
        a.set_lesson_view(on);
    });
    click("next", |a, _| a.sub_step());
    click("back", |a, _| a.step_back());
    click("pick-random", |a, n| {
        let m = a.session.borrow().stepper().race.data.train.len();
        let mut picks: Vec<usize> = Vec::new();
        while picks.len() < 4.min(m) {
            let i = (js_sys::Math::random() * m as f64) as usize % m;
            if !picks.contains(&i) {
                picks.push(i);
            }
        }
        start_lesson(a, picks, n);
    });
    click("pick-start", |a, n| {
        let picks = a.picked.clone();
        start_lesson(a, picks, n);
    });
    click("lesson-exit", |a, n| {
        if let Some(s) = a.before_lesson.take() {
            a.set_playing(false);
            a.session.borrow_mut().load(s);
            a.last_step = None;
            a.redraw_points();
            controls::fill(&a.session.borrow());
            n(Note::Restarted(
                "Back to the whole data set; the race restarted.".into(),
            ));
        }
    });
}

/// A click on a number of the panel takes it apart into the formula that made it.
fn wire_explain(app: &Shared) {
    let app = app.clone();
    dom::on::<web_sys::MouseEvent>(&dom::element("matrices"), "click", move |e| {
        let Some(td) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let attr = |k: &str| td.get_attribute(k);
        let (Some(name), Some(l), Some(r), Some(c)) = (
            attr("data-m"),
            attr("data-l"),
            attr("data-r"),
            attr("data-c"),
        ) else {
            return;
        };
        let parse = |s: String| s.parse::<usize>().unwrap_or(0);
        let a = app.borrow();
        let text = explain_html(&a.session.borrow(), &name, parse(l), parse(r), parse(c));
        let box_ = dom::element("explain");
        dom::set_html(&box_, &text);
        box_.set_hidden(false);
    });
}

/// The value under the pointer on a heatmap.
fn wire_heat_tip(app: &Shared) {
    for id in ["matrices", "optimizer-state"] {
        let app = app.clone();
        dom::on::<web_sys::MouseEvent>(&dom::element(id), "mousemove", move |e| {
            let tip = dom::element("heat-tip");
            let Some(canvas) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlCanvasElement>().ok())
            else {
                tip.set_hidden(true);
                return;
            };
            let Some(spec) = canvas.get_attribute("data-heat") else {
                tip.set_hidden(true);
                return;
            };
            let a = app.borrow();
            let session = a.session.borrow();
            let (cw, ch) = (
                canvas.client_width().max(1) as f64,
                canvas.client_height().max(1) as f64,
            );
            let col = ((e.offset_x() as f64 / cw) * canvas.width() as f64) as usize;
            let row = ((e.offset_y() as f64 / ch) * canvas.height() as f64) as usize;
            match matrices::heat_value(&session, &spec, row, col) {
                Some(text) => {
                    tip.set_text_content(Some(&text));
                    let _ = tip
                        .style()
                        .set_property("left", &format!("{}px", e.page_x() + 12));
                    let _ = tip
                        .style()
                        .set_property("top", &format!("{}px", e.page_y() + 12));
                    tip.set_hidden(false);
                }
                None => tip.set_hidden(true),
            }
        });
    }
}

/// "Check layer l": the gradient check of that layer as a table.
fn wire_gradient_check(app: &Shared) {
    let app = app.clone();
    dom::on::<web_sys::MouseEvent>(&dom::element("gradcheck-buttons"), "click", move |e| {
        let Some(b) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Some(l) = b
            .get_attribute("data-check")
            .and_then(|l| l.parse::<usize>().ok())
        else {
            return;
        };
        let a = app.borrow();
        dom::set_html(
            &dom::element("gradcheck"),
            &matrices::gradient_check_html(&a.session.borrow(), l),
        );
    });
}

/// Opening the optimizer-state or health fold redraws the lesson view.
fn wire_folds(app: &Shared) {
    for id in ["optimizer-details", "health-details"] {
        let app = app.clone();
        dom::on::<web_sys::Event>(&dom::element(id), "toggle", move |_| {
            app.borrow_mut().lesson_stale()
        });
    }
}

/// Picking examples on the boundary plot, in the lesson view.
fn wire_picking(app: &Shared) {
    let app = app.clone();
    dom::on::<web_sys::MouseEvent>(&dom::element("points-big"), "click", move |e| {
        let mut a = app.borrow_mut();
        if !a.lesson_view {
            return;
        }
        let canvas = dom::canvas("points-big");
        let Some(i) = nearest_example(
            &a.session.borrow(),
            &canvas,
            e.offset_x() as f64,
            e.offset_y() as f64,
        ) else {
            return;
        };
        if let Some(pos) = a.picked.iter().position(|&p| p == i) {
            a.picked.remove(pos);
        } else if a.picked.len() < 8 {
            a.picked.push(i);
        }
        a.redraw_points();
        a.lesson_stale();
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
    let r = session.view_radius();
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
fn explain_html(session: &Session, key: &str, l: usize, r: usize, c: usize) -> Html {
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
