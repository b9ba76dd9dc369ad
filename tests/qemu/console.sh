#!/usr/bin/env bash
# The hypervisor console ring: the guest script (console.guest.sh) reads it
# with `bulkhead console [-f]` and writes to it through the debug-console
# hypercall; here the serial log must show the same lines (the UART gets
# everything too) and no fatal error.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

cell=${1:?usage: console.sh SYSTEM.cell}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export TMPDIR=$scratch

set +e
"$QEMU_RUN" -t 150 -s console.guest.sh -S "$scratch/serial.log" \
	-f "$cell:/batch/files/system.cell" | tee "$scratch/out"
rc=${PIPESTATUS[0]}
set -e
tr -d '\r' < "$scratch/serial.log" > "$scratch/serial" || true
if [ "$rc" != 0 ]; then
	tail -n 40 "$scratch/serial" >&2 || true
	fail "guest script exit $rc"
fi
grep -q guest-done "$scratch/out" || fail "guest script did not finish"
! grep -q "Bulkhead FATAL" "$scratch/serial" || fail "hypervisor fatal error"
grep -q '^\[cell:qemu-arm64\] hello from the root cell$' "$scratch/serial" ||
	fail "the root cell's line is not on the UART"
ok "the root cell's putc line on the UART too, tagged"
