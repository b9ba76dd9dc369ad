#!/usr/bin/env bash
# irq-cost.sh: instructions a timer interrupt costs the root cell through
# the hypervisor (EL2 acknowledge + list-register injection + the guest's
# virtual interface) against the same kernel with the hypervisor disabled.
# One CPU (maxcpus=1: nothing else advances the instruction clock) under
# -icount shift=4,sleep=off, where one counter tick is one instruction;
# tests/bench/irq-gaps.c measures the gaps a timer interrupt leaves in a
# counter-reading loop. Not a ctest test: figures, not pass/fail.
#
#   tests/bench/irq-cost.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
aarch64-linux-gnu-gcc -O2 -static -o "$tmp/irq-gaps" "$here/irq-gaps.c"
"$here/../../packaging/qemu-run" -t 900 -s "$here/irq-cost.guest.sh" \
	-a maxcpus=1 -q -icount -q shift=4,sleep=off \
	-f "$tmp/irq-gaps:/batch/files/irq-gaps" \
	-f "$build/configs/qemu-arm64.cell:/batch/files/system.cell" |
	tee "$tmp/out"
grep -q bench-done "$tmp/out"
