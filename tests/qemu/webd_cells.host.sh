#!/usr/bin/env bash
# Host side of the webd cells test: through the forwarded port and with
# the guest's operator token, store the system and the demo2 cell config,
# enable, create the cell, load the timer-jitter demo, start it, read its
# reports as structured events on the cell's jitter stream (checked one by
# one): from its ivshmem section ("source": "shmem", the same numbers as
# its console lines), see its lines on the console stream attributed to
# the cell and its state changes on the event stream, refuse a load while
# it runs, see it as peer 1 of link 00:01.0 announcing jitter on
# GET /ivshmem; run it again console only (parameter bit 30: "source":
# "console"), shut it down, destroy it, disable. Every wait is bounded
# (lib.sh's wait_for).
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

api=$BULKHEAD_WEBD_URL/api/v1
auth="Authorization: Bearer $WEBD_TOKEN"
image=${BULKHEAD_BUILD:-../../build}/arm64/inmates/demos/timer-jitter.bin
scratch=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	rm -rf "$scratch"
}
trap cleanup EXIT
[ -s "$image" ] || fail "no inmate image at $image"

# call METHOD PATH WANT_CODE [CURL_ARGS...]: the body lands in $scratch/r;
# a request that takes over 30 s fails (000).
call() {
	local method=$1 path=$2 want=$3 code
	shift 3
	code=$(curl -s --max-time 30 -o "$scratch/r" -w '%{http_code}' -X "$method" \
		-H "$auth" "$@" "$api$path")
	[ "$code" = "$want" ] ||
		fail "$method $path: $code, want $want: $(cat "$scratch/r")"
}
json() { call "$1" "$2" "$3" -H 'Content-Type: application/json' "${@:4}"; }

wait_for 60 "webd answers" curl -sf -H "$auth" "$api/system"
json POST /configs 201 --data-binary @../../configs/qemu-arm64.json
json POST /configs 201 --data-binary @../../configs/qemu-arm64-demo2.json
[ "$(jq -r .kind "$scratch/r")" = cell ] || fail "demo2 is not a cell config"
ok "system and demo2 configs stored"

curl -sN -H "$auth" "$api/events" > "$scratch/events" &
pids+=($!)
curl -sN -H "$auth" "$api/console" > "$scratch/console" &
pids+=($!)
wait_for 30 "event stream connected" grep -q ': connected' "$scratch/events"
wait_for 30 "console stream connected" grep -q ': connected' "$scratch/console"

json POST /system/enable 200 -d '{"config": "qemu-arm64"}'
ok "enabled: $(cat "$scratch/r")"
# The page pool as the driver reports it (webd's watcher reads it).
pool_used() { curl -sf -H "$auth" "$api/system" | jq -r '.page_pool.used // -1'; }
pool_above() { [ "$(pool_used)" -gt "$1" ]; }
wait_for 20 "the page pool in /system" pool_above 0
pool0=$(pool_used)
curl -sf -H "$auth" "$api/system" |
	jq -e '.page_pool.total >= .page_pool.used and .page_pool.page_size == 4096' \
	>/dev/null || fail "page pool: $(curl -sf -H "$auth" "$api/system")"
ok "page pool: $pool0 pages used"
wait_for 20 "console lines from the hypervisor" \
	grep -q '"source":"hv"' "$scratch/console"

json POST /cells 201 -d '{"config": "demo2"}'
id=$(jq -r .id "$scratch/r")
wait_for 20 "the pool to grow with the cell" pool_above "$pool0"
ok "page pool after create: $(pool_used) pages used"
[ "$(jq -r '.state, .cpus[0], .config' "$scratch/r" | tr '\n' ' ')" = \
  "shut down 2 demo2 " ] || fail "created: $(cat "$scratch/r")"
[ "$(jq '.memory_regions | length' "$scratch/r")" -gt 0 ] ||
	fail "no memory regions: $(cat "$scratch/r")"
ok "POST /cells -> $(jq -c '{id, name, state, cpus}' "$scratch/r")"
json POST /cells 409 -d '{"config": "demo2"}'
[ "$(jq -r .type "$scratch/r")" = urn:bulkhead:problem:cell-exists ] ||
	fail "second create: $(cat "$scratch/r")"
ok "second create refused: $(jq -r .detail "$scratch/r")"

call POST "/cells/$id/load?address=0" 200 \
	-H 'Content-Type: application/octet-stream' --data-binary @"$image"
ok "loaded: $(jq -c .loaded "$scratch/r")"
curl -sN -H "$auth" "$api/cells/$id/jitter" > "$scratch/jitter" &
pids+=($!)
wait_for 30 "jitter stream of cell $id connected" \
	grep -q ': connected' "$scratch/jitter"
call POST "/cells/$id/start" 200
[ "$(jq -r .state "$scratch/r")" = running ] || fail "start: $(cat "$scratch/r")"
ok "started"

# The jitter stream: "event: jitter" + one data line per report, at the
# cell's rate (10 per second with the default parameter word). Only
# events completed by their blank line count (curl may be mid-write).
# jitter_events [FILE]: the stream in FILE (default the first one).
jitter_events() {
	awk '/^event: / { ev = substr($0, 8); data = ""; next }
	     /^data: / { data = substr($0, 7); next }
	     /^$/ { if (ev == "jitter" && data != "") print data; ev = "" }' \
		"${1:-$scratch/jitter}"
}
have_reports() { [ "$(jitter_events "${2:-}" | wc -l)" -ge "$1" ]; }
wait_for 60 "20 jitter events from the cell" have_reports 20
jitter_events > "$scratch/reports"
# Every report: this cell, consistent statistics, 16 buckets summing to
# samples; seq strictly increasing over the stream.
# check_reports FILE SOURCE: every report of this cell from SOURCE, a
# whole window of the default size (100 samples), consistent statistics,
# 16 buckets summing to samples; seq strictly increasing over the stream.
check_reports() {
	jq -e --argjson id "$id" --arg src "$2" -s '
		all(.[]; .cell_id == $id and .cell == "demo2" and
		    .source == $src and .samples == 100 and
		    .period_ns == 1000000 and .min_ns <= .avg_ns and
		    .avg_ns <= .max_ns and .min_ns <= .cur_ns and
		    .cur_ns <= .max_ns and .min_ticks <= .cur_ticks and
		    .cur_ticks <= .max_ticks and
		    (.hist | length) == 16 and (.hist | add) == .samples) and
		([.[].seq] as $s | all(range(1; $s | length);
		    $s[.] > $s[. - 1]))' "$1" >/dev/null ||
		fail "bad $2 jitter events: $(head -c 2000 "$1")"
	ok "$(wc -l < "$1") jitter events from $2, seq $(jq -s -r \
		'"\(.[0].seq)..\(.[-1].seq)", "samples \(.[0].samples)",
		 "min..max \(map(.min_ns) | min)..\(map(.max_ns) | max) ns"' \
		"$1" | tr '\n' ' ')"
}
check_reports "$scratch/reports" shmem
# Every window read from shared memory is the cell's console line for it,
# number for number.
jq -r '"JITTER v1 seq=\(.seq) samples=\(.samples) period_ns=\(.period_ns) " +
	"cur_ns=\(.cur_ns) min_ns=\(.min_ns) avg_ns=\(.avg_ns) " +
	"max_ns=\(.max_ns) overruns=\(.overruns) cur_ticks=\(.cur_ticks) " +
	"min_ticks=\(.min_ticks) max_ticks=\(.max_ticks) " +
	"hist=\(.hist | map(tostring) | join(","))"' "$scratch/reports" \
	> "$scratch/report-lines"
while read -r line; do
	wait_for 20 "the console line of a shmem window" \
		grep -qF "\"line\":\"$line\"" "$scratch/console"
done < "$scratch/report-lines"
ok "the shared-memory windows equal the console's JITTER lines"

# The same reports on the console, attributed to the cell.
wait_for 20 "the cell's start line on /console, attributed to demo2" \
	grep -q "\"line\":\"timer-jitter: in a cell, [^\"]*\",\"source\":\"demo2\",\"cell_id\":$id" \
	"$scratch/console"
wait_for 20 "JITTER lines on /console, attributed to demo2" \
	grep -q "\"line\":\"JITTER v1 seq=[0-9]* samples=100 [^\"]*\",\"source\":\"demo2\",\"cell_id\":$id" \
	"$scratch/console"
wait_for 10 "cell.created and cell.state running events" \
	grep -q '"state":"running","previous":"shut down"' "$scratch/events"
grep -q '^event: cell.created' "$scratch/events" || fail "no cell.created"

call GET "/cells/$id" 200
[ "$(jq '.statistics.exits_per_cpu[0].cpu' "$scratch/r")" = 2 ] ||
	fail "statistics: $(cat "$scratch/r")"
ok "GET /cells/$id statistics: $(jq -c .statistics.exits "$scratch/r")"
[ "$(jq -r .jitter_source "$scratch/r")" = shmem ] ||
	fail "jitter_source: $(jq -c .jitter_source "$scratch/r")"
# The root cell's links: demo2 is peer 1 of 00:01.0 and announces jitter
# (BULKHEAD_JITTER_STATE, 0x3174696a); no cell is peer 1 of 00:00.0 (the
# demo cell was not created), whose state is 0.
call GET /ivshmem 200
jq -e --argjson id "$id" '
	(.devices | map({key: .bdf, value: .}) | from_entries) as $d |
	($d | keys) == ["00:00.0", "00:01.0"] and
	all(.devices[]; .id == 0 and .peers == 2 and
	    (.uio | test("^/dev/uio[0-9]+$")) and
	    .pci == "0001:" + .bdf and (.peers_state | length) == 1) and
	$d["00:01.0"].peers_state[0] == {peer: 1, state: 829712746,
	    cell: {id: $id, name: "demo2"}, protocol: "jitter"} and
	$d["00:00.0"].peers_state[0] == {peer: 1, state: 0, cell: null,
	    protocol: null}' "$scratch/r" >/dev/null ||
	fail "GET /ivshmem: $(cat "$scratch/r")"
ok "GET /ivshmem: $(jq -c '[.devices[] | {bdf, peers_state}]' "$scratch/r")"
call POST "/cells/$id/load" 409 -H 'Content-Type: application/octet-stream' \
	--data-binary @"$image"
ok "load while running: $(jq -r .type "$scratch/r")"
curl -sf -H "$auth" "$BULKHEAD_WEBD_URL/metrics" > "$scratch/metrics"
grep -q '^bulkhead_cells{state="running"} 1$' "$scratch/metrics" ||
	fail "metrics: $(grep bulkhead_cells "$scratch/metrics")"
grep -q '^bulkhead_exits_total{cpu="2",reason="hvc"} [1-9]' \
	"$scratch/metrics" || fail "no hvc exits on CPU 2 in the metrics"
ok "metrics: running cell and its exits"
# Served from shared memory: reports counted there, the console's lines
# superseded (not rejected, not published a second time).
grep -q '^bulkhead_jitter_reports_total{source="shmem"} [1-9]' \
	"$scratch/metrics" &&
	grep -q '^bulkhead_jitter_lines_superseded_total [1-9]' \
	"$scratch/metrics" &&
	grep -q '^bulkhead_jitter_lines_rejected_total 0$' "$scratch/metrics" ||
	fail "jitter metrics: $(grep bulkhead_jitter "$scratch/metrics")"
ok "metrics: $(grep '^bulkhead_jitter' "$scratch/metrics" | tr '\n' ' ')"

# Again console only: parameter bit 30 (docs/inmates.md), the rest of the
# word the defaults. webd follows the console again.
call POST "/cells/$id/shutdown" 200
cp "$image" "$scratch/console-only.bin"
printf '\x00\x00\x00\x40' |
	dd of="$scratch/console-only.bin" bs=1 seek=16 conv=notrunc 2>/dev/null
call POST "/cells/$id/load?address=0" 200 \
	-H 'Content-Type: application/octet-stream' \
	--data-binary @"$scratch/console-only.bin"
curl -sN -H "$auth" "$api/cells/$id/jitter" > "$scratch/jitter2" &
pids+=($!)
wait_for 30 "second jitter stream connected" \
	grep -q ': connected' "$scratch/jitter2"
call POST "/cells/$id/start" 200
wait_for 60 "5 console jitter events" have_reports 5 "$scratch/jitter2"
jitter_events "$scratch/jitter2" > "$scratch/reports2"
check_reports "$scratch/reports2" console
call GET "/cells/$id" 200
[ "$(jq -r .jitter_source "$scratch/r")" = console ] ||
	fail "jitter_source: $(jq -c .jitter_source "$scratch/r")"
wait_for 20 "the cell's console-only line" grep -q \
	'"line":"timer-jitter: parameter bit 30, statistics on the console only"' \
	"$scratch/console"
ok "console only: jitter_source console"

call POST "/cells/$id/shutdown" 200
[ "$(jq -r .state "$scratch/r")" = "shut down" ] ||
	fail "shutdown: $(cat "$scratch/r")"
call POST "/cells/$id/destroy" 200
call GET "/cells/$id" 404
wait_for 10 "cell.destroyed event" grep -q '^event: cell.destroyed' \
	"$scratch/events"
ok "shut down and destroyed"
call POST /system/disable 200
ok "disabled: $(cat "$scratch/r")"
call GET /ivshmem 409
[ "$(jq -r .type "$scratch/r")" = urn:bulkhead:problem:not-enabled ] ||
	fail "GET /ivshmem while disabled: $(cat "$scratch/r")"
grep -c '^event: console' "$scratch/console" | sed 's/^/console events: /'
