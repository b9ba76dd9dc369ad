#!/usr/bin/env bash
# inmate-timer-latency.sh: the cell-vs-bare interrupt latency comparison
# (DESIGN.md, "Measuring under QEMU TCG").
#
#   tests/bench/inmate-timer-latency.sh [-c] [-r RUNS] [-w WINDOWS] [BUILD_DIR]
#
# Runs timer-jitter-bare.elf RUNS times (default 5) under
# -icount shift=4,sleep=off, where one tick of the 62.5 MHz counter is one
# instruction, and collects WINDOWS (default 5) JITTER v1 windows of 100
# samples at a 1 ms period per run. Reports, in ticks from the timer's
# deadline to the handler's first counter read:
#   min     smallest sample of all windows (min_ticks)
#   median  median of the windows' cur_ticks, i.e. of the last sample of
#           each window: one sample per window, taken with the CPU idle in
#           WFI as it always is when the timer fires in this demo
#   max     largest sample (max_ticks): WFI wake-ups show rare outliers
# One CPU (-smp 1): no sibling shares the instruction clock. With -c the
# same demo then runs in cell demo2 of the appliance (hypervisor enabled,
# webd off, the root cell idle) under the same -icount setup, WINDOWS
# windows read from the hypervisor console; printed as a "cell" summary
# and the cell's excess over bare (median and min, in ticks). icount
# runs all four vCPUs on one clock, so a root CPU waking in the
# measured interval adds its instructions: the median is the figure, the
# max is not. Not a ctest test: figures, not pass/fail.
set -euo pipefail

runs=5 windows=5 cell=0
while getopts "cr:w:" opt; do
	case $opt in
	c) cell=1 ;;
	r) runs=$OPTARG ;;
	w) windows=$OPTARG ;;
	*) sed -n '2,28p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
image=$build/arm64/inmates/demos/timer-jitter-bare.elf
[ -r "$image" ] || { echo "no $image: build first" >&2; exit 1; }

all=$(mktemp)
trap 'rm -f "$all" "$all".*' EXIT
for r in $(seq "$runs"); do
	(cd "$here/../qemu" && ./bare-run.sh -t 120 -u '^JITTER' \
		-n "$windows" -q -icount -q shift=4,sleep=off "$image") \
		> "$all.raw" || { echo "run $r: failed" >&2; exit 1; }
	awk -v n="$windows" '/^JITTER/ && c++ < n' "$all.raw" > "$all.run"
	[ "$(wc -l < "$all.run")" = "$windows" ] ||
		{ echo "run $r: fewer than $windows windows" >&2; exit 1; }
	awk -v r="$r" '{ printf "run %d %s %s %s\n", r, $11, $12, $13 }' \
		"$all.run"
	cat "$all.run" >> "$all"
done

# Columns 11-13 are cur_ticks, min_ticks, max_ticks (docs/inmates.md);
# sorted by cur_ticks for the median (plain POSIX awk: no asort).
summary() {
	sed -E 's/ [a-z_]+=/ /g' "$2" | sort -n -k11,11 | awk -v what="$1" '
	{
		cur[NR] = $11
		if (NR == 1 || $12 < min) min = $12
		if ($13 > max) max = $13
	}
	END {
		if (NR % 2)
			median = cur[(NR + 1) / 2]
		else
			median = (cur[NR / 2] + cur[NR / 2 + 1]) / 2
		printf "BENCH inmate-timer-latency %s windows=%d min_ticks=%d " \
		       "median_ticks=%s max_ticks=%d\n", what, NR, min, median,
		       max
	}'
}
summary bare "$all" | tee "$all.bare"
[ "$cell" = 1 ] || exit 0

echo "$windows" > "$all.windows"
"$here/../../packaging/qemu-run" -b "$build" -t 1200 \
	-s "$here/cell-timer-latency.guest.sh" -f "$all.windows:/batch/files/windows" \
	-q -icount -q shift=4,sleep=off -a bulkhead.webd=0 > "$all.raw" ||
	{ echo "cell run failed: $(tail -5 "$all.raw")" >&2; exit 1; }
sed -n 's/^CELL //p' "$all.raw" > "$all.cell"
[ "$(wc -l < "$all.cell")" = "$windows" ] ||
	{ echo "cell run: fewer than $windows windows" >&2; exit 1; }
awk '{ printf "cell %s %s %s\n", $11, $12, $13 }' "$all.cell"
summary cell "$all.cell" | tee "$all.sum"
cat "$all.bare" "$all.sum" | sed -E 's/.*min_ticks=([0-9]+) median_ticks=([0-9.]+).*/\1 \2/' |
	awk 'NR == 1 { bmin = $1; bmed = $2 } NR == 2 {
		printf "BENCH inmate-timer-latency cell-over-bare " \
		       "median_ticks=+%s min_ticks=+%d median_ratio=%.2f\n",
		       $2 - bmed, $1 - bmin, $2 / bmed }'
