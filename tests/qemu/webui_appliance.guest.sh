# Guest side of the dashboard's appliance test (busybox sh): the appliance
# boots as usual (driver loaded, hypervisor disabled, webd running, the
# admin token printed and kept in /var/lib/bulkhead/admin.token); the host
# drives the dashboard in chromium with that token
# (webui_appliance.host.sh, tests/browser/appliance.mjs). Afterwards the
# guest checks that the cell the browser created is gone and its CPU back.
set -e
fail() { echo "FAIL: $*"; exit 1; }

[ -c /dev/bulkhead ] || fail "driver not loaded at boot"
[ -s /var/lib/bulkhead/admin.token ] || fail "no admin token"
bulkhead-host-sync webui_appliance \
	"WEBD_TOKEN=$(cat /var/lib/bulkhead/admin.token)" ||
	fail "the dashboard test on the host failed"
[ "$(bulkhead status)" = enabled ] ||
	fail "hypervisor not enabled after the dashboard enabled it"
[ -z "$(ls /sys/devices/bulkhead/cells)" ] ||
	fail "cells left: $(bulkhead cell list)"
[ "$(cat /sys/devices/system/cpu/cpu2/online)" = 1 ] ||
	fail "CPU 2 not back in Linux after the destroy"
echo "ok: no cell left, CPU 2 back online"
grep -q 'cell 1 "demo2" appeared' /var/log/webd.log ||
	fail "webd did not see the cell"
bulkhead disable || fail "disable"
echo "ok: disabled"
