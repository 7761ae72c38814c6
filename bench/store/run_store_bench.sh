#!/usr/bin/env bash
# Runs the store benchmarks (Google Benchmark, Release build) and the PostgreSQL 15 peer.
# Usage: bench/store/run_store_bench.sh [BUILD_DIR] (default: build-store-rel)
# The PostgreSQL peer: a private cluster in a temp folder, unix socket only (no TCP), fsync=on,
# synchronous_commit=on; pgbench -n -c 64 -j 2 -T 20 inserting one ~300-byte jsonb event per
# transaction into events(seq bigserial, stream text, version int, type text, payload jsonb,
# unique(stream, version)). The cluster and its folder are removed on exit.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$repo/build-store-rel}"
pg_bin=/usr/lib/postgresql/15/bin
reps="${STORE_BENCH_REPETITIONS:-3}"

if [ "${STORE_BENCH_SKIP_GBENCH:-0}" != 1 ]; then
  echo "== Google Benchmark: $build/bench/store/store_bench (repetitions=$reps)"
  timeout 1800 "$build/bench/store/store_bench" \
    --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
    --benchmark_counters_tabular=true
fi

echo "== PostgreSQL 15 peer"
tmp="$(mktemp -d /tmp/keyledger_pgbench.XXXXXX)"
run_as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$tmp"
  run_as=(runuser -u postgres --)
fi
cleanup() {
  "${run_as[@]}" "$pg_bin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"${run_as[@]}" "$pg_bin/initdb" -D "$tmp/data" -U bench --auth=trust >/dev/null
cat >> "$tmp/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$tmp'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 100
shared_buffers = 256MB
CONF
"${run_as[@]}" "$pg_bin/pg_ctl" -D "$tmp/data" -l "$tmp/log" -w -t 60 start >/dev/null

psql_cmd=("${run_as[@]}" "$pg_bin/psql" -h "$tmp" -U bench -d postgres -v ON_ERROR_STOP=1 -q)
"${psql_cmd[@]}" <<'SQL'
CREATE TABLE events (
  seq bigserial PRIMARY KEY,
  stream text NOT NULL,
  version int NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL,
  UNIQUE (stream, version)
);
SQL

# One event per transaction, each client on its own stream ('project-<client_id>'); versions are
# random in 1..2e9, so the unique (stream, version) index is checked on every insert and virtually
# never conflicts (ON CONFLICT DO NOTHING keeps a rare collision from aborting the run).
payload='{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","actor":"user-0042","correlation_id":"5c1f8a3e-2b7d-4e9a-9f10-3c2b1d0e4f55","occurred_at":"2026-11-22T23:59:59.123456Z","data":{"project":"P00012","name":"Rollout wave 12","amount":12345.25,"tags":["key","q4"],"due":"2026-12-01"}}'
cat > "$tmp/insert.sql" <<SQL
\set v random(1, 2000000000)
INSERT INTO events (stream, version, type, payload)
VALUES ('project-' || :client_id, :v, 'ProjectUpdated', '$payload'::jsonb)
ON CONFLICT DO NOTHING;
SQL
chmod 644 "$tmp/insert.sql"
echo "payload bytes: ${#payload}"
"${run_as[@]}" "$pg_bin/pgbench" -h "$tmp" -U bench -n -c 64 -j 2 -T 20 -f "$tmp/insert.sql" postgres \
  | grep -E "number of transactions actually processed|latency average|tps"
