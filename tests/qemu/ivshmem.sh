#!/usr/bin/env bash
# ivshmem between the root cell and the demo cell (issue 9): the guest
# script (ivshmem.guest.sh) checks the device, registers, state table,
# doorbell interrupts, 10,000 verified round trips with the ivshmem demo,
# write protection, destroy/re-create; here the serial log must show the
# demo's own count and the hypervisor's reports of the refused writes.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

use_scratch
run_guest -t 300 -s ivshmem.guest.sh -f jitter-check.awk
! grep -E "Oops|WARNING:|BUG:|Internal error" "$scratch/serial" ||
	fail "the kernel complained"

grep -q "IVSHMEM-DEMO device 00:00.0 peer 1 of 2, shared memory 0x7ef00000, irq 144$" \
	"$scratch/serial" || fail "the demo did not find its device"
grep -q "IVSHMEM-DEMO rounds 10000 errors 0$" "$scratch/serial" ||
	fail "the demo did not answer 10000 correct messages"
ok "the demo cell answered 10000 messages, all correct by its own check"

root='^Bulkhead: cell "qemu-arm64" CPU [0-9]: stage-2 data abort at IPA'
for a in 0x7ef00000 0x7efc0000; do
	grep -q "$root $a (write), .*; abort injected$" "$scratch/serial" ||
		fail "no report of the root cell's write to $a"
done
ok "root cell writes to the state table and the peer's output: reported"
cell='^Bulkhead: cell "demo" CPU 3: stage-2 data abort at IPA'
for a in 0x7ef00000 0x7ef80000; do
	grep -q "$cell $a (write), .*; cell stopped, state failed$" \
		"$scratch/serial" || fail "no report of the demo cell's write to $a"
done
! grep -q "^ROGUE survived" "$scratch/serial" || fail "a rogue survived"
ok "demo cell writes to the state table and the root's output: cell stopped"
