//! The numbers the native build computes for a few seeded runs, kept in
//! tests/fixtures/native/*.json, which the browser test (tests/web.rs) must reproduce bit for
//! bit. This test checks that the file still holds exactly what the native build computes
//! (so a change of the math shows up here first); `BLESS=1 cargo test --test native_fixture`
//! rewrites it after a deliberate change.

#[path = "support/native_numbers.rs"]
mod native_numbers;

use native_numbers::{FIXTURE, compute};

#[test]
fn the_native_numbers_are_those_in_the_fixture() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    let now = compute();
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
    }
    let kept: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(
        now == kept,
        "the native build's numbers changed; if that was meant, run BLESS=1 cargo test --test native_fixture"
    );
}
