#!/usr/bin/env bash
# Serves the playground at http://127.0.0.1:8080, installing what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "The browser page is not built yet (issue: the playground in the browser)." >&2
echo "Until then, try the command-line tool:  cargo run --release --bin playground -- race scenarios/default.json" >&2
exit 1
