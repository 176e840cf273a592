//! The page-only state a scenario carries in its `view`, written and applied.

use super::*;

impl App {
    /// The page-only state kept in a scenario's `view`.
    pub fn view(&self) -> View {
        let base = self.session.borrow();
        let kept = View::read(&base.base().view).0;
        View {
            focus: Some(base.focused_kind()),
            speed: Some(self.speed as u32),
            show_test: Some(self.show_test),
            log_scale: Some(self.log_scale),
            discretize: Some(self.discretize),
            presentation: Some(self.presentation),
            lesson_view: Some(self.lesson_view),
            title: kept.title,
            explanation: kept.explanation,
        }
    }

    /// Applies a scenario's `view` (read here, where it enters); each unknown field or value of
    /// the wrong kind comes back as a note, and is ignored.
    pub fn apply_view(&mut self, map: &Map<String, Value>) -> Vec<String> {
        let (view, problems) = View::read(map);
        if let Some(kind) = view.focus {
            self.session.borrow_mut().focus(kind);
        }
        if let Some(speed) = view.speed {
            self.set_speed(speed as usize);
        }
        let toggles = [
            (view.show_test, &mut self.show_test, "show-test"),
            (view.discretize, &mut self.discretize, "discretize"),
            (view.log_scale, &mut self.log_scale, "log-scale"),
        ];
        for (value, field, id) in toggles {
            if let Some(on) = value {
                *field = on;
                dom::input(id).set_checked(on);
            }
        }
        if let Some(on) = view.presentation {
            self.set_presentation(on);
        }
        if let Some(on) = view.lesson_view {
            self.set_lesson_view(on);
        }
        // a lesson's title and explanation are shown by `lesson::show_note`
        self.stale = [true; JOBS];
        problems
    }
}
