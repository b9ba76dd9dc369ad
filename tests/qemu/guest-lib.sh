# Helpers for the guest scripts of the QEMU tests (busybox sh). run_guest
# (lib.sh) ships this file into every guest; a script starts with
#   . /batch/files/guest-lib.sh
# Each check prints what it checked; a failing one ends the script with
# exit 1 (on stdout: the host side reads the script's output).
fail() { echo "FAIL: $*"; exit 1; }
ok() { echo "ok: $*"; }

cfg=/usr/share/bulkhead/configs
img=/usr/share/bulkhead/inmates
sysfs=/sys/devices/bulkhead

pool() { cut -d' ' -f1 $sysfs/mem_pool; }
online() { cat /sys/devices/system/cpu/cpu$1/online; }
# The architected timer's interrupt count of CPUs 0-3.
timer_counts() {
	awk '/arch_timer/ { print $2, $3, $4, $5; exit }' /proc/interrupts
}

# cell_id NAME_OR_ID: the cell's id in sysfs.
cell_id() {
	case $1 in
	*[!0-9]*|"") ;;
	*) [ -d $sysfs/cells/$1 ] && { echo $1; return; } ;;
	esac
	for d in $sysfs/cells/*; do
		[ "$(cat $d/name 2>/dev/null)" = "$1" ] &&
			{ basename $d; return; }
	done
	fail "no cell $1 in sysfs"
}
state() { cat $sysfs/cells/$(cell_id $1)/state; }

# wait_state NAME_OR_ID STATE SECONDS
wait_state() {
	i=0
	while [ "$(state $1)" != "$2" ]; do
		i=$((i + 1))
		[ $i -le $(($3 * 10)) ] ||
			fail "cell $1: state '$(state $1)', want '$2'"
		sleep 0.1
	done
}

# param IMAGE VALUE OUT: a copy of IMAGE with the parameter word VALUE
# (image offset 0x10, little-endian; docs/inmates.md).
param() {
	cp $1 $3
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($2 & 255)) \
		$((($2 >> 8) & 255)) $((($2 >> 16) & 255)) \
		$((($2 >> 24) & 255)))" |
		dd of=$3 bs=1 seek=16 conv=notrunc 2>/dev/null
}

# wait_console SECONDS RE: a line matching RE in the hypervisor console.
wait_console() {
	i=0
	until timeout 10 bulkhead console | grep -q "$2"; do
		i=$((i + 1))
		[ $i -le $(($1 * 2)) ] ||
			fail "no '$2' in the console: $(timeout 10 bulkhead console | tail -n 5)"
		sleep 0.5
	done
}

zero8m_md5=96995b58d4cbf6aaa9041b4f00c7f6ae	# md5sum of 8 MiB of zeros

# load_start SECONDS CPU...: on each CPU, write and checksum 8 MiB files
# until SECONDS are over (the jobs in $pids; wait for them, then
# load_check). Passes per CPU land in /tmp/loadnCPU.
load_start() {
	secs=$1
	shift
	rm -f /tmp/loaderr
	pids=
	for c in "$@"; do
		taskset -c $c sh -c "
			end=\$((\$(date +%s) + $secs)); n=0
			while [ \$(date +%s) -lt \$end ]; do
				head -c 8388608 /dev/zero > /tmp/load$c
				sum=\$(md5sum < /tmp/load$c)
				[ \"\${sum%% *}\" = $zero8m_md5 ] ||
					echo bad >> /tmp/loaderr
				n=\$((n + 1))
			done
			rm -f /tmp/load$c; echo \$n > /tmp/loadn$c" &
		pids="$pids $!"
	done
}
# load_check: no wrong checksum, at least one pass on every CPU loaded.
load_check() {
	[ ! -e /tmp/loaderr ] || fail "load: $(wc -l < /tmp/loaderr) bad checksums"
	for f in /tmp/loadn*; do
		[ "$(cat $f)" -gt 0 ] || fail "load: no pass on CPU ${f#/tmp/loadn}"
	done
}
