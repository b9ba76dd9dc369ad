#!/usr/bin/env bash
# Bring-up step 1, the EL2 round trip: the guest script enables and
# disables twice and checks the refusals; here the serial log must show
# the hypervisor's banner from CPUs 0-3 in each round and their leaving.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

cell=${1:?usage: el2_roundtrip.sh SYSTEM.cell}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export TMPDIR=$scratch

set +e
"$QEMU_RUN" -t 200 -s el2_roundtrip.guest.sh -S "$scratch/serial.log" \
	-f "$cell:/batch/files/system.cell" | tee "$scratch/out"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" != 0 ]; then
	tail -n 40 "$scratch/serial.log" >&2 || true
	fail "guest script exit $rc"
fi
grep -q guest-done "$scratch/out" || fail "guest script did not finish"

tr -d '\r' < "$scratch/serial.log" > "$scratch/serial"
! grep -q "Bulkhead FATAL" "$scratch/serial" || fail "hypervisor fatal error"
version=$(sed -n 's/^#define BULKHEAD_VERSION\t"\(.*\)"/\1/p' \
	../../include/bulkhead/version.h)
for cpu in 0 1 2 3; do
	n=$(grep -c "^Bulkhead hypervisor $version: CPU $cpu at EL2 (MPIDR" \
		"$scratch/serial" || true)
	[ "$n" = 2 ] || fail "CPU $cpu: $n banners at EL2, want 2"
	n=$(grep -c "^Bulkhead: CPU $cpu left" "$scratch/serial" || true)
	[ "$n" = 2 ] || fail "CPU $cpu: left $n times, want 2"
done
grep "^Bulkhead" "$scratch/serial"
ok "banner at EL2 from CPUs 0-3 in both rounds, each left twice"

# The page pool is reported once per enable, identically each time.
pool=$(grep "^Bulkhead: page pool: [0-9]*/[0-9]* pages used" \
	"$scratch/serial" || true)
[ "$(echo "$pool" | grep -c .)" = 2 ] || fail "page pool lines: '$pool'"
[ "$(echo "$pool" | sort -u | wc -l)" = 1 ] ||
	fail "page pool usage differs between enables: $pool"
ok "page pool usage identical after each enable: ${pool%%$'\n'*}"
