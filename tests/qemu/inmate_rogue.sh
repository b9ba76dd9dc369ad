#!/usr/bin/env bash
# rogue bare metal: each parameter word selects its misdeed, which is
# announced before the access and, bare metal, reported as survived. The
# PSCI call is the exception: with neither EL2 nor EL3, SMC is undefined at
# EL1, which also exercises the library's unexpected-exception report.
set -euo pipefail
. ./lib.sh

image=$BULKHEAD_BUILD/arm64/inmates/demos/rogue-bare.elf
names=(- write-outside-ram read-hv-memory gicd-foreign-irq sgi-foreign-cpu
       psci-cpu-on-foreign foreign-mmio)
targets=(- 0x41080000 0x7f000000 0x8000184 0x0 0x1 0x9010000)

for p in 1 2 3 4 5 6; do
	name=${names[$p]}
	out=$(./bare-run.sh -t 30 -p "$p" \
	      -u '^(ROGUE survived=|INMATE FATAL)' "$image") ||
		{ echo "$out"; fail "param $p: no outcome within 30 s"; }
	echo "$out"
	grep -qx "ROGUE attempt=$name target=${targets[$p]}" <<< "$out" ||
		fail "param $p: no attempt line for $name"
	if [ "$name" = psci-cpu-on-foreign ]; then
		grep -q '^INMATE FATAL: unexpected sync exception: EC=0x00 ' \
			<<< "$out" || fail "SMC without EL3 was not reported"
		grep -q "ELR=0x0000000040080" <<< "$out" ||
			fail "report does not point into the image"
	else
		grep -q "^ROGUE survived=$name result=0x" <<< "$out" ||
			fail "param $p: $name did not come back"
	fi
	ok "param $p: $name attempted and reported"
done

out=$(./bare-run.sh -t 30 -u '^ROGUE param 6' "$image") ||
	{ echo "$out"; fail "param 0: no list within 30 s"; }
grep -q '^ROGUE no misbehaviour for parameter 0' <<< "$out" ||
	fail "param 0 did something"
ok "param 0: behaves and lists the choices"
