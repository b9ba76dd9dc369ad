#!/usr/bin/env bash
# The inmate library's comm region protocol, bare metal: comm-selftest plays
# the hypervisor on its own page (inmates/tests/comm-selftest.c).
set -euo pipefail
. ./lib.sh

image=$BULKHEAD_BUILD/arm64/inmates/tests/comm-selftest-bare.elf
out=$(./bare-run.sh -t 30 -u '^COMM-SELFTEST (PASS|FAIL)' "$image") ||
	{ echo "$out"; fail "comm-selftest did not finish within 30 s"; }
echo "$out"
grep -q '^COMM-SELFTEST FAIL' <<< "$out" && fail "comm-selftest failed"
for step in "unknown revision refused" "page recognised, console from it" \
	    "locked: shutdown denied" "reconfiguration received" \
	    "unknown message answered" "unlocked: shutdown approved"; do
	grep -qx "COMM-SELFTEST ok: $step" <<< "$out" ||
		fail "step missing: $step"
done
grep -qx 'COMM-SELFTEST PASS' <<< "$out" || fail "no PASS line"
ok "comm region: revision check, lock, deny, approve, other messages"
