#!/usr/bin/env bash
# The long fault suite of issue 8, in one command, on the ASan+UBSan build of scripts/test.sh
# (build/asan): the tests that break the machine under keyledger, run longer than the test
# command runs them, then the 30-minute fuzz run. Each step's output goes to build/fault-long/
# STEP.log; a summary (pass/FAIL, duration) closes the run; exit code 1 if any step failed.
#
#   tests/fault/run_long.sh [--no-build] [--skip-fuzz]     # about 1 h 10 min with the fuzz run, 7 min without
#
# The steps (GoogleTest binaries run directly, with --gtest_filter, rather than through ctest:
# ctest gives each test a 600 s timeout, and the 100-kill run takes longer under ASan):
#   store      store_test: power loss (only synced bytes survive a cut), SIGKILL at random moments,
#              torn WAL tail and flipped bytes (corruption), disk full, failed sync (the store
#              turns read-only and recovers), idempotency keys; KEYLEDGER_LONG_REPEAT times (3)
#   kill       fault_test FaultKillTest with KEYLEDGER_FAULT_ITERATIONS=100 (default; the test
#              command runs 3): SIGKILL of the real executable under write load from four clients,
#              every acknowledged command in the log exactly once, every ambiguous (unanswered)
#              one retried with its Idempotency-Key yields one event; then `keyledger verify`
#              (checksums, gap-free log, and the replay check: the read side equals a full replay)
#   clock      fault_test ClockJumpTest: the system clock stepped +15 d, -1 d, +31 d (libfaketime)
#   disk-full  disk_full_server_test: 503 while the data folder's tmpfs is full, reads and feed go on
#   mail       mail_test MailCrashTest: killed while the SMTP server holds its answer (ambiguous
#              delivery resent with the same Message-ID) and after recording it (never resent)
#   replay     server_test ReadSideCheckTest (snapshot + tail against a full replay) and
#              domain_test ReplayProperty (replay equals the live fold)
#   security   server_test AccessMatrixTest (every operation x role from docs/openapi.json),
#              SessionApiTest (sign-in throttling, CSRF header, logout), FeedSlowConsumerTest
#              (a client that stops reading is closed, holds up no one), and tls_test
#   fuzz       tests/fuzz/run.sh KEYLEDGER_LONG_FUZZ_SECONDS (1800) per target, in build/fuzz-long
#              (KEYLEDGER_FUZZ_OUT), so the test command's short run in build/fuzz is untouched
# --no-build: use build/asan as it is (e.g. while someone else is building in it); otherwise the
# targets are built first (the folder configured as scripts/test.sh does if it is not there).
# Environment: KEYLEDGER_FAULT_ITERATIONS, KEYLEDGER_LONG_REPEAT, KEYLEDGER_LONG_FUZZ_SECONDS,
# KEYLEDGER_LONG_ONLY (comma list of step names), KEYLEDGER_ASAN_BUILD (default build/asan).
set -euo pipefail
cd "$(dirname "$0")/../.."

build_first=1
fuzz_seconds="${KEYLEDGER_LONG_FUZZ_SECONDS:-1800}"
for arg in "$@"; do
  case "$arg" in
    --no-build) build_first=0 ;;
    --skip-fuzz) fuzz_seconds=0 ;;
    *) echo "usage: tests/fault/run_long.sh [--no-build] [--skip-fuzz]" >&2; exit 2 ;;
  esac
done
build="${KEYLEDGER_ASAN_BUILD:-build/asan}"
iterations="${KEYLEDGER_FAULT_ITERATIONS:-100}"
repeat="${KEYLEDGER_LONG_REPEAT:-3}"
only="${KEYLEDGER_LONG_ONLY:-store,kill,clock,disk-full,mail,replay,security,fuzz}"
logs=build/fault-long
mkdir -p "$logs"

if ((build_first)); then
  scripts/install-deps.sh
  scripts/asan-build.sh "$build" store_test store_crash_child fault_test disk_full_server_test \
    mail_test server_test domain_test tls_test keyledger
fi
for bin in store/store_test server/fault_test server/disk_full_server_test server/mail_test server/server_test \
  domain/domain_test server/tls_test; do
  [[ -x "$build/tests/$bin" ]] || { echo "run_long: no $build/tests/$bin (run scripts/test.sh, or drop --no-build)" >&2; exit 2; }
done

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
summary=()
failed=0
step() {  # NAME COMMAND...: runs it unless KEYLEDGER_LONG_ONLY leaves it out; logs and times it.
  local name=$1 start rc=0
  shift
  [[ ",$only," == *",$name,"* ]] || return 0
  start=$(date +%s)
  echo "run_long: $name ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)): $*"
  "$@" >"$logs/$name.log" 2>&1 || rc=$?
  local verdict=pass
  if ((rc != 0)); then verdict="FAIL (exit $rc)"; failed=1; fi
  summary+=("$(printf '%-10s %-14s %6d s  %s' "$name" "$verdict" $(($(date +%s) - start)) \
    "$(grep -E '^\[  PASSED  \]|^\[  FAILED  \]|^fuzz: .*(corpus|failed)' "$logs/$name.log" | sort | uniq -c | tr -s ' ' | paste -sd';')")")
  if ((rc != 0)); then tail -40 "$logs/$name.log" | sed 's/^/    /'; fi
}

t="$build/tests"
step store "$t/store/store_test" --gtest_repeat="$repeat" \
  --gtest_filter='PowerLossTest.*:CrashTest.*:CorruptionTest.*:DiskFullTest.*:FaultInjectionTest.*:IdempotencyTest.*'
step kill env KEYLEDGER_FAULT_ITERATIONS="$iterations" "$t/server/fault_test" --gtest_filter='FaultKillTest.*'
step clock "$t/server/fault_test" --gtest_filter='ClockJumpTest.*'
step disk-full "$t/server/disk_full_server_test"
step mail "$t/server/mail_test" --gtest_filter='MailCrashTest.*'
step replay bash -c "'$t/server/server_test' --gtest_filter='ReadSideCheckTest.*' && '$t/domain/domain_test' --gtest_filter='ReplayProperty.*'"
step security bash -c "'$t/server/server_test' --gtest_filter='AccessMatrixTest.*:SessionApiTest.*:FeedSlowConsumerTest.*' && '$t/server/tls_test'"
if ((fuzz_seconds > 0)); then
  step fuzz env KEYLEDGER_FUZZ_OUT=build/fuzz-long tests/fuzz/run.sh "$fuzz_seconds"
fi

echo
echo "== run_long summary ($(date -u); kills: $iterations, store repeats: $repeat, fuzz: ${fuzz_seconds}s per target); logs in $logs/"
printf '%s\n' "${summary[@]}"
exit "$failed"
