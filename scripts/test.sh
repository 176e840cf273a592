#!/usr/bin/env bash
# Runs every test of the project, installing what is missing first (scripts/setup.sh):
#   1. native: cargo test (the math, scenarios, the CLI, property tests)
#   2. browser: wasm-bindgen-test in headless Chromium (the JS API, native = wasm bits, panels)
#   3. end to end: the built page (trunk build --release --features test-hooks) in Chromium via
#      playwright-core;
#      screenshots land in tests/e2e/artifacts/
set -euo pipefail
cd "$(dirname "$0")/.."
unset NO_COLOR
# tells the tests this is the full run: a test that needs an installed tool (pdflatex) fails
# without it instead of skipping
export PLAYGROUND_FULL_TEST=1

scripts/setup.sh browser-tests

echo "== 0/3 install logic (setup.sh against stub tools)" >&2
tests/setup/stub_test.sh

echo "== 1/3 native tests" >&2
cargo test --locked

echo "== 2/3 browser tests (wasm-bindgen-test, headless Chromium)" >&2
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-300} \
  cargo test --locked --target wasm32-unknown-unknown --test web --test web_files

echo "== 3/3 end-to-end tests (the built page in Chromium)" >&2
# the test build: with the test-hooks feature (playground.panicForTest(), a panic-on-restore
# switch) so the e2e tests can check that the page recovers from a panic; scripts/serve.sh
# and publishing build without it
trunk build --release --offline --features test-hooks
cargo build --locked --release --bin playground # the e2e test replays a saved file with it
(cd tests/e2e && node --test --test-concurrency=1)
