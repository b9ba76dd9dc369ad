# Guest side of irq_routing.sh (busybox sh): the list-register overflow
# queue and the SGI filter, with tests/qemu/irq-probe's module. Every wait
# is bounded (in the module, and here by the states polled).
set -e
. /batch/files/guest-lib.sh

probe=/sys/module/irq_probe/parameters

# exits CPU COLUMN: a counter of /sys/devices/bulkhead/cpu_exits
# (cpu hvc psci stage2_abort mmio irq sgi maintenance).
exits() {
	awk -v cpu=$1 -v col=$2 'NR > 1 && $1 == cpu { print $col }' \
		$sysfs/cpu_exits
}
IRQ=6 SGI=7 MAINT=8

insmod /batch/files/irq_probe.ko
bulkhead enable $cfg/qemu-arm64.cell

# More interrupts outstanding than list registers (QEMU's GICv3 has 4):
# 8 SPIs per round, all acknowledged at EL2 while the guest masks them,
# on every CPU (each has its own queue and maintenance interrupt).
for c in 0 1 2 3; do
	out=$(taskset $((1 << c)) cat $probe/overflow)
	echo "overflow: $out"
	set -- $out
	[ "$1 $2 $3 $5 $7" = "cpu $c rounds spis taken" ] ||
		fail "probe on CPU $c said '$out'"
	want=$(($4 * $6))
	[ "$8" = $want ] ||
		fail "CPU $c: $8 of $want SPIs active at EL2 before the unmask"
	[ "${10} ${12} ${14}" = "$want 0 0" ] ||
		fail "CPU $c: delivered/missing/extra ${10}/${12}/${14}"
	ok "CPU $c: $want SPIs in $4 rounds of $6, each delivered exactly once"
	maint=$(exits $c $MAINT)
	[ "$maint" -ge 1 ] || fail "CPU $c: $maint maintenance interrupts"
	ok "CPU $c: the queue refilled on $maint maintenance interrupts"
done

# SGIs from the root cell to a CPU of a non-root cell are dropped.
bulkhead cell create $cfg/qemu-arm64-demo.cell >/dev/null
bulkhead cell load demo $img/uart-hello.bin
bulkhead cell start demo
wait_state demo running 5
irq3=$(exits 3 $IRQ) irq2=$(exits 2 $IRQ) sgi=$(exits 0 $SGI)
# SGI 0 (Linux's reschedule IPI: harmless): to Aff0 3 (the cell's CPU),
# to all but self (IRM), then to CPU 2 (the root cell's) as a control.
taskset 1 sh -c "echo '0x8 20' > $probe/sgi"
taskset 1 sh -c "echo '0x10000000000 20' > $probe/sgi"
taskset 1 sh -c "echo '0x4 20' > $probe/sgi"
[ "$(exits 0 $SGI)" -ge $((sgi + 60)) ] ||
	fail "CPU 0: SGI exits $sgi -> $(exits 0 $SGI), want +60"
[ "$(exits 3 $IRQ)" = "$irq3" ] ||
	fail "CPU 3 (cell demo) took interrupts: $irq3 -> $(exits 3 $IRQ)"
ok "CPU 3 (cell demo): no interrupt from 40 root SGI writes naming it"
[ "$(exits 2 $IRQ)" -gt "$irq2" ] ||
	fail "CPU 2 (root) took no interrupt: the control failed"
ok "CPU 2 (root cell): interrupts $irq2 -> $(exits 2 $IRQ), delivered"
bulkhead cell destroy demo
echo 1 > /sys/devices/system/cpu/cpu3/online
bulkhead disable
rmmod irq_probe
echo guest-done
