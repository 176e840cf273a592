//! The page-only state a scenario carries in its `view`, written and applied.

use super::*;

/// What the transport shows: playing, the lesson view, presentation mode, the speed.
pub(super) type Transport = (bool, bool, bool, usize);

/// Shows the transport's state: the play button, the body's classes, the speed.
pub(super) fn view_transport((playing, lesson, presentation, speed): Transport) {
    let pressed = |on: bool| if on { "true" } else { "false" };
    let play = dom::element("play");
    // ❚❚ (U+275A twice), not ⏸ (U+23F8), which many fonts lack (Debian's Chromium drew a box)
    play.set_text_content(Some(if playing { "❚❚ Pause" } else { "▶ Play" }));
    let _ = play.set_attribute("aria-pressed", pressed(playing));
    if let Some(body) = dom::document().body() {
        let classes = body.class_list();
        let _ = classes.toggle_with_force("playing", playing);
        let _ = classes.toggle_with_force("lesson", lesson);
        let _ = classes.toggle_with_force("presentation", presentation);
    }
    // rem-sized text grows too
    if let Some(html) = dom::document().document_element() {
        let _ = html
            .class_list()
            .toggle_with_force("presentation", presentation);
    }
    let _ = dom::element("lesson-view").set_attribute("aria-pressed", pressed(lesson));
    let _ = dom::element("presentation").set_attribute("aria-pressed", pressed(presentation));
    dom::input("speed").set_value(&speed.to_string());
    dom::set_text("speed-out", &speed.to_string());
}

impl App {
    /// The page-only state kept in a scenario's `view`.
    pub fn view(&self) -> View {
        let base = &self.session;
        let kept = View::read(&base.base().view).0;
        View {
            focus: Some(base.focused_kind()),
            speed: Some(self.speed as u32),
            show_test: Some(self.show_test),
            log_scale: Some(self.log_scale),
            discretize: Some(self.discretize),
            presentation: Some(self.presentation),
            lesson_view: Some(self.lesson_view),
            landscape: Some(self.landscape.open),
            landscape_plane: Some(self.landscape.plane),
            title: kept.title,
            explanation: kept.explanation,
        }
    }

    /// Applies a scenario's `view` (read here, where it enters); each unknown field or value of
    /// the wrong kind comes back as a note, and is ignored.
    pub fn apply_view(&mut self, map: &Map) -> Vec<String> {
        let (view, problems) = View::read(map);
        if let Some(kind) = view.focus {
            self.session.focus(kind);
        }
        if let Some(speed) = view.speed {
            self.set_speed(speed as usize);
        }
        let toggles = [
            (view.show_test, &mut self.show_test),
            (view.discretize, &mut self.discretize),
            (view.log_scale, &mut self.log_scale),
        ];
        for (value, field) in toggles {
            if let Some(on) = value {
                *field = on;
            }
        }
        self.toggles_drawn = None;
        if let Some(on) = view.presentation {
            self.set_presentation(on);
        }
        if let Some(on) = view.lesson_view {
            self.set_lesson_view(on);
        }
        if let Some(on) = view.landscape {
            self.landscape_update(LandscapeMsg::Open(on));
        }
        if let Some(plane) = view.landscape_plane {
            self.landscape_update(LandscapeMsg::Plane(plane));
        }
        // a lesson's title and explanation are shown by `lesson::show_note`
        self.stale = [true; JOBS];
        problems
    }
}
