//! The label column: classes or a regression target (issue 13's rule).

use super::read::{Table, number};
use super::{CsvError, Problem};
use crate::scenario::check::MAX_CLASS_NAME;

/// The most classes a data set has.
pub const MAX_CLASSES: usize = 3;

/// What the labels are.
#[derive(Debug, PartialEq)]
pub(super) enum Labels {
    /// the class names in order (numbers numerically, names alphabetically) and each row's
    /// class, as an index into them
    Classes {
        names: Vec<String>,
        of_row: Vec<usize>,
    },
    /// a real value per row
    Values(Vec<f64>),
}

/// The labels in column `col` (from 0): classes when any is not a number, or when all are
/// integers with at most 3 distinct values; else values. A 4th class is refused at the row
/// where it first appears.
pub(super) fn labels(table: &Table, col: usize) -> Result<Labels, CsvError> {
    let name = &table.header.cells[col];
    let mut texts = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let text = row.cells[col].as_str();
        if text.is_empty() {
            let problem = Problem::Missing { name: name.clone() };
            return Err(CsvError::at(row.line, col + 1, problem));
        }
        texts.push(text);
    }
    let numbers: Option<Vec<f64>> = texts
        .iter()
        .map(|t| number(t, table.decimal_comma))
        .collect();
    if let Some(values) = numbers {
        let integers = values.iter().all(|v| v.fract() == 0.0 && v.abs() < 1e15);
        let mut distinct: Vec<f64> = Vec::new();
        for &v in &values {
            if !distinct.contains(&v) {
                // kept in order (a sort would bring its code into the wasm for 3 numbers)
                let at = distinct
                    .iter()
                    .position(|&d| d > v)
                    .unwrap_or(distinct.len());
                distinct.insert(at, v);
            }
        }
        if !integers || distinct.len() > MAX_CLASSES {
            return Ok(Labels::Values(values));
        }
        let of_row = values
            .iter()
            .map(|v| distinct.iter().position(|d| d == v).unwrap_or(0))
            .collect();
        // + 0.0 writes −0 as 0
        let names = distinct.iter().map(|d| (d + 0.0).to_string()).collect();
        return Ok(Labels::Classes { names, of_row });
    }
    named_classes(table, col, &texts)
}

/// Labels as names: at most `MAX_CLASSES` distinct ones, sorted.
fn named_classes(table: &Table, col: usize, texts: &[&str]) -> Result<Labels, CsvError> {
    let mut names: Vec<String> = Vec::new();
    for (row, &text) in table.rows.iter().zip(texts) {
        if names.iter().any(|n| n == text) {
            continue;
        }
        let name = text.to_string();
        let problem = if names.len() == MAX_CLASSES {
            Problem::TooManyClasses { name }
        } else if text.chars().count() > MAX_CLASS_NAME || text.chars().any(char::is_control) {
            Problem::LongClassName {
                name,
                most: MAX_CLASS_NAME,
            }
        } else {
            let at = names.iter().position(|n| *n > name).unwrap_or(names.len());
            names.insert(at, name);
            continue;
        };
        return Err(CsvError::at(row.line, col + 1, problem));
    }
    let of_row = texts
        .iter()
        .map(|t| names.iter().position(|n| n == t).unwrap_or(0))
        .collect();
    Ok(Labels::Classes { names, of_row })
}
