#!/usr/bin/env bash
# Runs every test of the project, installing what is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
unset NO_COLOR

scripts/setup.sh native
echo "== native tests (cargo test)" >&2
cargo test --locked
