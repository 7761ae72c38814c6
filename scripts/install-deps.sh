#!/usr/bin/env bash
# Installs the Debian 12 packages keyledger needs to build, test and run, and nothing that is
# already there. Used by both README commands. Prints what it installs; quiet when all is present.
#   scripts/install-deps.sh            build + run + test dependencies
#   scripts/install-deps.sh --bench    also the peers the benchmarks compare against
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libboost-program-options-dev
  librocksdb-dev libsimdjson-dev rapidjson-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsodium-dev libssl-dev libspdlog-dev libfmt-dev libcli11-dev
  libhowardhinnant-date-dev tzdata libicu-dev prometheus-cpp-dev libcurl4-openssl-dev
  clang libclang-rt-14-dev
  chromium fonts-noto-cjk python3 python3-aiosmtpd faketime openssl curl procps
)
# Node.js may come from elsewhere with its own npm (which conflicts with Debian's npm package):
# only ask Debian for it when the commands are missing.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(postgresql wrk nginx rocksdb-tools jq)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
