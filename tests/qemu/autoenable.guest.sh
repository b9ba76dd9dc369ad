# The appliance as the demo boots it (bulkhead.enable=qemu-arm64): the
# hypervisor is enabled by init, webd runs, the shipped configs are there.
set -e
fail() { echo "FAIL: $*"; exit 1; }

for f in qemu-arm64 qemu-arm64-demo qemu-arm64-demo2; do
	[ -s "/usr/share/bulkhead/configs/$f.cell" ] || fail "no $f.cell"
	bulkhead config check "/usr/share/bulkhead/configs/$f.cell" >/dev/null ||
		fail "$f.cell does not check"
done
echo "ok: compiled configs shipped and valid"

s=$(bulkhead status) || fail "status '$s' (exit $?)"
[ "$s" = enabled ] || fail "status '$s'"
echo "ok: init enabled the hypervisor"
pidof bulkhead-webd >/dev/null || fail "webd not running"
echo "ok: webd running"
bulkhead disable || fail "disable"
[ "$(bulkhead status)" = disabled ] || fail "still enabled after disable"
echo "ok: disabled again"
