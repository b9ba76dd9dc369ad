#!/usr/bin/env bash
# webd benchmark (not part of ctest): wrk on loopback against webd's
# GET /api/v1/cells and, in the same run, against the fixed-response
# libmicrohttpd server (same worker threads) -> ratio; SSE fan-out to 1000
# clients with the C load client (sse_load.c) -> delay percentiles;
# webd's RSS idle and after the fan-out.
#
# usage: tests/bench/run.sh [BUILD-DIR (default build-host)] [SECONDS]
#        [THREADS (webd's --threads, default 2)]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build-host}" && pwd)
secs=${2:-10}
threads=${3:-2}
webd=$build/webd/bulkhead-webd
fixed=$build/tests/bench/bench-fixed-server
sse_load=$build/tests/bench/bench-sse-load
tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

wait_file() {
	for _ in $(seq 100); do [ -s "$1" ] && return 0; sleep 0.05; done
	echo "no $1" >&2; exit 1
}
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
rps() { awk '/Requests\/sec/ { print $2 }'; }

token=$("$webd" token create --role operator --name bench --db "$tmp/db")
"$webd" --db "$tmp/db" --port 0 --port-file "$tmp/port" \
	--threads "$threads" --log-level warn 2>"$tmp/webd.log" &
pids+=($!); webd_pid=$!
"$fixed" "$tmp/fport" "$threads" & pids+=($!)
wait_file "$tmp/port"; wait_file "$tmp/fport"
port=$(cat "$tmp/port"); fport=$(cat "$tmp/fport")
curl -sf -H "Authorization: Bearer $token" \
	"http://127.0.0.1:$port/api/v1/cells" >/dev/null
echo "date: $(date -u +%F)  host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), webd --threads $threads"
echo "webd idle RSS: $(rss_kb "$webd_pid") kB"

opts=(-t1 -c50 -d"${secs}s")
w=$(wrk "${opts[@]}" -H "Authorization: Bearer $token" \
	"http://127.0.0.1:$port/api/v1/cells" | rps)
f=$(wrk "${opts[@]}" "http://127.0.0.1:$fport/" | rps)
echo "wrk ${opts[*]}: webd GET /api/v1/cells $w req/s, fixed $f req/s," \
	"ratio $(awk -v a="$w" -v b="$f" 'BEGIN { printf "%.2f", a / b }')"

ulimit -n 4096
"$sse_load" "$port" "$token" 1000 30 100
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "webd RSS after the fan-out: $(rss_kb "$webd_pid") kB"
