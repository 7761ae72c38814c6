#!/usr/bin/env bash
# Every benchmark of bench/RESULTS.md in one command (issue 8): builds the Release benchmark
# targets in one build folder, then runs each benchmark script in turn, each one's output in its
# own log file, and prints a summary (exit code, duration, the script's closing lines).
#
#   scripts/install-deps.sh --bench                 # PostgreSQL 15, wrk, nginx, jq (the peers)
#   (cd bench/server/node_peer && npm ci)           # the Node.js ws peer of the feed benchmark
#   (cd bench/web && npm ci)                        # playwright-core for the dashboard benchmark
#   bench/run_all.sh [BUILD_DIR]                    # default build-bench; several hours in all
#
# In order: store (issue 2: durable appends vs raw RocksDB and PostgreSQL, replay), domain
# (issue 3: Decide/Evolve, conflict checks), projections (issue 4: rebuild, snapshot start, advance
# day, memory), server (issue 5: commands vs PostgreSQL, reads vs nginx, feed vs Node ws), web
# (issue 6: dashboard first paint, alert centre at 50 reminders/s), growth (issue 8: 10^5..10^7
# events, 10^2..10^4 sockets). Each script's own header says what it measures and its knobs
# (environment variables), which pass through.
# Environment: BENCH_ONLY (comma list of the names above; default all), BENCH_LOG_DIR (default
# BUILD_DIR/bench-logs/<UTC date-time>), BENCH_JOBS (ninja -j, default 1: the machine may be shared).
# Checks every peer first and stops, saying what to install, if one a chosen benchmark needs is
# missing. A failing benchmark does not stop the others; the exit code is 1 if any failed.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
build="${1:-build-bench}"
[[ "$build" = /* ]] || build="$repo/$build"
only="${BENCH_ONLY:-store,domain,projections,server,web,growth}"
logs="${BENCH_LOG_DIR:-$build/bench-logs/$(date -u +%Y%m%dT%H%M%SZ)}"
wants() { [[ ",$only," == *",$1,"* ]]; }

# --- the peers: checked, never installed here --------------------------------------------------
missing=()
need_cmd() { command -v "$1" >/dev/null || missing+=("$1 ($2)"); }
need_cmd cmake "scripts/install-deps.sh"
need_cmd ninja "scripts/install-deps.sh"
if wants store || wants server; then
  [[ -x /usr/lib/postgresql/15/bin/pgbench ]] || missing+=("PostgreSQL 15 (scripts/install-deps.sh --bench)")
fi
if wants server; then
  for tool in wrk nginx jq node; do need_cmd "$tool" "scripts/install-deps.sh --bench"; done
  [[ -d bench/server/node_peer/node_modules/ws ]] || missing+=("the ws peer (cd bench/server/node_peer && npm ci)")
fi
if wants web; then
  need_cmd node "scripts/install-deps.sh"
  [[ -x /usr/bin/chromium ]] || missing+=("chromium (scripts/install-deps.sh)")
  [[ -d bench/web/node_modules/playwright-core ]] || missing+=("playwright-core (cd bench/web && npm ci)")
fi
if wants growth; then for tool in jq curl python3; do need_cmd "$tool" "scripts/install-deps.sh --bench"; done; fi
if ((${#missing[@]})); then
  echo "run_all: missing peers for the chosen benchmarks ($only):" >&2
  printf '  %s\n' "${missing[@]}" >&2
  exit 2
fi

# --- one Release build with every benchmark target --------------------------------------------
targets=()
wants store && targets+=(store_bench)
wants domain && targets+=(domain_bench)
wants projections && targets+=(projections_bench)
wants server && targets+=(keyledger feed_load)
wants web && targets+=(keyledger)
wants growth && targets+=(growth_bench keyledger feed_load)
mkdir -p "$logs"
export CCACHE_BASEDIR="$repo" CCACHE_NOHASHDIR=true   # reuse objects of other builds of this checkout
echo "run_all: building ${targets[*]} in $build (log: $logs/build.log)"
{
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKEYLEDGER_BUILD_TESTS=OFF -DKEYLEDGER_BUILD_BENCH=ON
  ninja -C "$build" -j"${BENCH_JOBS:-1}" $(printf '%s\n' "${targets[@]}" | sort -u)
} >"$logs/build.log" 2>&1 || { echo "run_all: build failed:" >&2; tail -30 "$logs/build.log" >&2; exit 1; }

# --- the benchmarks ---------------------------------------------------------------------------
summary=()
failed=0
run() {  # NAME COMMAND...
  local name=$1 start rc=0
  shift
  wants "$name" || return 0
  start=$(date +%s)
  echo "run_all: $name: $* ($(date -u +%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)) -> $logs/$name.log"
  "$@" >"$logs/$name.log" 2>&1 || rc=$?
  ((rc == 0)) || failed=1
  summary+=("$(printf '%-12s exit %-3s %5d s  %s' "$name" "$rc" $(($(date +%s) - start)) "$logs/$name.log")")
}
run store bench/store/run_store_bench.sh "$build"
run domain "$build/bench/domain/domain_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_counters_tabular=true
run projections bench/projections/run_projections_bench.sh "$build"
run server bench/server/run_server_bench.sh "$build"
run web bench/web/run_dashboard_bench.sh "$build" --loads 7 --rate 50 --seconds 12
run growth bench/growth/run_growth.sh "$build"

echo
echo "== run_all summary ($(date -u)); the full output of each benchmark is in its log"
for line in "${summary[@]}"; do
  echo "$line"
  log="$logs/${line%% *}.log"
  # The script's own closing summary if it prints one ("== summary ..."), else its last lines.
  from=$(grep -n '^== .*summary' "$log" | tail -1 | cut -d: -f1 || true)
  if [[ -n "$from" ]]; then tail -n "+$from" "$log"; else tail -n 12 "$log"; fi | sed 's/^/    /'
done
exit "$failed"
