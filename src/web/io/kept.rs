//! The run kept in this browser's local storage (`sharing::keep` writes it after each change):
//! what it holds, how it is read back (`scenario::read`'s tables, unknown fields refused) and
//! written, and which tab kept it.

use super::files;
use super::sharing::STORE_KEY;
use crate::json::{Map, Value};
use crate::scenario::file::{self as file_format, ScenarioFile as LessonFile, ScenarioFile};
use crate::scenario::read::{Item, Record, Shape, optional, required};
use crate::scenario::{self, Scenario};
use crate::session::{SAVED_RUN_SHAPE, SavedRun, Session};
use crate::web::links;

/// What local storage keeps: the run (replayed exactly on load), the page's view, and the
/// lesson written into the URL at the same time (the run's settings now: a live change of
/// α or of the followed racer is in it but not in the run's scenario as loaded).
#[derive(Default)]
pub(super) struct Kept {
    pub run: SavedRun,
    pub view: Map,
    pub lesson: Option<ScenarioFile>,
    /// the tab that kept the run (`tab_id`), and the fingerprints of the last two fragments it
    /// had written into its URL (`links::UrlLinks::fingerprints`): the page writes the
    /// lesson's link a few milliseconds after a change (the browser packs it), and a reload
    /// of that tab may find the URL as it was before the last write — the navigation can take
    /// the URL before the write lands
    pub tab: String,
    pub urls: [String; 2],
}

/// How the kept run is read (`scenario::read`): unknown fields refused.
static KEPT: Record<Kept> = Record {
    name: "Kept",
    fields: &[
        required("run", SAVED_RUN_SHAPE, |f, v| f.run = SavedRun::build(v)),
        required("view", Shape::Object, |f, v| {
            if let Value::Object(m) = v.json() {
                f.view = m;
            }
        }),
        optional("lesson", Shape::Maybe(&LESSON), |f, v| {
            f.lesson = Some(LessonFile::build(v))
        }),
        optional("tab", Shape::Text, |f, v| f.tab = v.text()),
        optional("urls", Shape::Exactly(2, &Shape::Text), |f, v| {
            if let [a, b] = &v.list(Item::text)[..] {
                f.urls = [a.clone(), b.clone()];
            }
        }),
    ],
};
static LESSON: Shape = Shape::Record(&file_format::SCENARIO);

impl Kept {
    /// The kept run as a JSON object, every field written.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("run", self.run.to_value());
        m.insert("view", self.view.clone());
        m.put("lesson", self.lesson.as_ref().map(ScenarioFile::to_value));
        m.insert("tab", self.tab.as_str());
        m.insert("urls", self.urls.to_vec());
        Value::Object(m)
    }
}

/// The run kept in this browser: its session, view, lesson and whether this tab kept it; or
/// the message saying why it could not be restored (it is then dropped).
pub(super) type KeptRun = (Session, Map, Scenario, bool);

pub(super) fn kept_run() -> (Option<KeptRun>, Option<String>) {
    let kept = files::stored(STORE_KEY).map(|text| {
        scenario::read_json(&text, Shape::Record(&KEPT))
            .map(|item| KEPT.build(item))
            .map_err(|e| e.to_string())
            .and_then(|k| {
                let lesson = k.lesson.and_then(|l| Scenario::from_file(l).ok());
                Session::resume(k.run)
                    .map(|s| {
                        let lesson = lesson.unwrap_or_else(|| s.base().clone());
                        let own = !k.tab.is_empty() && k.tab == tab_id() && own_url(&k.urls);
                        (s, k.view, lesson, own)
                    })
                    .map_err(|e| e.to_string())
            })
    });
    match kept {
        Some(Ok(k)) => (Some(k), None),
        Some(Err(e)) => {
            files::unstore(STORE_KEY);
            let message =
                format!("Your last run could not be restored ({e}); the playground starts afresh.");
            (None, Some(message))
        }
        None => (None, None),
    }
}

/// An id of this tab, kept in its session storage (which a reload keeps and a new tab does
/// not share), made at random the first time; "" where there is no session storage.
pub(super) fn tab_id() -> String {
    const KEY: &str = "backprop-playground/tab";
    let Some(storage) = files::session_storage() else {
        return String::new();
    };
    if let Ok(Some(id)) = storage.get_item(KEY) {
        return id;
    }
    let id = format!("{:016x}", (js_sys::Math::random() * 2f64.powi(53)) as u64);
    match storage.set_item(KEY, &id) {
        Ok(()) => id,
        Err(_) => String::new(),
    }
}

/// Whether the location's fragment is one of `urls` (fingerprints), the last two a tab wrote.
fn own_url(urls: &[String; 2]) -> bool {
    let hash = files::location_hash();
    let print = links::fingerprint(hash.trim_start_matches('#'));
    urls.contains(&print)
}
