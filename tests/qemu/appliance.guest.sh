# Guest side of the appliance test (busybox sh, booted with the driver not
# loaded, so that loading it is part of the test).
set -e
fail() { echo "FAIL: $*"; exit 1; }

[ ! -e /dev/bulkhead ] || fail "/dev/bulkhead exists before insmod"
insmod /lib/bulkhead/bulkhead.ko
[ -c /dev/bulkhead ] || fail "/dev/bulkhead did not appear"
echo "ok: bulkhead.ko loaded, /dev/bulkhead is a character device"
[ "$(cat /sys/devices/bulkhead/enabled)" = 0 ] || fail "enabled != 0"

v=$(bulkhead --version)
echo "$v" | grep -Eq '^bulkhead [0-9]+\.[0-9]+\.[0-9]+$' ||
	fail "bulkhead --version printed '$v'"
echo "ok: $v"

# The hypervisor is not enabled: status says so, with exit code 4.
set +e
s=$(bulkhead status); rc=$?
set -e
[ "$s" = disabled ] && [ "$rc" = 4 ] || fail "status '$s' rc $rc"
echo "ok: bulkhead status: $s (exit $rc)"

# The appliance provisions an admin token at first boot; the host side
# gets a viewer token of its own.
[ -s /var/lib/bulkhead/admin.token ] || fail "no admin token provisioned"
token=$(bulkhead-webd token create --role viewer --name host-test \
	--db /var/lib/bulkhead/webd.db)
bulkhead-host-sync webd "WEBD_TOKEN=$token" ||
	fail "host-side webd checks failed"
echo "ok: host reached webd"
