#!/usr/bin/env bash
# Installs what the real-VS-Code e2e suite needs, offline-friendly (npm registry + Debian apt only):
#   - apt: chromium (the browser Playwright drives), ripgrep (replaces @vscode/ripgrep's GitHub
#     download), libkrb5-dev + build tools (code-server's native modules), fonts for screenshots;
#   - npm: code-server 4.100.3 (= VS Code 1.100.3, the newest that runs on Node 20) into
#     .e2e/code-server, outside the project's node_modules so it never enters the extension package.
# Idempotent: each step is skipped when its result is already there.
#
# Env: E2E_HOME (default <repo>/.e2e), SKIP_APT=1 (no apt even when packages are missing).
set -euo pipefail

CS_VERSION=4.100.3
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
E2E_HOME="${E2E_HOME:-$ROOT/.e2e}"
CS_DIR="$E2E_HOME/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
APT_PACKAGES=(chromium ripgrep libkrb5-dev fonts-dejavu-core build-essential pkg-config python3)

log() { echo "[e2e install] $*"; }

# ---------------------------------------------------------------- 1. apt
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  log "apt packages present"
elif [ "${SKIP_APT:-0}" = 1 ]; then
  log "missing apt packages (SKIP_APT=1): ${missing[*]}" >&2; exit 1
else
  log "apt install ${missing[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  # wait for the dpkg lock instead of failing when another apt run is in progress
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---------------------------------------------------------------- 2. code-server
installed_version() {
  # (its first start may log a line before the version: look for the version line itself)
  # (no `| head` here: with pipefail, a writer killed by SIGPIPE fails the script)
  local out
  out="$(XDG_CONFIG_HOME="$CS_DIR/.xdg" XDG_DATA_HOME="$CS_DIR/.xdg" "$CS_BIN" --version 2>/dev/null || true)"
  sed -nE 's/^([0-9]+\.[0-9]+\.[0-9]+) .*/\1/p' <<<"$out" | sed -n 1p
}
if [ -x "$CS_BIN" ] && [ "$(installed_version)" = "$CS_VERSION" ] \
   && [ -x "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
  log "code-server $CS_VERSION present in $CS_DIR"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads ripgrep from GitHub unless its cache in os.tmpdir()
# (vscode-ripgrep-cache-<pkgversion>/) already holds the archive: seed it with Debian's rg for
# every @vscode/ripgrep version code-server's shrinkwraps may pin (1.15.11 for 4.100.3).
export TMPDIR="$E2E_HOME/tmp"
mkdir -p "$TMPDIR" "$CS_DIR"
RG_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
for rgv in 1.15.9 1.15.10 1.15.11 1.15.12 1.15.13 1.15.14; do
  d="$TMPDIR/vscode-ripgrep-cache-$rgv"
  mkdir -p "$d"
  if [ ! -s "$d/$RG_ARCHIVE" ]; then
    stage="$(mktemp -d)"
    cp "$(command -v rg)" "$stage/rg"
    tar czf "$d/$RG_ARCHIVE" -C "$stage" rg
    rm -rf "$stage"
  fi
done

# node-gyp must build against the installed Node headers instead of downloading them, and
# node-pty's postinstall runs `npx node-gyp`, which aborts if a user npmrc says yes=false.
if [ -f /usr/include/node/node_version.h ]; then export npm_config_nodedir=/usr; fi
export npm_config_yes=true

cd "$CS_DIR"
cat > package.json <<JSON
{ "name": "flowstudio-e2e-code-server", "version": "1.0.0", "private": true,
  "allowScripts": { "code-server@$CS_VERSION": true, "argon2": true } }
JSON
log "npm install code-server@$CS_VERSION into $CS_DIR (about a minute)"
# --unsafe-perm: code-server's postinstall refuses to run as root otherwise; it then runs
# `npm install --omit=dev` in lib/vscode and builds the native modules.
npm install --unsafe-perm --no-audit --no-fund --no-save --loglevel=error "code-server@$CS_VERSION"

# ---------------------------------------------------------------- 3. verify
VS="$CS_DIR/node_modules/code-server/lib/vscode/node_modules"
rg_version="$("$VS/@vscode/ripgrep/bin/rg" --version)"
log "bundled ripgrep: ${rg_version%%$'\n'*}"
for m in kerberos @vscode/spdlog node-pty native-watchdog; do
  ls "$VS/$m/build/Release/"*.node >/dev/null
done
v="$(installed_version)"
[ "$v" = "$CS_VERSION" ] || { log "code-server --version printed '$v', expected $CS_VERSION" >&2; exit 1; }
log "installed code-server $v: $CS_BIN"
