#!/usr/bin/env bash
# scripts/install-deps.sh — installs the Debian packages cwasi's build and
# tests need, if any are missing. A fast no-op when everything is present.
#
#   wabt                  wast2json/wat2wasm: spec tests, examples, CLI tests
#   libcjson-dev          JSON parsing in the spec-test harness
#   make gcc libc6-dev    the build itself
#   clang                 the warnings check (make test builds with gcc and clang)
#   lld wasi-libc libclang-rt-14-dev-wasm32
#                         compiling C to WASI modules (tests/wasi)
#   rustc libstd-rust-dev-wasm32 strace
#                         Rust's std on WASI; which path resolver runs (tests/wasi)
#   valgrind              the limits test's leak check (make test); bench/icount.sh
#   nodejs                AssemblyScript guests (tests/wasi; npm, bundled with it here,
#                         installs the compiler)
#
# Runs apt-get as root, or through sudo when not root.
set -euo pipefail

packages=(make gcc libc6-dev wabt libcjson-dev clang lld wasi-libc libclang-rt-14-dev-wasm32
  rustc libstd-rust-dev-wasm32 strace valgrind nodejs)
# Debian's nodejs has no npm (tests/as installs AssemblyScript with it); NodeSource's
# bundles it and conflicts with the npm package, so ask only when it is missing.
command -v npm >/dev/null || packages+=(npm)

# One dpkg-query for all: unknown packages print nothing and count as missing.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null |
  awk '$2 == "install" && $3 == "ok" && $4 == "installed" { print $1 }' || true)
missing=()
for p in "${packages[@]}"; do
  grep -qx "$p" <<<"$installed" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

if ! command -v apt-get >/dev/null; then
  echo "install-deps: missing packages: ${missing[*]}; apt-get not found: install them by hand" >&2
  exit 1
fi
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "install-deps: missing packages: ${missing[*]}; run as root or install sudo" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
