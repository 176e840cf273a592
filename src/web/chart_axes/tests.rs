//! Ticks, shares and dashes worked out by hand.

use super::*;

fn values(ticks: &[(f64, String)]) -> Vec<&str> {
    ticks.iter().map(|(_, l)| l.as_str()).collect()
}

#[test]
fn linear_ticks_are_round_steps_with_their_decimals() {
    // (0.7 − 0.15) / 6 ≈ 0.092: the step is 0.1, one decimal
    let a = Axis::linear(0.15, 0.7);
    assert_eq!(
        values(&a.ticks()),
        ["0.2", "0.3", "0.4", "0.5", "0.6", "0.7"]
    );
    // 0 to 40 epochs: 40 / 6 ≈ 6.7, the step 10
    assert_eq!(
        values(&Axis::linear(0.0, 40.0).ticks()),
        ["0", "10", "20", "30", "40"]
    );
    // 0 to 10: 10 / 6 ≈ 1.7, the step 2
    let ten = Axis::linear(0.0, 10.0).ticks();
    assert_eq!(values(&ten), ["0", "2", "4", "6", "8", "10"]);
    assert_eq!(ten[5].0, 10.0);
    // no "-0.0" label
    assert_eq!(values(&Axis::linear(-0.04, 0.05).ticks())[2], "0.00");
}

#[test]
fn log_ticks_are_decades_thinned_or_filled() {
    let log = |lo, hi| Axis { lo, hi, log: true }.ticks();
    // fewer than two decades inside (here 1 alone, or none): 2× and 5× too
    assert_eq!(values(&log(0.15, 2.4)), ["0.2", "0.5", "1", "2"]);
    assert_eq!(values(&log(0.15, 0.9)), ["0.2", "0.5"]);
    assert_eq!(
        values(&log(0.001, 10.0)),
        ["0.001", "0.01", "0.1", "1", "10"]
    );
    // 1e-12 to 10: 14 decades, every second one
    let wide = log(1e-12, 10.0);
    assert_eq!(
        values(&wide),
        ["1e-12", "1e-10", "1e-8", "1e-6", "1e-4", "0.01", "1"]
    );
}

#[test]
fn shares_place_values_on_either_scale() {
    assert_eq!(Axis::linear(0.0, 40.0).share(10.0), 0.25);
    let log = Axis {
        lo: 0.01,
        hi: 100.0,
        log: true,
    };
    assert_eq!(log.share(1.0), 0.5);
    assert_eq!(log.share(0.01), 0.0);
}

#[test]
fn dashes_run_on_across_corners() {
    // 20 px along x: on 6, off 4, on 6, off 4
    assert_eq!(
        dashes(&[(0, 0), (20, 0)], 6.0, 4.0),
        [vec![(0, 0), (6, 0)], vec![(10, 0), (16, 0)]]
    );
    // a corner at 8 px: the second dash starts 2 px after it, on the new side
    assert_eq!(
        dashes(&[(0, 0), (8, 0), (8, 10)], 6.0, 4.0),
        [vec![(0, 0), (6, 0)], vec![(8, 2), (8, 8)]]
    );
    // a dash across the corner keeps both sides
    assert_eq!(
        dashes(&[(0, 0), (4, 0), (4, 4)], 6.0, 4.0),
        [vec![(0, 0), (4, 0), (4, 2)]]
    );
    assert!(dashes(&[(3, 3)], 6.0, 4.0).is_empty());
}
