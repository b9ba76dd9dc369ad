# Guest side of the webd cells test (busybox sh): the appliance boots with
# the driver loaded and webd running; the host drives the whole cell
# lifecycle over REST with an operator token (webd_cells.host.sh);
# afterwards the guest checks that the driver agrees and that webd did it
# through the driver (its log), not through the CLI, that webd read the
# cell's jitter section and let go of the ivshmem devices at disable;
# then the CLI's `bulkhead ivshmem jitter` against the cell's console.
set -e
fail() { echo "FAIL: $*"; exit 1; }

[ -c /dev/bulkhead ] || fail "driver not loaded at boot"
[ "$(cat /sys/devices/bulkhead/enabled)" = 0 ] || fail "enabled at boot"
token=$(bulkhead-webd token create --role operator --name host-cells \
	--db /var/lib/bulkhead/webd.db)
bulkhead-host-sync webd_cells "WEBD_TOKEN=$token" || {
	tail -n 40 /var/log/webd.log
	fail "host-side REST cell lifecycle failed"
}
[ "$(cat /sys/devices/bulkhead/enabled)" = 0 ] ||
	fail "still enabled after REST disable"
[ "$(cat /sys/devices/system/cpu/cpu2/online)" = 1 ] ||
	fail "CPU 2 not back in Linux after destroy"
echo "ok: driver disabled, CPU 2 back online after the REST lifecycle"
grep -q 'cell 1 "demo2" appeared' /var/log/webd.log ||
	fail "webd did not log the cell"
grep -q "console: following the hypervisor console" /var/log/webd.log ||
	fail "webd did not follow the console"
echo "ok: webd logged the cell and followed the console"
grep -q 'jitter: cell 1 "demo2" read from shared memory (0001:00:01.0 peer 1)' \
	/var/log/webd.log || fail "webd did not read demo2's jitter section"
grep -q 'jitter: closing /dev/uio[0-9]* (0001:00:01.0): removed' \
	/var/log/webd.log || fail "webd did not close the device at disable"
webd=$(pidof bulkhead-webd)
! ls -l /proc/$webd/fd | grep -q /dev/uio ||
	fail "webd still holds a uio device: $(ls -l /proc/$webd/fd)"
echo "ok: webd read demo2's section and let go of the devices at disable"

# The CLI: timer-jitter in demo2 again, its windows read from shared
# memory must be its console lines, byte for byte.
cfg=/usr/share/bulkhead/configs
bulkhead enable $cfg/qemu-arm64.cell
bulkhead cell create $cfg/qemu-arm64-demo2.cell
bulkhead cell load demo2 /usr/share/bulkhead/inmates/timer-jitter.bin
bulkhead ivshmem -d 00:01.0 jitter -n 5 -t 1000 2>/tmp/shm-err && \
	fail "jitter read from a cell that does not run yet"
grep -q "peer 1 does not publish jitter statistics within 1000 ms (its state is 0x0," \
	/tmp/shm-err || fail "no clear refusal: $(cat /tmp/shm-err)"
echo "ok: $(cat /tmp/shm-err)"
bulkhead ivshmem -d 00:01.0 jitter -n 5 -t 30000 > /tmp/shm-lines 2>/tmp/shm-err &
reader=$!
bulkhead cell start demo2
wait $reader || fail "bulkhead ivshmem jitter: $(cat /tmp/shm-err)"
[ "$(wc -l < /tmp/shm-lines)" = 5 ] || fail "windows: $(cat /tmp/shm-lines)"
i=0
while read -r line; do
	until bulkhead console | grep -qxF "[cell:demo2] $line"; do
		i=$((i + 1))
		[ $i -le 100 ] || fail "not on the console: $line"
		sleep 0.1
	done
done < /tmp/shm-lines
echo "ok: 5 windows from shared memory, each the console's line:"
cat /tmp/shm-lines
bulkhead cell shutdown demo2
bulkhead cell destroy demo2
bulkhead disable
