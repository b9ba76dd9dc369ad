# Guest side of inmate-timer-latency.sh -c (busybox sh): timer-jitter in
# cell demo2 (CPU 2) while the root cell idles; prints the first WINDOWS
# (first argument line of /batch/files/windows) JITTER v1 lines of the
# cell from the hypervisor console, each prefixed "CELL ".
set -e
cfg=/usr/share/bulkhead/configs
img=/usr/share/bulkhead/inmates
windows=$(cat /batch/files/windows)
lines() { bulkhead console | sed -n 's/^\[cell:demo2\] \(JITTER v1 .*\)/\1/p'; }
bulkhead enable $cfg/qemu-arm64.cell >/dev/null
bulkhead cell create $cfg/qemu-arm64-demo2.cell >/dev/null
bulkhead cell load demo2 $img/timer-jitter.bin
bulkhead cell start demo2
i=0
while [ "$(lines | wc -l)" -lt "$windows" ]; do
	i=$((i + 1))
	[ $i -le 1200 ] || { echo "bench: fewer than $windows windows"; exit 1; }
	sleep 0.5
done
lines | head -n "$windows" | sed 's/^/CELL /'
bulkhead cell destroy demo2
bulkhead disable
echo bench-done
