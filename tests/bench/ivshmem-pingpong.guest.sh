# Guest side of ivshmem-pingpong.sh (busybox sh): the ivshmem demo cell on
# CPU 3 answers the root cell's messages; ping measures each round trip.
set -e
cfg=/usr/share/bulkhead/configs
img=/usr/share/bulkhead/inmates
bulkhead enable $cfg/qemu-arm64.cell >/dev/null
bulkhead cell create $cfg/qemu-arm64-demo.cell >/dev/null
bulkhead cell load demo $img/ivshmem-demo.bin
bulkhead cell start demo
bulkhead ivshmem ping -n 50 -t 60000 >/dev/null	# warm up
bulkhead ivshmem ping -n 1000 -t 60000 --timing
cat /sys/devices/bulkhead/cpu_exits
bulkhead cell destroy demo
bulkhead disable
echo bench-done
