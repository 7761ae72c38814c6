#!/usr/bin/env bash
# Runs the read-side benchmarks (Google Benchmark, Release build), one group per process so that
# each group's data set and memory readings are its own. Results: bench/RESULTS.md,
# "Projections (issue 4)".
# Usage: bench/projections/run_projections_bench.sh [BUILD_DIR] [GROUP...]
#   BUILD_DIR default build-bench-proj; GROUPs: rebuild snapshot advance memory (default: all).
# Environment: PROJ_BENCH_REPETITIONS (default 5; the advance-day group at most 4, memory 1),
#   KEYLEDGER_BENCH_REBUILD_EVENTS (5,000,000), KEYLEDGER_BENCH_SNAPSHOT_EVENTS (10,000,000),
#   PROJ_BENCH_OUT (folder for the JSON results, default /tmp/keyledger_projections_results).
# The generated logs live in a private temp folder that is removed on exit, whatever happens.
# The machine is shared: each group waits until no ninja/ctest runs (up to 40 minutes).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$repo/build-bench-proj}"
shift || true
groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(rebuild snapshot advance memory)
bin="$build/bench/projections/projections_bench"
reps="${PROJ_BENCH_REPETITIONS:-5}"
out="${PROJ_BENCH_OUT:-/tmp/keyledger_projections_results}"
[ -x "$bin" ] || { echo "no $bin: ninja -C $build projections_bench" >&2; exit 1; }
mkdir -p "$out"

# mktemp fills in the X template: a fresh scratch folder per run, removed on exit.
scratch="$(mktemp -d /tmp/keyledger_projbench.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
export KEYLEDGER_BENCH_TMP="$scratch"

busy() { pgrep -x ninja >/dev/null || pgrep -x ctest >/dev/null; }
# Returns once no build or test has run for a minute (builds come in bursts), or after 40 min.
wait_until_quiet() {
  local waited=0 quiet=0
  while [ $quiet -lt 60 ]; do
    if busy; then quiet=0; else quiet=$((quiet + 15)); fi
    if [ $waited -ge 2400 ]; then echo "still busy after 40 min; running anyway" >&2; return; fi
    [ $waited -eq 0 ] && busy && echo "waiting for other builds/tests to finish..." >&2
    sleep 15
    waited=$((waited + 15))
  done
}

run_group() {
  local name="$1" filter="$2" repetitions="$3"
  wait_until_quiet
  echo "== $name ($(date -u '+%Y-%m-%d %H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg); free disk: $(df -h --output=avail /tmp | tail -1 | tr -d ' '))"
  timeout 7200 "$bin" --benchmark_filter="$filter" --benchmark_repetitions="$repetitions" \
    --benchmark_counters_tabular=true \
    --benchmark_out="$out/$name.json" --benchmark_out_format=json
  echo "== $name done ($(date -u '+%H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg))"
}

for group in "${groups[@]}"; do
  case "$group" in
    rebuild) run_group rebuild 'BM_Rebuild|BM_Peer' "$reps" ;;
    snapshot) run_group snapshot 'Snapshot' "$reps" ;;
    advance) run_group advance 'BM_AdvanceDay' "$(( reps < 4 ? reps : 4 ))" ;;
    memory) run_group memory 'Memory' 1 ;;
    *) echo "unknown group $group" >&2; exit 2 ;;
  esac
done
