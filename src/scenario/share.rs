//! Shareable links: a scenario packed into a short, URL-safe text for a link's fragment
//! (`#s=1.…`).
//!
//! The text is a format tag (`1.`), then the scenario's compact JSON (`docs/scenario.md`)
//! compressed with raw DEFLATE and written in base64's URL-safe alphabet without padding.
//! The tag is the link format's version: a later playground may change what follows it and
//! still read the links made today.
//!
//! Reading never panics and never trusts the text: every failure, from a link cut short to a
//! "zip bomb", is a `ScenarioError` whose message tells the person who pasted the link what is
//! wrong. This module imports nothing from the browser; `web::files` reads and writes the
//! page's location.

use crate::scenario::{Scenario, ScenarioError};
use base64url::Problem;
use miniz_oxide::inflate::TINFLStatus;

/// The link format this code writes and reads, and the separator after it.
pub const FORMAT_TAG: &str = "1.";

/// The key of the scenario in a location hash: `#s=1.…`.
pub const FRAGMENT_KEY: &str = "s";

/// The most bytes a link may unpack to (and the longest link text read): a few hundred times
/// the largest scenario allowed, small enough that a hostile link cannot freeze the tab.
pub const MAX_INFLATED_BYTES: usize = 4 * 1024 * 1024;

/// The DEFLATE level: miniz's best ordinary level.
const LEVEL: u8 = miniz_oxide::deflate::CompressionLevel::BestCompression as u8;

/// The scenario as link text: `1.` then base64url(DEFLATE(compact JSON)), compressed by
/// miniz_oxide (the CLI and the tests; the page has the browser compress `link_json`, then
/// writes `link_text`: `web::io::deflate`).
pub fn encode(scenario: &Scenario) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(link_json(scenario).as_bytes(), LEVEL);
    link_text(&packed)
}

/// What a link packs: the scenario's compact JSON.
pub fn link_json(scenario: &Scenario) -> String {
    crate::json::to_string(&scenario.to_file().to_value())
}

/// The link text of raw DEFLATE data (`packed`, RFC 1951): `1.` then its base64url.
pub fn link_text(packed: &[u8]) -> String {
    let mut text = String::with_capacity(FORMAT_TAG.len() + packed.len().div_ceil(3) * 4);
    text.push_str(FORMAT_TAG);
    base64url::encode_into(packed, &mut text);
    text
}

/// `bytes` as raw DEFLATE data without compression: "stored" blocks of at most 65,535 bytes,
/// each a header byte (BFINAL on the last, BTYPE 00), then LEN and its one's complement NLEN
/// as little-endian u16, then the bytes (RFC 1951 §3.2.4). What the page packs where the
/// browser cannot compress: a longer link that every reader opens.
pub fn stored(bytes: &[u8]) -> Vec<u8> {
    const MAX: usize = u16::MAX as usize;
    let mut out = Vec::with_capacity(bytes.len() + 5 * (bytes.len() / MAX + 1));
    let mut blocks = bytes.chunks(MAX).peekable();
    if blocks.peek().is_none() {
        return vec![1, 0, 0, 0xff, 0xff];
    }
    while let Some(block) = blocks.next() {
        let len = block.len() as u16;
        out.push(u8::from(blocks.peek().is_none()));
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out
}

/// Reads link text made by `encode` (surrounding white space is ignored). A link that is not
/// one, is damaged, is too large or was made by a newer playground gives an error with an
/// empty path; a scenario that unpacks but is invalid gives the scenario's own error, with
/// the field's path. (The page inflates with the browser's `DecompressionStream` instead:
/// `unpack`, then `web::io::deflate::inflate_raw`, then `read_inflated`.)
pub fn decode(text: &str) -> Result<Scenario, ScenarioError> {
    read_inflated(inflate(&unpack(text)?)?)
}

/// The raw DEFLATE data of link text (`1.` then base64url; white space around it ignored), or
/// why the text is not a link of this playground.
pub fn unpack(text: &str) -> Result<Vec<u8>, ScenarioError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(link_error(
            "the link holds no scenario: the text after \"s=\" is empty",
        ));
    }
    if text.len() > MAX_INFLATED_BYTES {
        return Err(too_large());
    }
    let body = strip_tag(text)?;
    base64url::decode(body).map_err(|e| {
        link_error(format!(
            "the link is damaged: it is not base64 text ({}); it may have been cut short or \
             changed when it was copied",
            base64_problem(&e, FORMAT_TAG.len())
        ))
    })
}

/// The scenario of a link's inflated bytes: UTF-8 JSON text.
pub fn read_inflated(json: Vec<u8>) -> Result<Scenario, ScenarioError> {
    let json = String::from_utf8(json).map_err(|e| {
        link_error(format!(
            "the link is damaged: what it unpacks to is not UTF-8 text (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Scenario::from_json(&json)
}

/// The fragment for a page URL (without the '#'): `s=` then `encode(scenario)`.
pub fn link_fragment(scenario: &Scenario) -> String {
    fragment(&encode(scenario))
}

/// The fragment for a page URL (without the '#') of link text: `s=` then the text.
pub fn fragment(link_text: &str) -> String {
    format!("{FRAGMENT_KEY}={link_text}")
}

/// The scenario in a location hash such as `#s=1.…` (the '#' may be left out; other
/// `&key=value` parts are ignored): `None` when there is no `s=` part, else what `decode`
/// makes of it.
pub fn from_fragment(fragment: &str) -> Option<Result<Scenario, ScenarioError>> {
    fragment_text(fragment).map(decode)
}

/// The link text in a location hash such as `#s=1.…` (the '#' may be left out; other
/// `&key=value` parts are ignored), if it has an `s=` part.
pub fn fragment_text(fragment: &str) -> Option<&str> {
    let fragment = fragment.trim();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .split('&')
        .find_map(|part| part.strip_prefix(FRAGMENT_KEY)?.strip_prefix('='))
}

fn link_error(problem: impl Into<String>) -> ScenarioError {
    ScenarioError::new("", problem)
}

/// A link too large to unpack.
pub fn too_large() -> ScenarioError {
    link_error(format!(
        "the link is too large: its scenario would unpack to more than {} MB, the most a link \
         may hold",
        MAX_INFLATED_BYTES / (1024 * 1024)
    ))
}

/// The text after the format tag, or why there is none.
fn strip_tag(text: &str) -> Result<&str, ScenarioError> {
    if let Some(body) = text.strip_prefix(FORMAT_TAG) {
        return Ok(body);
    }
    let tag = text.split_once('.').map(|(tag, _)| tag);
    match tag.filter(|t| !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit())) {
        Some(version) => {
            let this = FORMAT_TAG.trim_end_matches('.');
            let newer = version.parse::<u32>().ok() > this.parse::<u32>().ok();
            Err(link_error(if newer {
                format!(
                    "this link was made by a newer playground (link format {version}; this \
                     one reads format {this}): open it with the newer playground, or reload \
                     the page to get it"
                )
            } else {
                format!(
                    "this link's format ({version}) is unknown; this playground reads format {this}"
                )
            }))
        }
        None => Err(link_error(format!(
            "this is not a playground link: the scenario part should start with \"{FORMAT_TAG}\""
        ))),
    }
}

/// The error of a link whose compressed data the browser could not inflate (its stream says
/// no more than that).
pub fn not_inflatable() -> ScenarioError {
    link_error(
        "the link is damaged: its compressed data does not unpack (the link was probably cut \
         short or changed when it was copied)",
    )
}

/// The error of a compressed link in a browser that cannot inflate (no `DecompressionStream`).
pub fn no_inflater() -> ScenarioError {
    link_error(
        "this browser cannot unpack the link (it has no DecompressionStream): open it in a \
         current browser, or ask for the lesson as a file",
    )
}

/// The bytes of raw DEFLATE data made of stored blocks only (`stored`: what a browser without
/// `CompressionStream` packs), for a browser without `DecompressionStream`; `None` when the
/// data holds a compressed block or is not DEFLATE.
pub fn unstored(packed: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = packed;
    loop {
        let (&[header, l0, l1, n0, n1], tail) = rest.split_first_chunk::<5>()?;
        let len = u16::from_le_bytes([l0, l1]);
        if header & !1 != 0 || !len != u16::from_le_bytes([n0, n1]) {
            return None;
        }
        let (block, tail) = tail.split_at_checked(len.into())?;
        out.extend_from_slice(block);
        rest = tail;
        if header == 1 {
            return rest.is_empty().then_some(out);
        }
        if out.len() > MAX_INFLATED_BYTES {
            return None;
        }
    }
}

/// Inflates raw DEFLATE data, at most `MAX_INFLATED_BYTES` of it.
fn inflate(packed: &[u8]) -> Result<Vec<u8>, ScenarioError> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(packed, MAX_INFLATED_BYTES).map_err(|e| {
        match e.status {
            TINFLStatus::HasMoreOutput => too_large(),
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => link_error(
                "the link is damaged: its compressed data ends too soon (the link was probably \
                 cut short when it was copied)",
            ),
            _ => link_error(format!(
                "the link is damaged: its data is not valid DEFLATE-compressed data ({e})"
            )),
        }
    })
}

/// A base64 error in words, with the offset counted in the whole link text.
fn base64_problem(e: &Problem, offset: usize) -> String {
    match *e {
        Problem::Byte(at, byte) => format!(
            "the character {} at position {} is not allowed",
            describe_byte(byte),
            at + offset + 1
        ),
        Problem::Length => "its length is impossible".to_string(),
        Problem::LastSymbol(at, byte) => format!(
            "the last character, {} at position {}, is impossible",
            describe_byte(byte),
            at + offset + 1
        ),
        Problem::Padding => "it has misplaced '=' padding".to_string(),
    }
}

fn describe_byte(byte: u8) -> String {
    if byte.is_ascii_graphic() {
        format!("'{}'", byte as char)
    } else {
        format!("byte 0x{byte:02x}")
    }
}

mod base64url;
#[cfg(test)]
mod tests;
