# Guest side of the webd hypervisor test (busybox sh): the appliance boots
# with the driver loaded and webd running; the host drives everything over
# REST with an operator token; afterwards the guest checks the driver
# agrees.
set -e
fail() { echo "FAIL: $*"; exit 1; }

[ -c /dev/bulkhead ] || fail "driver not loaded at boot"
[ "$(cat /sys/devices/bulkhead/enabled)" = 0 ] || fail "enabled at boot"
token=$(bulkhead-webd token create --role operator --name host-hv \
	--db /var/lib/bulkhead/webd.db)
bulkhead-host-sync webd_hv "WEBD_TOKEN=$token" ||
	fail "host-side REST enable/disable failed"
[ "$(cat /sys/devices/bulkhead/enabled)" = 0 ] ||
	fail "still enabled after REST disable"
echo "ok: driver reports disabled after the REST round trip"
grep -q "hypervisor disabled -> enabled" /var/log/webd.log ||
	fail "webd did not log the change"
echo "ok: webd logged the state changes"
