# Guest side of mmio-cost.sh (busybox sh, one CPU): the probe's figures
# without, with and again without the hypervisor. The probe's parameters
# (reads, rounds) come from the kernel command line (mmio_probe.*), which
# busybox's insmod does not look at itself.
set -e
cell=/batch/files/system.cell
insmod /batch/files/mmio_probe.ko $(tr ' ' '\n' < /proc/cmdline |
	sed -n 's/^mmio_probe\.//p')
run=/sys/module/mmio_probe/parameters/run
cat $run >/dev/null		# warm up (the TCG's translations)
echo "disabled: $(cat $run)"
bulkhead enable $cell >/dev/null
echo "enabled: $(cat $run)"
cat /sys/devices/bulkhead/cpu_exits || echo "cpu_exits: $?"
bulkhead disable 2>&1 || echo "disable: $?"
echo "disabled again: $(cat $run)"
rmmod mmio_probe
echo bench-done
