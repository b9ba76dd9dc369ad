#!/usr/bin/env bash
# Install everything Bulkhead needs to build and test on Debian 12 (bookworm).
# Idempotent: a second run with everything present does no network access.
#
#   packaging/setup-deps.sh            system packages (needs root or sudo)
#
# Debian's arm64 kernel image, headers and modules are not installed into the
# system: packaging/fetch-kernel.sh downloads them into the build tree.
set -euo pipefail

# Native tools and libraries (host userspace, host tests, fuzzing).
NATIVE=(
	build-essential cmake pkg-config git ca-certificates
	clang libclang-rt-14-dev lld
	libmicrohttpd-dev libjansson-dev libsqlite3-dev libfdt-dev libgnutls28-dev
	qemu-system-arm device-tree-compiler cpio gzip xz-utils zstd kmod
	linux-kbuild-6.1 bc bison flex libssl-dev libelf-dev
	libcmocka-dev curl jq wrk sqlite3 procps psmisc iproute2 python3 pciutils
	openssl
	chromium
	gcc-aarch64-linux-gnu g++-aarch64-linux-gnu binutils-aarch64-linux-gnu
	libc6-dev-arm64-cross
)
# arm64 multiarch: libraries the cross-built userspace links against (and
# ships in the appliance image).
ARM64=(
	libmicrohttpd-dev:arm64 libjansson-dev:arm64 libsqlite3-dev:arm64
	libfdt1:arm64 libgnutls28-dev:arm64
)
# Node.js runs the browser tests (playwright-core from npm). A node that is
# already there (e.g. a newer one) is used; Debian's only if none is.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	NATIVE+=(nodejs npm)
fi
# libfdt-dev is not multiarch co-installable: the native one provides the
# headers and the cross build links libfdt1:arm64 by its full path.

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
fi

missing=()
have_arm64=0
dpkg --print-foreign-architectures | grep -qx arm64 && have_arm64=1
for p in "${NATIVE[@]}" "${ARM64[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing+=("$p")
done

if [ "$have_arm64" -eq 1 ] && [ "${#missing[@]}" -eq 0 ]; then
	echo "setup-deps: all packages present"
	exit 0
fi

echo "setup-deps: installing ${#missing[@]} package(s): ${missing[*]}"
if [ "$have_arm64" -eq 0 ]; then
	$SUDO dpkg --add-architecture arm64
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "setup-deps: done"
