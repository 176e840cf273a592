//! A CSV table into a scenario's data: the columns found, the inputs and labels read, the
//! split made, the output and cost proposed, the view fitted.

use super::labels::{Labels, labels};
use super::read::{self, Row, Table, number};
use super::{CsvError, Problem};
use crate::scenario::edit::{check_giving_way, output_choices, set_output};
use crate::scenario::file::{DataFile, Matrix};
use crate::scenario::view::{SQUARE, Square};
use crate::scenario::{Data, MAX_UNITS, Scenario, defaults};
use crate::training::data::{Task, split};

/// `import` of bytes that must be UTF-8 text.
pub fn import_bytes(bytes: &[u8], base: &Scenario) -> Result<Scenario, CsvError> {
    import(read::utf8(bytes)?, base)
}

/// `base` with its data replaced by the CSV's (module docs): n[0] the number of inputs, the
/// output and cost those a new data set of the labels' task proposes (`output_choices`), no
/// surface, the view's square fitted to the points (and no lesson title or explanation, which
/// spoke of other data); explicit weights that no longer fit give
/// way to the default scheme, as an edit's do. The training share and data seed are `base`'s
/// when its data are generated, else the defaults.
pub fn import(text: &str, base: &Scenario) -> Result<Scenario, CsvError> {
    let table = read::table(text)?;
    let columns = Columns::of(&table.header)?;
    let x = inputs(&table, &columns.inputs)?;
    let labels = labels(&table, columns.label)?;
    let (train, test) = match columns.split {
        Some(col) => split_column(&table, col)?,
        None => {
            let (share, seed) = match &base.data {
                Data::Generated(g) => (g.train_fraction, g.seed),
                Data::Explicit { .. } => (defaults::TRAIN_FRACTION, defaults::SEED),
            };
            split(table.rows.len(), share, seed)
        }
    };
    let (task, y, classes) = targets(labels);
    let mut file = base.to_file();
    file.surface = None;
    file.layers[0] = columns.inputs.len();
    set_output(&mut file, output_choices(Some(task), 1)[0]);
    let pick = |m: &Matrix, idx: &[usize]| -> Matrix {
        m.iter()
            .map(|r| idx.iter().map(|&j| r[j]).collect())
            .collect()
    };
    let has_test = !test.is_empty();
    file.data = DataFile {
        x: Some(pick(&x, &train)),
        y: Some(pick(&y, &train)),
        x_test: has_test.then(|| pick(&x, &test)),
        y_test: has_test.then(|| pick(&y, &test)),
        classes,
        ..DataFile::default()
    };
    let mut view = base.view.clone();
    // a lesson's title and explanation were about its own data
    view.remove("title");
    view.remove("explanation");
    let second = |j: usize| x.get(1).map_or(0.0, |r| r[j]);
    if let Some(square) = Square::around((0..table.rows.len()).map(|j| (x[0][j], second(j)))) {
        view.insert(SQUARE, square.to_value());
    }
    file.view = Some(crate::json::Value::Object(view));
    check_giving_way(file).map_err(|e| CsvError::at(1, 1, Problem::Refused(e)))
}

/// Where the label, the split and the inputs are (columns from 0).
struct Columns {
    label: usize,
    split: Option<usize>,
    inputs: Vec<usize>,
}

impl Columns {
    /// `label` (else the last column that is not `split`), `split` when headed so, the rest
    /// inputs: at least one, at most `MAX_UNITS`.
    fn of(header: &Row) -> Result<Columns, CsvError> {
        let named = |name: &str| {
            header
                .cells
                .iter()
                .position(|c| c.eq_ignore_ascii_case(name))
        };
        let split = named("split");
        let last = (0..header.cells.len()).rev().find(|&c| Some(c) != split);
        let Some(label) = named("label").or(last) else {
            return Err(CsvError::at(header.line, 1, Problem::NoInputs));
        };
        let inputs: Vec<usize> = (0..header.cells.len())
            .filter(|&c| c != label && Some(c) != split)
            .collect();
        if inputs.is_empty() {
            return Err(CsvError::at(header.line, 1, Problem::NoInputs));
        }
        if inputs.len() > MAX_UNITS {
            let problem = Problem::TooManyColumns {
                inputs: inputs.len(),
            };
            return Err(CsvError::at(header.line, inputs[MAX_UNITS] + 1, problem));
        }
        Ok(Columns {
            label,
            split,
            inputs,
        })
    }
}

/// X as rows (one per input column, one number per example), each cell a number.
fn inputs(table: &Table, columns: &[usize]) -> Result<Matrix, CsvError> {
    let mut x = vec![Vec::with_capacity(table.rows.len()); columns.len()];
    for row in &table.rows {
        for (i, &c) in columns.iter().enumerate() {
            let text = &row.cells[c];
            let name = table.header.cells[c].clone();
            let problem = if text.is_empty() {
                Problem::Missing { name }
            } else if let Some(v) = number(text, table.decimal_comma) {
                x[i].push(v);
                continue;
            } else {
                Problem::NotANumber {
                    name,
                    text: text.clone(),
                }
            };
            return Err(CsvError::at(row.line, c + 1, problem));
        }
    }
    Ok(x)
}

/// The rows that train and those that test, as the `split` column says.
fn split_column(table: &Table, col: usize) -> Result<(Vec<usize>, Vec<usize>), CsvError> {
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for (j, row) in table.rows.iter().enumerate() {
        let text = &row.cells[col];
        if text.eq_ignore_ascii_case("train") {
            train.push(j);
        } else if text.eq_ignore_ascii_case("test") {
            test.push(j);
        } else {
            let problem = if text.is_empty() {
                Problem::Missing {
                    name: table.header.cells[col].clone(),
                }
            } else {
                Problem::BadSplit { text: text.clone() }
            };
            return Err(CsvError::at(row.line, col + 1, problem));
        }
    }
    if train.is_empty() {
        return Err(CsvError::at(table.header.line, col + 1, Problem::NoTrain));
    }
    Ok((train, test))
}

/// The task, Y as rows and the class names: one 0/1 output for up to 2 classes, 3 one-hot
/// outputs for 3, one real output for values.
fn targets(labels: Labels) -> (Task, Matrix, Option<Vec<String>>) {
    match labels {
        Labels::Values(v) => (Task::Regression, vec![v], None),
        Labels::Classes { names, of_row } if names.len() <= 2 => {
            let y = vec![of_row.iter().map(|&k| k as f64).collect()];
            (Task::Binary, y, Some(names))
        }
        Labels::Classes { names, of_row } => {
            let y = (0..names.len())
                .map(|i| of_row.iter().map(|&k| f64::from(k == i)).collect())
                .collect();
            (Task::ThreeClass, y, Some(names))
        }
    }
}
