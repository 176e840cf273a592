//! The transport (play / pause, one epoch, one sub-step, ← back, reset, speed) and the view
//! toggles, as buttons and as the actions keys and the lesson view call.

use super::*;
use frame::Job;

fn button(app: &Shared, id: &str, f: impl Fn(&mut App) + 'static) {
    let app = app.clone();
    dom::on::<Event>(&dom::element(id), "click", move |_| {
        let mut a = app.borrow_mut();
        f(&mut a);
    });
}

/// A view checkbox: `f` takes its new state; the view is then kept.
fn toggle(app: &Shared, id: &'static str, f: impl Fn(&mut App, bool) + 'static) {
    let app = app.clone();
    dom::on::<Event>(&dom::element(id), "change", move |_| {
        let mut a = app.borrow_mut();
        f(&mut a, dom::input(id).checked());
        a.store_stale = true;
    });
}

pub(super) fn wire_transport(app: &Shared) {
    button(app, "play", |a| a.set_playing(!a.playing));
    button(app, "one-epoch", App::one_epoch);
    button(app, "step", App::sub_step);
    button(app, "reset", App::reset);
    button(app, "presentation", |a| a.set_presentation(!a.presentation));
    {
        let app = app.clone();
        dom::on::<Event>(&dom::element("speed"), "input", move |_| {
            let v = dom::input("speed").value_as_number();
            let speed = if v.is_finite() {
                v.round().clamp(1.0, 50.0) as usize
            } else {
                1
            };
            app.borrow_mut().set_speed(speed);
        });
    }
    toggle(app, "show-test", |a, on| {
        a.show_test = on;
        a.stale[Job::Points as usize] = true;
    });
    toggle(app, "discretize", |a, on| {
        a.discretize = on;
        a.stale[Job::BigField as usize] = true;
        a.stale[Job::SmallFields as usize] = true;
    });
    toggle(app, "log-scale", |a, on| {
        a.log_scale = on;
        a.stale[Job::Chart as usize] = true;
    });
    // a click on a racer's small boundary or its table row puts it in focus
    for el in dom::select_all("[data-focus]") {
        let app = app.clone();
        if let Some(kind) = el
            .get_attribute("data-focus")
            .and_then(|k| OptimizerKind::from_name(&k))
        {
            dom::on::<MouseEvent>(&el, "click", move |_| app.borrow_mut().focus(kind));
        }
    }
    {
        let app = app.clone();
        dom::on::<Event>(&dom::window(), "resize", move |_| {
            app.borrow_mut().layout_changed()
        });
    }
}

impl App {
    pub fn set_playing(&mut self, playing: bool) {
        if playing {
            self.stop_replay();
            let room = self.session.borrow().room_for(1);
            if let Err(e) = room {
                errors::show(&e.to_string());
                return;
            }
        }
        if self.playing && !playing {
            // the live drawings were coarse: draw them sharp now
            self.stale = [true; JOBS];
            self.stale[Job::Points as usize] = false;
        }
        self.playing = playing;
        let button = dom::element("play");
        button.set_text_content(Some(if playing { "⏸ Pause" } else { "▶ Play" }));
        let _ = button.set_attribute("aria-pressed", if playing { "true" } else { "false" });
        let _ = dom::document()
            .body()
            .map(|b| b.class_list().toggle_with_force("playing", playing));
    }

    pub fn toggle_play(&mut self) {
        self.set_playing(!self.playing);
    }

    /// A replay of the stored run under way ends where it is, and says so: a person pressed
    /// a control, so the run goes on from there.
    fn stop_replay(&mut self) {
        let progress = self.session.borrow().replay_progress();
        if let Some((done, target)) = progress {
            self.session.borrow_mut().stop_replay();
            dom::set_text(
                "last-step",
                &format!(
                    "restoring stopped at update {done} of {target}; the run goes on from there"
                ),
            );
        }
    }

    /// One more epoch of the race: at once when it fits in a call's work, else a frame's
    /// budget at a time (the status line counts it).
    pub fn one_epoch(&mut self) {
        self.stop_replay();
        let result = self.session.borrow_mut().train_epochs(1);
        match result {
            Ok(()) => {}
            Err(crate::session::SessionError::TooMuchWork(_)) => {
                self.epoch_target = Some(self.session.borrow().epochs_done() + 1);
            }
            Err(e) => errors::show(&e.to_string()),
        }
    }

    pub fn sub_step(&mut self) {
        self.stop_replay();
        self.set_playing(false);
        let done = self.session.borrow_mut().next_step();
        self.last_step = Some(done);
        let what = match done.layer {
            Some(l) => format!("{} layer {l}", done.phase.name()),
            None => done.phase.name().to_string(),
        };
        dom::set_text("last-step", &format!("did: {what}"));
    }

    /// Undoes the last sub-step.
    pub fn step_back(&mut self) {
        self.stop_replay();
        self.set_playing(false);
        if self.session.borrow_mut().step_back() {
            self.last_step = None;
            dom::set_text("last-step", "stepped back");
        }
    }

    pub fn set_lesson_view(&mut self, on: bool) {
        self.lesson_view = on;
        let _ = dom::document()
            .body()
            .map(|b| b.class_list().toggle_with_force("lesson", on));
        let _ = dom::element("lesson-view")
            .set_attribute("aria-pressed", if on { "true" } else { "false" });
        self.layout_changed();
        self.store_stale = true;
    }

    pub fn lesson_stale(&mut self) {
        self.stale[Job::Lesson as usize] = true;
    }

    pub fn redraw_points(&mut self) {
        self.stale[Job::Points as usize] = true;
    }

    pub fn reset(&mut self) {
        self.stop_replay();
        self.epoch_target = None;
        self.set_playing(false);
        self.last_step = None;
        self.session.borrow_mut().reset();
        dom::set_text("last-step", "");
        errors::clear();
    }

    pub fn focus(&mut self, kind: OptimizerKind) {
        self.session.borrow_mut().focus(kind);
    }

    pub fn set_speed(&mut self, speed: usize) {
        self.speed = speed.clamp(1, 50);
        dom::input("speed").set_value(&self.speed.to_string());
        dom::set_text("speed-out", &self.speed.to_string());
        self.store_stale = true;
    }

    pub fn set_presentation(&mut self, on: bool) {
        self.presentation = on;
        let _ = dom::document()
            .body()
            .map(|b| b.class_list().toggle_with_force("presentation", on));
        // rem-sized text grows too
        let _ = dom::document()
            .document_element()
            .map(|h| h.class_list().toggle_with_force("presentation", on));
        let _ = dom::element("presentation")
            .set_attribute("aria-pressed", if on { "true" } else { "false" });
        self.layout_changed();
        self.store_stale = true;
    }

    pub fn layout_changed(&mut self) {
        dom::layout_changed();
        self.stale = [true; JOBS];
    }
}
