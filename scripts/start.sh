#!/usr/bin/env bash
# README command 1: install what is missing, build (Release) and start keyledger on 127.0.0.1
# with its data in ./data. Extra arguments go to `keyledger serve` (e.g. --listen 127.0.0.1:9000).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DKEYLEDGER_BUILD_TESTS=OFF -DKEYLEDGER_BUILD_BENCH=OFF >/dev/null
cmake --build build/release --target keyledger
if [[ -f client_web/package.json ]]; then
  (cd client_web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
fi

listen="${KEYLEDGER_LISTEN:-127.0.0.1:8080}"
exec build/release/server/keyledger serve --data-dir "${KEYLEDGER_DATA_DIR:-data}" \
  --listen "$listen" --web-root client_web/dist --demo "$@"
