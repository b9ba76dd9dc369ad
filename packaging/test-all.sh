#!/usr/bin/env bash
# Install what is needed, build everything, run every test (the README's
# test command; .ci/run calls exactly this).
#
#   packaging/test-all.sh [CTEST ARGS...]    e.g. -L unit, -R qemu.appliance
set -euo pipefail
cd "$(dirname "$0")/.."

step() { echo "==> $*"; }
failed() { echo "test-all: step failed: $1" >&2; exit 1; }

step "dependencies"
packaging/setup-deps.sh || failed "dependencies (packaging/setup-deps.sh)"
step "configure"
cmake -S . -B build || failed "configure (cmake -S . -B build)"
step "build"
cmake --build build -j"$(nproc)" || failed "build (cmake --build build)"
step "tests"
cd build
ctest --output-on-failure --timeout 900 "$@" || failed "tests (ctest)"
