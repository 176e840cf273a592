//! The page's `view`: page-only state a scenario carries (the followed racer, the speed, the
//! toggles, a lesson's title and explanation). Every field is optional; a scenario's `view`
//! object is read field by field, so that an unknown field or a value of the wrong kind is
//! named and ignored while the others still apply (docs/scenario.md).

use crate::json::{self, Map, Value};
use crate::math::optimizer::OptimizerKind;
use crate::training::landscape::PlaneKind;

/// The most epochs per frame the page's speed goes to.
pub const MAX_SPEED: u32 = 50;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// the racer the lesson view follows
    pub focus: Option<OptimizerKind>,
    /// epochs per frame, 1..=MAX_SPEED
    pub speed: Option<u32>,
    pub show_test: Option<bool>,
    pub log_scale: Option<bool>,
    pub discretize: Option<bool>,
    pub presentation: Option<bool>,
    pub lesson_view: Option<bool>,
    /// the loss-landscape panel is open
    pub landscape: Option<bool>,
    /// the plane the landscape panel shows
    pub landscape_plane: Option<PlaneKind>,
    /// a lesson's title
    pub title: Option<String>,
    /// a lesson's explanation (a line or two)
    pub explanation: Option<String>,
}

/// A square of the input plane (x1, x2): its centre and half its side r > 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Square {
    pub center: [f64; 2],
    pub radius: f64,
}

/// The margin around the points, as a share of their half-extent (as `view_radius` keeps).
const MARGIN: f64 = 1.15;

impl Square {
    /// The square around the points with a margin: centred on the middle of their bounding
    /// box, r = 1.15 × the larger half-extent (r = 1 around a single point); `None` without
    /// a finite point.
    pub fn around(points: impl Iterator<Item = (f64, f64)>) -> Option<Square> {
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for (x1, x2) in points.filter(|(a, b)| a.is_finite() && b.is_finite()) {
            for (i, v) in [x1, x2].into_iter().enumerate() {
                lo[i] = lo[i].min(v);
                hi[i] = hi[i].max(v);
            }
        }
        if !lo[0].is_finite() {
            return None;
        }
        let half = ((hi[0] - lo[0]) / 2.0).max((hi[1] - lo[1]) / 2.0);
        Some(Square {
            center: [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0],
            radius: if half > 0.0 { half * MARGIN } else { 1.0 },
        })
    }

    /// As the value of the view's `square` field: `{"center": [x1, x2], "radius": r}`.
    pub fn to_value(self) -> Value {
        let mut m = Map::new();
        m.insert("center", self.center.to_vec());
        m.insert("radius", self.radius);
        Value::Object(m)
    }
}

/// The key of the square in a scenario's `view` (read apart from `View`, which the page
/// builds field by field).
pub const SQUARE: &str = "square";

impl Square {
    /// The view's `square`, when it is one: finite numbers, r > 0.
    pub fn of_view(map: &Map) -> Option<Square> {
        let square = map.get(SQUARE)?.as_object()?;
        let center = square.get("center")?.as_array()?;
        let radius = square.get("radius")?.as_f64()?;
        let [x1, x2] = center.as_slice() else {
            return None;
        };
        let ok = square.len() == 2 && radius > 0.0 && radius.is_finite();
        ok.then_some(Square {
            center: [x1.as_f64()?, x2.as_f64()?],
            radius,
        })
    }
}

/// `null` leaves `field` as it is; otherwise `value` read by `read`, if it reads.
fn set<T>(field: &mut Option<T>, value: &Value, read: impl Fn(&Value) -> Option<T>) -> bool {
    if value.is_null() {
        return true;
    }
    let read = read(value);
    let fits = read.is_some();
    if fits {
        *field = read;
    }
    fits
}

/// A racer's name, or serde's other form of a unit variant: `{"adam": null}`.
fn focus(value: &Value) -> Option<OptimizerKind> {
    let name = match value {
        Value::Object(map) if map.len() == 1 => map
            .iter()
            .find(|(_, v)| v.is_null())
            .map(|(k, _)| k.as_str()),
        _ => value.as_str(),
    }?;
    OptimizerKind::from_name(name)
}

impl View {
    /// Reads a scenario's `view` object field by field: what fits is taken; each unknown field
    /// or value of the wrong kind is named in the returned notes and ignored. `null` leaves a
    /// field unset, except the speed, which must be a number (as serde's derive read them).
    pub fn read(map: &Map) -> (View, Vec<String>) {
        let mut view = View::default();
        let mut problems = Vec::new();
        for (key, value) in map {
            if key == SQUARE {
                if Square::of_view(map).is_none() {
                    let value = json::to_string(value);
                    problems.push(format!("view.{key}: ignored ({value} is not a square)"));
                }
                continue;
            }
            if !view.take(key, value) {
                let value = json::to_string(value);
                problems.push(format!(
                    "view.{key}: ignored ({value} is not a value the page knows)"
                ));
            }
        }
        (view, problems)
    }

    /// Sets the field `key` from `value`; false when there is no such field or the value is
    /// not one of its values.
    fn take(&mut self, key: &str, value: &Value) -> bool {
        let flag = match key {
            "show_test" => &mut self.show_test,
            "log_scale" => &mut self.log_scale,
            "discretize" => &mut self.discretize,
            "presentation" => &mut self.presentation,
            "lesson_view" => &mut self.lesson_view,
            "landscape" => &mut self.landscape,
            "landscape_plane" => {
                let plane = |v: &Value| v.as_str().and_then(PlaneKind::from_name);
                return set(&mut self.landscape_plane, value, plane);
            }
            "title" | "explanation" => {
                let text = if key == "title" {
                    &mut self.title
                } else {
                    &mut self.explanation
                };
                return set(text, value, |v| v.as_str().map(String::from));
            }
            "focus" => return set(&mut self.focus, value, focus),
            "speed" => {
                let speed = value
                    .as_u64()
                    .filter(|n| (1..=MAX_SPEED as u64).contains(n));
                self.speed = speed.map(|n| n as u32).or(self.speed);
                return speed.is_some();
            }
            _ => return false,
        };
        set(flag, value, Value::as_bool)
    }
    /// As a scenario's `view` object: the fields that are set, in their order here.
    pub fn to_map(&self) -> Map {
        let mut m = Map::new();
        m.put("focus", self.focus.map(OptimizerKind::name));
        m.put("speed", self.speed);
        let flags = [
            ("show_test", self.show_test),
            ("log_scale", self.log_scale),
            ("discretize", self.discretize),
            ("presentation", self.presentation),
            ("lesson_view", self.lesson_view),
            ("landscape", self.landscape),
        ];
        for (key, flag) in flags {
            m.put(key, flag);
        }
        m.put("landscape_plane", self.landscape_plane.map(PlaneKind::name));
        m.put("title", self.title.as_deref());
        m.put("explanation", self.explanation.as_deref());
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::json;

    fn map(v: serde_json::Value) -> Map {
        json::of(v).as_object().expect("an object").clone()
    }

    /// The fields of docs/scenario.md §view, each read; a wrong one named, the rest kept.
    #[test]
    fn good_fields_are_read_and_bad_ones_named() {
        let (view, problems) = View::read(&map(json!({
            "focus": "rmsprop", "speed": 7, "show_test": true, "log_scale": false,
            "discretize": true, "presentation": false, "lesson_view": true,
            "title": "XOR", "explanation": "two lines"
        })));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(view.focus, Some(OptimizerKind::RmsProp));
        assert_eq!(view.speed, Some(7));
        assert_eq!(view.show_test, Some(true));
        assert_eq!(view.log_scale, Some(false));
        assert_eq!(view.lesson_view, Some(true));
        assert_eq!(view.title.as_deref(), Some("XOR"));
        let (view, problems) = View::read(&map(json!({
            "focus": "nesterov", "speed": 51, "show_test": "yes", "zoom": 2, "title": 3,
            "discretize": true
        })));
        assert_eq!(view.discretize, Some(true), "the good field still applies");
        assert_eq!(view.focus, None);
        assert_eq!(problems.len(), 5, "{problems:?}");
        for key in ["focus", "speed", "show_test", "zoom", "title"] {
            assert!(
                problems
                    .iter()
                    .any(|p| p.starts_with(&format!("view.{key}: ignored"))),
                "{key}: {problems:?}"
            );
        }
        assert_eq!(View::read(&map(json!({"speed": 0}))).1.len(), 1);
    }

    #[test]
    fn a_view_written_reads_back_the_same() {
        let view = View {
            focus: Some(OptimizerKind::Adam),
            speed: Some(50),
            presentation: Some(true),
            title: Some("<b>t</b>".into()),
            ..View::default()
        };
        let map = view.to_map();
        assert_eq!(map.get("focus"), Some(&Value::from("adam")));
        assert_eq!(map.len(), 4, "unset fields are left out: {map:?}");
        assert_eq!(View::read(&map), (view, vec![]));
    }

    /// The view as serde's derive read it before `read` was written by hand: the reference
    /// for what each value of each field does.
    #[derive(serde::Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    struct Derived {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        focus: Option<OptimizerKind>,
        #[serde(
            default,
            deserialize_with = "speed",
            skip_serializing_if = "Option::is_none"
        )]
        speed: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        show_test: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        log_scale: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        discretize: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        presentation: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lesson_view: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        landscape: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        landscape_plane: Option<PlaneKind>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        explanation: Option<String>,
    }

    fn speed<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        let n = <u32 as serde::Deserialize>::deserialize(d)?;
        if (1..=MAX_SPEED).contains(&n) {
            Ok(Some(n))
        } else {
            Err(serde::de::Error::custom("speed"))
        }
    }

    #[test]
    fn each_value_of_each_field_reads_as_the_derive_read_it() {
        let keys = [
            "focus",
            "speed",
            "show_test",
            "log_scale",
            "discretize",
            "presentation",
            "lesson_view",
            "landscape",
            "landscape_plane",
            "title",
            "explanation",
            "zoom",
        ];
        let values = json!([
            null, true, false, 0, 1, 7, 50, 51, -1, 7.0, 4294967303u64, "adam", "rmsprop",
            "nesterov", "pca", "random", "PCA", "", "x", {"adam": null}, {"sgd": null, "adam": null}, {"adam": 1},
            {"nope": null}, {}, [], ["adam"]
        ]);
        for key in keys {
            for value in values.as_array().unwrap() {
                let one = map(json!({ key: value }));
                let derived = serde_json::from_value::<Derived>(json!({ key: value }));
                let (view, problems) = View::read(&one);
                assert_eq!(problems.is_empty(), derived.is_ok(), "{key}: {value}");
                if let Ok(d) = derived {
                    let want = json::of(serde_json::to_value(d).unwrap());
                    assert_eq!(Value::Object(view.to_map()), want, "{key}: {value}");
                }
            }
        }
    }
}
