#!/usr/bin/env bash
# The dashboard's figures (issue 6): bench/web/run_dashboard_bench.sh BUILD_DIR [dashboard_bench.mjs args]
#   BUILD_DIR: a Release build with the keyledger target (e.g. build-web-rel).
# Builds client_web if needed, starts `keyledger serve --demo --manual-clock` on a free loopback
# port with an empty data folder (the demo seed plays two years of history first), runs
# dashboard_bench.mjs with Debian's /usr/bin/chromium, prints the report, stops the server.
set -euo pipefail
BUILD=${1:?usage: bench/web/run_dashboard_bench.sh BUILD_DIR [--loads N] [--rate R] [--seconds S]}
shift || true
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=$(cd "$BUILD" && pwd)/server/keyledger
[ -x "$BIN" ] || { echo "not executable: $BIN (ninja -C $BUILD keyledger)" >&2; exit 2; }
[ -x /usr/bin/chromium ] || { echo "needs Debian chromium at /usr/bin/chromium" >&2; exit 2; }
[ -d "$HERE/node_modules/playwright-core" ] || (cd "$HERE" && npm ci --no-audit --no-fund)
if [ ! -f "$ROOT/client_web/dist/.vite/manifest.json" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$ROOT/client_web" && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build)
fi

DATA=$(mktemp -d)  # mktemp's default template: /tmp/tmp.XXXXXXXXXX
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
URL="http://127.0.0.1:$PORT"
cleanup() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"; for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

echo "date: $(date -u +%FT%TZ)"
echo "load before: $(uptime)"
KEYLEDGER_ADMIN_PASSWORD=bench-admin "$BIN" serve --data-dir "$DATA/data" --listen "127.0.0.1:$PORT" \
  --manual-clock --demo --web-root "$ROOT/client_web/dist" --allowed-origin "$URL" >"$DATA/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 600); do grep -q "listening on" "$DATA/server.log" && break; sleep 0.1; done
grep -q "listening on" "$DATA/server.log" || { cat "$DATA/server.log" >&2; exit 1; }
grep '"demo seed done"' "$DATA/server.log" || true

KEYLEDGER_URL="$URL" node "$HERE/dashboard_bench.mjs" "$@"
echo "load after: $(uptime)"
