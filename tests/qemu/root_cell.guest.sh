# Guest side of bring-up step 3, the root cell under stage 2 (busybox sh).
# Round 1: an access outside the root cell's config kills only the
# reader, a CPU+memory load on all CPUs for 30 s with timer interrupts
# counting everywhere, webd reachable from the host, CPU 3 offline and
# online (emulated PSCI) and a short load again, disable. Then nine
# more enable/disable rounds. The host side checks the serial console.
set -e
. /batch/files/guest-lib.sh

cell=/batch/files/system.cell
# The hypervisor's own memory: outside the root cell's stage 2, and, as
# the driver keeps the region out of "busy", reachable through /dev/mem.
probe=0x7f000000

# check_counts LABEL BEFORE AFTER: every CPU's timer count went up.
check_counts() {
	set -- "$1" $2 $3
	label=$1
	shift
	[ $# = 8 ] || fail "$label: cannot read 4 timer counts: $*"
	for i in 1 2 3 4; do
		eval "x=\${$i} y=\${$((i + 4))}"
		[ "$y" -gt "$x" ] || fail "$label: CPU $((i - 1)) timer stuck at $x"
	done
	ok "$label: timer interrupts count on all 4 CPUs ($1 $2 $3 $4 -> $5 $6 $7 $8)"
}

# probe_dies: reading $probe kills the reader with SIGBUS (128 + 7).
probe_dies() {
	set +e
	sh -c "devmem $probe 32" 2>/dev/null; rc=$?
	set -e
	[ "$rc" = 135 ] || fail "devmem $probe under the hypervisor: exit $rc, want 135 (SIGBUS)"
}

# load SECS: on every CPU, write and checksum 8 MiB files until SECS are
# over; any wrong checksum is an error. Timer counts must rise meanwhile.
load() {
	rm -f /tmp/loadn*
	load_start $1 0 1 2 3
	a=$(timer_counts)
	wait $pids
	b=$(timer_counts)
	load_check
	ok "load $1 s on 4 CPUs, checksums right; passes per CPU: $(cat /tmp/loadn0 /tmp/loadn1 /tmp/loadn2 /tmp/loadn3 | tr '\n' ' ')"
	check_counts "under load" "$a" "$b"
}

v=$(devmem $probe 32) || fail "devmem $probe without the hypervisor"
ok "devmem $probe without the hypervisor reads $v"

bulkhead enable $cell || fail "enable"
ok "round 1: enabled"
probe_dies
ok "devmem $probe (hypervisor memory) killed by SIGBUS"
[ "$(cat /sys/devices/bulkhead/enabled)" = 1 ] || fail "not enabled after the faults"
ok "Linux carries on after the faults"
load 30

token=$(bulkhead-webd token create --role viewer --name root-cell-test \
	--db /var/lib/bulkhead/webd.db)
bulkhead-host-sync webd "WEBD_TOKEN=$token" || fail "host-side webd checks failed"
ok "host reached webd over virtio-net while enabled"

echo 0 > /sys/devices/system/cpu/cpu3/online || fail "CPU 3 offline"
echo 1 > /sys/devices/system/cpu/cpu3/online || fail "CPU 3 online"
[ "$(cat /sys/devices/system/cpu/cpu3/online)" = 1 ] || fail "CPU 3 not back"
ok "CPU 3 offline and online again while enabled"
load 5

# Exit statistics: one line per CPU; the abort above and the hotplug's
# PSCI calls are counted.
exits=$(cat /sys/devices/bulkhead/cpu_exits) || fail "cannot read cpu_exits"
echo "$exits"
[ "$(echo "$exits" | head -n 1)" = "cpu hvc psci stage2_abort mmio irq sgi maintenance" ] ||
	fail "cpu_exits header: $(echo "$exits" | head -n 1)"
[ "$(echo "$exits" | sed 1d | wc -l)" = 4 ] || fail "cpu_exits: not 4 CPUs"
sum() { echo "$exits" | awk -v c=$1 'NR > 1 { s += $c } END { print s }'; }
[ "$(sum 4)" = 1 ] || fail "stage-2 aborts counted: $(sum 4), want 1"
[ "$(sum 3)" -ge 2 ] || fail "PSCI exits counted: $(sum 3), want >= 2"
[ "$(sum 2)" -ge 1 ] || fail "hypercalls counted: $(sum 2), want >= 1"
# CPU 3 coming online programs its redistributor: emulated GIC accesses.
[ "$(sum 5)" -ge 1 ] || fail "emulated MMIO exits counted: $(sum 5), want >= 1"
# Interrupts go through EL2: the timers, virtio and IPIs above were all
# taken there and injected; every CPU saw some (the load kept them busy),
# and Linux's IPIs were trapped SGI writes.
echo "$exits" | awk 'NR > 1 && $6 < 50 { exit 1 }' ||
	fail "injected interrupts: some CPU has fewer than 50"
[ "$(sum 7)" -ge 4 ] || fail "trapped SGI writes counted: $(sum 7), want >= 4"
ok "exit statistics: $(sum 2) hvc, $(sum 3) psci, $(sum 4) stage-2 abort, $(sum 5) mmio, $(sum 6) irq, $(sum 7) sgi, $(sum 8) maintenance"
pool=$(cat /sys/devices/bulkhead/mem_pool) || fail "cannot read mem_pool"
echo "mem_pool: $pool"

bulkhead disable || fail "disable, round 1"
v=$(devmem $probe 32) || fail "devmem $probe after disable"
ok "round 1: disabled; devmem $probe reads $v again"
! cat /sys/devices/bulkhead/mem_pool 2>/dev/null || fail "mem_pool readable while disabled"
ok "mem_pool not readable while disabled"

for r in 2 3 4 5 6 7 8 9 10; do
	bulkhead enable $cell || fail "enable, round $r"
	probe_dies
	bulkhead disable || fail "disable, round $r"
	devmem $probe 32 > /dev/null || fail "devmem $probe after disable, round $r"
done
ok "rounds 2-10: enable, SIGBUS on $probe, disable"
echo "guest-done"
