#!/usr/bin/env bash
# The inmate library's own checks, bare metal (inmates/tests/lib-selftest.c):
# printk conversions, SGI delivery and masking, unhandled interrupts,
# delays, the MMU's attributes (AT S1E1R) and map_range().
set -euo pipefail
. ./lib.sh

image=$BULKHEAD_BUILD/arm64/inmates/tests/lib-selftest-bare.elf
out=$(./bare-run.sh -t 30 -u '^LIB-SELFTEST (PASS|FAIL)' "$image") ||
	{ echo "$out"; fail "lib-selftest did not finish within 30 s"; }
echo "$out"
grep -q '^LIB-SELFTEST FAIL' <<< "$out" && fail "lib-selftest failed"
for step in "printk conversions" "MMU on, image Normal WB, UART Device" \
	    "map_range attributes" "SGI to this CPU handled" \
	    "disabled SGI not delivered" "unhandled interrupt counted" \
	    "delay_us and conversions"; do
	grep -qx "LIB-SELFTEST ok: $step" <<< "$out" ||
		fail "step missing: $step"
done
grep -qx 'LIB-SELFTEST PASS' <<< "$out" || fail "no PASS line"
ok "inmate library: MMU attributes, printk, GIC SGIs, unhandled IRQs, delays"
