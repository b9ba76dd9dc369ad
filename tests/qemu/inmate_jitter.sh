#!/usr/bin/env bash
# timer-jitter bare metal: well-formed JITTER v1 lines with plausible
# numbers, the parameter word obeyed, and under icount a short, exact
# interrupt path.
set -euo pipefail
. ./lib.sh

image=$BULKHEAD_BUILD/arm64/inmates/demos/timer-jitter-bare.elf
out=$(mktemp)
trap 'rm -f "$out"' EXIT

./bare-run.sh -t 40 -u '^JITTER' -n 3 "$image" > "$out" ||
	{ cat "$out"; fail "no 3 JITTER lines within 40 s"; }
awk -v min_lines=3 -v want_samples=100 -v want_period_ns=1000000 \
	-f jitter-check.awk "$out" || { cat "$out"; fail "bad JITTER lines"; }
grep -q '^timer-jitter: bare metal, period 1000 us' "$out" ||
	fail "start line missing"
ok "defaults: 3 well-formed windows of 100 samples, 1 ms period"

# Parameter word: period 200 us (0xc8), 10 samples per window, locked.
./bare-run.sh -t 40 -p 0x800a00c8 -u '^JITTER' -n 3 \
	-q -icount -q shift=4,sleep=off "$image" > "$out" ||
	{ cat "$out"; fail "icount run: no 3 JITTER lines within 40 s"; }
awk -v min_lines=3 -v want_samples=10 -v want_period_ns=200000 \
	-f jitter-check.awk "$out" || { cat "$out"; fail "bad JITTER lines"; }
grep -q 'period 200 us, 10 samples per window, .*, locked$' "$out" ||
	{ cat "$out"; fail "parameter word not obeyed"; }
ok "parameter word: 200 us period, 10-sample windows, locked"

# One instruction per tick under icount shift=4: the bare path is a few
# dozen instructions (29 measured, docs/inmates.md); more than 100 would
# mean a regression.
min=$(awk '/^JITTER/ { sub("min_ticks=", "", $12); print $12; exit }' "$out")
[ "$min" -gt 0 ] && [ "$min" -le 100 ] ||
	{ cat "$out"; fail "icount latency $min ticks, want 1..100"; }
ok "icount: timer-to-handler latency $min ticks"
