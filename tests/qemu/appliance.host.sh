#!/usr/bin/env bash
# Host side of the appliance test: webd in the guest through the forwarded
# port says the hypervisor is not enabled.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

url=$BULKHEAD_WEBD_URL/api/v1/system
auth="Authorization: Bearer $WEBD_TOKEN"
wait_for 60 "webd answers on $url" curl -sf -H "$auth" "$url"
code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
[ "$code" = 401 ] || fail "no token: answered $code, want 401"
ok "without a token: 401"
body=$(curl -sf -H "$auth" "$url")
echo "GET /api/v1/system -> $body"
[ "$(jq -r .state <<<"$body")" = disabled ] || fail "state is not 'disabled'"
[ "$(jq -r .enabled <<<"$body")" = false ] || fail "enabled is not false"
ok "webd reports the hypervisor not enabled"

code=$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" \
	"$BULKHEAD_WEBD_URL/api/v1/nonexistent")
[ "$code" = 404 ] || fail "unknown resource answered $code"
ok "unknown resource: 404"
