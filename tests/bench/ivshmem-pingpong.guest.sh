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
cp /sys/devices/bulkhead/cpu_exits /tmp/exits0
bulkhead ivshmem ping -n 1000 -t 60000 --timing
cp /sys/devices/bulkhead/cpu_exits /tmp/exits1
# Exits per round trip by reason, root CPUs (0-2) and the demo's (3).
awk 'NR == FNR { if (FNR > 1) for (i = 2; i <= NF; i++) a[$1, i] = $i
		 else head = $0; next }
     FNR == 1 { n = NF; print "exits per round trip: side " substr($0, 5) }
     FNR > 1 { side = $1 == 3 ? "demo" : "root"
	       for (i = 2; i <= NF; i++) d[side, i] += $i - a[$1, i] }
     END { for (s = 0; s < 2; s++) { side = s ? "demo" : "root"
		line = side
		for (i = 2; i <= n; i++) line = line " " d[side, i] / 1000
		print "exits per round trip: " line } }' /tmp/exits0 /tmp/exits1
bulkhead cell destroy demo
bulkhead disable
echo bench-done
