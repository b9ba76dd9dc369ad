#!/usr/bin/env bash
# bare-run.sh: run a bare-metal inmate image (NAME-bare.elf) on QEMU's virt
# board without a hypervisor, bounded in time, and print what it printed.
#
#   bare-run.sh [-t SECS] [-p PARAM] [-u REGEX] [-n COUNT] [-q QEMU_ARG]...
#               IMAGE.elf
#
#   -t SECS   time bound (default 20): QEMU is killed then, exit 124
#   -p PARAM  patch the image's parameter word (header offset 0x10) in a
#             copy first, as the root cell does before "cell load"
#   -u REGEX  stop as soon as COUNT (-n, default 1) output lines match the
#             extended REGEX: exit 0; without -u, run until the time bound
#             and exit 0
#   -q ARG    extra QEMU argument (repeatable), e.g. -q -icount
#             -q shift=4,sleep=off
#
# Prints the program's output without CRs, whole lines only (QEMU is killed
# wherever it is, so a last line without its newline is dropped).
#
# The machine is what a cell's CPU looks like without the hypervisor:
# virt with GICv3, cortex-a57, no EL2/EL3, so the image starts at EL1.
# QEMU is always killed on the way out; nothing is left behind.
set -euo pipefail

secs=20 param= until= count=1 qemu_extra=()
while getopts "t:p:u:n:q:" opt; do
	case $opt in
	t) secs=$OPTARG ;;
	p) param=$OPTARG ;;
	u) until=$OPTARG ;;
	n) count=$OPTARG ;;
	q) qemu_extra+=("$OPTARG") ;;
	*) echo "usage: see the head of $0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 1 ] || { echo "bare-run.sh: one IMAGE.elf expected" >&2; exit 2; }
image=$1
[ -r "$image" ] || { echo "bare-run.sh: cannot read $image" >&2; exit 2; }

scratch=$(mktemp -d)
qemu_pid=
cleanup() {
	if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
		kill "$qemu_pid" 2>/dev/null || true
		wait "$qemu_pid" 2>/dev/null || true
	fi
	rm -rf "$scratch"
}
trap cleanup EXIT

# The header is the start of the .boot section; patch it in a copy.
if [ -n "$param" ]; then
	cp "$image" "$scratch/image.elf"
	image=$scratch/image.elf
	boot_off=$(aarch64-linux-gnu-readelf -SW "$image" |
		   awk '{ for (i = 1; i < NF; i++)
				if ($i == ".boot") print $(i + 3) }')
	[ -n "$boot_off" ] ||
		{ echo "bare-run.sh: no .boot section" >&2; exit 2; }
	printf "%08x" "$((param))" |
		sed 's/\(..\)\(..\)\(..\)\(..\)/\\x\4\\x\3\\x\2\\x\1/' |
		xargs -0 printf |
		dd of="$image" bs=1 seek=$((0x$boot_off + 0x10)) \
		   conv=notrunc status=none
fi

out=$scratch/serial.out
# The output so far, whole lines only: QEMU may be in the middle of one
# (and is killed wherever it is). $(...) drops a trailing newline, so a
# non-empty last byte means the last line is cut.
whole_lines() {
	if [ -n "$(tail -c 1 "$out")" ]; then
		sed '$d' "$out"
	else
		cat "$out"
	fi
}
: > "$out"
# timeout(1) is a second bound in case this script itself is killed hard.
timeout -s KILL $((secs + 10)) qemu-system-aarch64 \
	-machine virt,gic-version=3 -cpu cortex-a57 -smp 1 -m 1G \
	-display none -monitor none -serial "file:$out" -net none \
	"${qemu_extra[@]}" -kernel "$image" 2> "$scratch/qemu.err" &
qemu_pid=$!

rc=124
deadline=$((SECONDS + secs))
while [ $SECONDS -lt $deadline ]; do
	if ! kill -0 "$qemu_pid" 2>/dev/null; then
		rc=125		# QEMU ended by itself: it should not
		break
	fi
	if [ -n "$until" ] &&
	   [ "$(whole_lines | tr -d '\r' | grep -cE -- "$until")" -ge "$count" ]
	then
		rc=0
		break
	fi
	sleep 0.2
done
[ -z "$until" ] && [ $rc = 124 ] && rc=0
if kill -0 "$qemu_pid" 2>/dev/null; then
	kill "$qemu_pid" 2>/dev/null || true
	wait "$qemu_pid" 2>/dev/null || true
fi
qemu_pid=
whole_lines | tr -d '\r'
[ $rc = 124 ] && echo "bare-run.sh: time bound of ${secs}s expired" >&2
if [ $rc = 125 ]; then
	echo "bare-run.sh: QEMU exited early" >&2
	cat "$scratch/qemu.err" >&2
fi
exit $rc
