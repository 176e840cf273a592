//! Matrices as LaTeX (`bmatrix`) and Markdown, with a chosen number of decimal places and an
//! ASCII minus; and "the whole step" as one LaTeX document (`step.rs`).

use super::super::*;

/// The most decimal places a number is written with.
pub const MAX_DIGITS: usize = 12;

/// v with `digits` decimal places; `-` as the minus, and no minus on a number that rounds
/// to zero (−0.00001 at 4 places is 0.0000).
pub(super) fn fixed(v: f64, digits: usize) -> String {
    let s = format!("{v:.digits$}");
    match s.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => s,
    }
}

/// A number for LaTeX: `fixed`, or `\infty`, `-\infty`, `\text{NaN}`.
fn tex_number(v: f64, digits: usize) -> String {
    match v {
        v if v.is_nan() => "\\text{NaN}".into(),
        f64::INFINITY => "\\infty".into(),
        f64::NEG_INFINITY => "-\\infty".into(),
        v => fixed(v, digits),
    }
}

/// `\begin{bmatrix} a & b \\ c & d \end{bmatrix}`: rows joined by ` \\ `, numbers by ` & `.
pub fn bmatrix(m: &MatrixData, digits: usize) -> String {
    let rows: Vec<String> = (0..m.rows)
        .map(|r| {
            (0..m.cols)
                .map(|c| tex_number(m.at(r, c), digits))
                .collect::<Vec<_>>()
                .join(" & ")
        })
        .collect();
    format!(
        "\\begin{{bmatrix}} {} \\end{{bmatrix}}",
        rows.join(" \\\\ ")
    )
}

/// A Markdown table: a header row naming the columns (1, 2, …), then one row per matrix
/// row, each number right-aligned; NaN and inf as Rust writes them.
pub fn markdown(m: &MatrixData, digits: usize) -> String {
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = line((1..=m.cols).map(|c| c.to_string()).collect());
    out.push_str(&line(vec!["---:".to_string(); m.cols]));
    for r in 0..m.rows {
        out.push_str(&line(
            (0..m.cols).map(|c| fixed(m.at(r, c), digits)).collect(),
        ));
    }
    out
}

/// Text for LaTeX: its special characters escaped.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// How a matrix is written out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MatrixFormat {
    /// `\begin{bmatrix} … \end{bmatrix}`
    Latex,
    /// a Markdown table
    Markdown,
}

impl MatrixFormat {
    /// Its name, and the extension of its file.
    pub fn name_and_extension(self) -> (&'static str, &'static str) {
        match self {
            MatrixFormat::Latex => ("LaTeX", "tex"),
            MatrixFormat::Markdown => ("Markdown", "md"),
        }
    }
}

impl Session {
    /// A matrix of `matrix` with `digits` decimal places, as `bmatrix` or a Markdown table.
    pub fn matrix_text(
        &self,
        q: Quantity,
        layer: usize,
        digits: usize,
        format: MatrixFormat,
    ) -> Result<String, SessionError> {
        check_digits(digits)?;
        let m = self.matrix(q, layer)?;
        Ok(match format {
            MatrixFormat::Latex => bmatrix(&m, digits),
            MatrixFormat::Markdown => markdown(&m, digits),
        })
    }
}

/// 0 to `MAX_DIGITS` decimal places.
pub(super) fn check_digits(digits: usize) -> Result<(), SessionError> {
    if digits > MAX_DIGITS {
        return Err(SessionError::Digits {
            got: digits,
            max: MAX_DIGITS,
        });
    }
    Ok(())
}
