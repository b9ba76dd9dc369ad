# Guest side of ivshmem_multi.sh (busybox sh): the root cell's end of the
# three-peer link 00:02.0. The ivshmem demo runs in demo (peer 1) and
# demo2 (peer 2), each told by its parameter word to take the link in
# slot 2; each peer is pinged on its own (the doorbell reaches the named
# peer only), a peer going away is seen by the root while the other stays
# linked, and the root cannot write the state table or either peer's
# output section. Every wait is bounded.
set -e
. /batch/files/guest-lib.sh

f=/batch/files
field() { bulkhead ivshmem -d 00:02.0 info | sed -n "s/^$1 //p"; }
# wait_table WANT: the link's state table reads WANT within 5 s.
wait_table() {
	i=0
	while [ "$(field state_table)" != "$1" ]; do
		i=$((i + 1))
		[ $i -le 50 ] || fail "state table $(field state_table), want $1"
		sleep 0.1
	done
}
# ping_peer PEER COUNT: COUNT verified round trips with PEER alone.
ping_peer() {
	bulkhead ivshmem -d 00:02.0 ping -p $1 -n $2 -t 2000 > /tmp/ping ||
		fail "ping peer $1: $(cat /tmp/ping)"
	grep -q "^ping: $2 round trips with peer $1, $2 verified, 0 errors" \
		/tmp/ping || fail "ping peer $1 said: $(cat /tmp/ping)"
	ok "$(cat /tmp/ping)"
}

bulkhead enable $f/system.cell
pool0=$(pool)
[ "$(field pci)" = 0001:00:02.0 ] && [ "$(field id)" = 0 ] &&
	[ "$(field peers)" = 3 ] || fail "device: $(bulkhead ivshmem -d 00:02.0 info)"
wait_table "0x0 0x0 0x0"
ok "root cell: peer 0 of 3 on 0001:00:02.0, state table of three zeros"

param $img/ivshmem-demo.bin 2 /tmp/demo-slot2.bin
echo "MARK demo"
bulkhead cell create $f/qemu-arm64-demo.cell
bulkhead cell load demo /tmp/demo-slot2.bin
bulkhead cell start demo
wait_table "0x0 0x1 0x0"
bulkhead cell create $f/qemu-arm64-demo2.cell
bulkhead cell load demo2 /tmp/demo-slot2.bin
bulkhead cell start demo2
wait_console 10 '^\[cell:demo2\] IVSHMEM-DEMO device 00:02.0 peer 2 of 3, shared memory 0x7ed00000, irq 146$'
wait_table "0x0 0x1 0x1"
ok "demo (peer 1) and demo2 (peer 2) ready on the link"

# A peer answers only its own doorbell: the other's last answer (word 0
# of its output section) stays as it was.
out1=0x7ed80000 out2=0x7edc0000
a2=$(devmem $out2 32)
ping_peer 1 1000
[ "$(devmem $out2 32)" = "$a2" ] || fail "peer 2 answered peer 1's doorbells"
a1=$(devmem $out1 32)
ping_peer 2 1000
[ "$(devmem $out1 32)" = "$a1" ] || fail "peer 1 answered peer 2's doorbells"
ok "each doorbell reached its peer alone (answers $a1 / $a2 untouched)"

# demo2 goes: the root hears it, demo stays linked; peer 2 is not there.
bulkhead ivshmem -d 00:02.0 wait -t 5000 > /tmp/wait & w=$!
sleep 0.5
bulkhead cell destroy demo2
wait $w || fail "no interrupt when peer 2 went away"
wait_table "0x0 0x1 0x0"
ok "demo2 destroyed: interrupt ($(cat /tmp/wait)), its state 0, demo's 1"
ping_peer 1 100
set +e
bulkhead ivshmem -d 00:02.0 ping -p 2 -n 1 -t 500 > /tmp/ping 2>&1; rc=$?
set -e
[ "$rc" != 0 ] || fail "ping to the absent peer 2 succeeded"
ok "peer 2 absent: $(cat /tmp/ping)"

# The root's own output section is writable; the state table and the
# peers' output sections are not (stage 2: SIGBUS, reported).
devmem 0x7ed40000 32 0xc0ffee
[ "$(devmem 0x7ed40000 32)" = 0x00C0FFEE ] || fail "own output section"
for a in 0x7ed00000 0x7ed80000 0x7edc0000; do
	echo "MARK write $a"
	set +e
	devmem $a 32 0xbad 2>/dev/null; rc=$?
	set -e
	[ "$rc" != 0 ] || fail "write to $a succeeded"
done
wait_table "0x0 0x1 0x0"
ok "root: own output writable, state table and both peers' outputs refused"

bulkhead cell destroy demo
wait_table "0x0 0x0 0x0"
[ "$(pool)" = "$pool0" ] || fail "pool $(pool), was $pool0"
bulkhead disable
ok "both gone, pool back at $pool0, disabled"
echo guest-done
