# Guest side of the EL2 round trip (bring-up step 1, busybox sh): refusals
# of bad configs, then enable / check / disable twice, with CPU hotplug
# under the hypervisor (emulated PSCI) in each round and without it in
# between. The host side checks the hypervisor's banners on the serial port.
set -e
. /batch/files/guest-lib.sh

cell=/batch/files/system.cell

[ "$(cat $sysfs/enabled)" = 0 ] || fail "enabled before enable"

# expect_refusal FILE TEXT: enable fails, says TEXT, nothing changes.
expect_refusal() {
	set +e
	out=$(bulkhead enable "$1" 2>&1); rc=$?
	set -e
	[ "$rc" = 1 ] || fail "enable $1: exit $rc, want 1 ($out)"
	echo "$out" | grep -q "$2" || fail "enable $1 said '$out', want '$2'"
	[ "$(cat $sysfs/enabled)" = 0 ] || fail "enabled after a refusal"
	ok "refused $(basename "$1"): $out"
}

head -c 100 $cell > /tmp/truncated.cell
expect_refusal /tmp/truncated.cell "config truncated: 100 bytes"
head -c $(($(wc -c < $cell) - 8)) $cell > /tmp/short.cell
expect_refusal /tmp/short.cell "does not match its contents"
cp $cell /tmp/x86.cell
printf '\002' | dd of=/tmp/x86.cell bs=1 seek=12 conv=notrunc 2>/dev/null
expect_refusal /tmp/x86.cell "config is for architecture 2"
cp $cell /tmp/garbage.cell
printf 'GARBAGE!' | dd of=/tmp/garbage.cell bs=1 seek=0 conv=notrunc 2>/dev/null
expect_refusal /tmp/garbage.cell "not a system config"

# Every CPU's timer count went up between two reads 1 s apart. Each CPU
# is kept busy meanwhile: an idle CPU stops its tick (NO_HZ_IDLE).
check_timers() {
	label=$1
	pids=
	for c in 0 1 2 3; do
		taskset -c $c sh -c 'while :; do :; done' &
		pids="$pids $!"
	done
	a=$(timer_counts); sleep 1; b=$(timer_counts)
	kill $pids
	wait $pids 2>/dev/null || true
	set -- $a $b
	[ $# = 8 ] || fail "cannot read 4 timer counts: '$a' '$b'"
	for i in 1 2 3 4; do
		eval "x=\${$i} y=\${$((i + 4))}"
		[ "$y" -gt "$x" ] ||
			fail "$label: CPU $((i - 1)) timer stuck at $x ($a -> $b)"
	done
	ok "$label: timer interrupts count on all 4 CPUs ($a -> $b)"
}

round() {
	bulkhead enable $cell || fail "enable, round $1"
	[ "$(cat $sysfs/enabled)" = 1 ] || fail "sysfs enabled != 1"
	[ "$(bulkhead status)" = enabled ] || fail "status is not enabled"
	dmesg | tail -n 5 | grep -q "hypervisor enabled on 4 CPUs" ||
		fail "no 'enabled on 4 CPUs' in dmesg"
	ok "round $1: enabled on 4 CPUs"

	set +e
	out=$(bulkhead enable $cell 2>&1); rc=$?
	set -e
	[ "$rc" = 1 ] && echo "$out" | grep -q "already enabled" &&
		echo "$out" | grep -q "Device or resource busy" ||
		fail "second enable: exit $rc '$out'"
	ok "enable while enabled: $out"
	! rmmod bulkhead 2>/dev/null || fail "rmmod succeeded while enabled"
	ok "rmmod refused while enabled"
	echo 0 > /sys/devices/system/cpu/cpu3/online ||
		fail "CPU 3 cannot go offline while enabled"
	[ "$(cat /sys/devices/system/cpu/cpu3/online)" = 0 ] ||
		fail "CPU 3 is still online"
	set +e
	out=$(bulkhead disable 2>&1); rc=$?
	set -e
	[ "$rc" != 0 ] && echo "$out" | grep -q "CPUs 3 are offline" ||
		fail "disable with CPU 3 offline: exit $rc '$out'"
	ok "disable refused while CPU 3 is parked: $out"
	echo 1 > /sys/devices/system/cpu/cpu3/online ||
		fail "CPU 3 cannot come back online while enabled"
	[ "$(cat /sys/devices/system/cpu/cpu3/online)" = 1 ] ||
		fail "CPU 3 is offline"
	ok "CPU 3 offline and online again under the hypervisor (PSCI)"
	check_timers "round $1, enabled"

	bulkhead disable || fail "disable, round $1"
	[ "$(cat $sysfs/enabled)" = 0 ] || fail "sysfs enabled != 0"
	set +e
	out=$(bulkhead disable 2>&1); rc=$?
	set -e
	[ "$rc" = 4 ] && echo "$out" | grep -q "not enabled" ||
		fail "disable while disabled: exit $rc '$out'"
	ok "round $1: disabled; disable again: $out"
	check_timers "round $1, disabled"
}

round 1
echo 0 > /sys/devices/system/cpu/cpu3/online
echo 1 > /sys/devices/system/cpu/cpu3/online
[ "$(cat /sys/devices/system/cpu/cpu3/online)" = 1 ] || fail "CPU 3 not back"
ok "CPU 3 offline and online again after disable"
round 2
rmmod bulkhead || fail "rmmod after disable"
insmod /lib/bulkhead/bulkhead.ko || fail "insmod again"
ok "driver unloads and loads again after disable"
echo "guest-done"
