//! The page's `view`: page-only state a scenario carries (the followed racer, the speed, the
//! toggles, a lesson's title and explanation). Every field is optional; a scenario's `view`
//! object is read field by field, so that an unknown field or a value of the wrong kind is
//! named and ignored while the others still apply (docs/scenario.md).

use crate::math::optimizer::OptimizerKind;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// The most epochs per frame the page's speed goes to.
pub const MAX_SPEED: u32 = 50;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// the racer the lesson view follows
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<OptimizerKind>,
    /// epochs per frame, 1..=MAX_SPEED
    #[serde(
        default,
        deserialize_with = "speed",
        skip_serializing_if = "Option::is_none"
    )]
    pub speed: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_test: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_scale: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discretize: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presentation: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson_view: Option<bool>,
    /// a lesson's title
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// a lesson's explanation (a line or two)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

/// A square of the input plane (x1, x2): its centre and half its side r > 0. Read and
/// written by hand, not by serde: a derive would add its code to the wasm for two numbers.
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
        let [x1, x2] = self.center;
        let center = Value::Array(vec![Value::from(x1), Value::from(x2)]);
        let pairs = [
            ("center".to_string(), center),
            ("radius".into(), self.radius.into()),
        ];
        Value::Object(Map::from_iter(pairs))
    }
}

/// The key of the square in a scenario's `view` (read apart from `View`, which the page
/// builds field by field).
pub const SQUARE: &str = "square";

impl Square {
    /// The view's `square`, when it is one: finite numbers, r > 0.
    pub fn of_view(map: &Map<String, Value>) -> Option<Square> {
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

fn speed<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let n = u32::deserialize(d)?;
    if (1..=MAX_SPEED).contains(&n) {
        Ok(Some(n))
    } else {
        Err(serde::de::Error::custom(format!(
            "speed is 1 to {MAX_SPEED}"
        )))
    }
}

impl View {
    /// Reads a scenario's `view` object field by field: what fits is taken; each unknown field
    /// or value of the wrong kind is named in the returned notes and ignored.
    pub fn read(map: &Map<String, Value>) -> (View, Vec<String>) {
        let mut view = View::default();
        let mut problems = Vec::new();
        for (key, value) in map {
            if key == SQUARE {
                if Square::of_view(map).is_none() {
                    problems.push(format!("view.{key}: ignored ({value} is not a square)"));
                }
                continue;
            }
            let one = Value::Object(Map::from_iter([(key.clone(), value.clone())]));
            match serde_json::from_value::<View>(one) {
                Ok(field) => view = view.or(field),
                Err(_) => problems.push(format!(
                    "view.{key}: ignored ({value} is not a value the page knows)"
                )),
            }
        }
        (view, problems)
    }

    /// The fields set here, else those of `other`.
    fn or(self, other: View) -> View {
        View {
            focus: self.focus.or(other.focus),
            speed: self.speed.or(other.speed),
            show_test: self.show_test.or(other.show_test),
            log_scale: self.log_scale.or(other.log_scale),
            discretize: self.discretize.or(other.discretize),
            presentation: self.presentation.or(other.presentation),
            lesson_view: self.lesson_view.or(other.lesson_view),
            title: self.title.or(other.title),
            explanation: self.explanation.or(other.explanation),
        }
    }

    /// As a scenario's `view` object.
    pub fn to_map(&self) -> Map<String, Value> {
        match serde_json::to_value(self) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().expect("an object").clone()
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
        assert_eq!(map["focus"], json!("adam"));
        assert_eq!(map.len(), 4, "unset fields are left out: {map:?}");
        assert_eq!(View::read(&map), (view, vec![]));
    }
}
