//! Input features on explicit data (issue 13): a scenario whose `x` holds points with
//! `features` must train exactly as one whose `x` already holds those features. The
//! pre-featurised inputs were computed independently, in plain Python floats
//! (`tests/reference/explicit_features.py`, which wrote both fixtures); the engine's inputs,
//! its trace and the CLI's `trace` must equal them bit for bit.
#![cfg(not(target_arch = "wasm32"))]

use backprop_playground::scenario::Scenario;
use backprop_playground::scenario::trace::trace;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/features/{name}.scenario.json"))
}

fn load(name: &str) -> Scenario {
    Scenario::from_json(&std::fs::read_to_string(fixture(name)).unwrap())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn bits(m: &ndarray::Array2<f64>) -> Vec<u64> {
    m.iter().map(|v| v.to_bits()).collect()
}

/// How far apart in ulps two inputs are, row by row (both have the same sign here).
fn ulps(a: &ndarray::Array2<f64>, b: &ndarray::Array2<f64>) -> Vec<Vec<u64>> {
    a.outer_iter()
        .zip(b.outer_iter())
        .map(|(ra, rb)| {
            ra.iter()
                .zip(rb.iter())
                .map(|(x, y)| x.to_bits().abs_diff(y.to_bits()))
                .collect()
        })
        .collect()
}

/// Rows 0–4 (x1, x2, x1², x2², x1x2) are exact IEEE operations: bit for bit. Rows 5–6 (sin)
/// within 1 ulp of the correctly rounded value: libm's sin(−2.41), the first point's,
/// is 1 ulp below it (the only one of the 32 values).
#[test]
fn features_of_explicit_points_are_the_python_ones() {
    let (points, pre) = (load("points").dataset(), load("prefeaturised").dataset());
    assert_eq!(points.train.x.dim(), (7, 12));
    let mut off = 0;
    for (a, b) in [
        (&points.train.x, &pre.train.x),
        (
            &points.test.as_ref().unwrap().x,
            &pre.test.as_ref().unwrap().x,
        ),
    ] {
        let d = ulps(a, b);
        assert!(d[..5].iter().flatten().all(|&u| u == 0), "{d:?}");
        assert!(d[5..].iter().flatten().all(|&u| u <= 1), "{d:?}");
        off += d[5..].iter().flatten().filter(|&&u| u == 1).count();
    }
    assert_eq!(off, 1, "sin(-2.41) alone is 1 ulp off");
    // the points themselves stay where the page draws them
    let first_two = pre.train.x.slice(ndarray::s![0..2, ..]).to_owned();
    assert_eq!(bits(&points.train.coords), bits(&first_two));
}

#[test]
fn the_trace_with_features_is_the_pre_featurised_trace() {
    let with_features = trace(&load("points")).to_json();
    let pre = trace(&load("prefeaturised")).to_json();
    assert_eq!(with_features, pre);
    assert!(with_features.contains("\"epoch\":4"), "four epochs traced");
}

#[test]
fn the_cli_traces_explicit_points_with_features() {
    let out = Command::new(env!("CARGO_BIN_EXE_playground"))
        .arg("trace")
        .arg(fixture("points"))
        .output()
        .expect("the playground binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pre = trace(&load("prefeaturised")).to_json();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{pre}\n"));
}
