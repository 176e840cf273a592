#!/usr/bin/env bash
# Serves the playground at http://127.0.0.1:8080/ (trunk serve, release build), installing
# what is missing first (scripts/setup.sh web). Extra arguments go to trunk, e.g. --port 9000.
set -euo pipefail
cd "$(dirname "$0")/.."
unset NO_COLOR

scripts/setup.sh web
echo "serving the playground at http://127.0.0.1:8080/ (Ctrl-C stops)" >&2
# no auto-reload: its injected inline script would break the page's Content-Security-Policy
exec trunk serve --release --offline --no-autoreload "$@"
