//! CSV text to rows of cells, each cell with its line and column: the separator (`,`, or `;`
//! with a decimal comma) read off the header, a UTF-8 BOM skipped, blank lines skipped,
//! fields in double quotes (`""` a quote inside) taken as they are.

use super::{CsvError, MAX_BYTES, Problem};
use crate::scenario::MAX_SAMPLES;

/// One row of cells and the line it is on (1 for the header).
pub(super) struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// The header and the rows of a file, and whether numbers take a decimal comma.
pub(super) struct Table {
    pub header: Row,
    pub rows: Vec<Row>,
    pub decimal_comma: bool,
}

/// The text of bytes that must be UTF-8; else where the first bad byte is.
pub(super) fn utf8(bytes: &[u8]) -> Result<&str, CsvError> {
    if bytes.len() > MAX_BYTES {
        let problem = Problem::TooLarge { bytes: bytes.len() };
        return Err(CsvError::at(1, 1, problem));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // valid up to here, so this slice is text
        let column = std::str::from_utf8(&good[line_start..]).map_or(1, |s| s.chars().count() + 1);
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        CsvError::at(line, column, Problem::NotUtf8)
    })
}

/// The table of CSV text: at least a header and one row, at most `MAX_SAMPLES` rows.
pub(super) fn table(text: &str) -> Result<Table, CsvError> {
    if text.len() > MAX_BYTES {
        let problem = Problem::TooLarge { bytes: text.len() };
        return Err(CsvError::at(1, 1, problem));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((line, first)) = lines.next() else {
        return Err(CsvError::at(1, 1, Problem::Empty));
    };
    let separator = if first.contains(';') { ';' } else { ',' };
    let header = Row {
        line,
        cells: cells(first, line, separator)?,
    };
    let mut rows = Vec::new();
    for (line, text) in lines {
        if rows.len() == MAX_SAMPLES {
            return Err(CsvError::at(line, 1, Problem::TooManyRows));
        }
        let cells = cells(text, line, separator)?;
        let (found, expected) = (cells.len(), header.cells.len());
        if found != expected {
            let column = found.min(expected) + 1;
            return Err(CsvError::at(
                line,
                column,
                Problem::Ragged { found, expected },
            ));
        }
        rows.push(Row { line, cells });
    }
    if rows.is_empty() {
        return Err(CsvError::at(header.line + 1, 1, Problem::NoRows));
    }
    Ok(Table {
        header,
        rows,
        decimal_comma: separator == ';',
    })
}

/// The cells of one line, trimmed; a cell in double quotes as written between them (a
/// separator inside is text, `""` is a quote).
fn cells(text: &str, line: usize, separator: char) -> Result<Vec<String>, CsvError> {
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => cell.push(c),
            }
        } else if c == '"' && cell.trim().is_empty() {
            cell.clear();
            quoted = true;
        } else if c == separator {
            out.push(cell.trim().to_string());
            cell.clear();
        } else {
            cell.push(c);
        }
    }
    if quoted {
        return Err(CsvError::at(line, out.len() + 1, Problem::OpenQuote));
    }
    out.push(cell.trim().to_string());
    Ok(out)
}

/// A cell as a finite number: `1.5`, `-2e-3`, `+4`, `.5`; with a decimal comma also `1,5`.
/// Read by the JSON reader's correctly rounded parser, after writing the forms JSON lacks
/// (`+`, `.5`, `5.`) as JSON writes them.
pub(super) fn number(cell: &str, decimal_comma: bool) -> Option<f64> {
    let plain = cell
        .bytes()
        .all(|b| b.is_ascii_digit() || b"+-.eE,".contains(&b));
    if !plain || cell.is_empty() || (cell.contains(',') && !decimal_comma) {
        return None;
    }
    let text = cell.replace(',', ".");
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(&text)),
    };
    let lead = if digits.starts_with('.') { "0" } else { "" };
    let json = format!(
        "{sign}{lead}{}",
        digits.replace(".e", ".0e").replace(".E", ".0E")
    );
    let json = json
        .strip_suffix('.')
        .map_or(json.clone(), |j| format!("{j}.0"));
    let v = crate::json::parse_f64(&json)?;
    v.is_finite().then_some(v)
}
