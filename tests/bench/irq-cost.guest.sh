# Guest side of irq-cost.sh (busybox sh, one CPU): the timer interrupt's
# cost seen by a userspace loop, without and with the hypervisor.
set -e
gaps=/batch/files/irq-gaps
cell=/batch/files/system.cell
chmod +x $gaps
$gaps 1 >/dev/null		# warm up (page faults, caches of the TCG)
echo "disabled: $($gaps 3)"
bulkhead enable $cell >/dev/null
echo "enabled: $($gaps 3)"
cat /sys/devices/bulkhead/cpu_exits || echo "cpu_exits: $?"
bulkhead disable 2>&1 || echo "disable: $?"
echo "disabled again: $($gaps 3)"
echo bench-done
