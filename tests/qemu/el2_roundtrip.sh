#!/usr/bin/env bash
# Bring-up step 1, the EL2 round trip: the guest script enables and
# disables twice and checks the refusals; here the serial log must show
# the hypervisor's banner from CPUs 0-3 in each round and their leaving.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

cell=${1:?usage: el2_roundtrip.sh SYSTEM.cell}
use_scratch
run_guest -t 200 -s el2_roundtrip.guest.sh \
	-f "$cell:/batch/files/system.cell"
version=$(sed -n 's/^#define BULKHEAD_VERSION\t"\(.*\)"/\1/p' \
	../../include/bulkhead/version.h)
for cpu in 0 1 2 3; do
	n=$(grep -c "^Bulkhead hypervisor $version: CPU $cpu at EL2 (MPIDR.*MMU on" \
		"$scratch/serial" || true)
	[ "$n" = 2 ] || fail "CPU $cpu: $n banners at EL2, want 2"
	n=$(grep -c "^Bulkhead: CPU $cpu left" "$scratch/serial" || true)
	[ "$n" = 2 ] || fail "CPU $cpu: left $n times, want 2"
done
grep "^Bulkhead" "$scratch/serial"
ok "banner at EL2 from CPUs 0-3 in both rounds, each left twice"

# CPU 3 went through PSCI CPU_OFF / CPU_ON at EL2 once per round.
n=$(grep -c "^Bulkhead: CPU 3 off (parked in the hypervisor)" \
	"$scratch/serial" || true)
[ "$n" = 2 ] || fail "CPU 3 parked $n times, want 2"
n=$(grep -c "^Bulkhead: CPU 3 on at 0x[0-9a-f]*$" "$scratch/serial" || true)
[ "$n" = 2 ] || fail "CPU 3 restarted $n times, want 2"
ok "CPU 3 parked at EL2 and restarted by CPU_ON in both rounds"

# The page pool is reported once per enable, identically each time.
pool=$(grep "^Bulkhead: page pool: [0-9]*/[0-9]* pages used after setup" \
	"$scratch/serial" || true)
[ "$(echo "$pool" | grep -c .)" = 2 ] || fail "page pool lines: '$pool'"
[ "$(echo "$pool" | sort -u | wc -l)" = 1 ] ||
	fail "page pool usage differs between enables: $pool"
ok "page pool usage identical after each enable: ${pool%%$'\n'*}"
