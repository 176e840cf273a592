//! `F2` against the scalar operations, lane by lane.
use super::{F2, all_finite};

// each lane is the f64 operation: worked by hand on exact binary fractions, and the bits
// of a rounding case (0.1 + 0.2 = 0.30000000000000004) as plain f64 gives them
#[test]
fn lanes_are_the_f64_operations() {
    let (a, b) = (F2::new(1.5, 0.1), F2::new(0.25, 0.2));
    assert_eq!((a + b).lanes(), [1.75, 0.30000000000000004]);
    assert_eq!((a - b).lanes(), [1.25, 0.1 - 0.2]);
    assert_eq!((a * b).lanes(), [0.375, 0.1 * 0.2]);
    assert_eq!((a / b).lanes(), [6.0, 0.5]);
    let abs = F2::kept(f64::from_bits(!(1 << 63)));
    assert_eq!(F2::new(-2.0, 3.0).and_bits(abs).lanes(), [2.0, 3.0]);
    assert_eq!(F2::kept(-0.5).lanes(), [-0.5, -0.5]);
    assert_eq!(
        F2::splat(2.0).or_bits(F2::new(-0.0, 0.0)).lanes(),
        [-2.0, 2.0]
    );
    let (yes, no) = (F2::splat(1.0), F2::splat(0.0));
    assert_eq!(a.lt_select(b, yes, no).lanes(), [0.0, 1.0]);
    let nan = F2::new(f64::NAN, 3.0);
    assert_eq!(nan.lt_select(F2::splat(9.0), yes, no).lanes(), [0.0, 1.0]);
    let pmin = nan.pmin(F2::new(1.0, 2.0)).lanes();
    assert_eq!(
        [pmin[0].to_bits(), pmin[1].to_bits()],
        [f64::NAN.to_bits(), 2.0f64.to_bits()]
    );
    assert_eq!(
        F2::new(-0.0, 0.0)
            .pmin(F2::new(0.0, -0.0))
            .lanes()
            .map(f64::to_bits),
        [(-0.0f64).to_bits(), 0]
    );
    let signed_nan = f64::from_bits(f64::NAN.to_bits() | 5);
    assert_eq!(
        F2::splat(signed_nan).pmin(F2::splat(1.0)).lanes()[1].to_bits(),
        signed_nan.to_bits()
    );
    assert_eq!(F2::splat(1.0).pmin(F2::splat(f64::NAN)).lanes(), [1.0, 1.0]);
    assert_eq!(F2::new(1.0, 3.0).pmax(F2::splat(2.0)).lanes(), [2.0, 3.0]);
    assert_eq!(F2::new(1.0, 3.0).pmin(F2::splat(2.0)).lanes(), [1.0, 2.0]);
    let pmax = F2::new(f64::NAN, 0.0).pmax(F2::new(1.0, -0.0)).lanes();
    assert_eq!([pmax[0].is_nan(), pmax[1].to_bits() == 0], [true, true]);
    assert_eq!(F2::splat(1.0).pmax(F2::splat(f64::NAN)).lanes(), [1.0, 1.0]);
    assert!(nan.any_lt(F2::splat(4.0)) && !nan.any_lt(F2::splat(3.0)));
    assert!(!nan.all_lt(F2::splat(4.0)) && F2::new(1.0, 2.0).all_lt(F2::splat(3.0)));
    assert!(!F2::new(1.0, 3.0).all_lt(F2::splat(3.0)));
}

#[test]
fn load_and_store_keep_the_lanes_in_order() {
    let v = F2::load(&[1.5, -0.0]);
    assert_eq!(
        v.lanes().map(f64::to_bits),
        [1.5f64.to_bits(), (-0.0f64).to_bits()]
    );
    let mut out = [0.0; 2];
    (v + F2::new(1.0, 2.0)).store(&mut out);
    assert_eq!(out, [2.5, 2.0]);
}

#[test]
fn all_finite_finds_one_nan_or_infinity_anywhere() {
    // the reference: `f64::is_finite` one number at a time, for every length up to 20 (the
    // eights, the pairs within them, the remainder) and every place of one bad number
    for n in 0..=20 {
        let finite: Vec<f64> = (0..n)
            .map(|i| match i % 4 {
                0 => f64::MAX,
                1 => -f64::MIN_POSITIVE / 4.0, // subnormal
                2 => -0.0,
                _ => i as f64 * 1e300,
            })
            .collect();
        assert_eq!(
            all_finite(&finite),
            finite.iter().all(|v| v.is_finite()),
            "{n}"
        );
        for at in 0..n {
            for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                let mut s = finite.clone();
                s[at] = bad;
                assert!(!all_finite(&s), "{bad} at {at} of {n}");
            }
        }
    }
}
