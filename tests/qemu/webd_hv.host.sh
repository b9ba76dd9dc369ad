#!/usr/bin/env bash
# Host side of the webd hypervisor test: through the forwarded port and
# with the guest's operator token, upload the system config, enable the
# hypervisor over REST, see the state and the SSE event, disable again.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

api=$BULKHEAD_WEBD_URL/api/v1
auth="Authorization: Bearer $WEBD_TOKEN"
scratch=$(mktemp -d)
curl_pid=
cleanup() {
	[ -z "$curl_pid" ] || kill "$curl_pid" 2>/dev/null || true
	rm -rf "$scratch"
}
trap cleanup EXIT

wait_for 60 "webd answers" curl -sf -H "$auth" "$api/system"
code=$(curl -s -o "$scratch/up" -w '%{http_code}' -H "$auth" \
	-H 'Content-Type: application/json' \
	--data-binary @../../configs/qemu-arm64.json "$api/configs")
[ "$code" = 201 ] || fail "upload: $code $(cat "$scratch/up")"
[ "$(jq -r .kind "$scratch/up")" = system ] || fail "not a system config"
ok "configs/qemu-arm64.json stored: $(jq -c . "$scratch/up")"

curl -sN -H "$auth" "$api/events" > "$scratch/events" &
curl_pid=$!
wait_for 30 "event stream connected" grep -q ': connected' "$scratch/events"

code=$(curl -s -o "$scratch/en" -w '%{http_code}' -H "$auth" \
	-H 'Content-Type: application/json' \
	-d '{"config": "qemu-arm64"}' "$api/system/enable")
[ "$code" = 200 ] || fail "enable: $code $(cat "$scratch/en")"
ok "POST /system/enable -> $(cat "$scratch/en")"
s=$(curl -sf -H "$auth" "$api/system")
[ "$(jq -r .state <<<"$s")" = enabled ] || fail "state after enable: $s"
[ "$(jq -r .config <<<"$s")" = qemu-arm64 ] || fail "config: $s"
ok "GET /system: $s"
c=$(curl -sf -H "$auth" "$api/cells")
[ "$(jq -r '.cells[0].root' <<<"$c")" = true ] || fail "cells: $c"
ok "GET /cells: $c"
wait_for 10 "SSE system.state enabled event" \
	grep -q '"state":"enabled","previous":"disabled"' "$scratch/events"

code=$(curl -s -o "$scratch/again" -w '%{http_code}' -H "$auth" \
	-H 'Content-Type: application/json' \
	-d '{"config": "qemu-arm64"}' "$api/system/enable")
[ "$code" = 409 ] || fail "second enable: $code $(cat "$scratch/again")"
ok "second enable: 409 $(jq -r .type "$scratch/again")"

code=$(curl -s -o "$scratch/dis" -w '%{http_code}' -H "$auth" \
	-X POST "$api/system/disable")
[ "$code" = 200 ] || fail "disable: $code $(cat "$scratch/dis")"
[ "$(jq -r .state "$scratch/dis")" = disabled ] || fail "not disabled"
ok "POST /system/disable -> $(cat "$scratch/dis")"
wait_for 10 "SSE system.state disabled event" \
	grep -q '"state":"disabled","previous":"enabled"' "$scratch/events"
grep '^event: system.state' -A1 "$scratch/events" | grep data
