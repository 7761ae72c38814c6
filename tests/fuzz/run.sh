#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined) from the few
# sources they need, and runs each for SECONDS (default 20: the short run of the README's test
# command; the recorded long run is `KEYLEDGER_FUZZ_OUT=build/fuzz-long tests/fuzz/run.sh 1800`,
# started by tests/fault/run_long.sh). Binaries, logs and the corpora go to $KEYLEDGER_FUZZ_OUT
# (default build/fuzz; a separate folder lets a long run go on beside the test command's short
# one). New inputs that grow coverage stay in OUT/corpus-*; a crash leaves its input in OUT/ and
# fails the script. After each target it prints libFuzzer's final stats, its last coverage line
# (cov = edges, ft = features, corp = corpus entries/size) and the corpus size on disk.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=${1:-20}
out=${KEYLEDGER_FUZZ_OUT:-build/fuzz}
mkdir -p "$out"
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I. -DSIMDJSON_THREADS_ENABLED=1)
common=(server/json_reader.cc server/http_errors.cc server/http_types.cc)
build() {  # name, extra sources...
  local name=$1; shift
  if [[ ! -x "$out/$name" || -n "$(find tests/fuzz server -newer "$out/$name" -name '*.cc' -o -newer "$out/$name" -name '*.h' | head -1)" ]]; then
    clang++ "${flags[@]}" "tests/fuzz/$name.cc" "$@" "${common[@]}" -lsimdjson -o "$out/$name"
  fi
}
build request_body_fuzz
build feed_message_fuzz server/feed_subscribe.cc
for name in request_body_fuzz feed_message_fuzz; do
  corpus="$out/corpus-$name"
  mkdir -p "$corpus"
  seeds="$root/tests/fuzz/corpus/${name%_fuzz}"
  echo "fuzz: $name for ${seconds}s (output in $out)"
  rc=0
  (cd "$out" && "./$name" -max_total_time="$seconds" -max_len=4096 -timeout=5 -rss_limit_mb=2048 \
      -print_final_stats=1 "corpus-$name" "$seeds" > "$name.log" 2>&1) || rc=$?
  grep -E "^stat::|^SUMMARY" "$out/$name.log" || true
  grep -E "^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)" "$out/$name.log" | tail -1 || true
  echo "fuzz: $name corpus: $(find "$corpus" -type f | wc -l) files, $(du -sk "$corpus" | cut -f1) KiB"
  if [[ $rc -ne 0 ]]; then
    echo "fuzz: $name failed (exit $rc); its input and report:"
    grep -E "Test unit written|ERROR|#[0-9]+ 0x" "$out/$name.log" | head -30
    exit 1
  fi
done
