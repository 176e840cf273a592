//! base64url without padding (RFC 4648 §5): the alphabet A–Z a–z 0–9 `-` `_`, every 3 bytes
//! written as 4 characters, a last group of 1 or 2 bytes as 2 or 3 characters. Written here
//! rather than taken from the `base64` crate, whose general engine and its panics' locations
//! cost the page's wasm ≈ 3 KB gzipped for these two functions; the tests hold it to that crate.

/// What is wrong with a text that is not base64url: the same cases as the `base64` crate's
/// `DecodeError` for its URL_SAFE_NO_PAD engine (positions count from 0).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Problem {
    /// a byte outside the alphabet, at a position
    Byte(usize, u8),
    /// a count of characters no bytes give (4k + 1)
    Length,
    /// the last character leaves bits set that no byte holds
    LastSymbol(usize, u8),
    /// `=` padding at the end
    Padding,
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends the base64url text of `bytes` to `out`: each group of 3 bytes, b₀b₁b₂ as 24 bits,
/// written as four 6-bit characters; a last group of 1 or 2 bytes as 2 or 3 characters.
pub fn encode_into(bytes: &[u8], out: &mut String) {
    for group in bytes.chunks(3) {
        let mut bits = 0u32;
        for (i, &b) in group.iter().enumerate() {
            bits |= (b as u32) << (16 - 8 * i);
        }
        for k in 0..=group.len() {
            out.push(ALPHABET[(bits >> (18 - 6 * k) & 63) as usize] as char);
        }
    }
}

/// The 6-bit value of a character of the alphabet.
fn value(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(v as u32)
}

/// The bytes of base64url text; the inverse of `encode_into`, and nothing else decodes: a
/// byte outside the alphabet, padding, a length of 4k + 1, or a last character with bits no
/// byte holds is a `Problem`.
pub fn decode(text: &str) -> Result<Vec<u8>, Problem> {
    let text = text.as_bytes();
    let body = text.len() - text.iter().rev().take_while(|&&c| c == b'=').count();
    if let Some(at) = text[..body].iter().position(|&c| value(c).is_none()) {
        return Err(Problem::Byte(at, text[at]));
    }
    if body < text.len() {
        return Err(Problem::Padding);
    }
    let mut out = Vec::with_capacity(body / 4 * 3 + 2);
    for (g, group) in text.chunks(4).enumerate() {
        let bits = (group.iter().enumerate()).fold(0, |bits, (i, &c)| {
            bits | value(c).unwrap_or(0) << (18 - 6 * i)
        });
        let n = group.len() * 6 / 8; // the whole bytes the group holds: 4 → 3, 3 → 2, 2 → 1
        if n == 0 {
            return Err(Problem::Length);
        }
        if bits & (0xFF_FFFF >> (8 * n)) != 0 {
            let last = 4 * g + group.len() - 1;
            return Err(Problem::LastSymbol(last, text[last]));
        }
        out.extend((0..n).map(|i| (bits >> (16 - 8 * i)) as u8));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use proptest::prelude::*;

    /// RFC 4648 §10's vectors, without their padding.
    #[test]
    fn the_rfcs_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (bytes, text) in cases {
            let mut out = String::new();
            encode_into(bytes.as_bytes(), &mut out);
            assert_eq!(out, text);
            assert_eq!(decode(text).unwrap(), bytes.as_bytes());
        }
        // the URL-safe characters: 0xfb 0xff → "-_8" (62, 63, then 0b1111_00 = 60 = '8')
        let mut out = String::new();
        encode_into(&[0xfb, 0xff], &mut out);
        assert_eq!(out, "-_8");
    }

    /// The crate's error, as a `Problem`.
    fn theirs(text: &str) -> Result<Vec<u8>, Problem> {
        use base64::DecodeError::*;
        URL_SAFE_NO_PAD.decode(text).map_err(|e| match e {
            InvalidByte(at, b) => Problem::Byte(at, b),
            InvalidLength(_) => Problem::Length,
            InvalidLastSymbol { offset, symbol, .. } => Problem::LastSymbol(offset, symbol),
            InvalidPadding => Problem::Padding,
        })
    }

    /// Ours fails where the crate fails and says why truly: the crate may name another
    /// place (it reads in blocks, and names a later bad byte, or `=` as a bad byte), ours
    /// names the first.
    fn same_verdict(text: &str) -> Result<(), String> {
        let (ours, theirs) = (decode(text), theirs(text));
        if ours.is_ok() != theirs.is_ok() || ours.is_ok() && ours != theirs {
            return Err(format!("{text:?}: ours {ours:?}, the crate's {theirs:?}"));
        }
        let b = text.as_bytes();
        let padded = b.last() == Some(&b'=');
        let body = &b[..b.len() - b.iter().rev().take_while(|&&c| c == b'=').count()];
        let true_ = match ours {
            Ok(_) => true,
            Err(Problem::Byte(at, c)) => {
                at < body.len()
                    && b[at] == c
                    && value(c).is_none()
                    && body[..at].iter().all(|&c| value(c).is_some())
            }
            Err(Problem::Padding) => padded && body.iter().all(|&c| value(c).is_some()),
            Err(Problem::Length) => !padded && body.len() % 4 == 1,
            Err(Problem::LastSymbol(at, c)) => at + 1 == b.len() && b[at] == c,
        };
        if true_ {
            Ok(())
        } else {
            Err(format!("{text:?}: {ours:?} is not so"))
        }
    }

    #[test]
    fn hand_picked_bad_texts_fail_where_the_crate_fails() {
        for text in [
            "a", "ab=", "abc=", "abcd=", "ab==", "=", "==", "a=b", "ab$d", "Zh", "Zm9", "Zm8=",
            "abcde", "é", "ab\ncd", "abcd====", "Zg==Zg",
        ] {
            same_verdict(text).unwrap();
        }
        assert_eq!(decode("ab$d"), Err(Problem::Byte(2, b'$')));
        assert_eq!(decode("Zh"), Err(Problem::LastSymbol(1, b'h'))); // 'h' = 33 = 0b100001
        assert_eq!(decode("abcde"), Err(Problem::Length));
        assert_eq!(decode("Zm8="), Err(Problem::Padding));
    }

    proptest! {
        #[test]
        fn encodes_as_the_crate_does(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut ours = String::new();
            encode_into(&bytes, &mut ours);
            prop_assert_eq!(&ours, &URL_SAFE_NO_PAD.encode(&bytes));
            prop_assert_eq!(decode(&ours), Ok(bytes));
        }

        /// Texts mostly of the alphabet, with padding, junk and wrong lengths mixed in.
        #[test]
        fn decodes_where_the_crate_does(text in "[A-Za-z0-9_=$.\\-]{0,40}") {
            prop_assert_eq!(same_verdict(&text), Ok(()));
        }

        #[test]
        fn changed_last_characters_fail_as_the_crate_fails(
            bytes in proptest::collection::vec(any::<u8>(), 1..30),
            last in 0usize..64,
        ) {
            let mut text = String::new();
            encode_into(&bytes, &mut text);
            text.pop();
            text.push(ALPHABET[last] as char);
            prop_assert_eq!(same_verdict(&text), Ok(()));
        }
    }
}
