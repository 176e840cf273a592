//! Points drawn on the page (issue 13): the data set as a list of points of the plane, each
//! with its label and whether it trains or tests, and back into a scenario whose explicit
//! `x` / `y` (and `x_test` / `y_test`) hold them, so that links, files and the CLI carry them
//! exactly.
//!
//! Drawing on a generated data set starts from its points as they are (`Points::of`): a
//! teacher usually wants to change the picture in front of the class — add an outlier, take
//! a point away — not lose it; "Clear" is one click away.

use super::edit::{check_giving_way, output_choices, set_output};
use super::file::{DataFile, Matrix};
use super::view::{SQUARE, Square};
use super::{Data, Scenario, ScenarioError};
use crate::training::data::{Examples, Feature, Task};

/// One point: where it is, its label (a class's number, or a value) and its split.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub at: [f64; 2],
    pub label: f64,
    pub test: bool,
}

/// What the labels are.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Labels {
    /// k classes (2 or 3): a label is a class's number below k
    Classes(usize),
    /// a real value per point (regression)
    Values,
}

/// A data set as points of the plane (x1, x2).
#[derive(Clone, Debug, PartialEq)]
pub struct Points {
    /// the training points, then the test points (as `of` reads them; then in drawing order)
    pub points: Vec<Point>,
    pub labels: Labels,
    /// the classes' names, when the data have names
    pub classes: Vec<String>,
    /// the inputs computed from each point (empty: the points themselves)
    pub features: Vec<Feature>,
}

/// The most classes drawn.
pub const MAX_CLASSES: usize = 3;

impl Points {
    /// The points of a scenario's data: a generated set's points as they are (with its
    /// features), or explicit data of two inputs (or of features of the points). Refused for
    /// explicit data of other than two inputs: the page draws the plane (x1, x2).
    pub fn of(s: &Scenario) -> Result<Points, ScenarioError> {
        let set = s.dataset();
        let (features, classes, generated) = match &s.data {
            Data::Generated(g) => (g.features.clone(), Vec::new(), Some(g.dataset.task())),
            Data::Explicit {
                features, classes, ..
            } => (features.clone(), classes.clone(), None),
        };
        if features.is_empty() && s.layers[0] != 2 {
            return Err(ScenarioError::new(
                "data.x",
                format!(
                    "points are drawn in the plane of two inputs (x₁, x₂); these data have {}",
                    s.layers[0]
                ),
            ));
        }
        let y = &set.train.y;
        let labels = if y.nrows() >= 2 {
            Labels::Classes(y.nrows().min(MAX_CLASSES))
        } else if generated == Some(Task::Regression)
            || (generated.is_none() && y.iter().any(|&v| v != 0.0 && v != 1.0))
        {
            Labels::Values
        } else {
            Labels::Classes(2)
        };
        let mut points = Vec::new();
        for (examples, test) in [(Some(&set.train), false), (set.test.as_ref(), true)] {
            if let Some(e) = examples {
                points.extend((0..e.len()).map(|j| Point {
                    at: [e.coords[[0, j]], e.coords[[1, j]]],
                    label: label_of(e, j),
                    test,
                }));
            }
        }
        Ok(Points {
            points,
            labels,
            classes,
            features: if features == [Feature::X1, Feature::X2] {
                Vec::new()
            } else {
                features
            },
        })
    }

    /// Adds a point. A class's number 2 on two classes makes three (named "2" when the
    /// others have names); refused: a class beyond the third, a class on values, a value
    /// that is not finite, a test point before any training point.
    pub fn add(&mut self, point: Point) -> Result<(), ScenarioError> {
        let fail = |problem: &str| Err(ScenarioError::new("data", problem));
        if !(point.at.iter().all(|v| v.is_finite()) && point.label.is_finite()) {
            return fail("a point's place and label are finite numbers");
        }
        if point.test && !self.points.iter().any(|p| !p.test) {
            return fail("add a training point first: a data set needs one to train on");
        }
        if let Labels::Classes(k) = self.labels {
            let c = point.label;
            if c < 0.0 || c.fract() != 0.0 || c >= MAX_CLASSES as f64 {
                return fail("a class is 0, 1 or 2");
            }
            let k = k.max(c as usize + 1);
            while !self.classes.is_empty() && self.classes.len() < k {
                self.classes.push(self.classes.len().to_string());
            }
            self.labels = Labels::Classes(k);
        }
        self.points.push(point);
        Ok(())
    }

    /// Removes the point nearest to `at` within `reach` (any split); whether there was one.
    pub fn remove_nearest(&mut self, at: [f64; 2], reach: f64) -> bool {
        let d2 = |p: &Point| (p.at[0] - at[0]).powi(2) + (p.at[1] - at[1]).powi(2);
        let nearest = (0..self.points.len())
            .filter(|&i| d2(&self.points[i]) <= reach * reach)
            .min_by(|&i, &j| d2(&self.points[i]).total_cmp(&d2(&self.points[j])));
        nearest.map(|i| self.points.remove(i)).is_some()
    }

    /// Whether a point trains: without one there is no data set.
    pub fn has_train(&self) -> bool {
        self.points.iter().any(|p| !p.test)
    }

    /// `base` with these points as its explicit data, its view's square `square` (and no
    /// lesson title or explanation: they spoke of other data). The output and cost stay when
    /// they fit the labels, else those a new data set of the labels' task proposes (the
    /// first of `output_choices`); explicit weights that no longer fit give way, as an
    /// edit's do.
    pub fn scenario(&self, base: &Scenario, square: Square) -> Result<Scenario, ScenarioError> {
        let mut file = base.to_file();
        let task = match self.labels {
            Labels::Classes(3) => Task::ThreeClass,
            Labels::Classes(_) => Task::Binary,
            Labels::Values => Task::Regression,
        };
        let n_out = *base.layers.last().unwrap_or(&1);
        let activation = *base.activations.last().expect("an output layer");
        let now = (activation, base.cost, n_out);
        let choices = output_choices(Some(task), 1);
        if !choices
            .iter()
            .any(|c| (c.activation, c.cost, c.outputs) == now)
        {
            set_output(&mut file, choices[0]);
        }
        let n_out = *file.layers.last().unwrap_or(&1);
        file.layers[0] = if self.features.is_empty() {
            2
        } else {
            self.features.len()
        };
        let (train, test): (Vec<&Point>, Vec<&Point>) = self.points.iter().partition(|p| !p.test);
        let has_test = !test.is_empty();
        file.data = DataFile {
            x: Some(rows(&train, 2, None)),
            y: Some(rows(&train, n_out, Some(n_out))),
            x_test: has_test.then(|| rows(&test, 2, None)),
            y_test: has_test.then(|| rows(&test, n_out, Some(n_out))),
            features: (!self.features.is_empty())
                .then(|| self.features.iter().map(|f| f.name().into()).collect()),
            classes: (!self.classes.is_empty()).then(|| self.classes.clone()),
            ..DataFile::default()
        };
        let mut view = base.view.clone();
        view.remove("title");
        view.remove("explanation");
        view.insert(SQUARE, square.to_value());
        file.view = Some(crate::json::Value::Object(view));
        check_giving_way(file)
    }
}

/// The label of example j: its class (the row of its 1 when one-hot) or its value.
fn label_of(e: &Examples, j: usize) -> f64 {
    let col = e.y.column(j);
    if col.len() == 1 {
        return col[0];
    }
    let best = (0..col.len()).fold(0, |b, i| if col[i] > col[b] { i } else { b });
    best as f64
}

/// `n` rows, one number per point: X (the points' places) when `outputs` is `None`, else Y
/// for n[L] = `outputs` — the label itself for one output, one-hot rows for more.
fn rows(points: &[&Point], n: usize, outputs: Option<usize>) -> Matrix {
    let of = |p: &Point, i: usize| match outputs {
        None => p.at[i],
        Some(1) => p.label,
        Some(_) => f64::from(p.label == i as f64),
    };
    (0..n)
        .map(|i| points.iter().map(|p| of(p, i)).collect())
        .collect()
}

#[cfg(test)]
mod tests;
