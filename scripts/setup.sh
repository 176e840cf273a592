#!/usr/bin/env bash
# Installs what the playground needs to build, serve and test, skipping what is present.
# Usage: scripts/setup.sh [native|web|browser-tests]...   (default: everything)
#   native         nothing beyond cargo (the math, the CLI, the native tests)
#   web            + the wasm32 target, wasm-bindgen-cli (= the crate's version), trunk and
#                    wasm-opt (binaryen's optimiser, which trunk runs on the release build)
#   browser-tests  + web, Chromium and ChromeDriver from Debian, Node packages for the e2e test,
#                    pdflatex (Debian's texlive-latex-base) for the test that compiles the
#                    exported whole-step document
set -euo pipefail
cd "$(dirname "$0")/.."
unset NO_COLOR # trunk 0.21 misreads it

TRUNK_VERSION=0.21.14
# the wasm-opt crate, which builds binaryen 116; Trunk.toml names that version (version_116)
WASM_OPT_VERSION=0.116.1
# must equal the wasm-bindgen crate pinned in Cargo.toml (=0.2.130)
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = .*"=\([0-9.]*\)".*/\1/p' Cargo.toml | head -1)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

say() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

need_web() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
    # not --locked: its lock file names a crate version the registry lacks
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 9 minutes)"
    cargo install --locked trunk --version "$TRUNK_VERSION" --force
  fi
  need_wasm_opt
}

# binaryen's version as `wasm-opt --version` prints it ("wasm-opt version 116 (version_116)")
wasm_opt_version() { "$1" --version 2>/dev/null | awk '{print $3}'; }

# wasm-opt from crates.io, never Debian's binaryen: its wasm-opt 108 silently breaks
# wasm-bindgen 0.2.130's output (the page throws "WebAssembly.Table.set(): Argument 1 is
# invalid"), and trunk runs the first wasm-opt on PATH.
need_wasm_opt() {
  local binaryen=${WASM_OPT_VERSION#0.}
  binaryen=${binaryen%%.*}
  [ "$(wasm_opt_version wasm-opt)" != "$binaryen" ] || return 0
  local cargo_bin=${CARGO_HOME:-$HOME/.cargo}/bin
  if [ "$(wasm_opt_version "$cargo_bin/wasm-opt")" != "$binaryen" ]; then
    say "installing wasm-opt $WASM_OPT_VERSION (binaryen $binaryen; about 10 to 15 minutes)"
    cargo install --locked wasm-opt --version "$WASM_OPT_VERSION" --force
  fi
  if [ "$(wasm_opt_version wasm-opt)" != "$binaryen" ]; then
    if command -v wasm-opt >/dev/null; then
      say "$(command -v wasm-opt) is wasm-opt $(wasm_opt_version wasm-opt), not $binaryen, and comes" \
        "before $cargo_bin on PATH (Debian's binaryen?): trunk would run it. Remove it" \
        "(apt-get remove binaryen) or put $cargo_bin first on PATH."
    else
      say "wasm-opt is in $cargo_bin, which is not on PATH: add it (trunk looks there)."
    fi
    exit 1
  fi
}

# Root runs apt-get itself; anyone else through sudo. `env` carries DEBIAN_FRONTEND through
# both: `$sudo VAR=x cmd` with an empty $sudo would run "VAR=x" as a command.
apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  if [ -z "${APT_UPDATED:-}" ]; then
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# cargo install (trunk's dependencies) and the project's build scripts need a C linker.
need_cc() {
  if ! command -v cc >/dev/null; then
    say "installing a C toolchain (build-essential) from Debian"
    apt_install build-essential
  fi
}

need_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver from Debian"
    apt_install chromium chromium-driver
  fi
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    say "installing Node.js and npm from Debian"
    apt_install nodejs npm
  fi
  # npm ci whenever node_modules does not hold what package-lock.json names: a copy of the
  # lock file is kept in node_modules after each install and compared
  local lock=tests/e2e/package-lock.json stamp=tests/e2e/node_modules/.installed-package-lock.json
  if [ ! -f "$stamp" ] || [ "$(cat "$lock")" != "$(cat "$stamp")" ]; then
    say "installing the end-to-end test's Node packages (playwright-core, no browser download; axe-core)"
    # --engine-strict: a package that needs a newer Node.js stops here, not in the e2e test
    # (Debian 12 has Node.js 18; npm otherwise only warns, and --loglevel=error hides that)
    if ! (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
      npm ci --engine-strict --no-audit --no-fund --loglevel=error); then
      say "npm ci failed in tests/e2e; with EBADENGINE above, a package there needs a" \
        "newer Node.js than this $(node --version)"
      exit 1
    fi
    cat "$lock" >"$stamp"
  fi
}

# pdflatex, which a native test runs on the whole-step LaTeX export (required under
# scripts/test.sh, skipped loudly elsewhere when missing)
need_latex() {
  if ! command -v pdflatex >/dev/null; then
    say "installing pdflatex (texlive-latex-base) from Debian"
    apt_install texlive-latex-base
  fi
}

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(browser-tests)
for part in "${parts[@]}"; do
  case "$part" in
    native) need_cc ;;
    web) need_cc; need_web ;;
    browser-tests) need_cc; need_web; need_browser; need_latex ;;
    *) echo "setup.sh: unknown part '$part' (native, web, browser-tests)" >&2; exit 2 ;;
  esac
done
cargo fetch --quiet
