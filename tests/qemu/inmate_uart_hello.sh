#!/usr/bin/env bash
# uart-hello bare metal: the greeting, where it runs, and a clean end.
set -euo pipefail
. ./lib.sh

image=$BULKHEAD_BUILD/arm64/inmates/demos/uart-hello-bare.elf
out=$(./bare-run.sh -t 30 -u '^uart-hello: done' "$image") ||
	{ echo "$out"; fail "uart-hello did not finish within 30 s"; }
echo "$out"
grep -qx 'uart-hello: Hello from a Bulkhead cell' <<< "$out" ||
	fail "no greeting"
ok "greeting printed"
grep -q '^uart-hello: bare metal, EL1, image at 0x0000000040080000,' \
	<<< "$out" || fail "not at EL1 at the bare link address"
ok "runs at EL1 from 0x40080000 without a hypervisor"
grep -q 'INMATE FATAL' <<< "$out" && fail "unexpected exception"
ok "no unexpected exception"
