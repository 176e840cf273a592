#!/usr/bin/env bash
# The benchmarks of benches/README.md, installing what is missing first (scripts/setup.sh):
#   1. native: the engine beside an ndarray peer in one process (cargo bench)
#   2. browser: the WebAssembly engine beside hand-written JavaScript in one Chromium page
#   3. Node: the same wasm beside the JavaScript peer in a worker thread (its own isolate)
#   4. startup: the time from navigation to ▶ ready and the first boundary drawn
# Each prints medians and ratios, and fails when a workload's numbers are wrong. Run it on a
# quiet machine: absolute times follow the load; the ratios much less.
set -euo pipefail
cd "$(dirname "$0")/.."
unset NO_COLOR

scripts/setup.sh browser-tests

echo "== 1/4 native (cargo bench --bench workloads)" >&2
cargo bench --locked --bench workloads

echo "== 2/4 browser (node benches/browser.mjs)" >&2
trunk build --release --offline
node benches/browser.mjs

echo "== 3/4 Node, the peer in its own isolate (node benches/node.mjs)" >&2
node benches/node.mjs

echo "== 4/4 time to interactive (node benches/startup.mjs)" >&2
node benches/startup.mjs
