//! Markup by construction: elements, attributes and text are values, and rendering escapes
//! every text and attribute value. There is no way to put a string in as markup, and no way
//! to name a `style` or `on…` attribute (`Attr` has none, `data-` and `aria-` names are
//! prefixed), so whatever a scenario, a link or a file carries shows as text, and the page
//! runs under its strict Content-Security-Policy. Plain Rust, tested natively.
//!
//! ```
//! use backprop_playground::web::markup::{el, Attr};
//! let cell = el("td").data("m", "z").attr(Attr::Title, "Z[1] \"≈ 0\"").text("<0.5>");
//! assert_eq!(
//!     cell.to_html().as_str(),
//!     "<td data-m=\"z\" title=\"Z[1] &quot;≈ 0&quot;\">&lt;0.5&gt;</td>"
//! );
//! ```

use std::fmt::{self, Write};

/// The attributes the page uses. Event handlers and `style` are deliberately absent: the CSP
/// forbids them, and colours go through `data-bg` / `data-fg` (applied by `dom`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attr {
    Class,
    Id,
    Title,
    Role,
    Tabindex,
    Href,
    Download,
    Type,
    Name,
    Value,
    For,
    Min,
    Max,
    Step,
    Selected,
    Checked,
    Disabled,
    Hidden,
    Open,
    Colspan,
    Scope,
    Width,
    Height,
    // SVG
    ViewBox,
    Fill,
    Stroke,
    StrokeWidth,
    Points,
    X,
    Y,
    // MathML
    Display,
    MathSize,
    MathVariant,
}

impl Attr {
    pub fn name(self) -> &'static str {
        match self {
            Attr::Class => "class",
            Attr::Id => "id",
            Attr::Title => "title",
            Attr::Role => "role",
            Attr::Tabindex => "tabindex",
            Attr::Href => "href",
            Attr::Download => "download",
            Attr::Type => "type",
            Attr::Name => "name",
            Attr::Value => "value",
            Attr::For => "for",
            Attr::Min => "min",
            Attr::Max => "max",
            Attr::Step => "step",
            Attr::Selected => "selected",
            Attr::Checked => "checked",
            Attr::Disabled => "disabled",
            Attr::Hidden => "hidden",
            Attr::Open => "open",
            Attr::Colspan => "colspan",
            Attr::Scope => "scope",
            Attr::Width => "width",
            Attr::Height => "height",
            Attr::ViewBox => "viewBox",
            Attr::Fill => "fill",
            Attr::Stroke => "stroke",
            Attr::StrokeWidth => "stroke-width",
            Attr::Points => "points",
            Attr::X => "x",
            Attr::Y => "y",
            Attr::Display => "display",
            Attr::MathSize => "mathsize",
            Attr::MathVariant => "mathvariant",
        }
    }
}

/// An attribute's name: one of `Attr`, or `data-…` / `aria-…` with a fixed suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AttrName {
    Known(Attr),
    Data(&'static str),
    Aria(&'static str),
}

/// A piece of markup: an element, text, or several side by side.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
    Fragment(Vec<Node>),
}

/// An element with its attributes and children.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    tag: &'static str,
    attrs: Vec<(AttrName, String)>,
    children: Vec<Node>,
}

/// Elements that have no closing tag.
const VOID: [&str; 6] = ["br", "hr", "img", "input", "wbr", "col"];

/// A new element. Tags are names written in the code, never data; `script`, `style` and
/// frames are refused (the page makes none), as is anything but lower-case letters, digits
/// and '-'.
pub fn el(tag: &'static str) -> Element {
    assert!(
        !tag.is_empty()
            && tag
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !matches!(tag, "script" | "style" | "iframe" | "object" | "embed"),
        "markup: tag {tag:?} is not allowed"
    );
    Element {
        tag,
        attrs: Vec::new(),
        children: Vec::new(),
    }
}

/// Text, escaped when rendered.
pub fn text(t: impl Into<String>) -> Node {
    Node::Text(t.into())
}

/// Several nodes side by side.
pub fn fragment(nodes: impl IntoIterator<Item = Node>) -> Node {
    Node::Fragment(nodes.into_iter().collect())
}

/// A suffix of a `data-` or `aria-` attribute: lower-case letters, digits and '-'.
fn check_suffix(s: &str) {
    assert!(
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "markup: attribute suffix {s:?} is not allowed"
    );
}

impl Element {
    /// Sets an attribute (a later call with the same name replaces the value).
    pub fn attr(self, a: Attr, value: impl ToString) -> Self {
        self.set(AttrName::Known(a), value.to_string())
    }

    /// Sets a boolean attribute when `on` (e.g. `selected`, `checked`, `hidden`).
    pub fn flag(self, a: Attr, on: bool) -> Self {
        if on { self.attr(a, "") } else { self }
    }

    pub fn class(self, value: impl ToString) -> Self {
        self.attr(Attr::Class, value)
    }

    pub fn id(self, value: impl ToString) -> Self {
        self.attr(Attr::Id, value)
    }

    pub fn title(self, value: impl ToString) -> Self {
        self.attr(Attr::Title, value)
    }

    /// `data-{name}="value"`.
    pub fn data(self, name: &'static str, value: impl ToString) -> Self {
        check_suffix(name);
        self.set(AttrName::Data(name), value.to_string())
    }

    /// `aria-{name}="value"`.
    pub fn aria(self, name: &'static str, value: impl ToString) -> Self {
        check_suffix(name);
        self.set(AttrName::Aria(name), value.to_string())
    }

    fn set(mut self, name: AttrName, value: String) -> Self {
        match self.attrs.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.attrs.push((name, value)),
        }
        self
    }

    /// Appends a child.
    pub fn child(mut self, node: impl Into<Node>) -> Self {
        self.children.push(node.into());
        self
    }

    /// Appends children.
    pub fn children<N: Into<Node>>(mut self, nodes: impl IntoIterator<Item = N>) -> Self {
        self.children.extend(nodes.into_iter().map(Into::into));
        self
    }

    /// Appends text.
    pub fn text(self, t: impl Into<String>) -> Self {
        self.child(Node::Text(t.into()))
    }

    /// Appends a child when there is one.
    pub fn child_if(self, node: Option<impl Into<Node>>) -> Self {
        match node {
            Some(n) => self.child(n),
            None => self,
        }
    }

    pub fn to_html(&self) -> Html {
        Node::Element(self.clone()).to_html()
    }
}

impl From<Element> for Node {
    fn from(e: Element) -> Node {
        Node::Element(e)
    }
}

impl From<&str> for Node {
    fn from(t: &str) -> Node {
        Node::Text(t.to_string())
    }
}

impl From<String> for Node {
    fn from(t: String) -> Node {
        Node::Text(t)
    }
}

impl From<Vec<Node>> for Node {
    fn from(nodes: Vec<Node>) -> Node {
        Node::Fragment(nodes)
    }
}

/// Writes `s` with `&`, `<`, `>`, `"` and `'` escaped: safe as text and as a quoted
/// attribute value.
fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

impl Node {
    fn render(&self, out: &mut String) {
        match self {
            Node::Text(t) => escape(out, t),
            Node::Fragment(nodes) => nodes.iter().for_each(|n| n.render(out)),
            Node::Element(e) => {
                out.push('<');
                out.push_str(e.tag);
                for (name, value) in &e.attrs {
                    out.push(' ');
                    match name {
                        AttrName::Known(a) => out.push_str(a.name()),
                        AttrName::Data(s) => {
                            let _ = write!(out, "data-{s}");
                        }
                        AttrName::Aria(s) => {
                            let _ = write!(out, "aria-{s}");
                        }
                    }
                    out.push_str("=\"");
                    escape(out, value);
                    out.push('"');
                }
                out.push('>');
                if VOID.contains(&e.tag) {
                    return;
                }
                e.children.iter().for_each(|n| n.render(out));
                out.push_str("</");
                out.push_str(e.tag);
                out.push('>');
            }
        }
    }

    pub fn to_html(&self) -> Html {
        let mut out = String::new();
        self.render(&mut out);
        Html(out)
    }
}

/// Rendered markup. Only this module makes one, so whatever `dom::set_html` puts on the page
/// went through the escaping above.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Html(String);

impl Html {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Reads as the text it is, so tests can look for a piece of it.
impl std::ops::Deref for Html {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Node> for Html {
    fn from(n: Node) -> Html {
        n.to_html()
    }
}

impl From<Element> for Html {
    fn from(e: Element) -> Html {
        e.to_html()
    }
}

#[cfg(test)]
mod tests;
