#!/usr/bin/env bash
# Starts an isolated code-server (VS Code 1.100.3 workbench) on 127.0.0.1 with this repository
# installed as an extension (plus optional helper extensions) and a workspace folder opened.
# Used by test/e2e/driver.ts; also handy by hand:
#   test/e2e/start-code-server.sh 8123 "$PWD/examples"   # then open the printed URL
#   kill -- -"$(cat .e2e/runs/manual-8123/server.pid)"   # stop (whole process group)
#
# Usage: start-code-server.sh PORT WORKSPACE_DIR [RUN_DIR]
#   RUN_DIR (default .e2e/runs/manual-PORT) is wiped: HOME, user-data, extensions, logs,
#   server.log, server.pid. Prints the workbench URL on stdout (last line).
# Env:
#   EXTENSION_VSIX    a packaged extension to install with `code-server --install-extension`
#                     (npm run package), as users install it; wins over EXTENSION_DIR
#   EXTENSION_DIR     extension folder to link (default: this repository)
#   EXTRA_EXTENSIONS  colon-separated further extension folders (e.g. test/e2e/bridge)
#   USER_SETTINGS     JSON object merged over the default user settings below
#   E2E_BRIDGE_DIR    passed through to the extension host (the bridge writes its files there)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
E2E_HOME="${E2E_HOME:-$ROOT/.e2e}"
PORT="${1:?port}"
WS="$(realpath "${2:?workspace folder}")"
RUN="${3:-$E2E_HOME/runs/manual-$PORT}"
EXT="$(realpath "${EXTENSION_DIR:-$ROOT}")"
CS_BIN="$E2E_HOME/code-server/node_modules/.bin/code-server"

[ -x "$CS_BIN" ] || { echo "code-server is not installed: run test/e2e/install.sh" >&2; exit 1; }
[ -f "$EXT/package.json" ] || { echo "no package.json in $EXT" >&2; exit 1; }
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT already in use" >&2; exit 1; fi

rm -rf "$RUN"
mkdir -p "$RUN/home" "$RUN/user-data/User" "$RUN/extensions"

# Extensions are symlinked into a fresh extensions dir as <publisher>.<name>-<version>: VS Code
# scans the dir on first start because extensions.json does not exist yet (when it exists, a
# newly linked extension is silently ignored, hence the wipe above).
link_ext() {
  local dir name
  dir="$(realpath "$1")"
  name="$(node -e 'const p=require(process.argv[1]+"/package.json");console.log(`${p.publisher}.${p.name}-${p.version}`.toLowerCase())' "$dir")"
  ln -s "$dir" "$RUN/extensions/$name"
}
if [ -n "${EXTENSION_VSIX:-}" ]; then
  # Installed by code-server itself into a side folder, then linked like the others: installing
  # into the extensions dir would write extensions.json, and the linked bridge would be ignored.
  [ -f "$EXTENSION_VSIX" ] || { echo "no VSIX at $EXTENSION_VSIX (npm run package)" >&2; exit 1; }
  HOME="$RUN/home" EXTENSIONS_GALLERY='{}' "$CS_BIN" --extensions-dir "$RUN/vsix-install" \
    --user-data-dir "$RUN/user-data" --install-extension "$(realpath "$EXTENSION_VSIX")" >"$RUN/vsix-install.log" 2>&1 \
    || { cat "$RUN/vsix-install.log" >&2; exit 1; }
  installed="$(find "$RUN/vsix-install" -mindepth 1 -maxdepth 1 -type d -name 'flowstudio.flowstudio-*' | head -n 1)"
  [ -n "$installed" ] || { echo "code-server installed no flowstudio extension:" >&2; cat "$RUN/vsix-install.log" >&2; exit 1; }
  link_ext "$installed"
else
  link_ext "$EXT"
fi
IFS=: read -r -a extra <<< "${EXTRA_EXTENSIONS:-}"
for e in "${extra[@]}"; do [ -n "$e" ] && link_ext "$e"; done

cat > "$RUN/config.yaml" <<YAML
bind-addr: 127.0.0.1:$PORT
auth: none
cert: false
YAML

# No first-run UI, no network features, nothing that pops up over the editor in screenshots.
node -e '
const [file, extra] = process.argv.slice(1);
const settings = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "git.enabled": false,
  "git.autoRepositoryDetection": false,
  "github.gitAuthentication": false,
  "npm.autoDetect": "off",
  "typescript.disableAutomaticTypeAcquisition": true,
  "chat.commandCenter.enabled": false,
  "editor.minimap.enabled": false,
  "editor.quickSuggestions": { "other": "off", "comments": "off", "strings": "off" },
  "files.autoSave": "off",
  "files.hotExit": "off",
  "window.commandCenter": true,
  // the DOM renderer keeps terminal text readable by the driver
  "terminal.integrated.gpuAcceleration": "off",
  ...JSON.parse(extra || "{}"),
};
require("fs").writeFileSync(file, JSON.stringify(settings, null, 2));
' "$RUN/user-data/User/settings.json" "${USER_SETTINGS:-}"

export HOME="$RUN/home" XDG_CONFIG_HOME="$RUN/home/.config" XDG_DATA_HOME="$RUN/home/.local/share" \
       XDG_CACHE_HOME="$RUN/home/.cache"
# No extension gallery at all (the default, open-vsx.org, would be queried otherwise).
export EXTENSIONS_GALLERY='{}'
unset PASSWORD HASHED_PASSWORD GITHUB_TOKEN
# setsid: its own process group, so the server and its extension hosts stop together.
setsid "$CS_BIN" \
  --config "$RUN/config.yaml" \
  --user-data-dir "$RUN/user-data" \
  --extensions-dir "$RUN/extensions" \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override --disable-proxy --ignore-last-opened \
  "$WS" >"$RUN/server.log" 2>&1 </dev/null &
echo $! >"$RUN/server.pid"

for _ in $(seq 1 240); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  if ! kill -0 "$(cat "$RUN/server.pid")" 2>/dev/null; then cat "$RUN/server.log" >&2; exit 1; fi
  sleep 0.25
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" || { cat "$RUN/server.log" >&2; exit 1; }
node -e '
const [port, ws] = process.argv.slice(1);
console.log(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws).replaceAll("%2F", "/")}`);
' "$PORT" "$WS"
