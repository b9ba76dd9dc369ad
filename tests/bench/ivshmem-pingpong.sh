#!/usr/bin/env bash
# ivshmem-pingpong.sh: round trip of an ivshmem doorbell ping-pong between
# root Linux (bulkhead ivshmem ping: message, doorbell, wait in read() on
# the UIO device) and the ivshmem demo cell on CPU 3 (answer, doorbell),
# in instructions: -icount shift=4,sleep=off, where one counter tick is
# one instruction (DESIGN.md, "Measuring under QEMU TCG"). icount runs all
# vCPUs on one clock: both ends' instructions add up (the demo sleeps in
# WFI until the hypervisor's kick, idle root CPUs sleep). Figures and
# their reading: docs/ivshmem.md. Not a ctest test: figures, not
# pass/fail.
#
#   tests/bench/ivshmem-pingpong.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$here/../../packaging/qemu-run" -t 1200 -s "$here/ivshmem-pingpong.guest.sh" \
	-q -icount -q shift=4,sleep=off -a bulkhead.webd=0 | tee "$tmp/out"
grep -q bench-done "$tmp/out"
