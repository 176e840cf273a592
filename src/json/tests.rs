//! The reader and the writer against serde_json, the independent reference: the same values
//! from the same texts, the same texts accepted and refused, and what we write read back by
//! serde_json to the same value, every f64 to the same bits.

use super::*;
use proptest::prelude::*;

/// serde_json's value as ours, member by member (not through either's text).
fn conv(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Value::Uint(u),
            (None, Some(i)) => Value::Int(i),
            _ => Value::Float(n.as_f64().unwrap()),
        },
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(a) => Value::Array(a.iter().map(conv).collect()),
        serde_json::Value::Object(m) => {
            Value::Object(m.iter().map(|(k, v)| (k, conv(v))).collect())
        }
    }
}

/// Equal and of the same kinds, every float to the same bits.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
        }
        (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b) && a == b,
    }
}

fn leaf() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(serde_json::Value::from),
        (-1e3f64..1e3).prop_map(serde_json::Value::from),
        ".*".prop_map(serde_json::Value::from),
    ]
}

fn values() -> impl Strategy<Value = serde_json::Value> {
    leaf().prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z\"\\\\é]{0,4}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// serde_json's text, compact and pretty, reads to serde_json's value.
    #[test]
    fn reads_what_serde_json_writes(v in values()) {
        for text in [serde_json::to_string(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap()] {
            let ours = from_str(&text).unwrap();
            prop_assert!(same(&ours, &conv(&v)), "{text}");
        }
    }

    /// What we write, serde_json reads back to the same value, floats to the same bits.
    #[test]
    fn writes_what_serde_json_reads_back(v in values()) {
        let ours = conv(&v);
        let text = to_string(&ours);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        prop_assert!(same(&conv(&back), &ours), "{text}");
        prop_assert!(same(&from_str(&text).unwrap(), &ours), "{text}");
    }

    /// Any text: accepted by both or refused by both (but for a key given twice, which
    /// serde_json's `Value` lets the last one win), to the same value.
    #[test]
    fn accepts_and_refuses_what_serde_json_does(text in "[\\[\\]{}\",:0-9.eE+\\- a-z\\\\]{0,24}") {
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        let ours = from_str(&text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => prop_assert!(same(a, &conv(b)), "{text}"),
            (Err(e), Ok(_)) => prop_assert!(e.message.starts_with("duplicate field"), "{text}: {e}"),
            (Ok(_), Err(e)) => prop_assert!(false, "{text}: serde_json says {e}"),
            (Err(_), Err(_)) => {}
        }
    }

    /// Every finite f64 is written in a form both readers take back to its bits.
    #[test]
    fn floats_round_trip(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        let text = format_f64(x);
        prop_assert_eq!(text.parse::<f64>().unwrap().to_bits(), bits);
        prop_assert_eq!(serde_json::from_str::<f64>(&text).unwrap().to_bits(), bits);
        prop_assert!(matches!(from_str(&text), Ok(Value::Float(y)) if y.to_bits() == bits));
    }
}

/// Problems are named, with the line and column of the byte at fault and the path of the
/// value being read (worked out by hand for each text).
#[test]
fn errors_say_what_where_and_in_which_value() {
    let cases = [
        ("", "EOF while parsing a value", 1, 0, ""),
        ("[1,]", "trailing comma", 1, 4, ""),
        ("{\"a\": [1, 2 3]}", "expected `,` or `]`", 1, 13, "a"),
        ("{\"a\": {\"b\": tru}}", "expected ident", 1, 16, "a.b"),
        ("{\"a\": 1,\n \"a\": 2}", "duplicate field `a`", 2, 2, ""),
        (
            "{\"race\": [{}, {\"beta\": }]}",
            "expected value",
            1,
            24,
            "race[1].beta",
        ),
        ("{\"a\" 1}", "expected `:`", 1, 6, ""),
        ("{1: 2}", "key must be a string", 1, 2, ""),
        ("[01]", "invalid number", 1, 3, "[0]"),
        ("[1e999]", "number out of range", 1, 2, "[0]"),
        ("\"\\x\"", "invalid escape", 1, 3, ""),
        (
            "\"\\ud800\"",
            "lone leading surrogate in hex escape",
            1,
            8,
            "",
        ),
        (
            "\"a\nb\"",
            "control character (\\u0000-\\u001F) found while parsing a string",
            1,
            3,
            "",
        ),
        ("{\"a\": \"b", "EOF while parsing a string", 1, 8, "a"),
        ("[1] x", "trailing characters", 1, 5, ""),
    ];
    for (text, message, line, column, path) in cases {
        let e = from_str(text).unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.line, e.column, e.path.as_str()),
            (message, line, column, path),
            "{text:?}"
        );
    }
    let deep = "[".repeat(200);
    assert_eq!(
        from_str(&deep).unwrap_err().message,
        "recursion limit exceeded"
    );
}

#[test]
fn numbers_keep_their_kind_and_strings_their_characters() {
    let v =
        from_str(r#"[0, -0, 1.0, -5, 18446744073709551616, 1e2, "\u00e9\ud83d\ude00\n"]"#).unwrap();
    let Value::Array(items) = &v else {
        panic!("{v:?}")
    };
    assert!(matches!(items[0], Value::Uint(0)));
    assert!(matches!(items[1], Value::Float(x) if x == 0.0 && x.is_sign_negative()));
    assert!(matches!(items[2], Value::Float(x) if x == 1.0));
    assert!(matches!(items[3], Value::Int(-5)));
    assert!(matches!(items[4], Value::Float(x) if x == 18446744073709551616.0));
    assert!(matches!(items[5], Value::Float(x) if x == 100.0));
    assert_eq!(items[6].as_str(), Some("é😀\n"));
    assert_eq!(
        to_string(&v),
        r#"[0,-0.0,1.0,-5,1.8446744073709552e19,100.0,"é😀\n"]"#
    );
    assert_eq!(to_string(&Value::Float(f64::NAN)), "null");
    assert_eq!(to_string(&Value::from("\u{1}\"\\")), r#""\u0001\"\\""#);
}

#[test]
fn a_map_keeps_its_order_and_compares_without_it() {
    let mut m = Map::new();
    m.insert("b", 1u64);
    m.insert("a", 2u64);
    m.insert("b", 3u64);
    assert_eq!(to_string(&m.clone().into()), r#"{"b":3,"a":2}"#);
    let other: Map = [("a", 2u64), ("b", 3u64)].into_iter().collect();
    assert_eq!(m, other);
    assert_eq!(m.remove("b"), Some(Value::Uint(3)));
    assert_ne!(m, other);
}
