#!/usr/bin/env bash
# Download and unpack the Debian arm64 packages the guest needs, into a cache
# directory (normally the build tree): the current kernel image, its headers
# (to build bulkhead.ko) and modules, and busybox for the initramfs. The
# kernel ABI is resolved through the meta packages linux-image-arm64 and
# linux-headers-arm64, never pinned: superseded ABIs vanish from the archive.
#
#   packaging/fetch-guest.sh CACHE_DIR
#
# Result, under stable names whatever the ABI:
#   CACHE_DIR/vmlinuz        the kernel image
#   CACHE_DIR/release        the kernel release string (e.g. 6.1.0-56-arm64)
#   CACHE_DIR/root/          the unpacked packages (lib/modules/..., bin/busybox)
#   CACHE_DIR/headers        -> the headers tree, usable as Kbuild's KDIR
#   CACHE_DIR/complete       stamp; a run with a complete cache does nothing
set -euo pipefail

cache=${1:?usage: fetch-guest.sh CACHE_DIR}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

[ -f "$cache/complete" ] && exit 0

# First dependency of an arm64 package whose name starts with $2
# (apt-cache prints virtual or cross-arch names in <...>).
dep_of() {
	apt-cache depends --no-recommends --no-suggests "$1:arm64" 2>/dev/null |
		sed -n "s/^  Depends: <\{0,1\}\($2[^:>]*\).*/\1/p" | head -n1
}

image=$(dep_of linux-image-arm64 linux-image-)
headers=$(dep_of linux-headers-arm64 linux-headers-)
common=$([ -n "$headers" ] && dep_of "$headers" 'linux-headers-.*-common')
if [ -z "$image" ] || [ -z "$headers" ] || [ -z "$common" ]; then
	echo "fetch-guest: cannot resolve Debian's arm64 kernel packages;" \
	     "run packaging/setup-deps.sh first (it enables arm64 in apt)" >&2
	exit 1
fi
echo "fetch-guest: $image, $headers, $common, busybox-static"

rm -rf "$cache/debs"
mkdir -p "$cache/debs"
if ! (cd "$cache/debs" && apt-get download -q "$image:arm64" \
	"$headers:arm64" "$common:all" busybox-static:arm64); then
	if [ -z "${FETCH_GUEST_RETRIED:-}" ]; then
		# The lists may name an ABI the archive no longer serves.
		echo "fetch-guest: download failed; refreshing apt lists" >&2
		apt-get update -q
		FETCH_GUEST_RETRIED=1 exec "$self" "$cache"
	fi
	echo "fetch-guest: download failed" >&2
	exit 1
fi

rm -rf "$cache/root"
mkdir -p "$cache/root"
for deb in "$cache"/debs/*.deb; do
	dpkg-deb -x "$deb" "$cache/root"
done

release=${image#linux-image-}
hdir=$cache/root/usr/src/linux-headers-$release
cdir=$cache/root/usr/src/${common}
# The headers' Makefile includes the -common tree by absolute path, and its
# scripts/ and tools/ link to the arm64 kbuild package: use the unpacked
# common tree and the native linux-kbuild package instead.
sed -i "s|/usr/src/linux-headers-|$cache/root/usr/src/linux-headers-|" \
	"$hdir/Makefile"
kbuild=$(ls -d /usr/lib/linux-kbuild-* 2>/dev/null | sort -V | tail -n1)
if [ -z "$kbuild" ]; then
	echo "fetch-guest: linux-kbuild is not installed (packaging/setup-deps.sh)" >&2
	exit 1
fi
for l in scripts tools; do
	rm -rf "$hdir/$l" "$cdir/$l"
	ln -s "$kbuild/$l" "$hdir/$l"
	ln -s "$kbuild/$l" "$cdir/$l"
done

cp "$cache/root/boot/vmlinuz-$release" "$cache/vmlinuz"
ln -sfn "$hdir" "$cache/headers"
echo "$release" > "$cache/release"
rm -rf "$cache/debs"
touch "$cache/complete"
echo "fetch-guest: kernel $release ready in $cache"
