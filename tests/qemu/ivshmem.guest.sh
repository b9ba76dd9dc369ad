# Guest side of the ivshmem test (busybox sh): the root cell's end of the
# link to the demo cell (configs/qemu-arm64{,-demo}.json): the virtual
# PCI device, its UIO maps, the state register published in the state
# table, a doorbell interrupt, the hypervisor's write protection, the
# peer's state cleared with an interrupt on destroy, re-linking on
# re-create, and a rogue demo cell stopped when it writes what is not its
# own. The host side checks the serial log. Every wait is bounded.
set -e
. /batch/files/guest-lib.sh

field() { bulkhead ivshmem info | sed -n "s/^$1 //p"; }
# The link's interrupt count, from /proc/interrupts (all CPUs); its line
# by the device's Linux IRQ number (each link has a line of that name).
irqs() {
	awk -v irq="$(cat /sys/bus/pci/devices/0001:00:00.0/irq):" '
		$1 == irq { n = 0; for (i = 2; i <= NF; i++)
		if ($i ~ /^[0-9]+$/) n += $i; else break; print n }' \
		/proc/interrupts
}

bulkhead enable $cfg/qemu-arm64.cell
pool0=$(cut -d' ' -f1 $sysfs/mem_pool)

dev=/sys/bus/pci/devices/0001:00:00.0
[ -d $dev ] || fail "no virtual PCI device 0001:00:00.0: $(ls /sys/bus/pci/devices)"
[ "$(cat $dev/vendor)" = 0x110a ] && [ "$(cat $dev/device)" = 0x4106 ] &&
	[ "$(cat $dev/class)" = 0xff0000 ] ||
	fail "ids $(cat $dev/vendor) $(cat $dev/device) $(cat $dev/class)"
ok "virtual PCI device 0001:00:00.0: 110a:4106 class ff0000"
grep -q "^ *0e100000-0e100fff : 0001:00:00.0" /proc/iomem ||
	fail "BAR 0 not where the hypervisor put it: $(grep -i -A2 virtual /proc/iomem)"
ok "BAR 0 claimed at 0x0e100000 in the virtual PCI window"
uio=$(basename $(ls -d $dev/uio/uio*))
[ "$(cat /sys/class/uio/$uio/name)" = bulkhead-ivshmem ] || fail "uio name"
for m in "0 registers 0x1000" "1 state_table 0x1000" "2 rw_section 0x7f000" \
	 "3 output_sections 0x80000"; do
	set -- $m
	[ "$(cat /sys/class/uio/$uio/maps/map$1/name)" = $2 ] &&
		[ $(($(cat /sys/class/uio/$uio/maps/map$1/size))) = $(($3)) ] ||
		fail "map$1: $(cat /sys/class/uio/$uio/maps/map$1/name) $(cat /sys/class/uio/$uio/maps/map$1/size)"
done
[ $(($(cat /sys/class/uio/$uio/maps/map1/addr))) = $((0x7ef00000)) ] ||
	fail "state table at $(cat /sys/class/uio/$uio/maps/map1/addr)"
ok "$uio: registers, state table at 0x7ef00000, rw and output sections"

bulkhead ivshmem info
[ "$(field id)" = 0 ] && [ "$(field peers)" = 2 ] &&
	[ "$(field int_ctrl)" = 1 ] || fail "registers"
[ "$(field state_table)" = "0x0 0x0" ] || fail "state table not zero"
ok "registers: peer 0 of 2, interrupt enabled, state table zero"

bulkhead ivshmem state 0x1234
[ "$(field state)" = 0x1234 ] || fail "state register"
[ "$(field state_table)" = "0x1234 0x0" ] ||
	fail "state table: $(field state_table)"
ok "state 0x1234 published by the hypervisor in the state table"

# A doorbell to ourselves: the virtual SPI comes back through the list
# registers (HW=0) into Linux and counts as a UIO event.
n0=$(irqs)
bulkhead ivshmem wait -t 3000 > /tmp/wait & w=$!
sleep 0.5
bulkhead ivshmem doorbell 0
wait $w || fail "no interrupt after the doorbell"
n1=$(irqs)
[ "$n1" -gt "$n0" ] || fail "interrupt count $n0 -> $n1"
ok "doorbell to peer 0: $(cat /tmp/wait), /proc/interrupts $n0 -> $n1"
# A doorbell to the absent peer 1 goes nowhere.
bulkhead ivshmem doorbell 1
sleep 0.5
[ "$(irqs)" = "$n1" ] || fail "doorbell to an absent peer interrupted us"
ok "doorbell to the absent peer 1: no interrupt"

# The hypervisor's write protection: own output section writable, the
# state table and the peer's output section not (stage 2: SIGBUS).
devmem 0x7ef80000 32 0xc0ffee
[ "$(devmem 0x7ef80000 32)" = 0x00C0FFEE ] || fail "own output section"
ok "own output section (0x7ef80000) writable"
for a in 0x7ef00000 0x7efc0000; do
	echo "MARK write $a"
	set +e
	devmem $a 32 0xbad 2>/dev/null; rc=$?
	set -e
	[ "$rc" != 0 ] || fail "write to $a succeeded"
	ok "write to $a refused (exit $rc)"
done
[ "$(field state_table)" = "0x1234 0x0" ] ||
	fail "state table changed: $(field state_table)"

# The demo cell joins the link with the ivshmem demo: it reports ready
# (state 1), then 10,000 messages go back and forth, doorbells both ways,
# every answer verified by `bulkhead ivshmem ping`.
# wait_table FIELD WANT: the link's state table (FIELD: field or field2)
# reads WANT within 5 s.
wait_table() {
	i=0
	while [ "$($1 state_table)" != "$2" ]; do
		i=$((i + 1))
		[ $i -le 50 ] || fail "state table $($1 state_table), want $2"
		sleep 0.1
	done
}
wait_ready() {
	wait_state 1 running 5
	wait_table field "0x1234 0x1"
}
demo_up() {
	bulkhead cell create $cfg/qemu-arm64-demo.cell
	bulkhead cell load demo $img/ivshmem-demo.bin
	bulkhead cell start demo
	wait_ready
}
demo_up
ok "demo cell linked and ready: state table $(field state_table)"
echo "MARK ping"
t0=$(date +%s)
bulkhead ivshmem ping -n 10000 -t 2000 > /tmp/ping || fail "ping: $(cat /tmp/ping)"
t1=$(date +%s)
grep -q "^ping: 10000 round trips with peer 1, 10000 verified, 0 errors" /tmp/ping ||
	fail "ping said: $(cat /tmp/ping)"
ok "$(cat /tmp/ping) in $((t1 - t0)) s"

n0=$(irqs)
bulkhead ivshmem wait -t 5000 > /tmp/wait & w=$!
sleep 0.5
bulkhead cell destroy demo
wait $w || fail "no interrupt when the peer went away"
n1=$(irqs)
[ "$n1" -gt "$n0" ] || fail "interrupt count $n0 -> $n1 on destroy"
[ "$(field state_table)" = "0x1234 0x0" ] ||
	fail "after destroy: $(field state_table)"
ok "destroy: interrupt ($(cat /tmp/wait)), peer state 1 -> 0 in the table"

demo_up
bulkhead ivshmem ping -n 100 -t 2000 > /tmp/ping || fail "ping: $(cat /tmp/ping)"
ok "re-created: linked again, $(cat /tmp/ping)"

# A shut-down cell's endpoint is reset: the peer hears of it at once, and
# the restarted program finds the device as new and links up again.
bulkhead ivshmem wait -t 5000 > /tmp/wait & w=$!
sleep 0.5
bulkhead cell shutdown demo
wait $w || fail "no interrupt when the peer shut down"
[ "$(field state_table)" = "0x1234 0x0" ] ||
	fail "after shutdown: $(field state_table)"
ok "shutdown: interrupt ($(cat /tmp/wait)), peer state 1 -> 0 in the table"
bulkhead cell load demo $img/ivshmem-demo.bin
bulkhead cell start demo
wait_ready
bulkhead ivshmem ping -n 100 -t 2000 > /tmp/ping || fail "ping: $(cat /tmp/ping)"
ok "restarted: linked again, $(cat /tmp/ping)"
bulkhead cell destroy demo

# A rogue demo cell writing the state table or our output section fails.
devmem 0x7ef80000 32 0xc0ffee
for p in 7 8; do
	cp $img/rogue.bin /tmp/rogue-$p.bin
	printf "\\x0$p\\x00\\x00\\x00" |
		dd of=/tmp/rogue-$p.bin bs=1 seek=16 conv=notrunc 2>/dev/null
	bulkhead cell create $cfg/qemu-arm64-demo.cell
	bulkhead cell load demo /tmp/rogue-$p.bin
	echo "MARK rogue $p"
	bulkhead cell start demo
	wait_state 1 failed 5
	[ "$(field state_table)" = "0x1234 0x0" ] ||
		fail "rogue $p changed the state table: $(field state_table)"
	[ "$(devmem 0x7ef80000 32)" = 0x00C0FFEE ] ||
		fail "rogue $p changed our output section"
	bulkhead cell destroy demo
	ok "rogue $p: cell failed, state table and our output intact"
done

# Re-create re-links (the peer slot was freed); the pool is back.
bulkhead cell create $cfg/qemu-arm64-demo.cell
bulkhead cell destroy demo
[ "$(cut -d' ' -f1 $sysfs/mem_pool)" = "$pool0" ] ||
	fail "pool $(cut -d' ' -f1 $sysfs/mem_pool), was $pool0"
ok "re-created and destroyed again, pool back at $pool0"

# demo2's link (00:01.0): timer-jitter publishes every window in its
# output section (include/bulkhead/jitter.h); what the root cell reads
# there passes the line checks and equals the window's console line.
dev2=/sys/bus/pci/devices/0001:00:01.0
uio2=/dev/$(basename $(ls -d $dev2/uio/uio*))
field2() { bulkhead ivshmem -d $uio2 info | sed -n "s/^$1 //p"; }
bulkhead cell create $cfg/qemu-arm64-demo2.cell
bulkhead cell load demo2 $img/timer-jitter.bin
bulkhead cell start demo2
wait_console 10 '^\[cell:demo2\] timer-jitter: statistics in ivshmem 00:01.0 output section 0x7eec0000$'
echo "MARK jitter shm"
bulkhead ivshmem -d $uio2 jitter -n 5 -t 5000 > /tmp/shm 2>/tmp/shm.err ||
	fail "ivshmem jitter: $(cat /tmp/shm /tmp/shm.err)"
[ "$(grep -c '^JITTER v1 seq=' /tmp/shm)" = 5 ] || fail "windows: $(cat /tmp/shm)"
[ "$(field2 state_table)" = "0x0 0x3174696a" ] ||
	fail "demo2's state: $(field2 state_table)"
# The checker takes the counter frequency from the demo's start line.
{ timeout 10 bulkhead console |
	sed -n 's/^\[cell:demo2\] \(timer-jitter: in a cell, .* Hz,.*\)/\1/p'
  cat /tmp/shm; } > /tmp/shm.check
awk -f /batch/files/jitter-check.awk /tmp/shm.check ||
	fail "bad windows from shared memory: $(cat /tmp/shm)"
while read -r line; do
	seq=${line#JITTER v1 seq=}
	wait_console 5 "^\[cell:demo2\] JITTER v1 seq=${seq%% *} "
	timeout 10 bulkhead console | grep -qxF "[cell:demo2] $line" ||
		fail "window ${seq%% *} differs: shm '$line', console '$(
			timeout 10 bulkhead console | grep "JITTER v1 seq=${seq%% *} ")'"
done < /tmp/shm
ok "demo2: 5 windows read from shared memory, each equal to its console line"
# webd holds no config of demo2 (created here with the CLI): it names
# the peer through the config the driver keeps, and reads the windows.
token=$(bulkhead-webd token create --role viewer --name ivshmem-test \
	--db /var/lib/bulkhead/webd.db)
cell2() {
	printf 'GET /api/v1/cells/demo2 HTTP/1.0\r\nAuthorization: Bearer %s\r\n\r\n' \
		"$token" | timeout 10 nc 127.0.0.1 8080
}
i=0
until cell2 | grep -q '"jitter_source": *"shmem"'; do
	i=$((i + 1))
	[ $i -le 40 ] || fail "webd does not read demo2 from shared memory: $(cell2)"
	sleep 0.5
done
cell2 | grep -q '"config": *null' && cell2 | grep -q '"0x7ee00000"' ||
	fail "demo2 in webd: $(cell2)"
ok "webd reads demo2's windows from shared memory (config not stored: the driver's)"
bulkhead ivshmem jitter -n 1 -t 5000 > /tmp/shm1 ||
	fail "ivshmem jitter without -d: $(cat /tmp/shm1)"
grep -q '^JITTER v1 seq=' /tmp/shm1 || fail "jitter without -d: $(cat /tmp/shm1)"
ok "without -d, jitter finds the link whose peer publishes (00:01.0)"
bulkhead cell shutdown demo2
[ "$(field2 state_table)" = "0x0 0x0" ] ||
	fail "demo2's state after shutdown: $(field2 state_table)"
ok "demo2 shut down: its state back to 0"

# Console only (parameter bit 30): nothing is published.
param $img/timer-jitter.bin $((1 << 30)) /tmp/jitter-console.bin
bulkhead cell load demo2 /tmp/jitter-console.bin
bulkhead cell start demo2
wait_console 10 '^\[cell:demo2\] timer-jitter: parameter bit 30, statistics on the console only$'
wait_console 5 '^\[cell:demo2\] JITTER v1 seq=1 '
[ "$(field2 state_table)" = "0x0 0x0" ] ||
	fail "console-only demo2 published: $(field2 state_table)"
set +e
bulkhead ivshmem -d $uio2 jitter -n 1 -t 1000 > /tmp/shm 2>&1; rc=$?
set -e
[ "$rc" != 0 ] || fail "ivshmem jitter read a console-only cell: $(cat /tmp/shm)"
ok "console only: state 0, ivshmem jitter refuses ($(head -n 1 /tmp/shm))"
bulkhead cell destroy demo2

# The ivshmem demo in demo2 (link 00:01.0, its line from the comm
# region): ping without -d finds the link whose peer runs it.
bulkhead cell create $cfg/qemu-arm64-demo2.cell
bulkhead cell load demo2 $img/ivshmem-demo.bin
bulkhead cell start demo2
wait_console 10 '^\[cell:demo2\] IVSHMEM-DEMO device 00:01.0 peer 1 of 2, shared memory 0x7ee00000, irq 145$'
wait_table field2 "0x0 0x1"
bulkhead ivshmem ping -n 100 -t 2000 > /tmp/ping || fail "ping: $(cat /tmp/ping)"
grep -q "^ping: 100 round trips with peer 1, 100 verified, 0 errors" /tmp/ping ||
	fail "ping said: $(cat /tmp/ping)"
ok "without -d, ping finds demo2's link: $(cat /tmp/ping)"
bulkhead cell destroy demo2

bulkhead disable
[ ! -d $dev ] || fail "virtual PCI device still there after disable"
ok "disabled: virtual PCI device gone"
bulkhead enable $cfg/qemu-arm64.cell
[ -d $dev ] || fail "no virtual PCI device after re-enable"
[ "$(field state_table)" = "0x0 0x0" ] || fail "state table after re-enable"
ok "re-enabled: device back, fresh state table"
bulkhead disable
echo guest-done
