//! The path (`data.x[0][1]`, `optimizer.momentum`) of the value serde was reading when it
//! found a problem in a JSON text. serde_json says where it stopped (line and column); a scan
//! of the text up to there finds the object keys and array indices around that place. This
//! takes the place of a wrapper around every serde visitor (serde_path_to_error), whose copies
//! for each of the scenario file's types cost the wasm 9.5 KB gzipped. On 42,750 byte-mutated
//! copies of the lessons it gives serde_path_to_error's path for all but two (an invalid `\u`
//! escape, whose column serde_json puts past the string).

/// One level of nesting at the end of the scanned text.
struct Level {
    /// in an object, the key of the member being read (none between members); in an array,
    /// the index of the element being read
    at: At,
    /// past the member's `:` (always, in an array)
    in_value: bool,
    /// the member's value read whole
    done: bool,
    /// the member's value is true, false or null (its letters so far)
    ident: bool,
}

enum At {
    Key(Option<String>),
    Index(usize),
}

/// The path serde_path_to_error gave for `err`, read from `text`: keys joined by `.`, indices
/// as `[i]`; empty at the top level or when serde gives no position.
pub fn of_error(text: &str, err: &serde_json::Error) -> String {
    if err.line() == 0 {
        return String::new();
    }
    // the column counts bytes from the start of the line
    let start: usize = text
        .split_inclusive('\n')
        .take(err.line() - 1)
        .map(str::len)
        .sum();
    let mut end = (start + err.column()).min(text.len());
    let problem = err.to_string();
    let key = problem.starts_with("unknown field") || problem.starts_with("duplicate field");
    if key {
        // a key that ends its object: serde_json has read on past the `}`
        let head = text.as_bytes()[..end].trim_ascii_end();
        if let Some(head) = head.strip_suffix(b"}") {
            end = head.trim_ascii_end().len();
        }
    }
    let problem = match err.classify() {
        serde_json::error::Category::Syntax => {
            end = end.saturating_sub(1);
            Problem::Syntax {
                number: problem.starts_with("invalid number"),
                comma: problem.starts_with("trailing comma"),
            }
        }
        serde_json::error::Category::Eof => Problem::End,
        _ if problem.starts_with("duplicate field") => Problem::Duplicate,
        _ => Problem::Value,
    };
    at(text, end, problem)
}

/// What the path of a problem ends with, as serde_path_to_error had it.
#[derive(Clone, Copy, PartialEq)]
enum Problem {
    /// with a value, or an unknown key: the member read last
    Value,
    /// a syntax error, found on the byte after the last one read: a member only while its
    /// value is under way — not after a number or a literal read whole (unless the number is
    /// the problem), nor at a trailing comma
    Syntax { number: bool, comma: bool },
    /// the text ends: as a syntax error, but an array's next element starts with its first byte
    End,
    /// a key seen twice: no member, the object
    Duplicate,
}

/// The path of the value being read after byte `end` of `text`.
fn at(text: &str, end: usize, problem: Problem) -> String {
    let mut scan = Scan {
        text,
        levels: Vec::new(),
        problem,
    };
    let bytes = &text.as_bytes()[..end];
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let Some(close) = string_end(bytes, i) else {
                break;
            };
            scan.string(i, close);
            i = close;
        } else {
            scan.byte(bytes, i);
        }
        i += 1;
    }
    match (problem, scan.levels.last_mut()) {
        (Problem::Syntax { comma: true, .. }, Some(l)) => l.in_value = false,
        // the text ends in a number that cannot end there
        (Problem::End, Some(l))
            if !l.ident && bytes.last().is_some_and(|b| b".eE+-".contains(b)) =>
        {
            l.done = false
        }
        _ => {}
    }
    path(&scan.levels, problem != Problem::Value)
}

/// A new level, or the next member of one.
fn level(at: At, problem: Problem) -> Level {
    Level {
        in_value: matches!(at, At::Index(_)) && problem != Problem::End,
        at,
        done: false,
        ident: false,
    }
}

/// The levels of nesting up to a place in the text.
struct Scan<'a> {
    text: &'a str,
    levels: Vec<Level>,
    problem: Problem,
}

impl Scan<'_> {
    /// A value starts: in an array, the element is under way.
    fn begin(&mut self) {
        if let Some(
            l @ Level {
                at: At::Index(_), ..
            },
        ) = self.levels.last_mut()
        {
            l.in_value = true;
        }
    }

    /// The string from byte `open` to byte `close` (its quotes): a key, or a value.
    fn string(&mut self, open: usize, close: usize) {
        self.begin();
        match self.levels.last_mut() {
            Some(Level {
                at: At::Key(key @ None),
                in_value: false,
                ..
            }) => {
                // the key's text, its escapes read by serde_json
                *key = serde_json::from_str(&self.text[open..=close]).ok();
            }
            Some(l) => l.done = true,
            None => {}
        }
    }

    /// Byte `i` of `bytes`, not in a string.
    fn byte(&mut self, bytes: &[u8], i: usize) {
        let whole = match self.problem {
            Problem::Syntax { number, .. } => !number,
            Problem::End => true,
            _ => false,
        };
        let b = bytes[i];
        if !b.is_ascii_whitespace() && !b"}],:".contains(&b) {
            self.begin();
        }
        let opened = match b {
            b'{' => Some(At::Key(None)),
            b'[' => Some(At::Index(0)),
            _ => None,
        };
        if let Some(at) = opened {
            self.levels.push(level(at, self.problem));
            return;
        }
        if let b'}' | b']' = b {
            self.levels.pop();
        }
        let fresh = |at: &At| match at {
            At::Key(_) => At::Key(None),
            At::Index(n) => At::Index(n + 1),
        };
        let problem = self.problem;
        let Some(l) = self.levels.last_mut() else {
            return;
        };
        match b {
            b'}' | b']' => l.done = true,
            b',' => *l = level(fresh(&l.at), problem),
            b':' => l.in_value = true,
            // a number; true, false and null are read whole or not at all
            b'-' | b'0'..=b'9' if !l.ident => l.done |= whole,
            b'a'..=b'z' if !l.done => {
                l.ident = true;
                let word = |w: &[u8]| bytes[..=i].ends_with(w);
                l.done = whole && (word(b"true") || word(b"false") || word(b"null"));
            }
            _ => {}
        }
    }
}

/// Keys joined by `.`, indices as `[i]`; when `strict`, the last level only while its value is
/// under way.
fn path(levels: &[Level], strict: bool) -> String {
    let mut path = String::new();
    for (i, level) in levels.iter().enumerate() {
        let under_way = level.in_value && !level.done;
        if strict && i + 1 == levels.len() && !under_way {
            break;
        }
        match &level.at {
            At::Key(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            At::Key(None) => break,
            At::Index(n) => path.push_str(&format!("[{n}]")),
        }
    }
    // an empty key names its object
    path.trim_end_matches('.').to_string()
}

/// The index of the quote that closes the string opening at `open`, if it is in `bytes`.
fn string_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{Problem, at, of_error};
    use crate::scenario::file::ScenarioFile;

    /// The path of the problem serde finds in a scenario file.
    fn path_of(text: &str) -> String {
        let err = serde_json::from_str::<ScenarioFile>(text).unwrap_err();
        of_error(text, &err)
    }

    #[test]
    fn the_paths_serde_path_to_error_gave() {
        let race = r#"{"layers": [2, 1], "race": [{"kind": "sgd"}, {"kind": "adam""#;
        // an unknown key, also at the end of its object; a key seen twice
        assert_eq!(path_of(&format!(r#"{race}, "bet": 1}}]}}"#)), "race[1].bet");
        assert_eq!(path_of(&format!(r#"{race}, "bet" }}]}}"#)), "race[1].bet");
        assert_eq!(
            path_of(&format!(r#"{race}, "kind": "sgd"}}]}}"#)),
            "race[1]"
        );
        // syntax: in a value, between members, a trailing comma, the end of the text
        assert_eq!(
            path_of(&format!(r#"{race}, "beta": }}]}}"#)),
            "race[1].beta"
        );
        assert_eq!(path_of(&format!(r#"{race} "beta": 1}}]}}"#)), "race[1]");
        assert_eq!(
            path_of(&format!(r#"{race}, "beta": 0.5 1}}]}}"#)),
            "race[1]"
        );
        assert_eq!(
            path_of(&format!(r#"{race}, "beta": tru}}]}}"#)),
            "race[1].beta"
        );
        assert_eq!(path_of(&format!(r#"{race}}},]}}"#)), "race");
        assert_eq!(path_of(&format!(r#"{race}, "beta": 0.5"#)), "race[1]");
        for cut in ["0.", "1e", "-"] {
            let text = format!(r#"{race}, "beta": {cut}"#);
            assert_eq!(path_of(&text), "race[1].beta");
        }
        assert_eq!(path_of(&format!(r#"{race}}}, "#)), "race");
        // a value of the wrong type; a missing field
        assert_eq!(
            path_of(&format!(r#"{race}, "beta": "x"}}]}}"#)),
            "race[1].beta"
        );
        assert_eq!(path_of(r#"{"layers": [2, -1]}"#), "layers[1]");
        assert_eq!(path_of(r#"{"layers": [2, 1]}"#), "");
    }

    #[test]
    fn keys_and_indices_around_a_place() {
        let text = r#"{"a": {"b\"c": [1, [2, "x"]], "d": 5}, "e"#;
        let path = |needle: &str| {
            at(
                text,
                text.find(needle).unwrap() + needle.len(),
                Problem::Value,
            )
        };
        assert_eq!(path(r#""x""#), r#"a.b"c[1][1]"#);
        assert_eq!(path("5"), "a.d");
        assert_eq!(path(r#""d""#), "a.d");
        assert_eq!(path("5}"), "a");
        assert_eq!(path(r#", "e"#), "");
        assert_eq!(at(text, 0, Problem::Value), "");
    }
}
