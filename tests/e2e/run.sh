#!/usr/bin/env bash
# End-to-end tests of the dashboard against a real keyledger server.
#   tests/e2e/run.sh /path/to/keyledger [extra node --test args]
# Builds client_web (if needed), starts `keyledger serve --manual-clock --demo` on a free
# loopback port with an empty data folder, runs the specs with chromium (/usr/bin/chromium),
# stops the server. Screenshots land in tests/e2e/screenshots/.
# Extra server flags (e.g. where the static files are) may be given in KEYLEDGER_SERVE_ARGS.
set -euo pipefail
BIN=${1:?usage: tests/e2e/run.sh /path/to/keyledger}
shift || true
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

[ -x "$BIN" ] || { echo "not executable: $BIN" >&2; exit 2; }
[ -x /usr/bin/chromium ] || { echo "needs Debian chromium at /usr/bin/chromium" >&2; exit 2; }

if [ ! -d "$HERE/node_modules/playwright-core" ]; then (cd "$HERE" && npm ci --no-audit --no-fund); fi
if [ ! -f "$ROOT/client_web/dist/index.html" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$ROOT/client_web" && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build)
fi

DATA=$(mktemp -d)
LOG="$DATA/server.log"
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
URL="http://127.0.0.1:$PORT"
export KEYLEDGER_ADMIN_PASSWORD=${KEYLEDGER_ADMIN_PASSWORD:-e2e-admin-password}

cleanup() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -z "${KEEP_DATA:-}" ]; then rm -rf "$DATA"; else echo "data and log kept in $DATA"; fi
}
trap cleanup EXIT

# Run from the repository root so the server finds client_web/dist.
cd "$ROOT"
# shellcheck disable=SC2086
"$BIN" serve --data-dir "$DATA/data" --listen "127.0.0.1:$PORT" --manual-clock --demo \
  --allowed-origin "$URL" ${KEYLEDGER_SERVE_ARGS:-} >"$LOG" 2>&1 &
SERVER_PID=$!

# Seeding the demo company under the sanitizers takes a while: allow two minutes.
for _ in $(seq 1200); do
  grep -q "listening on http://" "$LOG" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:" >&2; cat "$LOG" >&2; exit 1; }
  sleep 0.1
done
grep -q "listening on http://" "$LOG" || { echo "server did not start:" >&2; cat "$LOG" >&2; exit 1; }

export KEYLEDGER_URL="$URL"
cd "$HERE"
node --test --test-concurrency=1 --test-reporter=spec "$@" specs/
