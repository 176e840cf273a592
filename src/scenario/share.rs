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
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
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

/// The scenario as link text: `1.` then base64url(DEFLATE(compact JSON)).
pub fn encode(scenario: &Scenario) -> String {
    let json =
        serde_json::to_string(&scenario.to_file()).expect("a scenario is always serialisable");
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), LEVEL);
    let mut text = String::with_capacity(FORMAT_TAG.len() + packed.len().div_ceil(3) * 4);
    text.push_str(FORMAT_TAG);
    URL_SAFE_NO_PAD.encode_string(&packed, &mut text);
    text
}

/// Reads link text made by `encode` (surrounding white space is ignored). A link that is not
/// one, is damaged, is too large or was made by a newer playground gives an error with an
/// empty path; a scenario that unpacks but is invalid gives the scenario's own error, with
/// the field's path.
pub fn decode(text: &str) -> Result<Scenario, ScenarioError> {
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
    let packed = URL_SAFE_NO_PAD.decode(body).map_err(|e| {
        link_error(format!(
            "the link is damaged: it is not base64 text ({}); it may have been cut short or \
             changed when it was copied",
            base64_problem(&e, FORMAT_TAG.len())
        ))
    })?;
    let json = inflate(&packed)?;
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
    format!("{FRAGMENT_KEY}={}", encode(scenario))
}

/// The scenario in a location hash such as `#s=1.…` (the '#' may be left out; other
/// `&key=value` parts are ignored): `None` when there is no `s=` part, else what `decode`
/// makes of it.
pub fn from_fragment(fragment: &str) -> Option<Result<Scenario, ScenarioError>> {
    let fragment = fragment.trim();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .split('&')
        .find_map(|part| part.strip_prefix(FRAGMENT_KEY)?.strip_prefix('='))
        .map(decode)
}

fn link_error(problem: impl Into<String>) -> ScenarioError {
    ScenarioError::new("", problem)
}

fn too_large() -> ScenarioError {
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
fn base64_problem(e: &base64::DecodeError, offset: usize) -> String {
    use base64::DecodeError::*;
    match *e {
        InvalidByte(at, byte) => format!(
            "the character {} at position {} is not allowed",
            describe_byte(byte),
            at + offset + 1
        ),
        InvalidLength(_) => "its length is impossible".to_string(),
        InvalidLastSymbol {
            offset: at,
            symbol: byte,
            ..
        } => format!(
            "the last character, {} at position {}, is impossible",
            describe_byte(byte),
            at + offset + 1
        ),
        InvalidPadding => "it has misplaced '=' padding".to_string(),
    }
}

fn describe_byte(byte: u8) -> String {
    if byte.is_ascii_graphic() {
        format!("'{}'", byte as char)
    } else {
        format!("byte 0x{byte:02x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::random::Random;
    use crate::scenario::Data;
    use crate::scenario::file::ScenarioFile;

    fn with_explicit_weights() -> Scenario {
        let s = Scenario::default();
        s.with_parameters(&s.network())
    }

    fn with_explicit_data() -> Scenario {
        let mut s = Scenario::default();
        let set = s.dataset();
        s.data = Data::Explicit {
            train: set.train,
            test: set.test,
        };
        s
    }

    /// Link text for arbitrary bytes, as `encode` would write them.
    fn pack(bytes: &[u8]) -> String {
        format!(
            "{FORMAT_TAG}{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(bytes, 9))
        )
    }

    fn message(text: &str) -> String {
        let e = decode(text).expect_err("should be refused");
        assert!(e.path.is_empty(), "a link error has no path: {e:?}");
        e.to_string()
    }

    fn assert_mentions(message: &str, words: &[&str]) {
        for w in words {
            assert!(message.contains(w), "{message:?} should mention {w:?}");
        }
    }

    #[test]
    fn the_default_scenario_round_trips_and_its_link_is_short() {
        let s = Scenario::default();
        let text = encode(&s);
        assert!(text.starts_with("1."), "{text}");
        assert_eq!(decode(&text).unwrap(), s);
        let fragment = link_fragment(&s);
        println!("default scenario: {} chars", fragment.len());
        assert!(fragment.len() < 1500, "{} chars", fragment.len());
    }

    #[test]
    fn a_link_carries_the_regularization() {
        use crate::math::regularization::{Penalty, Regularization};
        let s = Scenario {
            regularization: Regularization {
                penalty: Penalty::L1,
                rate: 0.003,
            },
            ..Scenario::default()
        };
        let back = decode(&encode(&s)).unwrap();
        assert_eq!(back.regularization, s.regularization);
        assert_eq!(back, s);
    }

    #[test]
    fn explicit_weights_round_trip_exactly_and_stay_under_4000_chars() {
        let s = with_explicit_weights();
        let text = encode(&s);
        assert_eq!(decode(&text).unwrap(), s);
        println!(
            "with the default net's weights: {} chars",
            link_fragment(&s).len()
        );
        assert!(link_fragment(&s).len() < 4000, "{} chars", text.len());
    }

    #[test]
    fn explicit_data_round_trips_exactly() {
        let s = with_explicit_data();
        let text = encode(&s);
        println!(
            "with the default data as explicit matrices: {} chars",
            text.len() + 2
        );
        assert_eq!(decode(&text).unwrap(), s);
        // a small hand-made set too, the view kept
        let mut small = Scenario::from_json(
            r#"{ "layers": [2, 2, 1], "activations": ["tanh", "sigmoid"], "cost": "bce",
                 "data": { "x": [[0, 0, 1, 1], [0, 1, 0, 1]], "y": [[0, 1, 1, 0]] } }"#,
        )
        .unwrap();
        small.view.insert("focus".into(), "adam".into());
        assert_eq!(decode(&encode(&small)).unwrap(), small);
    }

    #[test]
    fn link_text_is_url_safe() {
        let text = encode(&with_explicit_weights());
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'),
            "{text}"
        );
    }

    #[test]
    fn fragments_are_found_among_other_parts() {
        let s = Scenario::default();
        let f = link_fragment(&s);
        assert!(f.starts_with("s=1."));
        assert_eq!(from_fragment(&f).unwrap().unwrap(), s);
        assert_eq!(from_fragment(&format!("#{f}")).unwrap().unwrap(), s);
        assert_eq!(
            from_fragment(&format!("#lesson=3&{f}&x=y"))
                .unwrap()
                .unwrap(),
            s
        );
        assert_eq!(from_fragment(&format!("#{f}\n")).unwrap().unwrap(), s);
        assert!(from_fragment("").is_none());
        assert!(from_fragment("#").is_none());
        assert!(from_fragment("#lesson=3&speed=2").is_none());
        assert!(from_fragment("#seed=3&ss=1.abc").is_none());
        let e = from_fragment("#s=").unwrap().unwrap_err();
        assert_mentions(&e.to_string(), &["empty"]);
    }

    #[test]
    fn an_unknown_tag_says_a_newer_playground_made_the_link() {
        let body = &encode(&Scenario::default())[2..];
        let m = message(&format!("2.{body}"));
        assert_mentions(&m, &["newer playground", "format 2", "format 1"]);
        assert_mentions(&message("37.abc"), &["newer playground", "37"]);
        assert_mentions(&message("0.abc"), &["unknown", "(0)"]);
        assert_mentions(&message(body), &["not a playground link", "\"1.\""]);
        assert_mentions(&message("https://example.org/"), &["not a playground link"]);
    }

    #[test]
    fn text_that_is_not_base64_is_refused_with_the_place() {
        let m = message("1.abc$def");
        assert_mentions(&m, &["damaged", "not base64", "'$'", "position 6"]);
        assert_mentions(&message("1.abcd="), &["damaged", "not base64"]);
        assert_mentions(&message("1.a"), &["damaged", "not base64", "length"]);
        assert_mentions(&message("1.é"), &["not base64", "byte 0xc3"]);
    }

    #[test]
    fn base64_that_is_not_deflate_or_is_cut_short_is_refused() {
        // 0xff: block type 3, which does not exist
        let m = message(&format!("1.{}", URL_SAFE_NO_PAD.encode([0xff, 0xff, 0xff])));
        assert_mentions(&m, &["damaged", "not valid DEFLATE"]);
        let full = encode(&with_explicit_weights());
        let cut = &full[..full.len() / 2];
        let m = decode(cut).unwrap_err().to_string();
        assert!(m.contains("damaged"), "{m}");
        assert_mentions(
            &message(&format!("1.{}", URL_SAFE_NO_PAD.encode([0x00]))),
            &["ends too soon"],
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused() {
        let m = message(&pack(&[b'{', 0xff, 0xfe, b'}']));
        assert_mentions(&m, &["damaged", "not UTF-8", "byte 1"]);
    }

    #[test]
    fn a_zip_bomb_is_refused_quickly() {
        // 64 MB of spaces compress to about 64 kB
        let bomb = pack(&vec![b' '; 64 * 1024 * 1024]);
        let started = std::time::Instant::now();
        let m = message(&bomb);
        assert_mentions(&m, &["too large", "4 MB"]);
        assert!(started.elapsed().as_secs_f64() < 5.0);
        // exactly at the limit is read (and is then not a scenario)
        let at_limit = pack(&vec![b' '; MAX_INFLATED_BYTES]);
        assert_mentions(&message(&at_limit), &["EOF"]);
        // a link text longer than the limit is not even decoded
        assert_mentions(
            &message(&"A".repeat(MAX_INFLATED_BYTES + 1)),
            &["too large"],
        );
    }

    #[test]
    fn scenario_errors_keep_their_path() {
        let mut file: ScenarioFile = Scenario::default().to_file();
        file.optimizer.as_mut().unwrap().beta1 = Some(1.5);
        let text = pack(serde_json::to_string(&file).unwrap().as_bytes());
        let e = decode(&text).unwrap_err();
        assert_eq!(e.path, "optimizer.beta1");
        assert!(e.to_string().starts_with("optimizer.beta1: "), "{e}");
        let e = decode(&pack(br#"{"layers": [2, 1], "extra": 1}"#)).unwrap_err();
        assert!(e.problem.contains("extra"), "{e:?}");
        let e = decode(&pack(b"not json")).unwrap_err();
        assert!(!e.to_string().is_empty());
    }

    /// A few thousand random, truncated and mutated texts: never a panic, every error has words.
    #[test]
    fn no_text_makes_decode_panic() {
        let mut r = Random::new(2024);
        let good = [
            encode(&Scenario::default()),
            encode(&with_explicit_weights()),
            pack(br#"{"layers": [2, 1], "activations": ["sigmoid"], "cost": "bce", "data": {}}"#),
        ];
        const ALPHABET: &[u8] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ #&%";
        let mut tried = 0;
        for i in 0..4000 {
            let base = good[i % good.len()].as_bytes();
            let text: Vec<u8> = match i % 5 {
                // random characters, mostly from the link alphabet
                0 => (0..r.below(200))
                    .map(|_| ALPHABET[r.below(ALPHABET.len())])
                    .collect(),
                // a good link cut short
                1 => base[..r.below(base.len() + 1)].to_vec(),
                // a good link with a few characters changed
                2 => {
                    let mut t = base.to_vec();
                    for _ in 0..1 + r.below(4) {
                        let at = r.below(t.len());
                        t[at] = ALPHABET[r.below(ALPHABET.len())];
                    }
                    t
                }
                // a good link with a character inserted or removed
                3 => {
                    let mut t = base.to_vec();
                    let at = r.below(t.len());
                    if r.below(2) == 0 {
                        t.remove(at);
                    } else {
                        t.insert(at, ALPHABET[r.below(ALPHABET.len())]);
                    }
                    t
                }
                // random bytes behind the tag, and random compressed bytes
                _ => {
                    let bytes: Vec<u8> = (0..r.below(300)).map(|_| r.below(256) as u8).collect();
                    if r.below(2) == 0 {
                        [b"1.".as_slice(), URL_SAFE_NO_PAD.encode(&bytes).as_bytes()].concat()
                    } else {
                        pack(&bytes).into_bytes()
                    }
                }
            };
            let text = String::from_utf8_lossy(&text);
            if let Err(e) = decode(&text) {
                assert!(
                    !e.problem.trim().is_empty(),
                    "{text:?} gave an empty message"
                );
            }
            let _ = from_fragment(&format!("#x=1&s={text}"));
            tried += 1;
        }
        assert_eq!(tried, 4000);
    }
}
