//! The crate's architecture, checked on the source text under `src/` (std::fs only):
//!
//! - **layering**: the top modules are layers, `math` (lowest), `training`, `scenario`,
//!   `session`, `web` (highest), and a file may name only the layers its rule allows (see
//!   `allowed`): every `crate::…` path counts, in `use` items (grouped ones expanded) and
//!   inline in code, and `super::…` paths that climb out of their layer too;
//! - **size**: no file longer than 400 lines and no function longer than 60.
//!
//! Test code is not judged: files named `tests.rs` or under a `tests/` folder, and every item
//! marked `#[cfg(test)]` (the `mod tests { … }` at the end of a file). Comments, string and
//! char literals are blanked before anything is read, so a path or a brace in them counts
//! for nothing. Each rule has a self-check on small in-memory files, so that a checker that
//! finds nothing is not taken for a clean tree.

use std::fs;
use std::path::Path;

/// The layers, lowest first.
const LAYERS: [&str; 6] = ["json", "math", "training", "scenario", "session", "web"];
const MAX_FILE_LINES: usize = 400;
const MAX_FN_LINES: usize = 60;

// ---------------------------------------------------------------------------------------
// Reading the tree

/// A source file: its path relative to `src/` (with `/`), and its text.
struct Source {
    rel: String,
    text: String,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    assert!(
        out.len() > 20,
        "found only {} .rs files under {}",
        out.len(),
        root.display()
    );
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Source>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            walk(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).expect("under src/");
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            out.push(Source { rel, text });
        }
    }
}

/// A file of tests: named `tests.rs`, or in a folder named `tests`.
fn is_test_file(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    parts.last() == Some(&"tests.rs") || parts[..parts.len() - 1].contains(&"tests")
}

// ---------------------------------------------------------------------------------------
// Lexing: the code with comments and literals blanked, then without its test items

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The text with every comment, string literal (plain, byte, raw) and char literal replaced
/// by spaces, one per character; newlines are kept, so lines stay where they were.
/// Lifetimes and labels (`'a`) are code and kept.
fn blank(text: &str) -> Vec<char> {
    let s: Vec<char> = text.chars().collect();
    let mut out = s.clone();
    let n = s.len();
    let clear = |out: &mut Vec<char>, from: usize, to: usize| {
        for c in &mut out[from..to.min(n)] {
            if *c != '\n' {
                *c = ' ';
            }
        }
    };
    let mut i = 0;
    while i < n {
        let c = s[i];
        let next = s.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            let end = (i..n).find(|&j| s[j] == '\n').unwrap_or(n);
            clear(&mut out, i, end);
            i = end;
        } else if c == '/' && next == Some('*') {
            let (mut depth, mut j) = (1, i + 2);
            while j < n && depth > 0 {
                if s[j] == '/' && s.get(j + 1) == Some(&'*') {
                    depth += 1;
                    j += 2;
                } else if s[j] == '*' && s.get(j + 1) == Some(&'/') {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            clear(&mut out, i, j);
            i = j;
        } else if c == '"' {
            let mut j = i + 1;
            while j < n && s[j] != '"' {
                j += if s[j] == '\\' { 2 } else { 1 };
            }
            clear(&mut out, i, j + 1);
            i = j + 1;
        } else if c == 'r' && raw_string_start(&s, i) {
            // a raw string r"…", r#"…"#, br"…": ends at a quote followed by as many '#'
            let hashes = s[i + 1..].iter().take_while(|&&h| h == '#').count();
            let closes = |j: usize| s[j] == '"' && (1..=hashes).all(|k| s.get(j + k) == Some(&'#'));
            let close = (i + 2 + hashes..n).find(|&j| closes(j)).unwrap_or(n);
            let end = (close + 1 + hashes).min(n);
            clear(&mut out, i, end);
            i = end;
        } else if c == '\'' {
            // a char literal ('x', '\n', '\u{..}', b'x'), or else a lifetime or label
            if next == Some('\\') {
                let mut j = i + 3;
                while j < n && s[j] != '\'' {
                    j += 1;
                }
                clear(&mut out, i, j + 1);
                i = j + 1;
            } else if s.get(i + 2) == Some(&'\'') {
                clear(&mut out, i, i + 3);
                i += 3;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// `r` at `i` opens a raw string (`r"`, `r#"`, `br"`), not a raw identifier or a word's end.
fn raw_string_start(s: &[char], i: usize) -> bool {
    let word_start = |k: usize| k == 0 || !is_ident(s[k - 1]);
    let hashes = s[i + 1..].iter().take_while(|&&h| h == '#').count();
    s.get(i + 1 + hashes) == Some(&'"') && (word_start(i) || (s[i - 1] == 'b' && word_start(i - 1)))
}

fn skip_ws(s: &[char], mut i: usize) -> usize {
    while i < s.len() && s[i].is_whitespace() {
        i += 1;
    }
    i
}

fn starts_with(s: &[char], i: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    s.len() >= i + w.len() && s[i..i + w.len()] == w[..]
}

/// `word` at `i` as a whole word.
fn word_at(s: &[char], i: usize, word: &str) -> bool {
    let end = i + word.chars().count();
    starts_with(s, i, word)
        && (i == 0 || !is_ident(s[i - 1]))
        && (end >= s.len() || !is_ident(s[end]))
}

/// The index of the brace closing the one at `open` (`s` blanked), or the end.
fn matching_brace(s: &[char], open: usize) -> usize {
    let mut depth = 0usize;
    for (j, &c) in s.iter().enumerate().skip(open) {
        if c == '{' {
            depth += 1;
        } else if c == '}' {
            depth -= 1;
            if depth == 0 {
                return j;
            }
        }
    }
    s.len()
}

/// Where an item's body starts (`{`) or where it ends without one (`;`), looking from `i`
/// over parentheses and brackets (`[f64; 3]` holds a `;`, `fn(f64)` no body).
fn body_or_end(s: &[char], i: usize) -> Option<(usize, char)> {
    let mut depth = 0i32;
    for (j, &c) in s.iter().enumerate().skip(i) {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '{' | ';' if depth == 0 => return Some((j, c)),
            _ => {}
        }
    }
    None
}

/// `blank(text)` with every `#[cfg(test)]` item blanked too: the attribute, any attributes
/// after it, and the item up to its closing brace (a `mod tests { … }`) or `;`.
fn code(text: &str) -> Vec<char> {
    let mut s = blank(text);
    let mut i = 0;
    while let Some(at) = (i..s.len()).find(|&j| starts_with(&s, j, "#[cfg(test)]")) {
        let mut j = skip_ws(&s, at + "#[cfg(test)]".len());
        while starts_with(&s, j, "#[") {
            j = skip_ws(
                &s,
                s[j..]
                    .iter()
                    .position(|&c| c == ']')
                    .map_or(s.len(), |p| j + p + 1),
            );
        }
        let end = match body_or_end(&s, j) {
            Some((open, '{')) => matching_brace(&s, open) + 1,
            Some((semi, _)) => semi + 1,
            None => s.len(),
        };
        let end = end.min(s.len());
        for c in &mut s[at..end] {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = end;
    }
    s
}

fn line_of(s: &[char], i: usize) -> usize {
    1 + s[..i.min(s.len())].iter().filter(|&&c| c == '\n').count()
}

// ---------------------------------------------------------------------------------------
// Layering

/// A path the code names: its segments after `crate` and the line of its last segment.
#[derive(Debug, Clone, PartialEq)]
struct Reference {
    line: usize,
    segments: Vec<String>,
}

impl Reference {
    fn path(&self) -> String {
        format!("crate::{}", self.segments.join("::"))
    }
}

/// The module a file is: `web/panels/boundary.rs` → [web, panels, boundary];
/// `web/mod.rs` → [web]; `lib.rs` → [].
fn module_of(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel.split('/').map(String::from).collect();
    let last = parts.pop().unwrap_or_default();
    if !matches!(last.as_str(), "mod.rs" | "lib.rs" | "main.rs") {
        parts.push(last.trim_end_matches(".rs").to_string());
    }
    parts
}

struct PathReader<'a> {
    s: &'a [char],
    i: usize,
    out: Vec<Reference>,
}

impl PathReader<'_> {
    fn ident(&mut self) -> Option<(String, usize)> {
        let start = self.i;
        if starts_with(self.s, self.i, "r#") {
            self.i += 2;
        }
        while self.i < self.s.len() && is_ident(self.s[self.i]) {
            self.i += 1;
        }
        if self.i == start {
            return None;
        }
        let word: String = self.s[start..self.i].iter().collect();
        Some((word.trim_start_matches("r#").to_string(), start))
    }

    fn emit(&mut self, prefix: &[(String, usize)], line: usize) {
        let line = prefix.last().map_or(line, |(_, at)| line_of(self.s, *at));
        self.out.push(Reference {
            line,
            segments: prefix.iter().map(|(w, _)| w.clone()).collect(),
        });
    }

    /// After `prefix::`: a segment and what follows it, a `{…}` group, or `*`.
    fn tree(&mut self, mut prefix: Vec<(String, usize)>, from_line: usize) {
        self.i = skip_ws(self.s, self.i);
        match self.s.get(self.i) {
            Some('{') => {
                self.i += 1;
                loop {
                    self.i = skip_ws(self.s, self.i);
                    match self.s.get(self.i) {
                        None => return,
                        Some('}') => {
                            self.i += 1;
                            return;
                        }
                        Some(',') => self.i += 1,
                        _ => {
                            let before = self.i;
                            self.tree(prefix.clone(), from_line);
                            if self.i == before {
                                self.i += 1; // something this reader does not know
                            }
                        }
                    }
                }
            }
            Some('*') => {
                prefix.push(("*".into(), self.i));
                self.i += 1;
                self.emit(&prefix, from_line);
            }
            _ => match self.ident() {
                None => self.emit(&prefix, from_line),
                Some((word, _)) if word == "self" => self.emit(&prefix, from_line),
                Some(seg) => {
                    prefix.push(seg);
                    let j = skip_ws(self.s, self.i);
                    if starts_with(self.s, j, "::")
                        && self.s.get(skip_ws(self.s, j + 2)) != Some(&'<')
                    {
                        self.i = j + 2;
                        self.tree(prefix, from_line);
                    } else {
                        self.emit(&prefix, from_line);
                    }
                }
            },
        }
    }
}

/// Every crate path in a file's code: `crate::…` and `super::…` (resolved from the file's
/// module), grouped imports expanded, one `Reference` per leaf.
fn references(rel: &str, s: &[char]) -> Vec<Reference> {
    let module = module_of(rel);
    let mut reader = PathReader {
        s,
        i: 0,
        out: Vec::new(),
    };
    let mut i = 0;
    while i < s.len() {
        let after_colons = || s[..i].iter().rev().find(|c| !c.is_whitespace()) == Some(&':');
        let after_dollar = i > 0 && s[i - 1] == '$';
        if word_at(s, i, "crate") && !after_dollar && !after_colons() {
            let j = skip_ws(s, i + "crate".len());
            if starts_with(s, j, "::") {
                reader.i = j + 2;
                reader.tree(Vec::new(), line_of(s, i));
                i = reader.i.max(i + 1);
                continue;
            }
        } else if word_at(s, i, "super") && !after_colons() {
            // super::super::… climbs from the file's module
            let mut base = module.clone();
            let mut j = i;
            loop {
                base.pop();
                let k = skip_ws(s, j + "super".len());
                if !starts_with(s, k, "::") {
                    reader.i = k;
                    let prefix: Vec<(String, usize)> = base.into_iter().map(|w| (w, j)).collect();
                    reader.emit(&prefix, line_of(s, j));
                    break;
                }
                let next = skip_ws(s, k + 2);
                if !word_at(s, next, "super") {
                    reader.i = k + 2;
                    let prefix = base.into_iter().map(|w| (w, j)).collect();
                    reader.tree(prefix, line_of(s, j));
                    break;
                }
                j = next;
            }
            i = reader.i.max(i + 1);
            continue;
        }
        i += 1;
    }
    reader.out
}

/// Whether a file in `layer` may name `r`, and if not, the rule it breaks.
fn allowed(layer: &str, r: &Reference) -> Result<(), &'static str> {
    let top = r.segments.first().map_or("", String::as_str);
    let ok = match layer {
        "json" => top == "json",
        "math" => top == "math",
        "training" => matches!(top, "math" | "training"),
        "scenario" => matches!(top, "json" | "math" | "training" | "scenario"),
        "session" => top != "web",
        "web" => match top {
            "json" | "session" | "scenario" | "web" => true,
            "math" => named_math_type(&r.segments[1..]),
            _ => false,
        },
        _ => true, // lib.rs, bin/: no rule
    };
    if ok {
        return Ok(());
    }
    Err(match layer {
        "json" => "json may reference only crate::json",
        "math" => "math may reference only crate::math",
        "training" => "training may reference only math and training",
        "scenario" => "scenario may reference only json, math, training and scenario",
        "session" => "session may reference anything but web",
        _ => {
            "web may reference only json, session, scenario, web and named math types (crate::math::<module>::<Name>)"
        }
    })
}

/// `module::…::Name…`: modules (lowercase), then a name starting with an uppercase letter
/// (a type or an enum; what follows it, a variant or an associated item, is the type's).
fn named_math_type(rest: &[String]) -> bool {
    match rest
        .iter()
        .position(|s| s.starts_with(|c: char| c.is_uppercase()))
    {
        Some(at) => rest[..at]
            .iter()
            .all(|m| m.starts_with(|c: char| c.is_lowercase() || c == '_') && m != "*"),
        None => false,
    }
}

/// The layering violations of one file: `src/<rel>:<line>: <path> (<rule>)`.
fn layering_violations(rel: &str, text: &str) -> Vec<String> {
    if is_test_file(rel) {
        return Vec::new();
    }
    let layer = rel.split('/').next().unwrap_or("");
    if !LAYERS.contains(&layer) || !rel.contains('/') {
        return Vec::new();
    }
    let s = code(text);
    references(rel, &s)
        .into_iter()
        .filter_map(|r| {
            allowed(layer, &r)
                .err()
                .map(|rule| format!("src/{rel}:{}: {} ({rule})", r.line, r.path()))
        })
        .collect()
}

#[test]
fn layers_reference_only_the_layers_below_them() {
    layering_checker_flags_exactly_the_bad_paths();
    let mut violations = Vec::new();
    let mut seen = 0;
    for f in sources() {
        if !is_test_file(&f.rel) {
            seen += references(&f.rel, &code(&f.text)).len();
        }
        violations.extend(layering_violations(&f.rel, &f.text));
    }
    assert!(
        seen > 50,
        "read only {seen} crate paths in src/: the reader is broken"
    );
    assert!(
        violations.is_empty(),
        "{} layering violation(s): the layers are json, math < training < scenario < session < web, \
         and web may use math's named types only\n{}",
        violations.len(),
        violations.join("\n")
    );
}

/// The checker itself: clean files pass, and each kind of bad path is flagged, alone.
fn layering_checker_flags_exactly_the_bad_paths() {
    let good_web = r##"
//! crate::training::data in a doc comment
use crate::math::{activation::Activation, cost::Cost};
use crate::math::optimizer::{OptimizerKind, OptimizerSettings};
use crate::math::quantity::Quantity as Q;
use crate::scenario::{Scenario, file::ScenarioFile};
use crate::session::Session;
use crate::web::panels::controls::{self, Note};
use super::dom;
// crate::training::race in a comment
/* crate::training::x in /* a nested */ block comment */
fn f(x: &str) -> char {
    let _ = "crate::training::data::max_abs(&x)";
    let _ = r#"crate::math::cost::argmax "quoted""#;
    let _ = crate::math::regularization::Penalty::None;
    let _ = crate::session::Session::new(crate::scenario::Scenario::default());
    let c = '"'; let _l: &'static str = "";
    c
}
#[cfg(test)]
mod tests {
    use crate::training::data::max_abs;
    fn t() { let _ = crate::math::gradient_check::relative_error(1.0, 2.0); }
}
"##;
    let v = layering_violations("web/panels/good.rs", good_web);
    assert!(
        v.is_empty(),
        "self-check: a clean web file was flagged: {v:#?}"
    );
    assert!(layering_violations("web/tests.rs", "use crate::training::X;").is_empty());
    assert!(layering_violations("session/x.rs", "use crate::training::race::Race;").is_empty());

    let bad_web = "use crate::training::data::Dataset;
use crate::math::{activation::Activation, cost::argmax};
use crate::math::cost;
use crate::math::cost::*;
use crate::math::optimizer::{self, OptimizerKind};
fn f() {
    let r = crate::training::data::max_abs(&x).max(1.0);
    let e = crate::math::gradient_check::relative_error(a, b);
    let s = super::super::super::training::race::EpochRecord::default();
}
use crate::{session::Session,
    training::stepper::SubStep};
#[cfg(test)]
mod tests {}
fn after_tests() { crate::training::phase::Phase::Forward; }
";
    let expect = [
        "src/web/panels/bad.rs:1: crate::training::data::Dataset",
        "src/web/panels/bad.rs:2: crate::math::cost::argmax",
        "src/web/panels/bad.rs:3: crate::math::cost",
        "src/web/panels/bad.rs:4: crate::math::cost::*",
        "src/web/panels/bad.rs:5: crate::math::optimizer",
        "src/web/panels/bad.rs:7: crate::training::data::max_abs",
        "src/web/panels/bad.rs:8: crate::math::gradient_check::relative_error",
        "src/web/panels/bad.rs:9: crate::training::race::EpochRecord::default",
        "src/web/panels/bad.rs:12: crate::training::stepper::SubStep",
        "src/web/panels/bad.rs:15: crate::training::phase::Phase::Forward",
    ];
    let got = layering_violations("web/panels/bad.rs", bad_web);
    let got: Vec<&str> = got
        .iter()
        .map(|v| v.split(" (").next().unwrap_or(v))
        .collect();
    assert_eq!(got, expect, "self-check: the bad web file");

    for (rel, text, path) in [
        (
            "math/cost.rs",
            "use crate::training::data::Examples;",
            "crate::training::data::Examples",
        ),
        (
            "math/optimizer/adam.rs",
            "fn f() { crate::scenario::Scenario::default(); }",
            "crate::scenario::Scenario::default",
        ),
        (
            "math/init.rs",
            "use super::super::session::Session;",
            "crate::session::Session",
        ),
        (
            "training/race.rs",
            "use crate::scenario::Scenario;",
            "crate::scenario::Scenario",
        ),
        (
            "training/data.rs",
            "use crate::{math::linalg, session::grid};",
            "crate::session::grid",
        ),
        (
            "scenario/mod.rs",
            "use crate::session::Session;",
            "crate::session::Session",
        ),
        (
            "scenario/check.rs",
            "use crate::web::markup::Html;",
            "crate::web::markup::Html",
        ),
        ("session/grid.rs", "use crate::web::dom;", "crate::web::dom"),
    ] {
        let got = layering_violations(rel, text);
        assert_eq!(got.len(), 1, "self-check: {rel}: {text}: {got:?}");
        assert!(
            got[0].starts_with(&format!("src/{rel}:1: {path} (")),
            "self-check: {rel}: {text}: {got:?}"
        );
    }
    // the layers below may use what the rules allow
    for (rel, text) in [
        (
            "math/cost.rs",
            "use crate::math::activation::{Activation, softmax}; use super::linalg;",
        ),
        (
            "training/race.rs",
            "use crate::math::cost::argmax; use crate::training::data::max_abs;",
        ),
        (
            "scenario/mod.rs",
            "use crate::training::data::Dataset; use crate::math::init;",
        ),
        (
            "session/mod.rs",
            "use crate::{math::cost, training::race, scenario::Scenario};",
        ),
    ] {
        let got = layering_violations(rel, text);
        assert!(got.is_empty(), "self-check: {rel}: {text}: {got:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Size

/// Every function with a body in `s` (blanked, test items removed): name, first line (the
/// line of `fn`) and length in lines, from the `fn` line to the closing brace's.
fn functions(s: &[char]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if !word_at(s, i, "fn") {
            i += 1;
            continue;
        }
        let j = skip_ws(s, i + 2);
        // `fn name`, not the type `fn(f64) -> f64`
        if j == i + 2 || !s.get(j).is_some_and(|&c| is_ident(c)) {
            i += 2;
            continue;
        }
        let name: String = s[j..].iter().take_while(|&&c| is_ident(c)).collect();
        if let Some((open, '{')) = body_or_end(s, j) {
            let close = matching_brace(s, open);
            let first = line_of(s, i);
            out.push((name, first, line_of(s, close) - first + 1));
        }
        i = j;
    }
    out
}

fn size_violations(rel: &str, text: &str) -> Vec<String> {
    if is_test_file(rel) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let lines = text.lines().count();
    if lines > MAX_FILE_LINES {
        out.push(format!(
            "src/{rel}: {lines} lines (at most {MAX_FILE_LINES})"
        ));
    }
    for (name, line, length) in functions(&code(text)) {
        if length > MAX_FN_LINES {
            out.push(format!(
                "src/{rel}:{line}: fn {name}: {length} lines (at most {MAX_FN_LINES})"
            ));
        }
    }
    out
}

#[test]
fn no_file_over_400_lines_and_no_function_over_60() {
    size_checker_measures_exactly();
    let mut violations = Vec::new();
    let mut functions_seen = 0;
    for f in sources() {
        if !is_test_file(&f.rel) {
            functions_seen += functions(&code(&f.text)).len();
        }
        violations.extend(size_violations(&f.rel, &f.text));
    }
    assert!(
        functions_seen > 100,
        "found only {functions_seen} functions in src/"
    );
    assert!(
        violations.is_empty(),
        "{} file(s) or function(s) too long:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

/// The measure itself, on functions of known length with braces where they must not count.
fn size_checker_measures_exactly() {
    let body = |n: usize| "    let x = 1;\n".repeat(n);
    // 60 lines: `fn` line, 58 body lines, `}`; 61 lines: one more
    let text = format!(
        "trait T {{\n    fn declared(&self) -> [u8; 3];\n}}\n\
         pub fn sixty(a: [f64; 2], g: fn(f64) -> f64) -> usize {{\n{}}}\n\
         fn sixty_one() {{\n    let _ = \"}}\"; let _ = '}}'; // }}\n    /* }} */ let _ = r#\"}}\"#;\n{}}}\n\
         fn short<'a>(s: &'a str) -> &'a str {{ s }}\n\
         #[cfg(test)]\nmod tests {{\n    fn long_test() {{\n{}    }}\n}}\n",
        body(58),
        body(57),
        body(70),
    );
    let found = functions(&code(&text));
    let lengths: Vec<(&str, usize)> = found.iter().map(|(n, _, l)| (n.as_str(), *l)).collect();
    assert_eq!(
        lengths,
        [("sixty", 60), ("sixty_one", 61), ("short", 1)],
        "self-check: function lengths"
    );
    let v = size_violations("x/a.rs", &text);
    assert_eq!(v.len(), 1, "self-check: {v:?}");
    assert!(v[0].starts_with("src/x/a.rs:"), "self-check: {v:?}");
    assert!(v[0].contains("fn sixty_one: 61 lines"), "self-check: {v:?}");
    let long = "\n".repeat(401);
    assert_eq!(
        size_violations("x/long.rs", &long),
        ["src/x/long.rs: 401 lines (at most 400)"]
    );
    assert!(size_violations("x/long.rs", &"\n".repeat(400)).is_empty());
    assert!(size_violations("x/tests.rs", &long).is_empty());
    assert!(size_violations("x/tests/more.rs", &long).is_empty());
}

// ---------------------------------------------------------------------------------------
// The README's layout table

/// The row of README's layout table for a top folder of src/ (`src/math/` …), or for a file.
fn layout_row<'a>(readme: &'a str, first: &str) -> Option<&'a str> {
    readme
        .lines()
        .find(|l| l.starts_with(&format!("| `src/{first}")))
}

/// Every source file is named in the row of its top folder: by its file name (`explain.rs`),
/// or, inside a sub-folder, by that folder (`matrices/`). `mod.rs`, `lib.rs` and test files
/// need no mention.
fn layout_misses(readme: &str, rels: &[&str]) -> Vec<String> {
    let mut missing = Vec::new();
    for rel in rels {
        let parts: Vec<&str> = rel.split('/').collect();
        let name = parts[parts.len() - 1];
        if matches!(name, "mod.rs" | "lib.rs") || is_test_file(rel) {
            continue;
        }
        let row = if parts.len() == 1 {
            layout_row(readme, rel)
        } else {
            layout_row(readme, &format!("{}/", parts[0]))
        };
        let named = row.is_some_and(|row| {
            row.contains(&format!("`{name}`"))
                || row.contains(&format!("`src/{rel}`"))
                || parts[1..parts.len() - 1]
                    .iter()
                    .any(|folder| row.contains(&format!("`{folder}/`")))
        });
        if !named {
            missing.push(rel.to_string());
        }
    }
    missing
}

#[test]
fn the_readme_layout_table_names_every_source_file() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let sources = sources();
    let rels: Vec<&str> = sources.iter().map(|s| s.rel.as_str()).collect();
    let missing = layout_misses(&readme, &rels);
    assert!(
        missing.is_empty(),
        "README's layout table does not name: {missing:?}"
    );
    // the checker itself: a table without a file, and a file in a folder the row names
    let table = "| `src/math/` | `cost.rs`, `optimizer/` (one file each) |\n| `src/bin/playground.rs` | the tool |";
    assert_eq!(
        layout_misses(
            table,
            &[
                "math/cost.rs",
                "math/optimizer/adam.rs",
                "math/linalg.rs",
                "bin/playground.rs",
                "math/mod.rs"
            ]
        ),
        vec!["math/linalg.rs".to_string()]
    );
}

// ---------------------------------------------------------------------------------------
// Markup only through the builder

/// Lines of a web source whose string literals hold a tag (`<td`, `</b>`): markup written by
/// hand instead of through `web::markup`. Comments are skipped; the builder's own file and
/// test files are exempt.
fn hand_written_markup(rel: &str, text: &str) -> Vec<String> {
    if !rel.starts_with("web/") || rel.starts_with("web/markup") || is_test_file(rel) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut in_string = false;
        let chars: Vec<char> = code.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c == '"' && (i == 0 || chars[i - 1] != '\\') {
                in_string = !in_string;
            } else if in_string && c == '<' {
                let next = chars.get(i + 1).copied().unwrap_or(' ');
                if next.is_ascii_alphabetic() || next == '/' || next == '!' {
                    found.push(format!("src/{rel}:{}: {}", n + 1, line.trim()));
                    break;
                }
            }
        }
    }
    found
}

#[test]
fn the_page_writes_no_markup_by_hand() {
    let found: Vec<String> = sources()
        .iter()
        .flat_map(|s| hand_written_markup(&s.rel, &s.text))
        .collect();
    assert!(
        found.is_empty(),
        "markup outside web::markup:\n{}",
        found.join("\n")
    );
    // the checker itself
    let bad = "fn f() -> String {\n    format!(\"<td>{}</td>\", 1) // a cell\n}\n";
    assert_eq!(hand_written_markup("web/panels/x.rs", bad).len(), 1);
    let fine = "// <b>bold</b> in a comment\nlet a = x < y;\nlet s = \"a < b\";\n";
    assert!(hand_written_markup("web/panels/x.rs", fine).is_empty());
    assert!(hand_written_markup("session/x.rs", bad).is_empty());
}

// ---------------------------------------------------------------------------------------
// One owner of the page's state

/// What in a web source shares state outside the loop: a `thread_local!`, or an
/// `Rc<RefCell<…>>` anywhere but the loop itself (`app/dispatch.rs`, and `app/frame.rs`,
/// whose animation-frame closure must reach itself).
fn shared_state(rel: &str, text: &str) -> Vec<String> {
    if !rel.starts_with("web/") || is_test_file(rel) {
        return Vec::new();
    }
    let the_loop = matches!(rel, "web/app/dispatch.rs" | "web/app/frame.rs");
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let plain = code
            .replace("std::rc::", "")
            .replace("std::cell::", "")
            .replace(' ', "");
        if plain.contains("thread_local!")
            || (!the_loop && (plain.contains("Rc<RefCell<") || plain.contains("Rc::new(RefCell")))
        {
            found.push(format!("src/{rel}:{}: {}", n + 1, line.trim()));
        }
    }
    found
}

#[test]
fn the_page_state_has_one_owner() {
    let found: Vec<String> = sources()
        .iter()
        .flat_map(|s| shared_state(&s.rel, &s.text))
        .collect();
    assert!(
        found.is_empty(),
        "state shared outside the loop (send a Msg instead):\n{}",
        found.join("\n")
    );
    // the checker itself
    let bad = "thread_local! {\n    static X: Cell<u8> = Cell::new(0);\n}\ntype S = Rc<RefCell<Session>>;\nlet s = std::rc::Rc::new(std::cell::RefCell::new(1)); // shared\n";
    assert_eq!(shared_state("web/panels/x.rs", bad).len(), 3);
    assert!(shared_state("web/app/dispatch.rs", "struct L { a: Rc<RefCell<App>> }").is_empty());
    assert_eq!(
        shared_state("web/app/dispatch.rs", "thread_local! {}").len(),
        1
    );
    assert!(shared_state("session/x.rs", bad).is_empty());
}
