//! A scenario's data as CSV that `import` reads back to the same numbers and class names.

use crate::scenario::check::one_hot;
use crate::scenario::{Data, Scenario};
use crate::training::data::{Examples, Feature};
use ndarray::Array2;

/// The data as CSV, comma-separated, train rows then test rows:
///
/// `x1,…,xn,label,split` — the network's inputs X (headed by their features' names when the
/// inputs are features, else x1 … xn), the label (the class name when the classes have names;
/// the class's number for one-hot targets; else the target's value) and `train` / `test`.
/// Targets of several outputs that are not one-hot are written as columns `y1` … `yk` in
/// place of `label`. Numbers are written to the shortest text that reads back to the same
/// f64.
pub fn data_csv(s: &Scenario) -> String {
    let set = s.dataset();
    let (features, classes): (&[Feature], &[String]) = match &s.data {
        Data::Generated(g) => (&g.features, &[]),
        Data::Explicit {
            features, classes, ..
        } => (features, classes),
    };
    let n_in = set.train.x.nrows();
    let mut header: Vec<String> = if features.is_empty() {
        (1..=n_in).map(|i| format!("x{i}")).collect()
    } else {
        features.iter().map(|f| f.name().to_string()).collect()
    };
    let parts = [Some(&set.train), set.test.as_ref()];
    let labelled = set.train.y.nrows() == 1
        || parts
            .iter()
            .flatten()
            .all(|p| (0..p.len()).all(|j| one_hot(&p.y, j).is_some()));
    if labelled {
        header.push("label".into());
    } else {
        header.extend((1..=set.train.y.nrows()).map(|i| format!("y{i}")));
    }
    header.push("split".into());
    let mut out = header.join(",");
    out.push('\n');
    for (part, name) in parts.iter().zip(["train", "test"]) {
        if let Some(part) = part {
            rows(&mut out, part, classes, labelled, name);
        }
    }
    out
}

/// One line per example of `part`.
fn rows(out: &mut String, part: &Examples, classes: &[String], labelled: bool, split: &str) {
    for j in 0..part.len() {
        let mut cells: Vec<String> = part.x.column(j).iter().map(|&v| num(v)).collect();
        if labelled {
            cells.push(label(&part.y, j, classes));
        } else {
            cells.extend(part.y.column(j).iter().map(|&v| num(v)));
        }
        cells.push(split.into());
        out.push_str(&cells.join(","));
        out.push('\n');
    }
}

/// Example j's label: its class's name, its class's number, or its value.
fn label(y: &Array2<f64>, j: usize, classes: &[String]) -> String {
    let class = if y.nrows() == 1 {
        let v = y[[0, j]];
        (v == 0.0 || v == 1.0).then_some(v as usize)
    } else {
        one_hot(y, j)
    };
    match class {
        Some(k) if k < classes.len() => quoted(&classes[k]),
        Some(k) if y.nrows() > 1 => k.to_string(),
        _ => num(y[[0, j]]),
    }
}

/// A name as a CSV cell: in double quotes when it holds a separator, a quote or spaces at
/// its ends.
fn quoted(name: &str) -> String {
    let plain = !name.contains([',', ';', '"']) && name.trim() == name;
    if plain {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// The shortest text that reads back to v: plain, or with an exponent when very large or
/// very small.
pub fn num(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-5..1e16).contains(&a) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}
