//! JSON text → `Value` (RFC 8259), by recursive descent. A problem is reported with its line
//! and column and the path of the value being read (`race[1].beta`), in serde_json's words
//! ("expected `,` or `}`", "EOF while parsing a string", …). A key given twice in one object
//! is refused: the file's objects are records, and a second value would silently win.

use super::{Map, Value, number};

/// Nesting deeper than this is refused (as serde_json does), so that a hostile text cannot
/// overflow the stack.
const MAX_DEPTH: usize = 128;

/// A syntax problem: what, where (1-based line; column in bytes from the start of the line),
/// and the path of the value being read (keys joined by `.`, indices as `[i]`; empty at the top).
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub path: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// The value that `text` holds, alone but for white space around it.
pub fn from_str(text: &str) -> Result<Value, Error> {
    let mut p = Parser {
        text,
        pos: 0,
        path: Vec::new(),
    };
    let v = p.value(0)?;
    p.space();
    if p.pos < text.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(v)
}

/// One level of the path.
enum Step {
    Key(String),
    Index(usize),
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    path: Vec<Step>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// `message` at the current byte (the last one, at the end of the text).
    fn error(&self, message: &str) -> Error {
        let at = self.pos.min(self.text.len());
        let head = &self.text.as_bytes()[..at];
        let line_start = head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let mut path = String::new();
        for step in &self.path {
            match step {
                Step::Key(k) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                }
                Step::Index(i) => path.push_str(&format!("[{i}]")),
            }
        }
        Error {
            message: message.to_string(),
            line: 1 + head.iter().filter(|&&b| b == b'\n').count(),
            column: at - line_start + usize::from(at < self.text.len()),
            path,
        }
    }

    /// A value, after white space; `depth` levels of arrays and objects around it.
    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        self.space();
        let Some(b) = self.peek() else {
            return Err(self.error("EOF while parsing a value"));
        };
        if depth >= MAX_DEPTH && (b == b'[' || b == b'{') {
            return Err(self.error("recursion limit exceeded"));
        }
        match b {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(Value::String),
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.word("true", Value::Bool(true)),
            b'f' => self.word("false", Value::Bool(false)),
            b'n' => self.word("null", Value::Null),
            _ => Err(self.error("expected value")),
        }
    }

    fn word(&mut self, word: &str, v: Value) -> Result<Value, Error> {
        for &w in word.as_bytes() {
            match self.peek() {
                Some(b) if b == w => self.pos += 1,
                Some(_) => return Err(self.error("expected ident")),
                None => return Err(self.error("EOF while parsing a value")),
            }
        }
        Ok(v)
    }

    /// After a member or an element: `,` and white space, or the `close`; `what` is
    /// "an object" or "a list" for the messages. True when the container goes on.
    fn next(&mut self, close: u8, what: &str) -> Result<bool, Error> {
        self.space();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.space();
                if self.peek() == Some(close) {
                    return Err(self.error("trailing comma"));
                }
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            Some(_) if close == b']' => Err(self.error("expected `,` or `]`")),
            Some(_) => Err(self.error("expected `,` or `}`")),
            None => Err(self.error(&format!("EOF while parsing {what}"))),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, Error> {
        self.pos += 1;
        self.space();
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.path.push(Step::Index(items.len()));
            let item = self.value(depth + 1)?;
            self.path.pop();
            items.push(item);
            if !self.next(b']', "a list")? {
                return Ok(Value::Array(items));
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, Error> {
        self.pos += 1;
        self.space();
        let mut map = Map::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(map));
        }
        loop {
            match self.peek() {
                Some(b'"') => {}
                Some(_) => return Err(self.error("key must be a string")),
                None => return Err(self.error("EOF while parsing an object")),
            }
            let key_at = self.pos;
            let key = self.string()?;
            if map.contains_key(&key) {
                self.pos = key_at;
                return Err(self.error(&format!("duplicate field `{key}`")));
            }
            self.space();
            match self.peek() {
                Some(b':') => self.pos += 1,
                Some(_) => return Err(self.error("expected `:`")),
                None => return Err(self.error("EOF while parsing an object")),
            }
            self.path.push(Step::Key(key));
            let v = self.value(depth + 1)?;
            if let Some(Step::Key(key)) = self.path.pop() {
                map.insert(key, v);
            }
            if !self.next(b'}', "an object")? {
                return Ok(Value::Object(map));
            }
        }
    }

    /// A string, from its opening quote to past its closing one, escapes read.
    fn string(&mut self) -> Result<String, Error> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            // bytes of UTF-8 sequences are all ≥ 0x80: the stop is at a character's boundary
            while self
                .peek()
                .is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20)
            {
                self.pos += 1;
            }
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    out.push(self.escape()?);
                }
                Some(_) => {
                    let message =
                        "control character (\\u0000-\\u001F) found while parsing a string";
                    return Err(self.error(message));
                }
                None => return Err(self.error("EOF while parsing a string")),
            }
        }
    }

    /// The character of an escape, after its `\`.
    fn escape(&mut self) -> Result<char, Error> {
        let Some(b) = self.peek() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode(),
            _ => {
                self.pos -= 1;
                return Err(self.error("invalid escape"));
            }
        })
    }

    /// `\uXXXX`, after its `u`: a character, or a surrogate pair written as two escapes.
    fn unicode(&mut self) -> Result<char, Error> {
        let high = self.hex()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if !self.text[self.pos..].starts_with("\\u") {
                return Err(self.error("lone leading surrogate in hex escape"));
            }
            self.pos += 2;
            let low = self.hex()?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(self.error("invalid unicode code point"));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }

    /// Four hexadecimal digits.
    fn hex(&mut self) -> Result<u32, Error> {
        let mut n = 0;
        for _ in 0..4 {
            let Some(b) = self.peek() else {
                return Err(self.error("EOF while parsing a string"));
            };
            let Some(d) = (b as char).to_digit(16) else {
                return Err(self.error("invalid escape"));
            };
            n = n * 16 + d;
            self.pos += 1;
        }
        Ok(n)
    }

    /// A number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Result<Value, Error> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let digits = |p: &mut Self| {
            let from = p.pos;
            while p.peek().is_some_and(|b| b.is_ascii_digit()) {
                p.pos += 1;
            }
            p.pos > from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let lead = self.pos;
        let whole = digits(self);
        if !whole {
            return Err(self.error("invalid number"));
        }
        if bytes[lead] == b'0' && self.pos > lead + 1 {
            // a leading zero: the digit after it is at fault
            self.pos = lead + 1;
            return Err(self.error("invalid number"));
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            integer = false;
            if !digits(self) {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            integer = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error("invalid number"));
            }
        }
        let text = &self.text[start..self.pos];
        if integer {
            if let Ok(n) = text.parse::<u64>() {
                return Ok(Value::Uint(n));
            }
            // `-0` is the float −0 (as serde_json reads it)
            if let Ok(n @ ..0) = text.parse::<i64>() {
                return Ok(Value::Int(n));
            }
        }
        match number::parse(text) {
            Some(x) if x.is_finite() => Ok(Value::Float(x)),
            _ => {
                self.pos = start;
                Err(self.error("number out of range"))
            }
        }
    }
}
