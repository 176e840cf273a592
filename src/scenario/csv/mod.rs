//! A data set as CSV, in and out (issue 13): a teacher's own data become explicit x / y (and
//! x_test / y_test) of the scenario, so that links, files and the CLI carry them exactly.
//!
//! Reading: comma- or semicolon-separated (a decimal comma with `;`), a UTF-8 BOM skipped, a
//! header row naming the columns. The label is the column headed `label`, else the last one;
//! a column `split` holding `train` / `test` sets the split, else the training share and data
//! seed of the scenario do (`training::data::split`). Labels that are not all numbers, or
//! integers with at most 3 distinct values, are classes (at most 3), named in `data.classes`;
//! other numbers are a regression target. Every input becomes a row of X, so there are at
//! most `MAX_UNITS` inputs and `MAX_SAMPLES` rows. Anything wrong is one `CsvError` naming
//! its line and column, and the scenario is not changed.

mod import;
mod labels;
mod read;
mod write;
pub use import::{import, import_bytes};
pub use write::{data_csv, num};

use super::{MAX_SAMPLES, MAX_UNITS, ScenarioError};

/// The largest CSV file read, in bytes: 5,000 rows of 64 inputs at 25 characters a number
/// fit in about 8 MB.
pub const MAX_BYTES: usize = 16 << 20;

/// What is wrong with a CSV file, and where: line and column from 1 (the header is line 1
/// unless blank lines come before it).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("line {line}, column {column}: {problem}")]
pub struct CsvError {
    pub line: usize,
    pub column: usize,
    pub problem: Problem,
}

impl CsvError {
    pub(crate) fn at(line: usize, column: usize, problem: Problem) -> CsvError {
        CsvError {
            line,
            column,
            problem,
        }
    }
}

/// The problems a CSV file can have.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("the file is empty; it needs a header row naming the columns and rows of examples")]
    Empty,
    #[error("{bytes} bytes; a data set file has at most {MAX_BYTES}")]
    TooLarge { bytes: usize },
    #[error("these bytes are not UTF-8 text; save the file as UTF-8 (CSV UTF-8)")]
    NotUtf8,
    #[error("no rows of examples after the header")]
    NoRows,
    #[error("a value is missing ({name})")]
    Missing { name: String },
    #[error("\"{text}\" is not a number ({name})")]
    NotANumber { name: String, text: String },
    #[error("{found} values where the header names {expected} columns")]
    Ragged { found: usize, expected: usize },
    #[error("a quote (\") is not closed on its line")]
    OpenQuote,
    #[error("{inputs} input columns; the most is {MAX_UNITS}")]
    TooManyColumns { inputs: usize },
    #[error("no input column: besides label (and split) the file needs at least one")]
    NoInputs,
    #[error("more than {MAX_SAMPLES} rows of examples; the most is {MAX_SAMPLES}")]
    TooManyRows,
    #[error("\"{name}\" would be a 4th class; a data set has at most 3")]
    TooManyClasses { name: String },
    #[error("the class name \"{name}\" is longer than {most} characters")]
    LongClassName { name: String, most: usize },
    #[error("split is \"{text}\"; it is train or test")]
    BadSplit { text: String },
    #[error("no row is train; at least one example must train")]
    NoTrain,
    #[error("the scenario refuses these data: {0}")]
    Refused(ScenarioError),
}

#[cfg(test)]
mod tests;
