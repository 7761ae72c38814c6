#!/usr/bin/env bash
# The growth table of issue 8: how append, read, rebuild and memory scale from 10^5 to 10^7 events,
# and the live feed from 10^2 to 10^4 sockets. Results: bench/RESULTS.md, "Growth (issue 8)".
#
#   cmake -S . -B build-growth -G Ninja -DCMAKE_BUILD_TYPE=Release -DKEYLEDGER_BUILD_TESTS=OFF -DKEYLEDGER_BUILD_BENCH=ON
#   ninja -C build-growth growth_bench keyledger feed_load
#   bench/growth/run_growth.sh [BUILD_DIR]          # default build-growth; about 1 hour, most of it at 10^7
#
# Per N (GROWTH_EVENTS, default "100000 1000000 10000000"), on one generated company year of N
# events (bench/projections/year_log.h; bulk-loaded with sync off and compacted, then measured
# with the store's normal, durable settings), each measurement in its own process:
#   read      growth_bench read: store open time, ReadStream of a random project, ReadAll pages, a full Scan
#   rebuild   growth_bench rebuild: full ReadSide rebuild (wall, CPU) and the heap/RSS it then holds
#   server    `keyledger serve` on that log (manual clock at the year's start, so no reminder is due
#             and nothing is appended): time until it listens, its CPU time, RSS and peak RSS then;
#             then SIGTERM (which writes the read side's snapshot) and a start from that snapshot
#   append    growth_bench append: durable appends to random existing projects, 64 callers
#             (GROWTH_APPENDS each repetition, 20,000) and 1 caller (2,000); the log grows by those.
#             Each run follows its peer: the same appends to an empty store (the ratio is the figure);
#             also the process's CPU time per append, which a busy disk does not change
# repeated GROWTH_REPETITIONS times (3), except `server` (GROWTH_SERVER_REPETITIONS, 1: a start at
# 10^7 is a full replay of several minutes). Appends run last, as they grow the log.
# Feed, per socket count (GROWTH_SOCKETS, "100 1000 10000"): a fresh keyledger (restarted per
# repetition, so the RSS baseline is its own) and feed_load (bench/server/feed_load.cc) with that
# many WebSockets from 127.0.0.2-127.0.0.5 (four source addresses, so ephemeral ports never run
# out): RSS per idle connection, latency of one event to all sockets (20 rounds, p50/p99), delivery
# rate of a burst of 50 events and the server's CPU time per delivered frame.
# Prints every repetition, then a table of medians (min-max). Load average is printed per step:
# the machine may be shared; compare ratios between N rather than absolute figures.
# Environment: GROWTH_EVENTS, GROWTH_SOCKETS, GROWTH_REPETITIONS, GROWTH_SERVER_REPETITIONS,
# GROWTH_APPENDS, GROWTH_APPEND_REPETITIONS (default GROWTH_REPETITIONS), GROWTH_ONLY (comma list
# of read,rebuild,server,append,feed; "log" = the first four; default all), GROWTH_TMP (where the logs
# go, default /tmp; 10^7 events need 2.5 GB), GROWTH_KEEP=1 (keep the temp folder).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$repo/build-growth}"
[[ "$build" = /* ]] || build="$PWD/$build"
read -r -a event_counts <<<"${GROWTH_EVENTS:-100000 1000000 10000000}"
read -r -a socket_counts <<<"${GROWTH_SOCKETS:-100 1000 10000}"
reps="${GROWTH_REPETITIONS:-3}"
server_reps="${GROWTH_SERVER_REPETITIONS:-1}"
appends="${GROWTH_APPENDS:-20000}"
only="${GROWTH_ONLY:-log,feed}"
only="${only//log/read,rebuild,server,append}"
append_reps="${GROWTH_APPEND_REPETITIONS:-$reps}"
growth_bench="$build/bench/growth/growth_bench"
keyledger="$build/server/keyledger"
feed_load="$build/bench/server/feed_load"
origin="http://growth.keyledger.test"
year_start="2026-01-05T00:00:00+08:00"   # bench/projections/bench_support.h YearStart()

missing=()
for bin in "$growth_bench" "$keyledger" "$feed_load"; do
  [[ -x "$bin" ]] || missing+=("$bin (ninja -C $build growth_bench keyledger feed_load)")
done
for tool in curl jq python3; do command -v "$tool" >/dev/null || missing+=("$tool (scripts/install-deps.sh --bench)"); done
if ((${#missing[@]})); then
  printf 'run_growth: missing: %s\n' "${missing[@]}" >&2
  exit 2
fi
grep -q 'CMAKE_BUILD_TYPE:STRING=Release' "$build/CMakeCache.txt" 2>/dev/null ||
  echo "run_growth: warning: $build is not a Release build" >&2
ulimit -n "$(ulimit -Hn)"   # 10^4 sockets on each side of loopback

tmp="$(mktemp -d "${GROWTH_TMP:-/tmp}/keyledger_growth.XXXXXX")"   # mktemp fills in the X's
pids=()
cleanup() {
  set +e
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  if [[ "${GROWTH_KEEP:-0}" == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

results="$tmp/results.tsv"   # scale <TAB> what.figure <TAB> value, one line per repetition
: >"$results"
machine() { echo "[$(date -u +%H:%M:%S)] load average $(cut -d' ' -f1-3 /proc/loadavg); compilers running: $(pgrep -c cc1plus || true)"; }
wants() { [[ ",$only," == *",$1,"* ]]; }
# record SCALE WHAT.FIGURE VALUE
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$results"; }
# record_result SCALE WHAT FILE: every numeric field of the file's RESULT line, as WHAT.field.
record_result() {
  local json
  json="$(grep '^RESULT ' "$3" | tail -1 | sed 's/^RESULT //')"
  [[ -n "$json" ]] || { echo "no RESULT in $3:" >&2; tail -20 "$3" >&2; return 1; }
  jq -r --arg scale "$1" --arg what "$2" \
    'to_entries[] | select(.value | type == "number") | "\($scale)\t\($what).\(.key)\t\(.value)"' <<<"$json" >>"$results"
  echo "  $json"
}
# bench SCALE WHAT growth_bench-args...: one growth_bench process, its RESULT recorded.
bench() {
  local scale=$1 what=$2 log="$tmp/$2.$1.$(date +%s%N)"
  shift 2
  "$growth_bench" "$@" >"$log" 2>&1 || { echo "growth_bench $* failed:" >&2; tail -20 "$log" >&2; return 1; }
  record_result "$scale" "$what" "$log"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cpu_s() { awk -v tck="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); print ($12 + $13) / tck }' "/proc/$1/stat"; }
status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# kl_start DATA_DIR EXTRA_ARGS...: starts keyledger on a free port, waits for "listening on";
# sets kl_pid, kl_port and kl_start_s (seconds from exec to listening).
kl_start() {
  local data=$1 t0 i
  shift
  kl_port="$(free_port)"
  : >"$tmp/keyledger.out"   # here, not only by the redirect: the loop below must not see the last start's line
  t0="$(date +%s.%N)"
  KEYLEDGER_ADMIN_PASSWORD=growth-admin-pw "$keyledger" serve --data-dir "$data" --listen "127.0.0.1:$kl_port" \
    --allowed-origin "$origin" "$@" >"$tmp/keyledger.out" 2>>"$tmp/keyledger.log" &
  kl_pid=$!
  pids+=("$kl_pid")
  for ((i = 0; i < 36000; i++)); do
    grep -q "listening on" "$tmp/keyledger.out" && break
    kill -0 "$kl_pid" 2>/dev/null || { echo "keyledger died:" >&2; tail -20 "$tmp/keyledger.log" >&2; return 1; }
    sleep 0.1
  done
  kl_start_s="$(python3 -c "import time; print(f'{time.time() - $t0:.2f}')")"
}
kl_stop() {
  kill -TERM "$kl_pid" 2>/dev/null || true
  wait "$kl_pid" 2>/dev/null || true
  local keep=() p
  for p in "${pids[@]}"; do [[ "$p" == "$kl_pid" ]] || keep+=("$p"); done
  pids=("${keep[@]}")
}
appended_total() { curl -sS "http://127.0.0.1:$kl_port/metrics" | awk '$1 == "keyledger_events_appended_total" { printf "%d\n", $2 }'; }

echo "== keyledger growth table (issue 8): $(date -u)"
echo "build: $build ($(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- store server projections domain || echo ', with uncommitted changes in store/server/projections/domain'))"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); repetitions: $reps (server start: $server_reps)"
machine

# --- the log: 10^5 .. 10^7 events -------------------------------------------------------------
if wants read || wants rebuild || wants server || wants append; then
  for n in "${event_counts[@]}"; do
    dir="$tmp/log-$n"
    echo
    echo "== $n events"
    machine
    bench "$n" load load --dir "$dir" --events "$n"
    for ((rep = 1; rep <= reps; rep++)); do
      wants read || break
      machine
      bench "$n" read read --dir "$dir" --events "$n" --seconds 5
    done
    for ((rep = 1; rep <= reps; rep++)); do
      wants rebuild || break
      machine
      bench "$n" rebuild rebuild --dir "$dir" --events "$n"
    done
    for ((rep = 1; rep <= server_reps; rep++)); do
      wants server || break
      machine
      kl_start "$dir" --manual-clock --clock-start "$year_start"
      record "$n" server.start_s "$kl_start_s"
      record "$n" server.start_cpu_s "$(cpu_s "$kl_pid")"
      record "$n" server.rss_bytes "$(( $(status_kib "$kl_pid" VmRSS) * 1024 ))"
      record "$n" server.peak_rss_bytes "$(( $(status_kib "$kl_pid" VmHWM) * 1024 ))"
      echo "  server: listening after $kl_start_s s ($(cpu_s "$kl_pid") s CPU); RSS $(status_kib "$kl_pid" VmRSS) KiB, peak $(status_kib "$kl_pid" VmHWM) KiB; events appended since start: $(appended_total)"
      kl_stop   # writes the read side's snapshot
      # The start of issue 4's figure: from that snapshot, with the whole log behind it.
      kl_start "$dir" --manual-clock --clock-start "$year_start"
      record "$n" server.snapshot_start_s "$kl_start_s"
      record "$n" server.snapshot_start_cpu_s "$(cpu_s "$kl_pid")"
      echo "  server from its snapshot ($(( $(stat -c %s "$dir/read-side.snapshot") / 1048576 )) MiB): listening after $kl_start_s s ($(cpu_s "$kl_pid") s CPU)"
      kl_stop
      rm -f "$dir/read-side.snapshot"   # the next start must replay again
    done
    # Each against its peer in the same minute: the same appends to an empty store.
    for ((rep = 1; rep <= append_reps; rep++)); do
      wants append || break
      machine
      for callers in 64 1; do
        count=$((callers == 1 ? 2000 : appends))
        rm -rf "$tmp/empty"
        bench "$n" "append${callers}_empty" append --dir "$tmp/empty" --events "$n" --callers "$callers" --appends "$count"
        bench "$n" "append$callers" append --dir "$dir" --events "$n" --callers "$callers" --appends "$count"
      done
    done
    rm -rf "$tmp/empty"
    rm -rf "$dir"
  done
fi

# --- the feed: 10^2 .. 10^4 sockets ------------------------------------------------------------
if wants feed; then
  echo
  echo "== feed"
  data="$tmp/feed-data"
  kl_start "$data"
  # api STATUS METHOD PATH TOKEN [BODY]: prints the answer's body; fails on another status.
  api() {
    local status
    status=$(curl -sS -o "$tmp/api.out" -w '%{http_code}' -X "$2" "http://127.0.0.1:$kl_port$3" \
      ${4:+-H "Authorization: Bearer $4"} -H 'X-Requested-With: keyledger' -H 'Content-Type: application/json' \
      ${5:+--data-binary "$5"})
    [[ "$status" == "$1" ]] || { echo "$2 $3: $status, expected $1: $(head -c 300 "$tmp/api.out")" >&2; return 1; }
    cat "$tmp/api.out"
  }
  login() { api 200 POST /api/session "" "{\"username\":\"$1\",\"password\":\"$2\"}" | jq -r .token; }
  # One salesperson with one account; every socket signs in as them and sees their visits.
  admin="$(login admin growth-admin-pw)"
  api 201 POST /api/org-units "$admin" '{"id":"growth-area","name":"增长测试区","parent_id":"company","kind":"vp_area"}' >/dev/null
  api 201 POST /api/org-units "$admin" '{"id":"growth-dept","name":"增长测试部","parent_id":"growth-area","kind":"department"}' >/dev/null
  api 201 POST /api/users "$admin" '{"username":"gs1","display_name":"gs1","password":"growth-pw-1","role":"sales","org_unit_id":"growth-dept"}' >/dev/null
  account="$(api 201 POST /api/accounts "$(login gs1 growth-pw-1)" '{"name":"增长测试客户有限公司","tier":"B"}' | jq -r .id)"
  visit_body="{\"kind\":\"phone\",\"date\":\"$(TZ=Asia/Shanghai date +%F)\",\"people_met\":\"王经理\",\"content\":\"确认方案评审时间\",\"report\":\"客户同意评审\"}"
  kl_stop
  for c in "${socket_counts[@]}"; do
    for ((rep = 1; rep <= reps; rep++)); do
      machine
      kl_start "$data"
      sleep 1
      token="$(login gs1 growth-pw-1)"
      "$feed_load" --label "feed-$c-$rep" --port "$kl_port" --connections "$c" --threads 2 \
        --source-ips 127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5 --header "Origin: $origin" --token "$token" \
        --rounds 20 --burst 50 --idle-seconds 3 --server-pid "$kl_pid" \
        --trigger-port "$kl_port" --trigger-path "/api/accounts/$account/visits" \
        --trigger-header "Authorization: Bearer $token" --trigger-header "X-Requested-With: keyledger" \
        --trigger-body "$visit_body" >"$tmp/feed.$c.$rep" 2>&1 || echo "  (feed_load reported a problem; see its output)"
      grep -v '^RESULT' "$tmp/feed.$c.$rep" | sed 's/^/  /'
      if record_result "sockets_$c" feed "$tmp/feed.$c.$rep"; then
        # Server CPU per delivered frame during the burst (it includes the 50 durable commands).
        record "sockets_$c" feed.burst_cpu_us_per_frame \
          "$(grep '^RESULT ' "$tmp/feed.$c.$rep" | sed 's/^RESULT //' | jq '1e6 * .burst_server_cpu_s / (.live * .burst)')"
      fi
      kl_stop
    done
  done
fi

# --- summary ----------------------------------------------------------------------------------
echo
echo "== summary: median (min-max) [repetitions]; $(date -u)"
machine
python3 - "$results" <<'PY'
import statistics, sys
from collections import defaultdict
vals = defaultdict(list)
scales = []
for line in open(sys.argv[1]):
    scale, name, value = line.rstrip("\n").split("\t")
    if scale not in scales:
        scales.append(scale)
    vals[(scale, name)].append(float(value))
def fmt(x):
    if abs(x) >= 1e9: return f"{x / 1e9:.2f} G"
    if abs(x) >= 1e6: return f"{x / 1e6:.2f} M"
    if abs(x) >= 1e4: return f"{x / 1e3:.1f} k"
    if abs(x) >= 100: return f"{x:.0f}"
    return f"{x:.3g}"
log_rows = [
    ("append64.append_events_per_s", "durable appends/s, 64 callers"),
    ("append64_empty.append_events_per_s", "  peer: same appends to an empty store"),
    ("append64.ratio", "  ratio to the peer"),
    ("append64.append_p99_us", "append p99 µs, 64 callers"),
    ("append64_empty.append_p99_us", "  peer: empty store"),
    ("append64.append_cpu_us_per_event", "append CPU µs per event, 64 callers"),
    ("append64_empty.append_cpu_us_per_event", "  peer: empty store"),
    ("append1.append_events_per_s", "durable appends/s, 1 caller"),
    ("append1_empty.append_events_per_s", "  peer: empty store"),
    ("append1.ratio", "  ratio to the peer"),
    ("append1.append_p99_us", "append p99 µs, 1 caller"),
    ("append1_empty.append_p99_us", "  peer: empty store"),
    ("read.open_s", "store open s (the head; stream versions read when first needed)"),
    ("read.stream_p50_us", "ReadStream p50 µs"),
    ("read.stream_p99_us", "ReadStream p99 µs"),
    ("read.page_p99_us", "ReadAll page of 100, p99 µs"),
    ("read.scan_events_per_s", "Scan events/s"),
    ("rebuild.rebuild_s", "rebuild s"),
    ("rebuild.rebuild_cpu_s", "rebuild CPU s"),
    ("rebuild.rebuild_events_per_s", "rebuild events/s"),
    ("rebuild.read_side_heap_bytes", "read side heap bytes"),
    ("rebuild.heap_bytes_per_event", "read side heap bytes/event"),
    ("rebuild.read_side_rss_bytes", "read side RSS bytes"),
    ("server.start_s", "server start s (to listening)"),
    ("server.start_cpu_s", "server start CPU s"),
    ("server.snapshot_start_s", "server start from its snapshot s"),
    ("server.snapshot_start_cpu_s", "server start from its snapshot CPU s"),
    ("server.rss_bytes", "server RSS bytes once listening"),
    ("server.peak_rss_bytes", "server peak RSS bytes"),
    ("load.disk_bytes", "log on disk bytes"),
    ("load.write_s", "bulk load s (sync off)"),
]
feed_rows = [
    ("feed.live", "live sockets"),
    ("feed.bytes_per_idle_connection", "server RSS bytes per idle socket"),
    ("feed.lat_p50_ms", "event to all sockets p50 ms"),
    ("feed.lat_p99_ms", "event to all sockets p99 ms"),
    ("feed.delivered_per_s", "burst delivery frames/s"),
    ("feed.burst_cpu_us_per_frame", "server CPU µs per delivered frame"),
    ("feed.connect_s", "connect + subscribe s"),
]
# Append rate over its peer's, repetition by repetition.
for scale in scales:
    for what in ("append64", "append1"):
        mine = vals.get((scale, what + ".append_events_per_s"), [])
        peer = vals.get((scale, what + "_empty.append_events_per_s"), [])
        if mine and peer:
            vals[(scale, what + ".ratio")] = [m / p for m, p in zip(mine, peer)]
def cell(v):
    if not v: return "n/a"
    if len(v) == 1: return f"{fmt(v[0])} [1]"
    return f"{fmt(statistics.median(v))} ({fmt(min(v))}–{fmt(max(v))}) [{len(v)}]"
def table(scales, rows, heading):
    if not scales: return
    print("| figure | " + " | ".join(heading(s) for s in scales) + " |")
    print("|---" * (len(scales) + 1) + "|")
    for name, label in rows:
        print(f"| {label} | " + " | ".join(cell(vals.get((s, name), [])) for s in scales) + " |")
    print()
table([s for s in scales if not s.startswith("sockets_")], log_rows, lambda s: f"{int(s):,} events")
table([s for s in scales if s.startswith("sockets_")], feed_rows, lambda s: f"{int(s[8:]):,} sockets")
PY
