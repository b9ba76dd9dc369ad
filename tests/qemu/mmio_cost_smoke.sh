#!/usr/bin/env bash
# The MMIO-trap benchmark runs and reports well-formed figures: a short
# run of tests/bench/mmio-cost.sh (20 reads, 4 rounds). No figure is
# judged (benchmarks, not timing assertions); what is checked is that the
# enabled round's reads really trapped: the mmio exit counter holds at
# least the probe's 2 x 20 x 4 distributor reads.
set -euo pipefail
. ./lib.sh
use_scratch
reads=20 rounds=4
num='[0-9]+'
../bench/mmio-cost.sh "$BULKHEAD_BUILD" $reads $rounds | tee "$scratch/bench"
for state in disabled enabled "disabled again"; do
	line="^$state: reads $reads gicd_typer $num gicd_isenabler1 $num"
	grep -Eq "$line pl011_fr $num\$" "$scratch/bench" ||
		fail "no well-formed '$state' line"
	ok "'$state' figures"
done
grep -Eq '^trapped GICD_TYPER read: \+[0-9]+\.[0-9]{2} instructions' \
	"$scratch/bench" || fail "no trapped-read figure"
ok "trapped-read figure"
mmio=$(awk '/^cpu hvc psci/ { getline; print $5 }' "$scratch/bench")
[ "${mmio:-0}" -ge $((2 * reads * rounds)) ] ||
	fail "mmio exits ${mmio:-none} < $((2 * reads * rounds)): not trapped"
ok "$mmio mmio exits while enabled"
