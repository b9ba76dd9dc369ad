#!/usr/bin/env bash
# Host side of the root-cell test, called while the hypervisor is enabled:
# webd in the root cell answers over virtio-net and sees it enabled.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

url=$BULKHEAD_WEBD_URL/api/v1/system
auth="Authorization: Bearer $WEBD_TOKEN"
wait_for 60 "webd answers on $url" curl -sf -H "$auth" "$url"
body=$(curl -sf -H "$auth" "$url")
echo "GET /api/v1/system -> $body"
[ "$(jq -r .enabled <<<"$body")" = true ] || fail "webd: enabled is not true"
ok "webd reports the hypervisor enabled"
