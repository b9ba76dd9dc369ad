#!/usr/bin/env bash
# mmio-cost.sh: instructions one trapped GIC distributor read costs the
# root cell (stage-2 abort, decode, dispatch, emulation, return) against
# the same load from an untrapped device register, side by side in one
# run. One CPU (maxcpus=1) under -icount shift=4,sleep=off, where one
# virtual-counter tick is one instruction; the probe module
# (mmio-probe/mmio_probe.c, built here against Debian's arm64 headers like
# bulkhead.ko) times rounds of register reads with interrupts masked and
# reports the smallest round. Not a ctest test: figures, not pass/fail
# (qemu.mmio_cost_smoke only checks that the figures are well formed).
#
#   tests/bench/mmio-cost.sh [BUILD_DIR [READS [ROUNDS]]]
#
# prints, for the hypervisor disabled, enabled and disabled again,
#   <state>: reads N gicd_typer A gicd_isenabler1 B pl011_fr C
# (instructions per read, the loop's own 4 included) and then
#   trapped GICD_TYPER read: +X instructions (A - C while enabled)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
reads=${2:-200}
rounds=${3:-32}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/probe"
cp "$here/mmio-probe/Kbuild" "$here/mmio-probe/mmio_probe.c" "$tmp/probe/"
make -s -C "$build/guest/headers" M="$tmp/probe" ARCH=arm64 \
	CROSS_COMPILE=aarch64-linux-gnu- modules > "$tmp/kbuild.log" 2>&1 || {
	cat "$tmp/kbuild.log" >&2
	echo "mmio-cost: building the probe module failed" >&2
	exit 1
}
"$here/../../packaging/qemu-run" -b "$build" -t 600 \
	-s "$here/mmio-cost.guest.sh" \
	-a maxcpus=1 -a "mmio_probe.reads=$reads" \
	-a "mmio_probe.rounds=$rounds" -q -icount -q shift=4,sleep=off \
	-f "$tmp/probe/mmio_probe.ko:/batch/files/mmio_probe.ko" \
	-f "$build/configs/qemu-arm64.cell:/batch/files/system.cell" |
	tr -d '\r' | tee "$tmp/out"
grep -q bench-done "$tmp/out"
# Hundredths of an instruction per read -> "12.34".
awk '
function fig(v) { return sprintf("%d.%02d", v / 100, v % 100) }
/^enabled: reads / {
	for (i = 2; i < NF; i += 2)
		v[$i] = $(i + 1)
	printf "trapped GICD_TYPER read: +%s instructions, " \
	       "GICD_ISENABLER1: +%s (untrapped PL011 read: %s)\n",
	       fig(v["gicd_typer"] - v["pl011_fr"]),
	       fig(v["gicd_isenabler1"] - v["pl011_fr"]), fig(v["pl011_fr"])
	found = 1
}
END { exit !found }' "$tmp/out"
