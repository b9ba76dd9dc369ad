# Guest side of the console test (busybox sh): the hypervisor console
# ring read through /dev/bulkhead with `bulkhead console [-f]`.
set -e
. /batch/files/guest-lib.sh

cell=/batch/files/system.cell

set +e
bulkhead console > /tmp/c0 2>&1; rc=$?
set -e
[ "$rc" = 4 ] || fail "console while disabled: exit $rc, want 4 ($(cat /tmp/c0))"
ok "console while disabled: exit 4"

bulkhead enable $cell || fail "enable"
# Not following: prints what is there and exits (bounded by timeout).
timeout 10 bulkhead console > /tmp/c1 || fail "console: exit $?"
cat /tmp/c1
for cpu in 0 1 2 3; do
	grep -q "^\[hv\] Bulkhead hypervisor [^:]*: CPU $cpu at EL2 (MPIDR 0x$cpu)" /tmp/c1 ||
		fail "no banner line tagged [hv] for CPU $cpu"
done
ok "banner of all 4 CPUs in the ring, tagged [hv]"
grep -q "^\[hv\] Bulkhead: page pool: [0-9]*/[0-9]* pages used after setup$" /tmp/c1 ||
	fail "no page pool line"
ok "page pool line in the ring"
[ "$(grep -vc '^\[hv\] ' /tmp/c1)" = 0 ] || fail "untagged lines in the ring"
ok "every line tagged"

# The root cell prints through the debug-console hypercall.
echo "hello from the root cell" > /dev/bulkhead || fail "write /dev/bulkhead"
timeout 10 bulkhead console > /tmp/c2 || fail "console: exit $?"
grep -q '^\[cell:qemu-arm64\] hello from the root cell$' /tmp/c2 ||
	fail "putc line not in the ring: $(tail -n 3 /tmp/c2)"
ok "root cell putc: '$(grep '^\[cell:' /tmp/c2)'"

# Following: a new line (the stage-2 abort report of a /dev/mem read
# outside the root cell) shows up within 5 s.
bulkhead console -f > /tmp/c3 &
pid=$!
sleep 1
set +e
sh -c "devmem 0x7f000000 32" 2>/dev/null; rc=$?
set -e
[ "$rc" = 135 ] || fail "devmem outside the root cell: exit $rc, want 135"
n=0
until grep -q '^\[hv\] Bulkhead: cell "qemu-arm64" CPU [0-3]: stage-2 data abort at IPA 0x7f000000' /tmp/c3; do
	n=$((n + 1))
	[ $n -le 50 ] || { kill $pid; fail "console -f: no abort report within 5 s"; }
	sleep 0.1
done
ok "console -f shows the abort report after $((n * 100)) ms at most"
echo "second line" > /dev/bulkhead
n=0
until grep -q '^\[cell:qemu-arm64\] second line$' /tmp/c3; do
	n=$((n + 1))
	[ $n -le 50 ] || { kill $pid; fail "console -f: putc line not within 5 s"; }
	sleep 0.1
done
ok "console -f shows a putc line after $((n * 100)) ms at most"
kill -INT $pid
wait $pid || fail "console -f: exit $? after SIGINT"
ok "console -f ends cleanly on SIGINT"
[ "$(head -n 1 /tmp/c3)" = "$(head -n 1 /tmp/c1)" ] ||
	fail "console -f does not start at the oldest line"

bulkhead disable || fail "disable"
bulkhead enable $cell || fail "enable again"
timeout 10 bulkhead console > /tmp/c4 || fail "console: exit $?"
! grep -q "hello from the root cell" /tmp/c4 || fail "old ring content after re-enable"
[ "$(grep -c '^\[hv\] Bulkhead hypervisor' /tmp/c4)" = 4 ] ||
	fail "after re-enable: $(grep -c '^\[hv\] Bulkhead hypervisor' /tmp/c4) banners"
ok "re-enable starts a fresh ring with 4 banners"
bulkhead disable || fail "disable again"
echo "guest-done"
