# The appliance exactly as packaging/demo.sh boots it
# (bulkhead.enable=qemu-arm64 bulkhead.cell=qemu-arm64-demo2:timer-jitter
# bulkhead.store_configs=1): init enabled the hypervisor and started the
# timer-jitter demo in demo2; its JITTER lines keep coming in the
# hypervisor console, webd (the dashboard's source) lists the cell
# running and holds the shipped configs. Every wait is bounded.
set -e
fail() { echo "FAIL: $*"; exit 1; }
ok() { echo "ok: $*"; }

[ "$(bulkhead status)" = enabled ] || fail "status '$(bulkhead status)'"
ok "init enabled the hypervisor"
bulkhead cell list | grep -q "^[0-9]* *demo2 *running *2$" ||
	fail "demo2 not running on CPU 2: $(bulkhead cell list)"
ok "init started demo2: $(bulkhead cell list | grep demo2 | tr -s ' ')"

# The last window number demo2 put into the console (-1: none).
seq2() {
	s=$(timeout 10 bulkhead console |
		sed -n 's/^\[cell:demo2\] JITTER v1 seq=\([0-9]*\) .*/\1/p' |
		tail -n 1)
	echo ${s:--1}
}
timeout 10 bulkhead console | grep -q '^\[cell:demo2\] timer-jitter: ' ||
	fail "no timer-jitter start line from demo2 in the console"
# Windows keep coming: the last seq grows by more than 2 within 30 s.
a=$(seq2)
i=0
while [ "$(seq2)" -le $((a + 2)) ]; do
	i=$((i + 1))
	[ $i -le 30 ] || fail "demo2's JITTER seq stuck at $a..$(seq2) for 30 s"
	sleep 1
done
ok "JITTER lines from demo2 in the console: seq $a..$(seq2)"
line=$(timeout 10 bulkhead console | grep '^\[cell:demo2\] JITTER v1 ' |
	tail -n 1)
echo "$line" | grep -Eq '^\[cell:demo2\] JITTER v1 seq=[0-9]+ samples=[1-9][0-9]* ' ||
	fail "malformed JITTER line: $line"
ok "last: $line"

# webd sees the cell the CLI created (busybox nc: see cells_multi).
i=0
until printf 'GET /api/v1/health HTTP/1.0\r\n\r\n' |
	timeout 5 nc 127.0.0.1 8080 2>/dev/null | grep -q '"status": *"ok"'; do
	i=$((i + 1))
	[ $i -le 60 ] || fail "webd not answering within 30 s"
	sleep 0.5
done
i=0
until grep -q 'cell 1 "demo2" appeared' /var/log/webd.log; do
	i=$((i + 1))
	[ $i -le 40 ] || fail "webd did not see demo2: $(cat /var/log/webd.log)"
	sleep 0.5
done
ok "webd sees demo2"
n=$(ls /usr/share/bulkhead/configs/*.json | wc -l)
i=0
until [ "$(grep -c '^init: stored .* in webd$' /var/log/store-configs.log 2>/dev/null)" = "$n" ]; do
	i=$((i + 1))
	[ $i -le 40 ] || fail "configs not stored: $(cat /var/log/store-configs.log)"
	sleep 0.5
done
list=$(printf 'GET /api/v1/configs HTTP/1.0\r\nAuthorization: Bearer %s\r\n\r\n' \
	"$(cat /var/lib/bulkhead/admin.token)" | timeout 10 nc 127.0.0.1 8080)
for name in qemu-arm64 demo demo2; do
	echo "$list" | grep -q "\"name\": *\"$name\"" ||
		fail "webd's configs lack $name: $list"
done
ok "the $n shipped configs are in webd's store"

# demo2's ivshmem link carries its windows: webd reads them there.
cell1() {
	printf 'GET /api/v1/cells/1 HTTP/1.0\r\nAuthorization: Bearer %s\r\n\r\n' \
		"$(cat /var/lib/bulkhead/admin.token)" | timeout 10 nc 127.0.0.1 8080
}
i=0
until cell1 | grep -q '"jitter_source": *"shmem"'; do
	i=$((i + 1))
	[ $i -le 40 ] || fail "webd does not read demo2's jitter from shared memory: $(cell1)"
	sleep 0.5
done
ok "webd reads demo2's jitter windows from shared memory"
echo guest-done
