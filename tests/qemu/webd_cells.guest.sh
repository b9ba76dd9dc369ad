# Guest side of the webd cells test (busybox sh): the appliance boots with
# the driver loaded and webd running; the host drives the whole cell
# lifecycle over REST with an operator token (webd_cells.host.sh);
# afterwards the guest checks that the driver agrees and that webd did it
# through the driver (its log), not through the CLI.
set -e
fail() { echo "FAIL: $*"; exit 1; }

[ -c /dev/bulkhead ] || fail "driver not loaded at boot"
[ "$(cat /sys/devices/bulkhead/enabled)" = 0 ] || fail "enabled at boot"
token=$(bulkhead-webd token create --role operator --name host-cells \
	--db /var/lib/bulkhead/webd.db)
bulkhead-host-sync webd_cells "WEBD_TOKEN=$token" ||
	fail "host-side REST cell lifecycle failed"
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
