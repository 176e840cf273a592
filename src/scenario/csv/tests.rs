//! CSV in and out: every bad case names its line and column; round trips keep the numbers
//! and class names. Expected values are read off the hand-written CSV texts.

use super::*;
use crate::scenario::{Data, Scenario};

fn base() -> Scenario {
    Scenario::default()
}

fn err(text: &str) -> CsvError {
    import(text, &base()).expect_err(text)
}

fn at(text: &str) -> (usize, usize, Problem) {
    let e = err(text);
    (e.line, e.column, e.problem)
}

#[test]
fn an_empty_file_is_refused_at_line_1_column_1() {
    for text in ["", "\u{feff}", "\n\n  \r\n"] {
        assert_eq!(at(text), (1, 1, Problem::Empty), "{text:?}");
    }
    assert_eq!(at("x1,x2,label\n").0, 2, "a header alone has no rows");
    assert_eq!(at("x1,x2,label\n").2, Problem::NoRows);
}

#[test]
fn bytes_not_utf8_are_refused_where_they_are() {
    // line 2 is "1,2,a", then 0xFF in column 3 of line 3 ("4,", then the byte)
    let bytes = b"x1,x2,label\n1,2,a\n4,\xff,b\n";
    let e = import_bytes(bytes, &base()).unwrap_err();
    assert_eq!((e.line, e.column, &e.problem), (3, 3, &Problem::NotUtf8));
    assert!(e.to_string().starts_with("line 3, column 3: "), "{e}");
}

#[test]
fn a_missing_value_names_its_line_and_column() {
    let (line, column, problem) = at("x1,x2,label\n1,2,a\n3,,b\n");
    assert_eq!((line, column), (3, 2));
    assert_eq!(problem, Problem::Missing { name: "x2".into() });
    // a missing label, and a missing split
    assert_eq!(
        (at("x1,label\n1,a\n2,\n").0, at("x1,label\n1,a\n2,\n").1),
        (3, 2)
    );
    let e = err("x1,label,split\n1,a,train\n2,b,\n");
    assert_eq!((e.line, e.column), (3, 3));
}

#[test]
fn a_non_number_names_its_line_and_column() {
    let (line, column, problem) = at("a,b,label\n1,2,0\n3,4,1\n5,x5,0\n");
    assert_eq!((line, column), (4, 2));
    assert_eq!(
        problem,
        Problem::NotANumber {
            name: "b".into(),
            text: "x5".into()
        }
    );
    // a decimal comma needs the semicolon; NaN and infinity are not numbers
    assert_eq!(at("a,b,label\n\"1,5\",2,0\n").1, 1);
    assert_eq!(at("a;b;label\n1;inf;0\n").1, 2);
    assert_eq!(at("a;b;label\n1;NaN;0\n").1, 2);
    assert_eq!(at("a,b,label\n1,1e400,0\n").1, 2, "too large for an f64");
}

#[test]
fn a_ragged_row_names_its_line_and_the_first_missing_or_extra_column() {
    assert_eq!(
        at("x1,x2,label\n1,2,a\n3,b\n"),
        (
            3,
            3,
            Problem::Ragged {
                found: 2,
                expected: 3
            }
        )
    );
    assert_eq!(
        at("x1,x2,label\n1,2,a,9\n"),
        (
            2,
            4,
            Problem::Ragged {
                found: 4,
                expected: 3
            }
        )
    );
    assert_eq!(at("x1,label\n\"1,a\n").2, Problem::OpenQuote);
}

#[test]
fn too_many_columns_names_the_first_input_past_the_cap() {
    let n = crate::scenario::MAX_UNITS + 1;
    let header: Vec<String> = (1..=n).map(|i| format!("x{i}")).collect();
    let row = vec!["1"; n + 1].join(",");
    let text = format!("{},label\n{row}\n", header.join(","));
    assert_eq!(at(&text), (1, n, Problem::TooManyColumns { inputs: n }));
    // 64 inputs are fine
    let text = format!(
        "{},label\n{}\n",
        header[..n - 1].join(","),
        vec!["1"; n].join(",")
    );
    assert_eq!(import(&text, &base()).unwrap().layers[0], n - 1);
    assert_eq!(at("label\n1\n"), (1, 1, Problem::NoInputs));
}

#[test]
fn too_many_rows_names_the_first_row_past_the_cap() {
    let most = crate::scenario::MAX_SAMPLES;
    let mut text = String::from("x1,label\n");
    for i in 0..most {
        text.push_str(&format!("{i},{}\n", i % 2));
    }
    let s = import(&text, &base()).expect("5,000 rows are fine");
    assert_eq!(
        s.dataset().train.len() + s.dataset().test.map_or(0, |t| t.len()),
        most
    );
    text.push_str("1,1\n");
    // the header is line 1, the rows lines 2 to 5,001: the 5,001st row is line 5,002
    assert_eq!(at(&text), (most + 2, 1, Problem::TooManyRows));
}

#[test]
fn a_file_over_the_byte_cap_is_refused_before_it_is_read() {
    let text = "x".repeat(MAX_BYTES + 1);
    let want = (
        1,
        1,
        Problem::TooLarge {
            bytes: MAX_BYTES + 1,
        },
    );
    assert_eq!(at(&text), want);
    let e = import_bytes(text.as_bytes(), &base()).unwrap_err();
    assert_eq!((e.line, e.column, e.problem), want);
}

#[test]
fn a_fourth_class_is_refused_naming_its_line() {
    let text = "x,label\n1,cat\n2,dog\n3,cat\n4,emu\n5,fox\n6,dog\n";
    assert_eq!(
        at(text),
        (6, 2, Problem::TooManyClasses { name: "fox".into() })
    );
    assert_eq!(
        at("x,label,split\n1,a,train\n2,b,maybe\n").2,
        Problem::BadSplit {
            text: "maybe".into()
        }
    );
    assert_eq!(at("x,label,split\n1,0,test\n").2, Problem::NoTrain);
}

/// The class rule: names, or integers with at most 3 distinct values, are classes; other
/// numbers a target. Worked by hand from the texts.
#[test]
fn labels_become_classes_or_a_regression_target() {
    let s = import(
        "a;b;label;split\n1,5;2;dog;train\n-3;4e1;cat;test\n0;0;dog;train\n",
        &base(),
    )
    .unwrap();
    let Data::Explicit {
        train,
        test,
        classes,
        features,
    } = &s.data
    else {
        panic!()
    };
    assert!(features.is_empty());
    assert_eq!(classes, &["cat", "dog"]);
    assert_eq!(train.x.as_slice().unwrap(), &[1.5, 0.0, 2.0, 0.0]);
    assert_eq!(
        train.y.as_slice().unwrap(),
        &[1.0, 1.0],
        "dog is class 1 (names sorted)"
    );
    let test = test.as_ref().unwrap();
    assert_eq!(test.x.as_slice().unwrap(), &[-3.0, 40.0]);
    assert_eq!(test.y.as_slice().unwrap(), &[0.0]);
    assert_eq!((s.layers[0], *s.layers.last().unwrap()), (2, 1));
    assert_eq!(
        s.cost,
        crate::math::cost::Cost::Bce,
        "two classes propose sigmoid + bce"
    );
    // three integer classes: one-hot over 3 softmax outputs
    let s = import(
        "x1,x2,label,split\n0,0,2,train\n1,1,0,train\n2,2,1,train\n",
        &base(),
    )
    .unwrap();
    let Data::Explicit { train, classes, .. } = &s.data else {
        panic!()
    };
    assert_eq!(classes, &["0", "1", "2"]);
    assert_eq!(train.y.column(0).to_vec(), [0.0, 0.0, 1.0]);
    assert_eq!(s.cost, crate::math::cost::Cost::CrossEntropy);
    assert_eq!(*s.layers.last().unwrap(), 3);
    // four integers, or a fraction: a regression target, linear + mse
    for text in ["x,y\n1,0\n2,1\n3,2\n4,3\n", "x,y\n1,0\n2,0.5\n"] {
        let s = import(text, &base()).unwrap();
        let Data::Explicit { classes, .. } = &s.data else {
            panic!()
        };
        assert!(classes.is_empty(), "{text}");
        assert_eq!(s.cost, crate::math::cost::Cost::Mse);
    }
}

/// Without a split column the training share and data seed of the scenario decide, by
/// `training::data::split`; the label is the last column unless one is headed `label`.
#[test]
fn without_a_split_the_share_and_seed_decide() {
    let mut text = String::from("label,x1,x2\n");
    for i in 0..10 {
        text.push_str(&format!("{},{i},{}\n", i % 2, i * i));
    }
    let s = import(&text, &base()).unwrap();
    let Data::Generated(g) = &base().data else {
        panic!("the default is generated")
    };
    let (train, test) = crate::training::data::split(10, g.train_fraction, g.seed);
    assert_eq!((train.len(), test.len()), (8, 2));
    let set = s.dataset();
    let train_x1: Vec<f64> = train.iter().map(|&i| i as f64).collect();
    let test_x1: Vec<f64> = test.iter().map(|&i| i as f64).collect();
    assert_eq!(set.train.x.row(0).to_vec(), train_x1);
    assert_eq!(set.test.unwrap().x.row(0).to_vec(), test_x1);
    assert_eq!(set.train.x.row(1)[1], train_x1[1] * train_x1[1]);
}

#[test]
fn the_view_is_fitted_to_the_points() {
    let mut lesson = base();
    lesson.view.insert("title", "XOR");
    lesson.view.insert("speed", 7u64);
    let s = import("x1,x2,label\n10,20,a\n14,21,b\n", &lesson).unwrap();
    assert!(
        !s.view.contains_key("title"),
        "the lesson's title spoke of its own data"
    );
    assert_eq!(
        s.view.get("speed"),
        Some(&crate::json::Value::Uint(7)),
        "the page's settings stay"
    );
    let (_, problems) = crate::scenario::view::View::read(&s.view);
    assert!(problems.is_empty(), "{problems:?}");
    // box [10, 14] × [20, 21]: centre (12, 20.5), half-extent 2, × 1.15
    let square = crate::scenario::view::Square::of_view(&s.view).unwrap();
    assert_eq!(square.center, [12.0, 20.5]);
    assert!((square.radius - 2.3).abs() < 1e-12);
}

/// CSV → scenario → CSV → scenario: the same numbers and class names.
#[test]
fn round_trips_keep_numbers_and_class_names() {
    let text =
        "x1,x2,label,split\n0.1,-2.5e-7,\"big, red\",train\n3,4,small,test\n1e20,7,small,train\n";
    let s = import(text, &base()).unwrap();
    let out = data_csv(&s);
    assert_eq!(
        out,
        "x1,x2,label,split\n0.1,-2.5e-7,\"big, red\",train\n1e20,7,small,train\n3,4,small,test\n"
    );
    let again = import(&out, &base()).unwrap();
    assert_eq!(again.data, s.data);
    // and through the scenario file
    let back = Scenario::from_json(&s.to_json()).unwrap();
    assert_eq!(back.data, s.data);
    assert_eq!(data_csv(&back), out);
    // regression values too
    let s = import("x,y\n0.3,0.1\n0.2,-1.25\n9,0.7\n", &base()).unwrap();
    assert_eq!(import(&data_csv(&s), &base()).unwrap().data, s.data);
}

#[test]
fn a_bad_square_in_the_view_is_named_and_ignored() {
    use crate::scenario::view::{Square, View};
    let map = |v: serde_json::Value| crate::json::of(v).as_object().unwrap().clone();
    for bad in [
        serde_json::json!({"square": {"center": [0, 0], "radius": 0}}),
        serde_json::json!({"square": {"center": [0], "radius": 1}}),
        serde_json::json!({"square": 3}),
    ] {
        let m = map(bad);
        assert_eq!(Square::of_view(&m), None);
        assert_eq!(View::read(&m).1.len(), 1, "{m:?}");
    }
}

/// The number forms a spreadsheet writes, read as Rust's own parser reads them (an
/// independent parser: the standard library's).
#[test]
fn numbers_read_as_the_standard_parser_reads_them() {
    for text in [
        "1.5",
        "-2e-3",
        "+4",
        ".5",
        "-.25",
        "5.",
        "5.e3",
        "0.1",
        "1e308",
        "4.9e-324",
        "123456789012345678901234567890",
        "2.2250738585072011e-308",
        "0.30000000000000004",
    ] {
        let want: f64 = text.parse().unwrap();
        assert_eq!(
            super::read::number(text, false).map(f64::to_bits),
            Some(want.to_bits()),
            "{text}"
        );
    }
    assert_eq!(super::read::number("1,5", true), Some(1.5));
    for bad in [
        "", "1,5", "--1", "1e", "e5", "1.2.3", "0x10", "inf", "1e400", " 1",
    ] {
        assert_eq!(super::read::number(bad, false), None, "{bad}");
    }
}
