#!/usr/bin/env bash
# Pack the QEMU appliance: an initramfs with busybox, the kernel modules it
# needs, bulkhead.ko, the hypervisor image, the arm64 CLI and webd with their
# shared libraries, configs, inmates and the web UI.
#
#   packaging/mkappliance.sh --source DIR --guest DIR --arm64 DIR \
#                            --driver DIR --configs DIR --out DIR
#
# Writes OUT/initramfs.cpio.gz and OUT/vmlinuz.
set -euo pipefail

while [ $# -gt 0 ]; do
	case $1 in
	--source) src=$2 ;;
	--guest) guest=$2 ;;
	--arm64) arm64=$2 ;;
	--driver) driver=$2 ;;
	--configs) configs=$2 ;;
	--out) out=$2 ;;
	*) echo "mkappliance: unknown option $1" >&2; exit 2 ;;
	esac
	shift 2
done
: "${src:?--source}" "${guest:?--guest}" "${arm64:?--arm64}"
: "${driver:?--driver}" "${configs:?--configs}" "${out:?--out}"

release=$(cat "$guest/release")
kmods=$guest/root/lib/modules/$release
root=$out/rootfs
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc/bulkhead,lib/firmware} \
	"$root"/{proc,sys,dev,tmp,run,var/lib/bulkhead,root} \
	"$root"/usr/share/bulkhead/{inmates,configs,webui} \
	"$root"/lib/modules/"$release" "$root"/lib/bulkhead

# Fail with the name of whatever the build should have produced.
need() {
	for f; do
		[ -e "$f" ] || { echo "mkappliance: missing $f" >&2; exit 1; }
	done
}

need "$guest/root/bin/busybox" "$driver/bulkhead.ko" \
	"$arm64/hypervisor/bulkhead-arm64.bin" "$arm64/tools/bulkhead" \
	"$arm64/webd/bulkhead-webd"
cp "$guest/root/bin/busybox" "$root/bin/busybox"

# Kernel modules, dependencies first, in load order.
declare -A seen=()
order=()
add_module() {
	local name=$1 path dep
	[ -n "${seen[$name]:-}" ] && return
	seen[$name]=1
	path=$(find "$kmods/kernel" -name "$name.ko" -print -quit)
	[ -z "$path" ] && path=$(find "$kmods/kernel" \
		-name "${name//_/-}.ko" -print -quit)
	[ -n "$path" ] || { echo "mkappliance: no module $name" >&2; exit 1; }
	for dep in $(modinfo -F depends "$path" | tr ',' ' '); do
		add_module "$dep"
	done
	cp "$path" "$root/lib/modules/$release/"
	order+=("$(basename "$path")")
}
while read -r m; do
	case $m in ''|'#'*) continue ;; esac
	add_module "$m"
done < "$src/packaging/appliance/modules.list"
printf '%s\n' "${order[@]}" > "$root/lib/modules/$release/load-order"

# Our parts.
cp "$driver/bulkhead.ko" "$root/lib/bulkhead/"
cp "$arm64/hypervisor/bulkhead-arm64.bin" "$root/lib/firmware/"
cp "$arm64/tools/bulkhead" "$root/usr/bin/"
cp "$arm64/webd/bulkhead-webd" "$root/usr/sbin/"
aarch64-linux-gnu-strip "$root/usr/bin/bulkhead" "$root/usr/sbin/bulkhead-webd"
find "$arm64/inmates/demos" -maxdepth 1 -name '*.bin' \
	-exec cp {} "$root/usr/share/bulkhead/inmates/" \;
# Configs: the JSON sources and the build's compiled and checked cells.
need "$configs/qemu-arm64.cell"
cp "$src"/configs/*.json "$configs"/*.cell "$root/usr/share/bulkhead/configs/"
cp -r "$src"/webui/. "$root/usr/share/bulkhead/webui/"
cp "$src/packaging/appliance/init" "$root/init"
cp "$src/packaging/appliance/host-sync" "$root/usr/bin/bulkhead-host-sync"
chmod 755 "$root/init" "$root/usr/bin/bulkhead-host-sync"

# Shared libraries of the dynamic binaries, found in the arm64 multiarch
# directories, copied with their dependencies.
libdirs=(/lib/aarch64-linux-gnu /usr/lib/aarch64-linux-gnu)
mkdir -p "$root/lib/aarch64-linux-gnu"
declare -A libseen=()
add_libs() {
	local lib d found
	for lib in $(aarch64-linux-gnu-readelf -d "$1" |
			sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		[ -n "${libseen[$lib]:-}" ] && continue
		libseen[$lib]=1
		found=
		for d in "${libdirs[@]}"; do
			if [ -e "$d/$lib" ]; then found=$d/$lib; break; fi
		done
		[ -n "$found" ] || { echo "mkappliance: no arm64 $lib" >&2; exit 1; }
		cp -L "$found" "$root/lib/aarch64-linux-gnu/$lib"
		add_libs "$found"
	done
}
add_libs "$root/usr/bin/bulkhead"
add_libs "$root/usr/sbin/bulkhead-webd"
need /lib/aarch64-linux-gnu/ld-linux-aarch64.so.1
cp -L /lib/aarch64-linux-gnu/ld-linux-aarch64.so.1 "$root/lib/"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -6 > "$out/initramfs.cpio.gz.tmp"
mv "$out/initramfs.cpio.gz.tmp" "$out/initramfs.cpio.gz"
cp "$guest/vmlinuz" "$out/vmlinuz"
echo "mkappliance: $out/initramfs.cpio.gz ($(du -h "$out/initramfs.cpio.gz" | cut -f1))"
