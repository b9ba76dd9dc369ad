#!/usr/bin/env bash
# The hypervisor console ring: the guest script (console.guest.sh) reads it
# with `bulkhead console [-f]` and writes to it through the debug-console
# hypercall; here the serial log must show the same lines (the UART gets
# everything too) and no fatal error.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

cell=${1:?usage: console.sh SYSTEM.cell}
use_scratch
run_guest -t 150 -s console.guest.sh -f "$cell:/batch/files/system.cell"
grep -q '^\[cell:qemu-arm64\] hello from the root cell$' "$scratch/serial" ||
	fail "the root cell's line is not on the UART"
ok "the root cell's putc line on the UART too, tagged"
