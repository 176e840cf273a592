//! What can happen to the page, as values: every listener turns its event into one of these
//! and sends it (`Dispatch::send`); `App::update` is the only code that changes the state.

use crate::json::Map;
use crate::math::optimizer::OptimizerKind;
use crate::scenario::Scenario;
use crate::session::Command;
pub use crate::web::links::LinkUse;

/// A message to the page.
#[allow(clippy::large_enum_variant)] // one at a time, moved once: not worth a box
pub enum Msg {
    /// the animation frame: train a slice, draw what is due
    Frame,
    Play(bool),
    TogglePlay,
    /// "+1 epoch"
    OneEpoch,
    /// → one sub-step
    SubStep,
    /// ← undo one sub-step
    StepBack,
    /// ↺ back to the start
    Reset,
    Speed(usize),
    Presentation(bool),
    TogglePresentation,
    LessonView(bool),
    ToggleLessonView,
    ShowTest(bool),
    Discretize(bool),
    LogScale(bool),
    Focus(OptimizerKind),
    /// the window's size changed: canvases are refitted
    Resized,
    /// a change asked through `window.playground` (or by a control that is one)
    Command(Command),
    /// a scenario to load, with the page's view for it and what the note says
    Load(Load),
    /// a scenario or a reading error from a link or a file (`source` names it)
    Open {
        result: Result<Scenario, String>,
        source: String,
    },
    /// a note to show (what an effect's answer says)
    Say(super::Note),
    /// "copy link", "save", a link pasted into the address bar, leaving the page
    CopyLink,
    /// a link's text, packed by the browser (`Effect::Link`), and what it was asked for
    Linked {
        json: String,
        text: String,
        then: LinkUse,
    },
    SaveFile,
    HashChanged,
    Keep,
    /// the lesson view
    Preset(String),
    PickRandom,
    PickStart,
    PickAt {
        x: f64,
        y: f64,
    },
    LessonExit,
    Explain {
        key: String,
        layer: usize,
        row: usize,
        col: usize,
    },
    HeatHover(Option<Hover>),
    CheckLayer(usize),
    FoldToggled,
    /// the settings panel
    Settings(crate::web::panels::controls::Msg),
    /// the network diagram
    Diagram(crate::web::panels::diagram::Msg),
    /// the surface lesson's plot and function
    Surface(crate::web::panels::surface::Msg),
    /// the race's workers, started once the loop exists (`mount`)
    Workers(Box<super::crew::Crew>),
    /// what one of them said
    Crew(super::crew::Heard),
    /// the loss-landscape panel
    Landscape(super::LandscapeMsg),
    /// an export menu (pictures, CSV, trace, LaTeX)
    Export(crate::web::panels::export::Msg),
    /// drawing points, importing a CSV file
    OwnData(crate::web::panels::own_data::Msg),
}

/// A pointer over a heatmap: its `data-heat`, the cell under it, where to show the value.
pub struct Hover {
    pub spec: String,
    pub row: usize,
    pub col: usize,
    pub page_x: i32,
    pub page_y: i32,
}

/// A scenario to load: the one sequence every load goes through.
pub struct Load {
    pub scenario: Scenario,
    /// the page's view to apply (a link's, a file's, a preset's), if any
    pub view: Option<Map>,
    /// what the note says once it is loaded
    pub note: String,
    /// what happens to a lesson on a few examples
    pub lesson: LessonChange,
    /// pause the race (a new lesson, a link, a file); a change of settings keeps it going
    pub pause: bool,
}

/// How a load relates to a lesson on a few examples.
#[allow(clippy::large_enum_variant)] // one at a time, moved once: not worth a box
pub enum LessonChange {
    /// a new scenario: no lesson to go back from
    End,
    /// a lesson starts: remember the scenario it was taken from (if not already in one)
    Start(Scenario),
    /// back from a lesson to its scenario
    Leave,
    /// a change of the settings: a lesson stays one
    Keep,
}

/// Work that answers later (the browser calls back): `update` asks for it, the loop does it
/// with a way to send the answer back as a message.
pub enum Effect {
    /// put the link `text` resolves to on the clipboard (asked for in the click's task, the
    /// text still to come: `io::clipboard::copy_when_ready`), then say whether it worked
    Copy {
        text: js_sys::Promise,
        with_weights: bool,
    },
    /// a PNG or text of an export menu
    Export(crate::web::panels::export::Effect),
    /// pack a scenario's compact JSON into link text (`io::deflate`), then `Msg::Linked`
    Link { json: String, then: LinkUse },
    /// inflate a link pasted into the open page (`io::deflate`), then `Msg::Open` its lesson
    Unpack { packed: Vec<u8> },
}
