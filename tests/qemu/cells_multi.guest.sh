# Guest side of the two-cell test (busybox sh): demo (CPU 3, PL011) and
# demo2 (CPU 2, debug-console hypercall only) at the same time while the
# root cell computes and serves; the timer-jitter demo in demo2, reporting
# through the hypervisor console, while every rogue parameter (1-6) fails
# next to it; a locked cell refusing shutdown until forced. Every wait is bounded.
set -e
. /batch/files/guest-lib.sh

# The last tick (uart-hello) or window (timer-jitter) number demo2 put
# into the hypervisor console (-1: none).
ticks2() {
	t=$(timeout 10 bulkhead console | sed -n \
		's/^\[cell:demo2\] \(uart-hello: tick \|JITTER v1 seq=\)\([0-9]*\).*/\2/p' |
		tail -n 1)
	echo ${t:--1}
}
# jitter_check MIN_LINES WHEN: demo2's timer-jitter lines in the console
# ring (whole lines, unlike the UART, which demo shares) pass
# jitter-check.awk (tests/qemu); the start line, with the counter
# frequency, was kept at the start.
jitter_check() {
	timeout 10 bulkhead console | sed -n 's/^\[cell:demo2\] //p' |
		cat /tmp/jitter-start - > /tmp/jitter
	awk -v min_lines=$1 -v want_samples=500 -v want_period_ns=1000000 \
		-f /batch/files/jitter-check.awk /tmp/jitter ||
		fail "bad JITTER lines from demo2 $2"
	ok "demo2: $(grep -c '^JITTER v1' /tmp/jitter) good JITTER lines $2"
}
# ticks_advance SECONDS: demo2's ticks must go on over SECONDS.
ticks_advance() {
	a=$(ticks2)
	sleep $1
	b=$(ticks2)
	[ "$b" -gt $((a + 2)) ] || fail "demo2 ticks: $a then $b after $1 s"
	echo "$a..$b"
}
# webd in the root cell answers its liveness probe (busybox nc: the
# static busybox's wget crashes resolving even a literal address).
health() {
	out=$(printf 'GET /api/v1/health HTTP/1.0\r\n\r\n' |
		timeout 10 nc 127.0.0.1 8080 2>&1) || true
	echo "$out" | grep -q '"status": *"ok"' ||
		fail "webd health said '$out'"
	echo "webd ok"
}
# load SECS on CPUs 0 and 1: write and checksum 8 MiB files.
load() {
	rm -f /tmp/loadn*
	load_start $1 0 1
	wait $pids
	load_check
	echo "passes $(cat /tmp/loadn0) $(cat /tmp/loadn1)"
}

bulkhead enable $cfg/qemu-arm64.cell
pool0=$(pool)
ok "enabled, pool $pool0 pages used"

# --- Two cells at once -----------------------------------------------------
param $img/uart-hello.bin 500 /tmp/hello-500.bin
param $img/uart-hello.bin 200 /tmp/hello-200.bin
bulkhead cell create $cfg/qemu-arm64-demo.cell >/dev/null
bulkhead cell create $cfg/qemu-arm64-demo2.cell >/dev/null
[ "$(online 2)" = 0 ] && [ "$(online 3)" = 0 ] || fail "CPUs 2/3 online"
bulkhead cell load demo /tmp/hello-500.bin
bulkhead cell load demo2 /tmp/hello-200.bin
echo "MARK two-cells"
bulkhead cell start demo
bulkhead cell start demo2
wait_state demo running 5
wait_state demo2 running 5
[ "$(bulkhead cell list | grep -c ' running ')" = 2 ] ||
	fail "cell list: $(bulkhead cell list)"
ok "both running: $(bulkhead cell list | tail -n 2 | tr -s ' ' | tr '\n' ';')"
wait_console 5 '^\[cell:demo2\] uart-hello: Hello from a Bulkhead cell$'
wait_console 5 '^\[cell:demo2\] uart-hello: in a cell, EL1, image at 0x0*, MPIDR 0x[0-9a-f]*2,'
ok "demo2 greets through the debug-console hypercall"
a=$(ticks2)
ok "root load on CPUs 0-1 with both cells running: $(load 10)"
health
b=$(ticks2)
[ "$b" -gt $((a + 2)) ] || fail "demo2 ticks during the load: $a then $b"
ok "webd healthy, demo2 ticks $a..$b meanwhile"
[ "$(state demo)" = running ] && [ "$(state demo2)" = running ] ||
	fail "states after the load: $(state demo), $(state demo2)"
bulkhead cell shutdown demo
bulkhead cell shutdown demo2
bulkhead cell destroy demo
bulkhead cell destroy demo2
[ "$(online 2)" = 1 ] && [ "$(online 3)" = 1 ] || fail "CPUs not back"
[ "$(pool)" = "$pool0" ] || fail "pool $(pool) after both, was $pool0"
ok "both shut down and destroyed: CPUs 2, 3 online, pool $pool0"

# --- Rogues next to a running jitter cell -----------------------------------
# Windows of 500 samples: two lines a second, so that the UART, shared
# with the rogues' output, stays mostly quiet.
param $img/timer-jitter.bin $((500 << 16)) /tmp/jitter-500.bin
bulkhead cell create $cfg/qemu-arm64-demo2.cell >/dev/null
bulkhead cell load demo2 /tmp/jitter-500.bin
bulkhead cell start demo2
wait_state demo2 running 5
wait_console 10 '^\[cell:demo2\] JITTER v1 seq=1 samples=500 period_ns=1000000 '
timeout 10 bulkhead console |
	sed -n 's/^\[cell:demo2\] \(timer-jitter: .* Hz\)/\1/p' > /tmp/jitter-start
[ -s /tmp/jitter-start ] || fail "no timer-jitter start line"
bulkhead cell list | grep -q "^[0-9]* *demo2 *running *2$" ||
	fail "cell list: $(bulkhead cell list)"
jitter_check 2 "after its start"
for p in 1 2 3 4 5 6; do
	case $p in
	1) re='cell "demo" CPU 3: stage-2 data abort at IPA 0x1000000 (write)' ;;
	2) re='cell "demo" CPU 3: stage-2 data abort at IPA 0x7f000000 (read)' ;;
	3) re='cell "demo" CPU 3: denied GICD write at 0x8000184 (value 0x2, allowed bits 0x0)' ;;
	4) re='cell "demo" CPU 3: SGI write 0x[0-9a-f]* targets CPUs of another cell; cell stopped, state failed' ;;
	5) re='cell "demo" CPU 3: PSCI CPU_ON (0xc4000003) for MPIDR 0x1, a CPU outside the cell, PC 0x[0-9a-f]*; cell stopped, state failed' ;;
	6) re='cell "demo" CPU 3: stage-2 data abort at IPA 0x9010000 (read)' ;;
	esac
	param $img/rogue.bin $p /tmp/rogue-$p.bin
	bulkhead cell create $cfg/qemu-arm64-demo.cell >/dev/null
	bulkhead cell load demo /tmp/rogue-$p.bin
	echo "MARK rogue-$p"
	bulkhead cell start demo
	wait_state demo failed 10
	timeout 10 bulkhead console > /tmp/c2
	grep -q "^\[hv\] Bulkhead: $re" /tmp/c2 ||
		fail "rogue $p: no report '$re': $(grep '^\[hv\]' /tmp/c2 | tail -n 3)"
	ok "rogue $p: failed, $(grep "^\[hv\] Bulkhead: $re" /tmp/c2 | tail -n 1)"
	t=$(ticks_advance 3)
	[ "$(state demo2)" = running ] || fail "demo2: $(state demo2)"
	md5sum $cfg/* >/dev/null || fail "root unhealthy"
	health
	ok "rogue $p: demo2 running, ticks $t; root and webd fine"
	bulkhead cell destroy demo
	[ "$(online 3)" = 1 ] || fail "rogue $p: CPU 3 not back"
done
jitter_check 10 "after the rogues"
# The rogue's CPU and memory serve again.
bulkhead cell create $cfg/qemu-arm64-demo.cell >/dev/null
bulkhead cell load demo $img/uart-hello.bin
bulkhead cell start demo
wait_state demo running 5
bulkhead cell shutdown demo
bulkhead cell destroy demo
bulkhead cell shutdown demo2
bulkhead cell destroy demo2
[ "$(online 2)" = 1 ] || fail "CPU 2 not back after the jitter cell"
[ "$(pool)" = "$pool0" ] || fail "pool $(pool) after the rogues, was $pool0"
ok "demo runs again after the rogues; jitter cell destroyed, CPU 2 online; pool $pool0"

# --- A cell dying mid-line -------------------------------------------------
# Its unfinished line is kept as a line of its own, and the next cell on its
# CPU starts on a fresh one: demo2's lines after the rogue's attempt.
after_attempt() {
	timeout 10 bulkhead console | awk '
		{ l[NR] = $0 }
		/^\[cell:demo2\] ROGUE attempt=unfinished-line / { n = NR }
		END { if (n) for (i = n + 1; i <= NR; i++)
			if (index(l[i], "[cell:demo2] ") == 1) print l[i] }'
}
param $img/rogue.bin 9 /tmp/rogue-9.bin
bulkhead cell create $cfg/qemu-arm64-demo2.cell >/dev/null
bulkhead cell load demo2 /tmp/rogue-9.bin
bulkhead cell start demo2
wait_state demo2 failed 10
bulkhead cell destroy demo2
bulkhead cell create $cfg/qemu-arm64-demo2.cell >/dev/null
bulkhead cell load demo2 $img/uart-hello.bin
bulkhead cell start demo2
i=0
until after_attempt | grep -q 'uart-hello: Hello'; do
	i=$((i + 1))
	[ $i -le 20 ] || fail "no greeting after the rogue: $(after_attempt)"
	sleep 0.5
done
after_attempt > /tmp/after
[ "$(sed -n 1p /tmp/after)" = "[cell:demo2] ROGUE unfinished line: " ] &&
[ "$(sed -n 2p /tmp/after)" = \
  "[cell:demo2] uart-hello: Hello from a Bulkhead cell" ] ||
	fail "lines after the mid-line failure: $(cat /tmp/after)"
ok "a cell failing mid-line: its last words on a line of their own, the next cell's greeting intact"
bulkhead cell shutdown demo2
bulkhead cell destroy demo2
[ "$(online 2)" = 1 ] || fail "CPU 2 not back after the mid-line failure"

# --- Locked ---------------------------------------------------------------
param $img/uart-hello.bin $((0x80000000 | 200)) /tmp/hello-locked.bin
bulkhead cell create $cfg/qemu-arm64-demo2.cell >/dev/null
bulkhead cell load demo2 /tmp/hello-locked.bin
bulkhead cell start demo2
wait_state demo2 running/locked 5
ok "locked cell: state '$(state demo2)'"
for what in shutdown destroy; do
	set +e
	out=$(bulkhead cell $what demo2 2>&1); rc=$?
	set -e
	[ "$rc" = 1 ] && echo "$out" | grep -q 'denies shutdown (locked' ||
		fail "$what of a locked cell: exit $rc '$out'"
	ok "$what refused: $out"
	t=$(ticks_advance 2)
	[ "$(state demo2)" = running/locked ] || fail "after $what: $(state demo2)"
	ok "still running/locked, ticks $t"
done
bulkhead cell shutdown demo2 --force
[ "$(state demo2)" = "shut down" ] || fail "forced: '$(state demo2)'"
a=$(ticks2)
sleep 1
[ "$(ticks2)" = "$a" ] || fail "ticks after a forced shutdown"
ok "--force stopped it: no more ticks after $a"
bulkhead cell destroy demo2
[ "$(online 2)" = 1 ] || fail "CPU 2 not back"
[ "$(pool)" = "$pool0" ] || fail "pool $(pool) at the end, was $pool0"
ok "destroyed: CPU 2 online, pool $pool0"

bulkhead disable
ok "disabled"
echo guest-done
