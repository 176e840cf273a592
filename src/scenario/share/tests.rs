use super::*;
use crate::math::random::Random;
use crate::scenario::Data;
use crate::scenario::file::ScenarioFile;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

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
        features: Vec::new(),
        classes: Vec::new(),
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
    small.view.insert("focus", "adam");
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
    let text = pack(crate::json::to_string(&file.to_value()).as_bytes());
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

#[test]
fn a_link_carries_the_surface() {
    use crate::math::surface::Surface;
    use crate::scenario::SurfaceLesson;
    let s = Scenario {
        surface: Some(SurfaceLesson {
            surface: Surface::Bowl {
                kappa: 50.0,
                angle: 15.0,
            },
            start: [-1.5, 0.25],
        }),
        ..Scenario::default()
    };
    let back = decode(&encode(&s)).unwrap();
    assert_eq!(back.surface, s.surface);
    assert_eq!(back, s);
}

#[test]
fn stored_blocks_are_the_bytes_rfc_1951_gives() {
    // worked by hand from RFC 1951 §3.2.4: BFINAL = 1, BTYPE = 00 in the first byte (0x01),
    // LEN = 2 and NLEN = !2 = 0xfffd little-endian, then the bytes
    assert_eq!(stored(b"ab"), [0x01, 0x02, 0x00, 0xfd, 0xff, b'a', b'b']);
    assert_eq!(stored(b""), [0x01, 0x00, 0x00, 0xff, 0xff]);
    // 65,536 bytes: a full block that is not the last (0x00, LEN 0xffff, NLEN 0), then one byte
    let big: Vec<u8> = (0..65_536u32).map(|i| (i * 7 % 251) as u8).collect();
    let packed = stored(&big);
    assert_eq!(packed[..5], [0x00, 0xff, 0xff, 0x00, 0x00]);
    assert_eq!(
        packed[5 + 65_535..5 + 65_535 + 5],
        [0x01, 0x01, 0x00, 0xfe, 0xff]
    );
    assert_eq!(packed.len(), big.len() + 10);
}

#[test]
fn stored_blocks_inflate_to_the_bytes_and_open_as_a_link() {
    // miniz_oxide's inflate, the reader every link goes through, as the reference
    for n in [0, 1, 100, 65_535, 65_536, 200_000] {
        let bytes: Vec<u8> = (0..n as u32).map(|i| (i * 31 % 256) as u8).collect();
        let back = miniz_oxide::inflate::decompress_to_vec(&stored(&bytes)).unwrap();
        assert_eq!(back, bytes, "{n} bytes");
    }
    let scenario = with_explicit_data();
    let text = link_text(&stored(link_json(&scenario).as_bytes()));
    assert_eq!(decode(&text).unwrap(), scenario);
    assert!(
        text.len() > encode(&scenario).len(),
        "stored is longer than compressed"
    );
}

#[test]
fn unstored_reads_stored_blocks_and_nothing_else() {
    for n in [0, 1, 100, 65_535, 65_536, 200_000] {
        let bytes: Vec<u8> = (0..n as u32).map(|i| (i * 31 % 256) as u8).collect();
        assert_eq!(
            unstored(&stored(&bytes)).as_deref(),
            Some(&bytes[..]),
            "{n} bytes"
        );
    }
    // miniz's compressed blocks (BTYPE 01 or 10), a cut, junk after the last block, a bad NLEN
    let compressed = miniz_oxide::deflate::compress_to_vec(b"abcabcabcabc", 9);
    assert!(compressed[0] & 0b110 != 0, "a compressed block");
    assert_eq!(unstored(&compressed), None);
    let packed = stored(b"hello");
    assert_eq!(unstored(&packed[..packed.len() - 1]), None);
    assert_eq!(unstored(&[&packed[..], b"x"].concat()), None);
    assert_eq!(unstored(&[0x01, 0x02, 0x00, 0xfd, 0xfe, b'a', b'b']), None);
    assert_eq!(unstored(&[]), None);
}

/// `unpack` then miniz's inflate then `read_inflated` is `decode`: the page's way in three
/// steps, the browser's inflate in the middle.
#[test]
fn unpack_and_read_inflated_are_decode_in_two_halves() {
    let scenario = with_explicit_weights();
    let text = encode(&scenario);
    let packed = unpack(&format!(" {text}\n")).unwrap();
    let json = miniz_oxide::inflate::decompress_to_vec(&packed).unwrap();
    assert_eq!(read_inflated(json).unwrap(), scenario);
    assert_eq!(unpack("2.abc").unwrap_err(), decode("2.abc").unwrap_err());
    assert_eq!(fragment_text("#x=1&s=1.abc&y"), Some("1.abc"));
    assert_eq!(fragment_text("#x=1"), None);
}

#[test]
fn a_link_is_its_json_deflated_behind_the_tag() {
    // link_text of any raw DEFLATE of link_json (here the reference `base64` crate's text of
    // miniz's bytes) is the link `encode` writes, and `fragment` puts "s=" before it
    let scenario = with_explicit_weights();
    assert_eq!(encode(&scenario), pack(link_json(&scenario).as_bytes()));
    assert_eq!(fragment("1.abc"), "s=1.abc");
    assert_eq!(link_fragment(&scenario), fragment(&encode(&scenario)));
}
