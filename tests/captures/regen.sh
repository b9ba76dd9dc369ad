#!/usr/bin/env bash
# Regenerate tests/captures/*/expected.json, the golden output of the
# generator (bulkhead config create --json without its "ok" and "errors")
# for each captured machine. Run after a deliberate change of the
# generator's rules, then review the diff: the unit test
# test_gen_golden compares the library's output with these files.
#
#   tests/captures/regen.sh [BULKHEAD_CLI]     (default build-host/tools/bulkhead)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=${1:-$here/../../build-host/tools/bulkhead}
for dir in "$here"/*/; do
	m=$(basename "$dir")
	args=(--name "$m" --iomem "$dir/iomem" --cpuinfo "$dir/cpuinfo")
	[ -f "$dir/fdt.dtb" ] && args+=(--dtb "$dir/fdt.dtb")
	[ -f "$dir/lspci-vvvnn.txt" ] && args+=(--lspci "$dir/lspci-vvvnn.txt")
	# Exit 1 is expected where the config is incomplete (x86).
	"$cli" config create --json "${args[@]}" | jq 'del(.ok, .errors)' \
		> "$dir/expected.json" || true
	echo "regen: $m: complete=$(jq .complete "$dir/expected.json")"
done
