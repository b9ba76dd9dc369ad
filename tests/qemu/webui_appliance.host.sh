#!/usr/bin/env bash
# Host side of the dashboard's appliance test: chromium signs in to the
# appliance's webd (forwarded port) with the admin token the appliance
# printed and runs the jitter demo cell from the UI
# (tests/browser/appliance.mjs). Screenshots:
# BUILD/test-artifacts/browser-appliance/.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

build=$(cd "${BULKHEAD_BUILD:-../../build}" && pwd)
deps=$build/tests/browser/npm
[ -d "$deps/node_modules/playwright-core" ] ||
	fail "playwright-core not installed in $deps (ctest fixture browser.npm)"
wait_for 60 "webd answers" curl -sf --max-time 5 \
	-H "Authorization: Bearer $WEBD_TOKEN" "$BULKHEAD_WEBD_URL/api/v1/system"
# node's own bound: the test's waits are bounded, this bounds the rest.
timeout 240 node ../browser/appliance.mjs "$BULKHEAD_WEBD_URL" "$WEBD_TOKEN" \
	"$build/test-artifacts/browser-appliance" "$deps" \
	"$build/arm64/inmates/demos/timer-jitter.bin" ../../configs
