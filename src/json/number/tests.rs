//! Tests against an independent reference: Rust's own `str::parse::<f64>` (core's dec2flt,
//! correctly rounded), compared bit for bit. Random cases come from a fixed-seed SplitMix64
//! generator, so every run checks the same inputs.

use super::*;

/// Random case counts are divided by this in debug builds (which run ~30× slower).
const SCALE: usize = if cfg!(debug_assertions) { 10 } else { 1 };

/// SplitMix64: a tiny, good-enough pseudo-random generator.
struct Rng(u64);

impl Rng {
    /// Next 64 random bits.
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform-ish integer in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    /// A random finite, non-negative f64, biased towards the extreme exponents and
    /// mantissas (subnormals, the normal boundary, the largest values, powers of two).
    fn finite(&mut self) -> f64 {
        let mut bits = self.next() >> 1;
        if self.next().is_multiple_of(4) {
            let exps = [0, 1, 2, 1023, 2045, 2046];
            bits = bits & !(0x7FF << 52) | exps[self.next() as usize % exps.len()] << 52;
        }
        if self.next().is_multiple_of(8) {
            let mants = [0, 1, (1 << 52) - 1];
            bits = bits & !((1 << 52) - 1) | mants[self.next() as usize % mants.len()];
        }
        let x = f64::from_bits(bits);
        if x.is_finite() { x } else { f64::MAX }
    }
}

/// Asserts that `parse(text)` equals the reference parse of `text`, bit for bit.
fn check(text: &str) {
    let expected = text
        .parse::<f64>()
        .expect("reference rejects a JSON number");
    let got = parse(text).map(f64::to_bits);
    assert_eq!(got, Some(expected.to_bits()), "input {text}");
}

/// Exact decimal digits of a big integer (repeated division by 10^9).
fn to_decimal(mut v: Vec<u32>) -> String {
    let mut chunks = Vec::new();
    while v.iter().any(|&l| l != 0) {
        let mut rem = 0u64;
        for limb in v.iter_mut().rev() {
            let cur = (rem << 32) | u64::from(*limb);
            *limb = (cur / 1_000_000_000) as u32;
            rem = cur % 1_000_000_000;
        }
        chunks.push(rem);
    }
    let mut s = chunks.pop().unwrap_or(0).to_string();
    for c in chunks.iter().rev() {
        s += &format!("{c:09}");
    }
    s
}

/// The midpoint between finite `x ≥ 0` and the next f64 up, exactly, as `(N, e)` with value
/// `N·10^e`: with `x = M·2^E`, the midpoint is `(2M+1)·2^(E-1)`.
fn midpoint(x: f64) -> (Vec<u32>, i64) {
    let bits = x.to_bits();
    let (biased, frac) = ((bits >> 52) as i64, bits & ((1 << 52) - 1));
    let (m, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, biased - 1075)
    };
    let odd = 2 * m + 1;
    let mut n = vec![odd as u32, (odd >> 32) as u32];
    let half_exp = e - 1; // midpoint = odd · 2^half_exp
    if half_exp >= 0 {
        shl(&mut n, half_exp);
        (n, 0)
    } else {
        // 2^-k = 5^k / 10^k
        mul_pow5(&mut n, half_exp.unsigned_abs());
        (n, half_exp)
    }
}

#[test]
fn random_digit_strings() {
    let mut rng = Rng(1);
    for _ in 0..2_000_000 / SCALE {
        let len = rng.range(1, 25) as usize;
        let digits: String = (0..len)
            .map(|_| char::from(b'0' + (rng.next() % 10) as u8))
            .collect();
        let point = rng.range(0, len as i64) as usize;
        let (int, frac) = digits.split_at(point);
        let int = int.trim_start_matches('0');
        let mut text = String::from(if rng.next().is_multiple_of(2) {
            "-"
        } else {
            ""
        });
        text += if int.is_empty() { "0" } else { int };
        if !frac.is_empty() {
            text = text + "." + frac;
        }
        if !rng.next().is_multiple_of(8) {
            let exp = rng.range(-360, 330);
            let marker = ["e", "E", "e+", "E+"][rng.next() as usize % 4];
            text += &if exp < 0 {
                format!("e{exp}")
            } else {
                format!("{marker}{exp}")
            };
        }
        check(&text);
    }
}

#[test]
fn shortest_and_17_digit_round_trips() {
    let mut rng = Rng(2);
    for _ in 0..300_000 / SCALE {
        let x = rng.finite();
        let x = if rng.next().is_multiple_of(2) { -x } else { x };
        for text in [format!("{x:e}"), format!("{x}"), format!("{x:.17e}")] {
            assert_eq!(
                parse(&text).map(f64::to_bits),
                Some(x.to_bits()),
                "input {text}"
            );
            check(&text);
        }
    }
}

#[test]
fn halfway_points_round_half_to_even() {
    let mut rng = Rng(3);
    for _ in 0..100_000 / SCALE {
        let (mid, e) = midpoint(rng.finite());
        let mut above = mid.clone();
        mul_add(&mut above, 1, 1);
        let mut below = mid.clone();
        sub(&mut below, &[1]);
        let (mid, above, below) = (to_decimal(mid), to_decimal(above), to_decimal(below));
        check(&format!("{mid}e{e}"));
        check(&format!("{above}e{e}"));
        check(&format!("{below}e{e}"));
        // Beyond the 800 kept digits: an exact tie, a hair above it, a hair below it.
        let pad = rng.range(1, 900);
        let zeros = "0".repeat(pad as usize - 1);
        check(&format!("{mid}{zeros}0e{}", e - pad));
        check(&format!("{mid}{zeros}1e{}", e - pad));
        check(&format!("{below}{}e{}", "9".repeat(pad as usize), e - pad));
    }
}

#[test]
fn edge_values() {
    let zeros400 = "0".repeat(400);
    let long_digits: String = (0..800)
        .map(|i| char::from(b'0' + ((i * 7 + 3) % 10) as u8))
        .collect();
    let fixed = [
        "0",
        "-0",
        "0.0",
        "5e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "9007199254740993",
        "9007199254740992.5",
        "1e23",
        "8.533e-321",
        "1e22",
        "123456789012345678901234567890",
        "0.000000000000000000000000000001",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126",
    ];
    for text in fixed {
        check(text);
    }
    let built = [
        format!("0.{zeros400}1"),
        format!("1{zeros400}e-400"),
        format!("0.{zeros400}1e+410"),
        format!("0.{zeros400}1e-400"),
        format!("1{zeros400}e-800"),
        format!("1{zeros400}"),
        format!("0.{zeros400}{long_digits}e400"),
        format!("{long_digits}e-1000"),
        format!("{long_digits}.{long_digits}e-500"),
        format!("-0.{long_digits}{long_digits}e-300"),
        format!("0.0000{long_digits}"),
    ];
    for text in &built {
        check(text);
    }
    assert_eq!(parse("0.0e5").map(f64::to_bits), Some(0));
    assert_eq!(parse("-0.0e5").map(f64::to_bits), Some((-0.0f64).to_bits()));
}

#[test]
fn huge_exponents_saturate() {
    let zeros400 = "0".repeat(400);
    let cases = [
        ("1e-999999999999", 0.0),
        ("-1e-999999999999", -0.0),
        ("1e99999999999999999999", f64::INFINITY),
        ("-1e99999999999999999999", f64::NEG_INFINITY),
        ("0e99999999999999999999", 0.0),
        ("1e-99999999999999999999999999999999", 0.0),
        ("1e-325", 0.0),
        ("1e310", f64::INFINITY),
    ];
    for (text, expected) in cases {
        assert_eq!(
            parse(text).map(f64::to_bits),
            Some(expected.to_bits()),
            "{text}"
        );
    }
    // Leading fraction zeros cancel against a huge exponent: 10^-401 · 10^410 = 10^9.
    let text = format!("0.{zeros400}1e410");
    assert_eq!(parse(&text), Some(1e9));
}

#[test]
fn rejects_non_json_numbers() {
    let bad = [
        "", "-", "01", "1.", ".5", "1e", "1e+", "+1", "1.5.2", "0x10", " 1", "1 ", "NaN", "inf",
        "1_000", "-01", "00", "1e+-1", "1.e5", "--1", "1e5.0", "١",
    ];
    for text in bad {
        assert_eq!(parse(text), None, "input {text:?}");
    }
}

#[test]
fn random_junk_matches_reference_acceptance() {
    // Every JSON number is accepted by the reference, which also accepts more ("+1", ".5",
    // "1.", "inf"); so: whenever we accept, the reference must agree bit for bit, and
    // whenever the reference rejects, we must reject. Also checks nothing panics.
    let mut rng = Rng(4);
    let alphabet = b"0123456789.eE+-0000";
    let mut accepted = 0;
    for _ in 0..300_000 / SCALE {
        let len = rng.range(0, 12) as usize;
        let text: String = (0..len)
            .map(|_| char::from(alphabet[rng.next() as usize % alphabet.len()]))
            .collect();
        match (parse(&text), text.parse::<f64>()) {
            (Some(ours), Ok(reference)) => {
                assert_eq!(ours.to_bits(), reference.to_bits(), "{text}");
                accepted += 1;
            }
            (Some(_), Err(_)) => panic!("accepted {text:?}, which is not a number"),
            (None, _) => {}
        }
    }
    assert!(
        accepted > 10_000 / SCALE,
        "only {accepted} inputs were numbers"
    );
}
