//! The transport (play / pause, one epoch, one sub-step, ← back, reset, speed) and the view
//! toggles, as buttons and as the actions keys and the lesson view call.

use super::*;
use web_sys::{Event, MouseEvent};

/// A button that sends `msg()` when clicked.
fn button(dispatch: &Dispatch, id: &str, msg: fn() -> Msg) {
    let dispatch = dispatch.clone();
    dom::on::<Event>(&dom::element(id), "click", move |_| dispatch.send(msg()));
}

/// A view checkbox that sends `msg(checked)` when it changes.
fn toggle(dispatch: &Dispatch, id: &'static str, msg: fn(bool) -> Msg) {
    let dispatch = dispatch.clone();
    dom::on::<Event>(&dom::element(id), "change", move |_| {
        dispatch.send(msg(dom::input(id).checked()))
    });
}

/// The transport buttons, the speed, the view toggles, a racer put in focus by a click on
/// its small boundary or its table row, and the window's size.
pub(super) fn wire(dispatch: &Dispatch) {
    button(dispatch, "play", || Msg::TogglePlay);
    button(dispatch, "one-epoch", || Msg::OneEpoch);
    button(dispatch, "step", || Msg::SubStep);
    button(dispatch, "reset", || Msg::Reset);
    button(dispatch, "presentation", || Msg::TogglePresentation);
    toggle(dispatch, "show-test", Msg::ShowTest);
    toggle(dispatch, "discretize", Msg::Discretize);
    toggle(dispatch, "log-scale", Msg::LogScale);
    let d = dispatch.clone();
    dom::on::<Event>(&dom::element("speed"), "input", move |_| {
        let v = dom::input("speed").value_as_number();
        let speed = if v.is_finite() {
            v.round().clamp(1.0, 50.0) as usize
        } else {
            1
        };
        d.send(Msg::Speed(speed));
    });
    for el in dom::select_all("[data-focus]") {
        let d = dispatch.clone();
        if let Some(kind) = el
            .get_attribute("data-focus")
            .and_then(|k| OptimizerKind::from_name(&k))
        {
            dom::on::<MouseEvent>(&el, "click", move |_| d.send(Msg::Focus(kind)));
        }
    }
    let d = dispatch.clone();
    dom::on::<Event>(&dom::window(), "resize", move |_| d.send(Msg::Resized));
}

impl App {
    pub fn set_playing(&mut self, playing: bool) {
        if playing && self.draw_waits() {
            return;
        }
        if playing {
            self.stop_replay();
            let room = self.session.room_for(1);
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
    }

    /// A replay of the stored run under way ends where it is, and says so: a person pressed
    /// a control, so the run goes on from there.
    fn stop_replay(&mut self) {
        if let Some((done, target)) = self.session.replay_progress() {
            self.session.stop_replay();
            self.set_status(format!(
                "restoring stopped at update {done} of {target}; the run goes on from there"
            ));
        }
    }

    /// One more epoch of the race: at once when it fits in a call's work, else a frame's
    /// budget at a time (the status line counts it).
    pub fn one_epoch(&mut self) {
        if self.draw_waits() {
            return;
        }
        self.stop_replay();
        match self.session.train_epochs(1) {
            Ok(()) => {}
            Err(SessionError::TooMuchWork(_)) => {
                self.epoch_target = Some(self.session.epochs_done() + 1);
            }
            Err(e) => errors::show(&e.to_string()),
        }
    }

    pub fn sub_step(&mut self) {
        if self.draw_waits() {
            return;
        }
        self.stop_replay();
        self.set_playing(false);
        let done = self.session.next_step();
        self.last_step = Some(done);
        let what = match done.layer {
            Some(l) => format!("{} layer {l}", done.phase.name()),
            None => done.phase.name().to_string(),
        };
        self.set_status(format!("did: {what}"));
    }

    /// Undoes the last sub-step.
    pub fn step_back(&mut self) {
        self.stop_replay();
        self.set_playing(false);
        if self.session.step_back() {
            self.last_step = None;
            self.set_status("stepped back");
        }
    }

    pub fn set_lesson_view(&mut self, on: bool) {
        if on && self.session.surface().is_some() {
            let why = "The matrices are the network's; on a test surface the optimizer state is beside the plot.";
            return self.say(Note::Refused(why.into()));
        }
        self.lesson_view = on;
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
        self.session.reset();
        self.set_status("");
        errors::clear();
    }

    pub fn set_speed(&mut self, speed: usize) {
        self.speed = speed.clamp(1, 50);
        self.store_stale = true;
    }

    pub fn set_presentation(&mut self, on: bool) {
        self.presentation = on;
        self.layout_changed();
        self.store_stale = true;
    }

    /// The canvases are refitted and redrawn.
    pub fn layout_changed(&mut self) {
        self.layout += 1;
        self.stale = [true; JOBS];
    }
}
