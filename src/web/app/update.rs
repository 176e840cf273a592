//! `App::update`: the one place the page's state changes, one arm per message; and
//! `App::view_now`: the cheap parts of the page redrawn from the state right after (the
//! canvases wait for the next frame, `frame`).

use super::*;
use crate::session::Command;
use crate::web::panels::{matrices, own_data};

impl App {
    /// Applies one message.
    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Frame => self.frame(),
            Msg::Play(on) => self.set_playing(on),
            Msg::TogglePlay => self.set_playing(!self.playing),
            Msg::OneEpoch => self.one_epoch(),
            Msg::SubStep => self.sub_step(),
            Msg::StepBack => self.step_back(),
            Msg::Reset => self.reset(),
            Msg::Speed(speed) => self.set_speed(speed),
            Msg::Presentation(on) => self.set_presentation(on),
            Msg::TogglePresentation => self.set_presentation(!self.presentation),
            Msg::LessonView(on) => self.set_lesson_view(on),
            Msg::ToggleLessonView => self.set_lesson_view(!self.lesson_view),
            Msg::ShowTest(on) => self.set_toggle(|a| a.show_test = on, &[Job::Points]),
            Msg::Discretize(on) => {
                self.set_toggle(|a| a.discretize = on, &[Job::BigField, Job::SmallFields])
            }
            Msg::LogScale(on) => self.set_toggle(|a| a.log_scale = on, &[Job::Chart]),
            Msg::Focus(kind) => {
                self.session.focus(kind);
                self.stale[Job::Landscape as usize] = true; // the followed path is drawn on top
            }
            Msg::Resized => self.layout_changed(),
            Msg::Command(command) => self.command(command),
            Msg::Load(load) => self.load(load),
            Msg::Open { result, source } => sharing::open(self, result, &source),
            Msg::Say(note) => self.say(note),
            Msg::CopyLink => sharing::copy_link(self),
            Msg::Linked { json, text, then } => sharing::linked(self, json, text, then),
            Msg::SaveFile => sharing::save_file(self),
            Msg::HashChanged => sharing::hash_changed(self),
            Msg::Keep => sharing::keep(self),
            Msg::Preset(id) => lesson::preset(self, &id),
            Msg::PickRandom => lesson::pick_random(self),
            Msg::PickStart => lesson::start(self, self.picked.clone()),
            Msg::PickAt { x, y } => lesson::pick_at(self, x, y),
            Msg::LessonExit => lesson::exit(self),
            Msg::Explain {
                key,
                layer,
                row,
                col,
            } => self.explain = Some((key, layer, row, col)),
            Msg::HeatHover(hover) => {
                self.hover = hover;
                self.hover_stale = true;
            }
            Msg::CheckLayer(l) => self.checked_layer = Some(l),
            Msg::FoldToggled => self.stale[Job::Lesson as usize] = true,
            Msg::Settings(m) => controls::update(self, m),
            Msg::Diagram(m) => diagram::update(self, m),
            Msg::Surface(m) => crate::web::panels::surface::update(self, m),
            Msg::Workers(crew) => self.crew = *crew,
            Msg::Landscape(m) => self.landscape_update(m),
            Msg::Crew(heard) => self.crew_heard(heard),
            Msg::Export(m) => self.export(m),
            Msg::OwnData(m) => own_data::update(self, m),
        }
    }

    /// A worker's message; a failure is shown (the page then trains on the main thread).
    fn crew_heard(&mut self, heard: crew::Heard) {
        if let Some(e) = self.crew.heard(heard, &mut self.session) {
            errors::show(&e);
        }
    }

    /// A view toggle: the state changes, the drawings that show it are redone, the view kept.
    fn set_toggle(&mut self, set: impl FnOnce(&mut App), redraw: &[Job]) {
        set(self);
        for job in redraw {
            self.stale[*job as usize] = true;
        }
        self.store_stale = true;
    }

    /// A change asked through `window.playground`: the session does it, the page follows.
    fn command(&mut self, command: Command) {
        let restarts = matches!(command, Command::Load(_) | Command::Reset);
        let result = self.session.apply(command);
        match result {
            Ok(Done::Step(done)) => self.last_step = Some(done),
            Ok(Done::SteppedBack(true)) => self.last_step = None,
            _ => {}
        }
        if restarts {
            self.race_restarted();
        }
        self.reply = Some(result);
    }

    /// The page's own state after the session took a new scenario: no sub-step to highlight,
    /// no examples picked, no epoch under way, the points drawn anew.
    fn race_restarted(&mut self) {
        self.last_step = None;
        self.picked.clear();
        self.epoch_target = None;
        self.stale[Job::Points as usize] = true;
        self.landscape_restarted();
    }

    /// Loads a scenario into the page: every load (a preset, a link, a file, a restart from
    /// the settings, a lesson on a few examples and back) goes through here.
    pub fn load(&mut self, load: Load) {
        if load.pause {
            self.set_playing(false);
        }
        match load.lesson {
            LessonChange::End | LessonChange::Leave => self.before_lesson = None,
            LessonChange::Keep => {}
            LessonChange::Start(from) => {
                self.before_lesson.get_or_insert(from);
            }
        }
        self.session.load(load.scenario);
        self.race_restarted();
        self.set_status("");
        let problems = load.view.map(|v| self.apply_view(&v)).unwrap_or_default();
        errors::clear();
        let note = if problems.is_empty() {
            load.note
        } else {
            let stem = load.note.strip_suffix('.').unwrap_or(&load.note);
            format!("{stem} ({}).", problems.join("; "))
        };
        self.say(Note::Restarted(note));
    }

    /// Redraws what is cheap from the state: the settings panel when the settings changed,
    /// the notes, the status line, the number taken apart, the gradient check, the heatmap
    /// tip.
    pub fn view_now(&mut self) {
        let revision = self.session.settings_revision();
        if self.settings_drawn != Some(revision) {
            controls::fill(&self.session, self.committed);
            self.committed = false;
            lesson::show_note(self.session.base());
            self.settings_drawn = Some(revision);
        }
        if self.note_stale {
            self.note_stale = false;
            if let Some(note) = &self.note {
                show_note(note);
            }
        }
        let transport = (
            self.playing,
            self.lesson_view,
            self.presentation,
            self.speed,
        );
        if self.transport_drawn != Some(transport) {
            view::view_transport(transport);
            self.transport_drawn = Some(transport);
        }
        let toggles = (self.show_test, self.discretize, self.log_scale);
        if self.toggles_drawn != Some(toggles) {
            dom::input("show-test").set_checked(toggles.0);
            dom::input("discretize").set_checked(toggles.1);
            dom::input("log-scale").set_checked(toggles.2);
            self.toggles_drawn = Some(toggles);
        }
        crate::web::panels::surface::view(self);
        own_data::view(self);
        if self.layout_drawn != self.layout {
            dom::set_layout(self.layout);
            self.layout_drawn = self.layout;
        }
        if self.status_stale {
            self.status_stale = false;
            dom::set_text("last-step", &self.status);
        }
        self.view_lesson_extras();
        self.landscape_view();
        diagram::view(&mut self.diagram, &self.session);
    }

    /// The lesson view's number taken apart, gradient check and heatmap tip.
    fn view_lesson_extras(&mut self) {
        if let Some((key, l, r, c)) = self.explain.take() {
            let box_ = dom::element("explain");
            dom::set_html(&box_, &lesson::explain_html(&self.session, &key, l, r, c));
            box_.set_hidden(false);
        }
        if let Some(l) = self.checked_layer.take() {
            let html = matrices::gradient_check_html(&self.session, l);
            dom::set_html(&dom::element("gradcheck"), &html);
        }
        if self.hover_stale {
            self.hover_stale = false;
            match &self.hover {
                Some(hover) => lesson::show_tip(&self.session, hover),
                None => dom::element("heat-tip").set_hidden(true),
            }
        }
    }
}

/// The note under the settings.
fn show_note(note: &Note) {
    let (text, class) = match note {
        Note::Restarted(t) => (t, "note restarted"),
        Note::Applied(t) => (t, "note applied"),
        Note::Refused(t) => (t, "note refused"),
    };
    let el = dom::element("settings-note");
    el.set_text_content(Some(text));
    el.set_class_name(class);
}
