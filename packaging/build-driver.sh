#!/usr/bin/env bash
# Build bulkhead.ko out of tree against Debian's arm64 headers. Kbuild (6.1)
# writes objects beside the sources, so the driver is mirrored into OUT.
#
#   packaging/build-driver.sh SOURCE_DIR KDIR OUT_DIR
set -euo pipefail
src=${1:?usage: build-driver.sh SOURCE_DIR KDIR OUT_DIR}
kdir=${2:?KDIR}
out=${3:?OUT_DIR}

mkdir -p "$out"
# Mirror: copy changed files, drop files removed from the source.
for f in "$out"/*.c "$out"/*.h "$out"/Kbuild; do
	[ -e "$f" ] || continue
	[ -e "$src/driver/$(basename "$f")" ] || rm -f "$f"
done
cp -u "$src"/driver/*.c "$src"/driver/*.h "$src"/driver/Kbuild "$out"/

make -C "$kdir" M="$out" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
	BULKHEAD_INCLUDE="$src/include" modules 2>&1 |
	tee "$out/build.log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
	echo "build-driver: Kbuild failed (log: $out/build.log)" >&2
	exit "$status"
fi
# Kbuild's own warnings do not fail the build with -Werror (modpost): do.
if grep -qE "\.[ch]:[0-9]+:[0-9]+: warning:|^WARNING:" "$out/build.log"; then
	echo "build-driver: warnings in the driver build (see above)" >&2
	exit 1
fi
