# Guest side of the cell lifecycle test (busybox sh): create, load, start,
# shutdown, destroy of the demo cell with uart-hello; 20 cycles; refusals;
# rogue cells failing while the root cell goes on. The host side checks the
# serial log (greetings, reports). Every wait is bounded.
set -e
. /batch/files/guest-lib.sh
set +e
bulkhead cell list >/dev/null 2>&1; rc=$?
set -e
[ "$rc" = 4 ] || fail "cell list while disabled: exit $rc, want 4"
ok "cell list exits 4 while the hypervisor is disabled"

bulkhead enable $cfg/qemu-arm64.cell
pool0=$(pool)
ok "enabled, pool $pool0 pages used"

# One lifecycle, step by step.
out=$(bulkhead cell create $cfg/qemu-arm64-demo.cell)
[ "$out" = "created cell 1" ] || fail "create said '$out'"
[ "$(online 3)" = 0 ] || fail "CPU 3 still online in Linux"
[ "$(cat $sysfs/cells/1/name)" = demo ] || fail "sysfs name"
[ "$(cat $sysfs/cells/1/cpus)" = 3 ] || fail "sysfs cpus"
[ "$(state 1)" = "shut down" ] || fail "state after create '$(state 1)'"
cmp $sysfs/cells/1/config $cfg/qemu-arm64-demo.cell ||
	fail "sysfs config is not the config the cell was created with"
bulkhead config decompile $sysfs/cells/1/config | grep -q '"name": "demo"' ||
	fail "config decompile of the sysfs config"
ok "created: CPU 3 offline in Linux, sysfs name/cpus/state/config"
set +e
out=$(bulkhead disable 2>&1); rc=$?
set -e
[ "$rc" = 1 ] && echo "$out" | grep -q "cells exist" ||
	fail "disable with a cell: exit $rc '$out'"
ok "disable refused: $out"
bulkhead cell load demo $img/uart-hello.bin
bulkhead cell start demo
wait_state 1 running 5
echo "MARK greeting-expected"
sleep 2
bulkhead cell list | grep -q "^1 *demo *running *3$" ||
	fail "cell list: $(bulkhead cell list)"
ok "cell list: $(bulkhead cell list | tail -n 1)"
set +e
out=$(bulkhead cell load demo $img/uart-hello.bin 2>&1); rc=$?
set -e
[ "$rc" = 1 ] && echo "$out" | grep -q "is running" ||
	fail "load while running: exit $rc '$out'"
ok "load refused while running: $out"
bulkhead cell stats demo | grep -q "^3 " || fail "stats: $(bulkhead cell stats demo)"
bulkhead cell shutdown demo
[ "$(state 1)" = "shut down" ] || fail "state after shutdown '$(state 1)'"
ok "shut down (uart-hello approved)"
bulkhead cell destroy 1
[ ! -e $sysfs/cells/1 ] || fail "sysfs directory left"
[ "$(online 3)" = 1 ] || fail "CPU 3 not back online"
[ "$(pool)" = "$pool0" ] || fail "pool $(pool) after destroy, was $pool0"
ok "destroyed: CPU 3 online in Linux, pool back at $pool0"

# 20 cycles, identical pool usage after each.
n=0
while [ $n -lt 20 ]; do
	bulkhead cell create $cfg/qemu-arm64-demo.cell >/dev/null
	bulkhead cell load demo $img/uart-hello.bin
	bulkhead cell start demo
	wait_state 1 running 5
	bulkhead cell destroy demo
	[ "$(pool)" = "$pool0" ] || fail "cycle $n: pool $(pool), was $pool0"
	[ "$(online 3)" = 1 ] || fail "cycle $n: CPU 3 offline"
	n=$((n + 1))
done
ok "20 create/load/start/destroy cycles, pool $pool0 after each"

# Refusals, each without change.
expect_refusal() {
	set +e
	out=$(bulkhead cell create "$1" 2>&1); rc=$?
	set -e
	[ "$rc" = 1 ] || fail "create $1: exit $rc ($out)"
	echo "$out" | grep -q "$2" || fail "create $1 said '$out', want '$2'"
	[ "$(pool)" = "$3" ] || fail "pool changed by a refusal"
	ok "refused: $out"
}
bulkhead cell create $cfg/qemu-arm64-demo.cell >/dev/null
pool1=$(pool)
expect_refusal $cfg/qemu-arm64-demo.cell 'a cell named "demo" exists' $pool1
sed -e 's/"demo2"/"thief"/' -e 's/0x70100000/0x70000000/' \
	$cfg/qemu-arm64-demo2.json > /tmp/thief.json
bulkhead config compile /tmp/thief.json -o /tmp/thief.cell
expect_refusal /tmp/thief.cell \
	"refused cell \"thief\": memory 0x70000000+0x100000 is cell \"demo\"'s" $pool1
[ "$(online 2)" = 1 ] || fail "CPU 2 not back online after a refusal"
sed -e 's/"demo2"/"greedy"/' -e 's/0x70100000/0x7f000000/' \
	$cfg/qemu-arm64-demo2.json > /tmp/greedy.json
bulkhead config compile /tmp/greedy.json -o /tmp/greedy.cell
expect_refusal /tmp/greedy.cell \
	"refused cell \"greedy\": memory 0x7f000000+0x100000 is not the root cell's" \
	$pool1
sed -e 's/"demo2"/"cpu3"/' -e 's/^\t\t2$/\t\t3/' \
	$cfg/qemu-arm64-demo2.json > /tmp/cpu3.json
bulkhead config compile /tmp/cpu3.json -o /tmp/cpu3.cell
expect_refusal /tmp/cpu3.cell 'CPU 3 belongs to cell "demo"' $pool1
bulkhead cell destroy demo
# Interrupt lines: only the root cell's (32-159), each in one cell; 150
# is free on virt (platform-bus range, no device there).
# irq_cell NAME BASE CONFIG PIN: CONFIG renamed, owning line PIN.
irq_cell() {
	sed -e "s/\"name\": \"[a-z0-9]*\"/\"name\": \"$1\"/" \
	    -e "s/\"irqchips\": \[\]/\"irqchips\": [{\"address\": \"0x08000000\", \"id\": 0, \"pin_base\": $2, \"pins\": [\"$4\"]}]/" \
		$cfg/$3.json > /tmp/$1.json
	bulkhead config compile /tmp/$1.json -o /tmp/$1.cell
}
irq_cell irqout 160 qemu-arm64-demo2 200
expect_refusal /tmp/irqout.cell \
	"refused cell \"irqout\": interrupt 200 is not the root cell's" $pool0
irq_cell spia 32 qemu-arm64-demo2 150
irq_cell spib 32 qemu-arm64-demo 150
bulkhead cell create /tmp/spia.cell >/dev/null
pool1=$(pool)
expect_refusal /tmp/spib.cell \
	"refused cell \"spib\": interrupt 150 is cell \"spia\"'s" $pool1
bulkhead cell destroy spia
[ "$(pool)" = "$pool0" ] || fail "pool after the refusals"

# Rogue cells: the violation fails the cell, the root goes on.
for p in 1 2; do
	cp $img/rogue.bin /tmp/rogue-$p.bin
	printf "\\00$p\\000\\000\\000" |
		dd of=/tmp/rogue-$p.bin bs=1 seek=16 conv=notrunc 2>/dev/null
	bulkhead cell create $cfg/qemu-arm64-demo.cell >/dev/null
	bulkhead cell load demo /tmp/rogue-$p.bin
	echo "MARK rogue-$p"
	bulkhead cell start demo
	wait_state 1 failed 10
	ok "rogue $p: state failed"
	bulkhead cell list | grep -q "demo *failed" || fail "list: not failed"
	md5sum /usr/share/bulkhead/configs/* >/dev/null || fail "root unhealthy"
	bulkhead cell destroy demo
	[ "$(online 3)" = 1 ] || fail "rogue $p: CPU 3 not back"
	[ "$(pool)" = "$pool0" ] || fail "rogue $p: pool $(pool)"
	ok "rogue $p: destroyed, CPU 3 online, pool $pool0"
done
# Resources reused after the failures.
bulkhead cell create $cfg/qemu-arm64-demo.cell >/dev/null
bulkhead cell load demo $img/uart-hello.bin
bulkhead cell start demo
wait_state 1 running 5
bulkhead cell destroy demo
ok "demo cell runs again after the rogue ones"

bulkhead disable
ok "disabled"
echo guest-done
