#!/usr/bin/env bash
# Bring-up step 3, the root cell under stage 2: the guest script (see
# root_cell.guest.sh) runs ten enable/disable rounds; here the serial log
# must show one stage-2 abort report per round with everything needed to
# find the culprit, identical page pool usage after every setup and every
# teardown, and no fatal error.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

cell=${1:?usage: root_cell.sh SYSTEM.cell}
use_scratch
run_guest -t 400 -s root_cell.guest.sh -H ./root_cell.host.sh \
	-f "$cell:/batch/files/system.cell"
# Linux took the injected aborts as user faults: no oops, no warning
# (also none for CPU 3 restarting at EL1 while the others booted at EL2).
! grep -E "Oops|WARNING:|BUG:|Internal error|mismatched|inconsistent" \
	"$scratch/serial" || fail "the kernel complained"
ok "no oops or warning from the kernel"
# The GIC is emulated: Linux, owning everything, is never refused.
! grep "Bulkhead: .*denied" "$scratch/serial" || fail "GIC access denied"
ok "no denied GIC access"
grep -m1 "devmem.*abort" "$scratch/serial" || true

# One report per round, for devmem's read of the hypervisor's memory.
re='^Bulkhead: cell "qemu-arm64" CPU [0-3]: stage-2 data abort at IPA 0x7f000000 (read), EC 0x24, ESR 0x[0-9a-f]*, VA 0x[0-9a-f]*, PC 0x[0-9a-f]*; abort injected$'
n=$(grep -c "$re" "$scratch/serial" || true)
[ "$n" = 10 ] || fail "stage-2 abort reports: $n, want 10"
ok "10 stage-2 abort reports, e.g. '$(grep -m1 "$re" "$scratch/serial")'"
n=$(grep -c "stage-2" "$scratch/serial" || true)
[ "$n" = 10 ] || fail "$n stage-2 reports in all, want 10 (Linux faulted elsewhere?)"

# The driver's sysfs view of the pool matches the hypervisor's banner.
banner=$(sed -n 's|^Bulkhead: page pool: \([0-9]*\)/\([0-9]*\) pages used after setup$|\1 \2|p' \
	"$scratch/serial" | head -n 1)
grep -q "^mem_pool: $banner\$" "$scratch/out" ||
	fail "sysfs mem_pool differs from the banner ($banner)"
ok "sysfs mem_pool '$banner' matches the banner"

for what in setup teardown; do
	pool=$(grep "^Bulkhead: page pool: [0-9]*/[0-9]* pages used after $what" \
		"$scratch/serial" || true)
	[ "$(echo "$pool" | grep -c .)" = 10 ] ||
		fail "page pool lines after $what: '$pool'"
	[ "$(echo "$pool" | sort -u | wc -l)" = 1 ] ||
		fail "page pool usage after $what differs: $pool"
	ok "page pool usage identical after each $what: ${pool%%$'\n'*}"
done
