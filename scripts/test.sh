#!/usr/bin/env bash
# README command 2: install what is missing, build with AddressSanitizer + UBSan, and run every
# test: the C++ suites (ctest), a short fuzz run, the dashboard's unit tests and the browser
# end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

scripts/install-deps.sh
build=build/asan
scripts/asan-build.sh "$build"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$build" && ctest -j"$(nproc)" --output-on-failure --timeout 900)
# The short fuzz run (libFuzzer, clang) on request bodies and feed messages.
tests/fuzz/run.sh 20

if [[ -f client_web/package.json ]]; then
  (cd client_web && npm ci --no-audit --no-fund --loglevel=error && npm test --silent && npm run build --silent)
fi
if [[ -x tests/e2e/run.sh ]]; then
  tests/e2e/run.sh "$build/server/keyledger"
fi
echo "test.sh: all tests passed in $(( $(date +%s) - start )) s"
