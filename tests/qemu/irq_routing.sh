#!/usr/bin/env bash
# Interrupt routing to the root cell (tests/qemu/irq-probe): more SPIs
# outstanding than list registers, all delivered once through the queue
# and the maintenance interrupt; root-cell SGIs naming a non-root cell's
# CPU dropped with a report, while one to a root CPU arrives. The guest
# script checks the counts; here the serial log.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

use_scratch
mkdir "$scratch/probe"
cp irq-probe/Kbuild irq-probe/irq_probe.c "$scratch/probe/"
make -s -C "$BULKHEAD_BUILD/guest/headers" M="$scratch/probe" ARCH=arm64 \
	CROSS_COMPILE=aarch64-linux-gnu- modules > "$scratch/kbuild.log" 2>&1 ||
	{ cat "$scratch/kbuild.log" >&2; fail "building irq_probe.ko"; }
run_guest -t 200 -s irq_routing.guest.sh \
	-f "$scratch/probe/irq_probe.ko:/batch/files/irq_probe.ko"
! grep -E "Oops|WARNING:|BUG:|Internal error|nobody cared" \
	"$scratch/serial" || fail "the kernel complained"
! grep -q "queue full" "$scratch/serial" ||
	fail "the CPU interface queue overflowed"
# A broadcast (IRM) skips other cells' CPUs silently: only the write
# naming CPU 3 is a violation worth a report.
report='^Bulkhead: cell "qemu-arm64" CPU 0: SGI write 0x8 targets CPUs'
report="$report of another cell; dropped\$"
grep -q "$report" "$scratch/serial" ||
	fail "no drop report for the SGI naming CPU 3"
ok "root SGI write naming CPU 3 reported and dropped"
! grep -q "SGI write 0x4 " "$scratch/serial" ||
	fail "the SGI to a root CPU was reported"
ok "the SGI to a root CPU went through unreported"
