#!/usr/bin/env bash
# Non-root cells (issue 6): the guest script (cells.guest.sh) runs the
# lifecycle, 20 cycles, refusals and rogue cells; here the serial log must
# show the cell's greeting, the rogue reports and no fatal error.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

use_scratch
run_guest -t 300 -s cells.guest.sh
! grep -E "Oops|WARNING:|BUG:|Internal error" "$scratch/serial" ||
	fail "the kernel complained"

# 1 + 20 + 1 starts of uart-hello, each greeting once on the shared PL011.
n=$(grep -c "^uart-hello: Hello from a Bulkhead cell" "$scratch/serial" || true)
[ "$n" = 22 ] || fail "uart-hello greetings: $n, want 22"
grep -q "^uart-hello: in a cell, EL1, image at 0x0" "$scratch/serial" ||
	fail "uart-hello did not find itself in a cell at 0"
ok "22 greetings from uart-hello in a cell"

for what in "write-outside-ram" "read-hv-memory"; do
	grep -q "^ROGUE attempt=$what" "$scratch/serial" ||
		fail "rogue $what did not run"
	! grep -q "^ROGUE survived=$what" "$scratch/serial" ||
		fail "rogue $what survived"
done
re='^Bulkhead: cell "demo" CPU 3: stage-2 data abort at IPA 0x[0-9a-f]* ([a-z]*), EC 0x24, ESR 0x[0-9a-f]*, VA 0x[0-9a-f]*, PC 0x[0-9a-f]*; cell stopped, state failed$'
grep "$re" "$scratch/serial" || fail "no failure reports"
grep -q 'IPA 0x1000000 (write)' <(grep "$re" "$scratch/serial") ||
	fail "no report of the write outside the cell's RAM"
grep -q 'IPA 0x7f000000 (read)' <(grep "$re" "$scratch/serial") ||
	fail "no report of the read of hypervisor memory"
ok "both rogue accesses stopped the cell with a report"
