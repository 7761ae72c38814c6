#!/usr/bin/env bash
# The server load benchmarks of issue 5, keyledger against its peers in the same run, from separate
# processes on this machine. Usage (from anywhere; installs nothing, checks for everything):
#
#   scripts/install-deps.sh --bench                 # postgresql, wrk, nginx, jq (once)
#   (cd bench/server/node_peer && npm ci)           # the Node.js ws peer (once)
#   cmake -S . -B build-bench-server -G Ninja -DCMAKE_BUILD_TYPE=Release -DKEYLEDGER_BUILD_TESTS=OFF -DKEYLEDGER_BUILD_BENCH=ON
#   ninja -C build-bench-server keyledger feed_load
#   bench/server/run_server_bench.sh [BUILD_DIR]    # default build-bench-server
#
# What it runs, each figure alternating peer / keyledger, SERVER_BENCH_REPETITIONS times (3):
#   commands  PostgreSQL 15 (private cluster, TCP on 127.0.0.1, fsync and synchronous_commit on):
#             pgbench -n -c 64 -j 2, one INSERT of a 320-byte jsonb event per transaction; then
#             keyledger: wrk -t2 -c64 with commands.lua, POST /api/accounts/{id}/visits (a durable
#             command: answered after its event is synced), cookie + X-Requested-With + Idempotency-Key;
#             then, as a diagnosis only, the same load against `keyledger serve --threads 64`.
#   reads     nginx (private, worker_processes auto, a 100-byte file) and keyledger
#             GET /api/projects/{id} (cookie), both with wrk -t2 -c64 and reads.lua.
#   feed      the Node.js ws peer (node_peer/server.js) and keyledger /api/feed, both driven by
#             feed_load: N WebSockets (10,000), idle memory per connection from the server's RSS,
#             latency of one event to all N (20 rounds), delivery rate of a burst of 50 events.
#             keyledger and the peer are restarted for every repetition (fresh RSS baseline).
# Then medians (min-max) and the ratios. Everything lives in one temp folder, removed on exit.
# Knobs (environment): SERVER_BENCH_REPETITIONS, SERVER_BENCH_ONLY (comma list of commands,reads,feed),
# SERVER_BENCH_COMMAND_SECONDS (15), SERVER_BENCH_READ_SECONDS (10), SERVER_BENCH_FEED_CONNECTIONS
# (10000), SERVER_BENCH_FEED_ROUNDS (20), SERVER_BENCH_FEED_BURST (50), SERVER_BENCH_KEEP=1 keeps
# the temp folder (logs) for a look afterwards, SERVER_BENCH_KEYLEDGER_ARGS (extra `serve` flags for
# every keyledger start), SERVER_BENCH_COMMAND_THREADS_VARIANT (64; empty skips that diagnosis).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
here="$repo/bench/server"
build="${1:-$repo/build-bench-server}"
[[ "$build" = /* ]] || build="$PWD/$build"
reps="${SERVER_BENCH_REPETITIONS:-3}"
only="${SERVER_BENCH_ONLY:-commands,reads,feed}"
cmd_seconds="${SERVER_BENCH_COMMAND_SECONDS:-15}"
read_seconds="${SERVER_BENCH_READ_SECONDS:-10}"
feed_conns="${SERVER_BENCH_FEED_CONNECTIONS:-10000}"
feed_rounds="${SERVER_BENCH_FEED_ROUNDS:-20}"
feed_burst="${SERVER_BENCH_FEED_BURST:-50}"
pg_bin=/usr/lib/postgresql/15/bin
keyledger="$build/server/keyledger"
feed_load="$build/bench/server/feed_load"
origin="http://bench.keyledger.test"
read -r -a kl_extra_args <<<"${SERVER_BENCH_KEYLEDGER_ARGS:-}"   # e.g. "--threads 4"; default: none
threads_variant="${SERVER_BENCH_COMMAND_THREADS_VARIANT-64}"       # "" skips the variant

# --- checks: nothing is installed here -------------------------------------------------------
missing=()
[[ -x "$keyledger" ]] || missing+=("$keyledger (ninja -C $build keyledger)")
[[ -x "$feed_load" ]] || missing+=("$feed_load (ninja -C $build feed_load)")
for tool in wrk nginx node curl jq python3; do command -v "$tool" >/dev/null || missing+=("$tool")
done
[[ -x "$pg_bin/pgbench" && -x "$pg_bin/initdb" ]] || missing+=("PostgreSQL 15 in $pg_bin")
[[ -d "$here/node_peer/node_modules/ws" ]] || missing+=("bench/server/node_peer/node_modules (cd bench/server/node_peer && npm ci)")
if ((${#missing[@]})); then
  echo "run_server_bench: missing:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  echo "install the peers with scripts/install-deps.sh --bench" >&2
  exit 2
fi
if grep -q 'CMAKE_BUILD_TYPE:STRING=Release' "$build/CMakeCache.txt" 2>/dev/null; then :; else
  echo "run_server_bench: warning: $build is not a Release build" >&2
fi

# Every server and client here may need >10,000 descriptors: raise the soft limit to the hard one.
ulimit -n "$(ulimit -Hn)"
if (( $(ulimit -n) < feed_conns + 100 )); then
  echo "run_server_bench: RLIMIT_NOFILE hard limit $(ulimit -Hn) is too low for $feed_conns connections" >&2
  exit 2
fi

tmp="$(mktemp -d /tmp/keyledger_server_bench.XXXXXX)"
chmod 755 "$tmp"  # nginx workers (nobody) and PostgreSQL (postgres) read below it
pids=()
pg_started=0
run_as=()
if [[ $(id -u) -eq 0 ]]; then run_as=(runuser -u postgres --); fi
cleanup() {
  set +e
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  if ((pg_started)); then "${run_as[@]}" "$pg_bin/pg_ctl" -D "$tmp/pg/data" -m immediate stop >/dev/null 2>&1; fi
  if [[ "${SERVER_BENCH_KEEP:-0}" == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
forget_pid() { local keep=() p; for p in "${pids[@]}"; do [[ "$p" == "$1" ]] || keep+=("$p"); done; pids=("${keep[@]}"); }
stop_pid() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; forget_pid "$1"; }
# wait_line FILE TEXT SECONDS PID
wait_line() {
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$4" 2>/dev/null || { echo "process $4 died; log:" >&2; tail -20 "$1" >&2; return 1; }
    sleep 0.1
  done
  echo "timed out waiting for '$2' in $1" >&2
  return 1
}
results="$tmp/results.tsv"   # figure <TAB> repetition <TAB> value
: >"$results"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$results"; }
machine() { echo "[$(date -u +%H:%M:%S)] load: $(uptime | sed 's/.*load average/load average/'); compilers running: $(pgrep -c cc1plus || true)"; }

echo "== keyledger server benchmarks (issue 5): $(date -u)"
echo "build: $build; repetitions: $reps; figures: $only"
machine

# --- keyledger ---------------------------------------------------------------------------------
kl_port="$(free_port)"
kl_data="$tmp/keyledger-data"
admin_password="bench-admin-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"
user_password="bench-password-1"
kl_pid=""
kl_start() {
  : >"$tmp/keyledger.out"
  KEYLEDGER_ADMIN_PASSWORD="$admin_password" "$keyledger" serve --data-dir "$kl_data" \
    --listen "127.0.0.1:$kl_port" --allowed-origin "$origin" "${kl_extra_args[@]}" "$@" \
    >"$tmp/keyledger.out" 2>>"$tmp/keyledger.log" &
  kl_pid=$!
  pids+=("$kl_pid")
  wait_line "$tmp/keyledger.out" "listening on" 120 "$kl_pid"
}
kl_stop() { stop_pid "$kl_pid"; kl_pid=""; }
kl_rss() { awk '/VmRSS/ { print $2 }' "/proc/$kl_pid/status"; }

# api EXPECTED_STATUS METHOD PATH TOKEN [BODY] -> prints the body; fails on another status.
api() {
  local out status
  out="$tmp/api.out"
  status=$(curl -sS -o "$out" -w '%{http_code}' -X "$2" "http://127.0.0.1:$kl_port$3" \
    ${4:+-H "Authorization: Bearer $4"} -H 'X-Requested-With: keyledger' -H 'Content-Type: application/json' \
    ${5:+--data-binary "$5"})
  if [[ "$status" != "$1" ]]; then
    echo "keyledger: $2 $3 answered $status, expected $1: $(head -c 400 "$out")" >&2
    return 1
  fi
  cat "$out"
}
login() { api 200 POST /api/session "" "{\"username\":\"$1\",\"password\":\"$2\"}" | jq -r .token; }
metric() { curl -sS "http://127.0.0.1:$kl_port/metrics" | awk -v m="$1" '$1 == m { printf "%d\n", $2 }'; }
# The log's head: logs one visit and prints the seq of its event (each visit appends exactly one).
probe_seq() { api 201 POST "/api/accounts/${accounts[0]}/visits" "$sales_token" "$visit_body" | jq -r .seq; }

# The organisation: company -> area "bench-east" (VP bvp1) -> department "bench-sh" (manager bm1,
# salesperson bs1), general manager bgm1. bs1 owns 64 accounts with one project each. Every one of
# the four may see bs1's visits, so the feed's connections are spread over all four.
seed() {
  local admin i id
  admin="$(login admin "$admin_password")"
  api 201 POST /api/org-units "$admin" '{"id":"bench-east","name":"基准华东区","parent_id":"company","kind":"vp_area"}' >/dev/null
  api 201 POST /api/org-units "$admin" '{"id":"bench-sh","name":"基准上海销售部","parent_id":"bench-east","kind":"department"}' >/dev/null
  for spec in bvp1:vp:bench-east bm1:manager:bench-sh bs1:sales:bench-sh bgm1:gm:company; do
    IFS=: read -r name role unit <<<"$spec"
    api 201 POST /api/users "$admin" "{\"username\":\"$name\",\"display_name\":\"$name\",\"password\":\"$user_password\",\"role\":\"$role\",\"org_unit_id\":\"$unit\"}" >/dev/null
  done
  api 200 POST /api/org-units/bench-east/manager "$admin" '{"user_id":"u-bvp1"}' >/dev/null
  api 200 POST /api/org-units/bench-sh/manager "$admin" '{"user_id":"u-bm1"}' >/dev/null
  api 200 POST /api/org-units/company/manager "$admin" '{"user_id":"u-bgm1"}' >/dev/null
  local sales
  sales="$(login bs1 "$user_password")"
  accounts=()
  projects=()
  for ((i = 1; i <= 64; i++)); do
    id="$(api 201 POST /api/accounts "$sales" "{\"name\":\"基准测试客户${i}号有限公司\",\"tier\":\"B\"}" | jq -r .id)"
    accounts+=("$id")
    id="$(api 201 POST /api/projects "$sales" "{\"name\":\"基准项目${i}期智能化改造\",\"account_id\":\"$id\",\"end_user\":\"\",\"contract_amount_fen\":100000000,\"win_probability\":50,\"margin_pct\":20,\"expected_signing_date\":\"2027-03-15\"}" | jq -r .id)"
    projects+=("$id")
  done
  printf '%s\n' "${accounts[@]}" >"$tmp/accounts"
  printf '%s\n' "${projects[@]}" >"$tmp/projects"
}
visit_date="$(TZ=Asia/Shanghai date +%F)"
visit_body="{\"kind\":\"phone\",\"date\":\"$visit_date\",\"people_met\":\"王经理\",\"content\":\"确认下周方案评审时间\",\"report\":\"客户同意 12 月 10 日评审\"}"

kl_start
seed
echo "keyledger: pid $kl_pid on 127.0.0.1:$kl_port, seeded 4 users, ${#accounts[@]} accounts, ${#projects[@]} projects"
sales_token="$(login bs1 "$user_password")"
# The read answer as wrk will see it: must be the project, not an error.
api 200 GET "/api/projects/${projects[0]}" "$sales_token" | jq -c '{id, status, version}'

wants() { [[ ",$only," == *",$1,"* ]]; }

# parse_wrk FILE -> "requests_per_s non2xx p50 p99"
parse_wrk() {
  awk '/Requests\/sec:/ { rps = $2 }
       /Non-2xx or 3xx responses:/ { bad = $5 }
       /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
       /Socket errors:/ { err = $0 }
       END { printf "%s %d %s %s\n", rps, bad, p50, p99 }' "$1"
}

# --- 1. durable commands vs PostgreSQL ---------------------------------------------------------
if wants commands; then
  echo
  echo "== 1. durable commands: PostgreSQL pgbench vs keyledger POST /api/accounts/{id}/visits, 64 clients, ${cmd_seconds} s each"
  mkdir -p "$tmp/pg"
  if [[ $(id -u) -eq 0 ]]; then chown postgres: "$tmp/pg"; fi
  pg_port="$(free_port)"
  "${run_as[@]}" "$pg_bin/initdb" -D "$tmp/pg/data" -U bench --auth=trust >/dev/null
  cat >>"$tmp/pg/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$tmp/pg'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 100
shared_buffers = 256MB
CONF
  "${run_as[@]}" "$pg_bin/pg_ctl" -D "$tmp/pg/data" -l "$tmp/pg/log" -w -t 60 start >/dev/null
  pg_started=1
  "${run_as[@]}" "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U bench -d postgres -v ON_ERROR_STOP=1 -q <<'SQL'
CREATE TABLE events (
  seq bigserial PRIMARY KEY,
  stream text NOT NULL,
  version int NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL,
  UNIQUE (stream, version)
);
SQL
  # One event per transaction, like one visit; each client on its own stream, random versions so
  # that the unique index is checked on every insert (a rare collision is skipped, not an abort).
  payload='{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","actor":"u-bs1","correlation_id":"5c1f8a3e-2b7d-4e9a-9f10-3c2b1d0e4f55","occurred_at":"2026-12-02T10:30:00.123456Z","data":{"account":"acc-0042","kind":"phone","people_met":["王经理"],"content":"确认下周方案评审时间","report":"客户同意 12 月 10 日评审"}}'
  cat >"$tmp/pg/insert.sql" <<SQL
\set v random(1, 2000000000)
INSERT INTO events (stream, version, type, payload)
VALUES ('visit-' || :client_id, :v, 'VisitLogged', '$payload'::jsonb)
ON CONFLICT DO NOTHING;
SQL
  chmod 644 "$tmp/pg/insert.sql"
  accounts_csv="$(paste -sd, "$tmp/accounts")"
  # kl_commands FIGURE REP: one wrk run of the visit command against the running keyledger.
  kl_commands() {
    local seq_before seq_after rss_before rps bad p50 p99 total appended
    rss_before="$(kl_rss)"
    seq_before="$(probe_seq)"
    KL_COOKIE="session=$sales_token" KL_ACCOUNTS="$accounts_csv" KL_VISIT_DATE="$visit_date" \
      wrk -t2 -c64 -d"${cmd_seconds}s" --latency -s "$here/commands.lua" "http://127.0.0.1:$kl_port" >"$tmp/wrk.$1.$2" 2>&1
    seq_after="$(probe_seq)"
    read -r rps bad p50 p99 <<<"$(parse_wrk "$tmp/wrk.$1.$2")"
    total="$(awk '/requests in/ { print $1; exit }' "$tmp/wrk.$1.$2")"
    record "$1" "$2" "$rps"
    appended=$((seq_after - seq_before - 1))
    echo "  rep $2 keyledger$3: $rps commands/s (p50 $p50, p99 $p99; $total answers, $bad not 2xx; $appended events appended; server RSS $rss_before -> $(kl_rss) KiB)"
    if ((bad > 0)); then echo "  WARNING: $bad commands were not answered 2xx"; fi
    # Every answered command is in the log; at most the 64 in flight when wrk stopped are extra.
    if ((appended < total - bad || appended > total - bad + 64)); then
      echo "  WARNING: $((total - bad)) commands answered 2xx but $appended events appended"
    fi
    grep -E "Socket errors" "$tmp/wrk.$1.$2" || true
  }
  for ((rep = 1; rep <= reps; rep++)); do
    machine
    "${run_as[@]}" "$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U bench -n -c 64 -j 2 -T "$cmd_seconds" \
      -f "$tmp/pg/insert.sql" postgres >"$tmp/pgbench.$rep" 2>&1
    pg_tps="$(awk '/^tps = / { print $3; exit }' "$tmp/pgbench.$rep")"
    pg_lat="$(awk '/^latency average/ { print $4; exit }' "$tmp/pgbench.$rep")"
    record pg_tps "$rep" "$pg_tps"
    echo "  rep $rep PostgreSQL: $pg_tps tx/s (latency average $pg_lat ms)"
    kl_commands kl_commands "$rep" ""
  done
  "${run_as[@]}" "$pg_bin/pg_ctl" -D "$tmp/pg/data" -m fast stop >/dev/null
  pg_started=0
  # Diagnosis, not the figure: a command holds its I/O thread until its event is synced, so the
  # number of I/O threads bounds the commands in flight (and the group commit's group size).
  if [[ -n "$threads_variant" ]]; then
    echo "  -- the same command load with keyledger serve --threads $threads_variant (diagnosis; the figure above is the default)"
    kl_stop
    kl_start --threads "$threads_variant"
    sales_token="$(login bs1 "$user_password")"
    for ((rep = 1; rep <= reps; rep++)); do
      kl_commands kl_commands_threads "$rep" " --threads $threads_variant"
    done
    kl_stop
    kl_start
    sales_token="$(login bs1 "$user_password")"
  fi
fi

# --- 2. reads vs nginx ------------------------------------------------------------------------
if wants reads; then
  echo
  echo "== 2. reads: nginx 100-byte static file vs keyledger GET /api/projects/{id}, wrk -t2 -c64, ${read_seconds} s each"
  ng="$tmp/nginx"
  mkdir -p "$ng/www" "$ng/temp"
  head -c 99 /dev/zero | tr '\0' 'k' >"$ng/www/static-100.txt"
  echo >>"$ng/www/static-100.txt"
  chmod -R a+rX "$ng"
  ng_port="$(free_port)"
  cat >"$ng/nginx.conf" <<CONF
worker_processes auto;
pid $ng/nginx.pid;
error_log $ng/error.log warn;
events { worker_connections 4096; }
http {
  access_log $ng/access.log;
  client_body_temp_path $ng/temp/body;
  proxy_temp_path $ng/temp/proxy;
  fastcgi_temp_path $ng/temp/fastcgi;
  uwsgi_temp_path $ng/temp/uwsgi;
  scgi_temp_path $ng/temp/scgi;
  default_type text/plain;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$ng_port;
    root $ng/www;
  }
}
CONF
  nginx -p "$ng" -c "$ng/nginx.conf" -e "$ng/error.log" -g 'daemon off;' &
  ng_pid=$!
  pids+=("$ng_pid")
  for ((i = 0; i < 100; i++)); do curl -sf -o /dev/null "http://127.0.0.1:$ng_port/static-100.txt" && break; sleep 0.1; done
  echo "  nginx: $(curl -sS -o /dev/null -w '%{http_code} %{size_download} bytes' "http://127.0.0.1:$ng_port/static-100.txt") from 127.0.0.1:$ng_port, $(nproc) workers"
  projects_csv="$(sed 's|^|/api/projects/|' "$tmp/projects" | paste -sd,)"
  for ((rep = 1; rep <= reps; rep++)); do
    machine
    KL_PATHS=/static-100.txt wrk -t2 -c64 -d"${read_seconds}s" --latency -s "$here/reads.lua" \
      "http://127.0.0.1:$ng_port" >"$tmp/wrk.nginx.$rep" 2>&1
    read -r rps bad p50 p99 <<<"$(parse_wrk "$tmp/wrk.nginx.$rep")"
    record nginx_reads "$rep" "$rps"
    echo "  rep $rep nginx: $rps req/s (p50 $p50, p99 $p99; $bad not 2xx)"
    KL_PATHS="$projects_csv" KL_COOKIE="session=$sales_token" wrk -t2 -c64 -d"${read_seconds}s" --latency \
      -s "$here/reads.lua" "http://127.0.0.1:$kl_port" >"$tmp/wrk.reads.$rep" 2>&1
    read -r rps bad p50 p99 <<<"$(parse_wrk "$tmp/wrk.reads.$rep")"
    record kl_reads "$rep" "$rps"
    echo "  rep $rep keyledger: $rps req/s (p50 $p50, p99 $p99; $bad not 2xx)"
    if ((bad > 0)); then echo "  WARNING: $bad reads were not answered 2xx"; fi
  done
  stop_pid "$ng_pid"
fi

# --- 3. feed vs Node.js ws ----------------------------------------------------------------------
if wants feed; then
  echo
  echo "== 3. feed: Node.js ws vs keyledger /api/feed, $feed_conns WebSockets, $feed_rounds latency rounds, bursts of $feed_burst"
  source_ips="127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4"
  feed_common=(--connections "$feed_conns" --threads 2 --source-ips "$source_ips" --header "Origin: $origin"
               --rounds "$feed_rounds" --burst "$feed_burst" --idle-seconds 3)
  feed_tokens() {
    local u
    for u in bs1 bm1 bvp1 bgm1; do printf -- '--token\n%s\n' "$(login "$u" "$user_password")"; done
  }
  # A small keyledger run first: checks the path and saves a real event frame, which the Node
  # peer then broadcasts byte for byte (same frame size for both).
  mapfile -t tokens < <(feed_tokens)
  "$feed_load" --label keyledger-warmup --port "$kl_port" --connections 8 --rounds 2 --burst 2 --idle-seconds 0.2 \
    --header "Origin: $origin" "${tokens[@]}" --trigger-port "$kl_port" --trigger-path "/api/accounts/${accounts[0]}/visits" \
    --trigger-header "Authorization: Bearer $sales_token" --trigger-header "X-Requested-With: keyledger" \
    --trigger-body "$visit_body" --save-frame "$tmp/frame.json" >"$tmp/feed.warmup" 2>&1 || { cat "$tmp/feed.warmup"; exit 1; }
  echo "  event frame: $(wc -c <"$tmp/frame.json") bytes, e.g. $(head -c 160 "$tmp/frame.json")…"
  feed_record() {  # PREFIX REP FILE
    local json
    json="$(grep '^RESULT ' "$3" | sed 's/^RESULT //')"
    [[ -n "$json" ]] || { echo "  no RESULT in $3:"; tail -20 "$3"; return 1; }
    record "$1_p99_ms" "$2" "$(jq .lat_p99_ms <<<"$json")"
    record "$1_p50_ms" "$2" "$(jq .lat_p50_ms <<<"$json")"
    record "$1_max_ms" "$2" "$(jq .lat_max_ms <<<"$json")"
    record "$1_rate" "$2" "$(jq .delivered_per_s <<<"$json")"
    record "$1_bytes_per_conn" "$2" "$(jq .bytes_per_idle_connection <<<"$json")"
    record "$1_connect_s" "$2" "$(jq .connect_s <<<"$json")"
    record "$1_burst_cpu_per_frame_us" "$2" "$(jq '1e6 * .burst_server_cpu_s / (.connections * .burst)' <<<"$json")"
    jq -r '"  rep \(.label): \(.live)/\(.connections) live in \(.connect_s) s; idle \(.bytes_per_idle_connection) B/conn; latency p50 \(.lat_p50_ms) p99 \(.lat_p99_ms) max \(.lat_max_ms) ms (trigger answer p50 \(.trigger_p50_ms) ms), missing \(.missing); burst \(.delivered_per_s) frames/s in \(.burst_s) s (CPU meanwhile: server \(.burst_server_cpu_s) s, generator \(.burst_generator_cpu_s) s); dropped \(.dropped) (1013: \(.close_1013))"' <<<"$json"
  }
  kl_stop
  for ((rep = 1; rep <= reps; rep++)); do
    machine
    node_port="$(free_port)"
    : >"$tmp/node.out"
    node "$here/node_peer/server.js" "$node_port" >"$tmp/node.out" 2>&1 &
    node_pid=$!
    pids+=("$node_pid")
    wait_line "$tmp/node.out" "listening on" 30 "$node_pid"
    sleep 1
    "$feed_load" --label "node-$rep" --port "$node_port" "${feed_common[@]}" --server-pid "$node_pid" \
      --trigger-port "$node_port" --trigger-path /trigger --trigger-body-file "$tmp/frame.json" \
      >"$tmp/feed.node.$rep" 2>&1 || echo "  (feed_load reported a problem with the Node peer; see below)"
    feed_record node "$rep" "$tmp/feed.node.$rep" || true
    grep -v '^RESULT' "$tmp/feed.node.$rep" | grep -v '^\[' | head -5 || true
    stop_pid "$node_pid"

    kl_start
    sleep 1
    mapfile -t tokens < <(feed_tokens)
    sales_token="$(login bs1 "$user_password")"
    "$feed_load" --label "keyledger-$rep" --port "$kl_port" "${feed_common[@]}" --server-pid "$kl_pid" "${tokens[@]}" \
      --trigger-port "$kl_port" --trigger-path "/api/accounts/${accounts[0]}/visits" \
      --trigger-header "Authorization: Bearer $sales_token" --trigger-header "X-Requested-With: keyledger" \
      --trigger-body "$visit_body" >"$tmp/feed.keyledger.$rep" 2>&1 || echo "  (feed_load reported a problem with keyledger; see below)"
    feed_record kl "$rep" "$tmp/feed.keyledger.$rep" || true
    grep -v '^RESULT' "$tmp/feed.keyledger.$rep" | grep -v '^\[' | head -5 || true
    drops="$(metric keyledger_feed_slow_consumer_drops_total)"
    echo "  keyledger counted $drops slow-consumer drops; rss now $(awk '/VmRSS/ { print $2 }' /proc/"$kl_pid"/status) KiB"
    kl_stop
  done
fi
[[ -n "$kl_pid" ]] && kl_stop

# --- summary ------------------------------------------------------------------------------------
echo
echo "== summary: median (min-max) of $reps repetitions, same run; $(date -u)"
machine
python3 - "$results" <<'PY'
import statistics, sys
from collections import defaultdict
vals = defaultdict(list)
for line in open(sys.argv[1]):
    name, rep, value = line.rstrip("\n").split("\t")
    try:
        vals[name].append(float(value))
    except ValueError:
        pass
def med(name):
    v = vals.get(name)
    return statistics.median(v) if v else None
def show(name, unit, fmt="{:,.0f}"):
    v = vals.get(name)
    if not v:
        return "n/a"
    return (fmt + " {} ({}–{})").format(statistics.median(v), unit, fmt.format(min(v)), fmt.format(max(v)))
def verdict(ok):
    return "MET" if ok else "NOT MET"
rows = []
if "pg_tps" in vals and "kl_commands" in vals:
    r = med("kl_commands") / med("pg_tps")
    print(f"commands  keyledger {show('kl_commands', 'commands/s')}  PostgreSQL {show('pg_tps', 'tx/s')}  ratio {r:.2f}x (goal >= 1.5x): {verdict(r >= 1.5)}")
    if "kl_commands_threads" in vals:
        r = med("kl_commands_threads") / med("pg_tps")
        print(f"  (diagnosis) keyledger --threads N {show('kl_commands_threads', 'commands/s')}  ratio to PostgreSQL {r:.2f}x")
if "nginx_reads" in vals and "kl_reads" in vals:
    r = med("kl_reads") / med("nginx_reads")
    print(f"reads     keyledger {show('kl_reads', 'req/s')}  nginx {show('nginx_reads', 'req/s')}  ratio {100*r:.0f}% (goal >= 50%): {verdict(r >= 0.5)}")
if "kl_p99_ms" in vals:
    p99 = med("kl_p99_ms")
    print(f"feed p99  keyledger {show('kl_p99_ms', 'ms', '{:.1f}')} (p50 {show('kl_p50_ms', 'ms', '{:.1f}')}, max {show('kl_max_ms', 'ms', '{:.1f}')})  Node {show('node_p99_ms', 'ms', '{:.1f}')} (goal <= 100 ms): {verdict(p99 <= 100)}")
    mem = med("kl_bytes_per_conn")
    print(f"feed mem  keyledger {show('kl_bytes_per_conn', 'B/idle connection')}  Node {show('node_bytes_per_conn', 'B/idle connection')} (goal <= 16384 B): {verdict(mem <= 16384)}")
    if "node_rate" in vals and med("node_rate"):
        r = med("kl_rate") / med("node_rate")
        print(f"feed rate keyledger {show('kl_rate', 'frames/s')}  Node {show('node_rate', 'frames/s')}  ratio {r:.2f}x (goal >= 2x): {verdict(r >= 2)}")
    print(f"feed server CPU per delivered frame during the burst: keyledger {show('kl_burst_cpu_per_frame_us', 'µs', '{:.1f}')}  Node {show('node_burst_cpu_per_frame_us', 'µs', '{:.1f}')}")
    print(f"feed connect time keyledger {show('kl_connect_s', 's', '{:.2f}')}  Node {show('node_connect_s', 's', '{:.2f}')}")
PY
