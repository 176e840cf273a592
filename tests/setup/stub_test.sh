#!/usr/bin/env bash
# Tests scripts/setup.sh's install logic against stub tools, in a few seconds, without root,
# network or touching the machine: setup.sh runs from a scratch copy (its scripts/setup.sh,
# Cargo.toml and an empty tests/e2e/) with a private PATH that holds only
#   - stubs of apt-get, sudo, id, rustup, cargo, npm (and, when "installed", cc, chromium,
#     chromedriver, node, wasm-bindgen, trunk, wasm-opt), each appending what it was asked to do
#     to a log; the stub dir is also CARGO_HOME/bin, where `cargo install` puts what it builds;
#   - two more dirs, before and after the stubs on PATH, for a wasm-opt from elsewhere
#     (Debian's binaryen);
#   - the plain tools setup.sh and the stubs use (bash, env, sed, grep, awk, ...).
# The fake `id -u` prints the case's uid (0 or 1000); the fake sudo runs its command with uid 0
# and, like sudo's env_reset, without the caller's environment. The fake apt-get refuses to
# run as non-root and to install before an update, and "installs" its packages as stubs, as
# `cargo install` and `npm ci` do, so a second run must find everything present.
# Each case compares the log with the exact commands expected.
# Usage: tests/setup/stub_test.sh [-v]   (-v prints every case's log)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
verbose=${1:-}

# The pins the commands must carry: wasm-bindgen-cli = the wasm-bindgen crate in Cargo.lock,
# trunk = setup.sh's TRUNK_VERSION, wasm-opt = setup.sh's WASM_OPT_VERSION (the crate 0.116.1
# builds binaryen 116, which Trunk.toml must name: version_116).
wb=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/[^0-9.]/, ""); print; exit }' \
  "$repo/Cargo.lock")
trunk=$(sed -n 's/^TRUNK_VERSION=\([0-9.]*\)$/\1/p' "$repo/scripts/setup.sh")
wasm_opt=$(sed -n 's/^WASM_OPT_VERSION=\([0-9.]*\)$/\1/p' "$repo/scripts/setup.sh")
if [ -z "$wb" ] || [ -z "$trunk" ] || [ -z "$wasm_opt" ]; then
  echo "stub_test: cannot read the pinned versions" >&2
  exit 1
fi
binaryen=${wasm_opt#0.}
binaryen=${binaryen%%.*}
if ! grep -qx "wasm_opt = \"version_$binaryen\"" "$repo/Trunk.toml"; then
  echo "stub_test: Trunk.toml must say wasm_opt = \"version_$binaryen\" (setup.sh installs $wasm_opt)" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The real tools the sandbox may use; none of them is something setup.sh installs.
core="$work/core"
mkdir -p "$core"
for tool in bash env dirname basename sed head grep awk cat mkdir chmod touch; do
  real=$(command -v "$tool") || { echo "stub_test: needs $tool" >&2; exit 1; }
  ln -s "$real" "$core/$tool"
done

# stub NAME <<'EOF' BODY: an executable that runs BODY after the common helpers.
stub() {
  {
    printf '#!/usr/bin/env bash\nset -euo pipefail\n'
    cat <<'EOF'
me=${0##*/}
# log WHAT...: "cmd args  (details)" into the log
log() { printf '%s\n' "$*" >>"$STUB_DIR/log"; }
args() { printf '%s' "$me"; [ $# -eq 0 ] || printf ' %q' "$@"; }
uid() { printf 'uid %s' "$STUB_UID"; }
# tool NAME [VERSION [LINE]]: an installed tool (what apt-get, cargo install, npm ci leave
# behind); `NAME --version` prints LINE, by default "NAME VERSION"
tool() {
  local f="$STUB_DIR/bin/$1"
  printf '#!/usr/bin/env bash\n' >"$f"
  if [ -n "${2:-}" ]; then
    printf '[ "$*" = --version ] && { echo "%s"; exit 0; }\n' "${3:-$1 $2}" >>"$f"
  fi
  printf 'printf "%%s\\n" "$(basename "$0") $*  (uid $STUB_UID)" >>"$STUB_DIR/log"\n' >>"$f"
  chmod +x "$f"
}
EOF
    cat
  } >"$work/bin.template/$1"
  chmod +x "$work/bin.template/$1"
}
mkdir -p "$work/bin.template"

stub id <<'EOF'
[ "$*" = -u ] || { echo "id stub: unexpected: id $*" >&2; exit 1; }
echo "$STUB_UID"
EOF

# sudo [NAME=VALUE]... CMD ARGS: as root, with a reset environment (only PATH and the stubs').
stub sudo <<'EOF'
log "$(args "$@")  ($(uid))"
assign=()
while [ $# -gt 0 ] && [[ $1 == [A-Za-z_]*=* ]]; do assign+=("$1"); shift; done
exec env -i PATH="$PATH" STUB_DIR="$STUB_DIR" STUB_UID=0 STUB_VIA_SUDO=1 "${assign[@]}" "$@"
EOF

stub apt-get <<'EOF'
via=""
[ -z "${STUB_VIA_SUDO:-}" ] || via=" via sudo"
uid=$(id -u)
log "$(args "$@")  (uid ${uid}${via}, DEBIAN_FRONTEND=${DEBIAN_FRONTEND-unset})"
if [ "$uid" != 0 ]; then
  echo "E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)" >&2
  exit 100
fi
case "${1:-}" in
  update) touch "$STUB_DIR/apt-updated" ;;
  install)
    shift
    for pkg in "$@"; do
      case "$pkg" in
        -*) continue ;;
      esac
      [ -e "$STUB_DIR/apt-updated" ] || { echo "E: Unable to locate package $pkg" >&2; exit 100; }
      case "$pkg" in
        build-essential) tool cc ;;
        chromium) tool chromium ;;
        chromium-driver) tool chromedriver ;;
        texlive-latex-base) tool pdflatex ;;
        nodejs) tool node ;;
        npm) cp_npm=1 ;;
        *) echo "E: Unable to locate package $pkg" >&2; exit 100 ;;
      esac
    done
    [ -z "${cp_npm:-}" ] || { cat "$STUB_DIR/npm.template" >"$STUB_DIR/bin/npm"; chmod +x "$STUB_DIR/bin/npm"; }
    ;;
  *) echo "apt-get stub: unexpected: apt-get $*" >&2; exit 1 ;;
esac
EOF

# npm: `npm ci` in tests/e2e leaves node_modules/playwright-core behind.
stub npm <<'EOF'
where=${PWD#"$STUB_REPO"}; where=${where#/}
log "$(args "$@")  ($(uid), in ${where:-.}, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=${PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD-unset})"
[ "${1:-}" != ci ] || mkdir -p node_modules/playwright-core
EOF
mv "$work/bin.template/npm" "$work/npm.template"

stub rustup <<'EOF'
if [ "$*" = "target list --installed" ]; then
  echo x86_64-unknown-linux-gnu
  [ ! -e "$STUB_DIR/wasm32" ] || echo wasm32-unknown-unknown
  exit 0
fi
log "$(args "$@")  ($(uid))"
[ "$*" != "target add wasm32-unknown-unknown" ] || touch "$STUB_DIR/wasm32"
EOF

# cargo: `install` needs a C linker and leaves the crate's binaries behind.
stub cargo <<'EOF'
where=${PWD#"$STUB_REPO"}; where=${where#/}
log "$(args "$@")  ($(uid), in ${where:-.})"
if [ "${1:-}" = install ]; then
  command -v cc >/dev/null || { echo "error: linker \`cc\` not found" >&2; exit 101; }
  crate="" version=""
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --version) version=$2; shift ;;
      -*) ;;
      *) crate=$1 ;;
    esac
    shift
  done
  case "$crate" in
    wasm-bindgen-cli) tool wasm-bindgen "$version"; tool wasm-bindgen-test-runner "$version" ;;
    # the crate 0.116.1 builds binaryen 116: "wasm-opt version 116 (version_116)"
    wasm-opt) b=${version#0.}; b=${b%%.*}; tool wasm-opt "$version" "wasm-opt version $b (version_$b)" ;;
    *) tool "$crate" "$version" ;;
  esac
fi
EOF

# new_sandbox: a scratch repo (scripts/setup.sh, Cargo.toml, tests/e2e/) and stub dir, in $s.
n=0
new_sandbox() {
  n=$((n + 1))
  s="$work/case$n"
  mkdir -p "$s/repo/scripts" "$s/repo/tests/e2e" "$s/stubs"
  cat "$repo/tests/e2e/package-lock.json" >"$s/repo/tests/e2e/package-lock.json"
  cat "$repo/scripts/setup.sh" >"$s/repo/scripts/setup.sh"
  chmod +x "$s/repo/scripts/setup.sh"
  cat "$repo/Cargo.toml" >"$s/repo/Cargo.toml"
  mkdir -p "$s/stubs/bin" "$s/home" "$s/before" "$s/after"
  for f in "$work/bin.template"/*; do cat "$f" >"$s/stubs/bin/${f##*/}"; done
  chmod +x "$s/stubs/bin"/*
  cat "$work/npm.template" >"$s/stubs/npm.template"
  : >"$s/stubs/log"
}

# in_sandbox CMD ARGS: runs CMD among the stubs of $s, as root (to set up a case).
in_sandbox() {
  env STUB_DIR="$s/stubs" STUB_REPO="$s/repo" PATH="$s/stubs/bin:$core" STUB_UID=0 "$@" >/dev/null
}

# preinstall: everything present at the right versions in $s.
preinstall() {
  in_sandbox apt-get update -qq
  in_sandbox apt-get install -y build-essential chromium chromium-driver nodejs npm texlive-latex-base
  in_sandbox rustup target add wasm32-unknown-unknown
  in_sandbox cargo install wasm-bindgen-cli --version "$wb"
  in_sandbox cargo install trunk --version "$trunk"
  in_sandbox cargo install wasm-opt --version "$wasm_opt"
  mkdir -p "$s/repo/tests/e2e/node_modules/playwright-core"
  cat "$s/repo/tests/e2e/package-lock.json" >"$s/repo/tests/e2e/node_modules/.installed-package-lock.json"
}

failed=0
# run_case NAME SANDBOX UID STATUS EXPECTED [PART...]: runs setup.sh, compares status and log.
run_case() {
  local name=$1 s=$2 uid=$3 want_status=$4 expected=$5 status=0
  shift 5
  : >"$s/stubs/log"
  env -i PATH="$s/before:$s/stubs/bin:$s/after:$core" HOME="$s/home" CARGO_HOME="$s/stubs" \
    STUB_DIR="$s/stubs" STUB_REPO="$s/repo" STUB_UID="$uid" \
    "$s/repo/scripts/setup.sh" "$@" >"$s/out" 2>&1 || status=$?
  diff -u <(printf '%s' "$expected") "$s/stubs/log" >"$s/diff" || status="$status, log differs"
  if [ "$status" = "$want_status" ]; then
    echo "ok   $name"
    [ -z "$verbose" ] || sed 's/^/       /' "$s/stubs/log"
  else
    failed=1
    echo "FAIL $name: setup.sh exited $status (expected $want_status and the commands below)"
    echo "     -- expected commands, + the ones run:"
    sed 's/^/     /' "$s/diff"
    echo "     -- setup.sh's output:"
    sed 's/^/     /' "$s/out"
  fi
}

apt_root='(uid 0, DEBIAN_FRONTEND=noninteractive)'
apt_sudo='(uid 0 via sudo, DEBIAN_FRONTEND=noninteractive)'
npm_ci='npm ci --engine-strict --no-audit --no-fund --loglevel=error'
npm_where='in tests/e2e, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1'

# A fresh machine, as root: apt-get directly, updated once, before the first install.
new_sandbox
run_case "fresh machine as root: every install, apt-get without sudo" "$s" 0 0 "\
apt-get update -qq  $apt_root
apt-get install -y -qq build-essential  $apt_root
rustup target add wasm32-unknown-unknown  (uid 0)
cargo install wasm-bindgen-cli --version $wb --force  (uid 0, in .)
cargo install --locked trunk --version $trunk --force  (uid 0, in .)
cargo install --locked wasm-opt --version $wasm_opt --force  (uid 0, in .)
apt-get install -y -qq chromium chromium-driver  $apt_root
apt-get install -y -qq nodejs npm  $apt_root
$npm_ci  (uid 0, $npm_where)
apt-get install -y -qq texlive-latex-base  $apt_root
cargo fetch --quiet  (uid 0, in .)
"
run_case "  then again as root: nothing to install" "$s" 0 0 "\
cargo fetch --quiet  (uid 0, in .)
"

# A fresh machine, as a user: apt-get through sudo, everything else as the user.
new_sandbox
run_case "fresh machine as uid 1000: apt-get through sudo, the rest as the user" "$s" 1000 0 "\
sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq  (uid 1000)
apt-get update -qq  $apt_sudo
sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq build-essential  (uid 1000)
apt-get install -y -qq build-essential  $apt_sudo
rustup target add wasm32-unknown-unknown  (uid 1000)
cargo install wasm-bindgen-cli --version $wb --force  (uid 1000, in .)
cargo install --locked trunk --version $trunk --force  (uid 1000, in .)
cargo install --locked wasm-opt --version $wasm_opt --force  (uid 1000, in .)
sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver  (uid 1000)
apt-get install -y -qq chromium chromium-driver  $apt_sudo
sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm  (uid 1000)
apt-get install -y -qq nodejs npm  $apt_sudo
$npm_ci  (uid 1000, $npm_where)
sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq texlive-latex-base  (uid 1000)
apt-get install -y -qq texlive-latex-base  $apt_sudo
cargo fetch --quiet  (uid 1000, in .)
"
run_case "  then again as uid 1000: nothing to install" "$s" 1000 0 "\
cargo fetch --quiet  (uid 1000, in .)
"

# Everything already there at the right versions.
for uid in 0 1000; do
  new_sandbox
  preinstall "$s"
  run_case "everything present, uid $uid: nothing installed" "$s" "$uid" 0 "\
cargo fetch --quiet  (uid $uid, in .)
"
done

# Wrong versions of the cargo tools: all three reinstalled at the pins, nothing else.
new_sandbox
preinstall "$s"
in_sandbox cargo install wasm-bindgen-cli --version 0.2.100
in_sandbox cargo install trunk --version 0.22.0
in_sandbox cargo install wasm-opt --version 0.114.0
run_case "other wasm-bindgen, trunk and wasm-opt versions: all reinstalled at the pins" "$s" 1000 0 "\
cargo install wasm-bindgen-cli --version $wb --force  (uid 1000, in .)
cargo install --locked trunk --version $trunk --force  (uid 1000, in .)
cargo install --locked wasm-opt --version $wasm_opt --force  (uid 1000, in .)
cargo fetch --quiet  (uid 1000, in .)
"

# Debian's binaryen: its wasm-opt 108 breaks wasm-bindgen's output and is never taken.
# debian_wasm_opt DIR: a wasm-opt 108 in $s/DIR, "before" or "after" the stubs on PATH.
debian_wasm_opt() {
  printf '#!/usr/bin/env bash\necho "wasm-opt version 108"\n' >"$s/$1/wasm-opt"
  chmod +x "$s/$1/wasm-opt"
}
new_sandbox
preinstall
rm "$s/stubs/bin/wasm-opt"
debian_wasm_opt after
run_case "Debian's wasm-opt 108 after CARGO_HOME/bin on PATH: wasm-opt from crates.io" "$s" 1000 0 "\
cargo install --locked wasm-opt --version $wasm_opt --force  (uid 1000, in .)
cargo fetch --quiet  (uid 1000, in .)
"
run_case "  then again: nothing to install" "$s" 1000 0 "\
cargo fetch --quiet  (uid 1000, in .)
"
new_sandbox
preinstall
rm "$s/stubs/bin/wasm-opt"
debian_wasm_opt before
run_case "Debian's wasm-opt 108 before CARGO_HOME/bin on PATH: installed, then setup stops" "$s" 0 1 "\
cargo install --locked wasm-opt --version $wasm_opt --force  (uid 0, in .)
"
if ! grep -q "apt-get remove binaryen" "$s/out"; then
  failed=1
  echo "FAIL   setup.sh does not say how to get rid of the other wasm-opt:"
  sed 's/^/     /' "$s/out"
fi
run_case "  then again: not installed again, stops again" "$s" 0 1 ""

# Half there: Chromium without its driver, Node without npm, no node_modules.
new_sandbox
preinstall
rm "$s/stubs/bin/chromedriver" "$s/stubs/bin/npm"
rm -r "$s/repo/tests/e2e/node_modules"
run_case "chromium without chromedriver, node without npm: both pairs installed" "$s" 0 0 "\
apt-get update -qq  $apt_root
apt-get install -y -qq chromium chromium-driver  $apt_root
apt-get install -y -qq nodejs npm  $apt_root
$npm_ci  (uid 0, $npm_where)
cargo fetch --quiet  (uid 0, in .)
"

# Everything but pdflatex: only texlive-latex-base, after an apt-get update.
new_sandbox
preinstall
rm "$s/stubs/bin/pdflatex"
run_case "pdflatex missing: texlive-latex-base installed, nothing else" "$s" 1000 0 "\
sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq  (uid 1000)
apt-get update -qq  $apt_sudo
sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq texlive-latex-base  (uid 1000)
apt-get install -y -qq texlive-latex-base  $apt_sudo
cargo fetch --quiet  (uid 1000, in .)
"

# The lock file changed since the last install (a package added): npm ci again.
new_sandbox
preinstall
echo '{"changed": true}' >"$s/repo/tests/e2e/package-lock.json"
run_case "tests/e2e's package-lock.json changed since the last install: npm ci again" "$s" 0 0 "\
$npm_ci  (uid 0, $npm_where)
cargo fetch --quiet  (uid 0, in .)
"

# The smaller parts install only their share.
new_sandbox
run_case "part 'native' on a fresh machine: only a C toolchain" "$s" 1000 0 "\
sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq  (uid 1000)
apt-get update -qq  $apt_sudo
sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq build-essential  (uid 1000)
apt-get install -y -qq build-essential  $apt_sudo
cargo fetch --quiet  (uid 1000, in .)
" native
new_sandbox
run_case "part 'web' on a fresh machine: no browser, no Node" "$s" 0 0 "\
apt-get update -qq  $apt_root
apt-get install -y -qq build-essential  $apt_root
rustup target add wasm32-unknown-unknown  (uid 0)
cargo install wasm-bindgen-cli --version $wb --force  (uid 0, in .)
cargo install --locked trunk --version $trunk --force  (uid 0, in .)
cargo install --locked wasm-opt --version $wasm_opt --force  (uid 0, in .)
cargo fetch --quiet  (uid 0, in .)
" web
new_sandbox
run_case "an unknown part: exit 2, nothing run" "$s" 0 2 "" everything

exit "$failed"
