#!/usr/bin/env bash
# Install what is needed, build everything and boot the QEMU appliance with
# the dashboard and API forwarded to the host (the README's demo command).
#
#   packaging/demo.sh [qemu-run OPTIONS...]   e.g. --listen 0.0.0.0 --port 9000
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/setup-deps.sh
cmake -S . -B build
cmake --build build -j"$(nproc)"
# The appliance enables the hypervisor at boot with the reference config
# and starts the timer-jitter demo in the demo2 cell (CPU 2); its JITTER
# lines are on the dashboard's jitter and console pages.
exec packaging/qemu-run --append bulkhead.enable=qemu-arm64 \
	--append bulkhead.cell=qemu-arm64-demo2:timer-jitter \
	--append bulkhead.store_configs=1 "$@"
