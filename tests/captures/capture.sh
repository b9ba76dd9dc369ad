#!/usr/bin/env bash
# Take the generator's golden-test captures (tests/captures/<machine>/).
#
#   tests/captures/capture.sh [-b BUILD] MACHINE...
#
# MACHINE is one of:
#   qemu-arm64-gicv3  the reference: virt GICv3, 4 CPUs, -m 1G, mem=768M
#   qemu-arm64-gicv2  virt gic-version=2, 2 CPUs, -m 2G, mem=1792M
#   qemu-arm64-pci    virt GICv3, 3 CPUs, -m 1G, mem=768M, plus an e1000
#                     and a virtio-rng-pci on the PCIe bus
#   qemu-x86-q35      qemu-system-x86_64 -machine q35, 2 CPUs, -m 2G,
#                     mem=1536M, plus an e1000 (TCG)
#   qemu-x86-pc       qemu-system-x86_64 -machine pc (i440FX), 4 CPUs, -m 1G
#   devhost           the machine this runs on (x86 or whatever it is)
#
# The x86 machines boot Debian's amd64 kernel (resolved through the
# linux-image-amd64 meta package) with a busybox-static initramfs, both
# fetched with apt-get download into BUILD/x86-guest/; their output comes
# over the serial console. They need qemu-system-x86.
# A QEMU machine boots the appliance through packaging/qemu-run, whose batch
# script prints /proc/iomem, /proc/cpuinfo, /proc/cmdline, the flattened
# device tree (base64) and every PCI function's sysfs files and config
# space between "@@@ NAME" marker lines; this script splits that output into
# files. The guest has no pciutils, so the lspci-*.txt of a QEMU machine come
# from the host's lspci reading the guest's config space dump (lspci -F).
# The expected generator output (expected.json) is written by
# tests/captures/regen.sh, never by hand.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${BULKHEAD_BUILD:-$src/build}
if [ "${1:-}" = -b ]; then build=$2; shift 2; fi

guest_script() {
	cat <<'GUEST'
#!/bin/sh
sec() { echo "@@@ $1"; }
sec iomem; cat /proc/iomem
sec cpuinfo; cat /proc/cpuinfo
sec cmdline; cat /proc/cmdline
sec fdt; base64 /sys/firmware/fdt
for d in /sys/bus/pci/devices/*; do
	[ -e "$d" ] || continue
	b=${d##*/}
	for f in vendor device class resource; do
		sec "sysfs-pci/$b/$f"; cat "$d/$f"
	done
	# lspci -x dump format: "BB:DD.F" header, then 16 bytes a line.
	sec "pcicfg/$b"
	echo "${b#*:} config"
	hexdump -v -e '"%02_ax: " 16/1 "%02x " "\n"' "$d/config"
done
sec end
GUEST
}

# Splits "@@@ NAME" sections of stdin into files under $1.
split_sections() {
	awk -v dir="$1" '
		/^@@@ / { if (out) close(out); name = $2
			  out = (name == "end") ? "" : dir "/" name ".raw"
			  if (out) system("mkdir -p \"$(dirname " out ")\"")
			  next }
		out { print > out }'
}

# The files of one QEMU machine, from the sections in $1 into $2.
finish_qemu() {
	local raw=$1 dir=$2 b f
	mv "$raw/iomem.raw" "$dir/iomem"
	mv "$raw/cpuinfo.raw" "$dir/cpuinfo"
	mv "$raw/cmdline.raw" "$dir/cmdline"
	if [ -s "$raw/fdt.raw" ]; then	# x86 has no device tree
		base64 -d "$raw/fdt.raw" > "$dir/fdt.dtb"
		dtc -q -I dtb -O dts -o "$dir/fdt.dts" "$dir/fdt.dtb"
	fi
	rm -rf "$dir/sysfs-pci"
	if [ -d "$raw/sysfs-pci" ]; then
		for b in "$raw"/sysfs-pci/*; do
			mkdir -p "$dir/sysfs-pci/${b##*/}"
			for f in "$b"/*.raw; do
				f=${f##*/}
				mv "$b/$f" "$dir/sysfs-pci/${b##*/}/${f%.raw}"
			done
		done
		# Only the 64-byte header lspci -x shows: what the guest
		# kernel's sysfs lets root read is the full 4K, but lspci -F
		# reads the dump as given.
		cat "$raw"/pcicfg/*.raw | sed '/^[0-9a-f]\{2,3\}: /{/^[0-9a-f][0-9a-f]:/!d}' \
			> "$dir/pci-config.dump"
		for o in -nn -vvvnn -vmmnn -xxx; do
			lspci -F "$dir/pci-config.dump" $o \
				> "$dir/lspci${o}.txt"
		done
	fi
}

capture_qemu() {
	local name=$1; shift
	local dir=$here/$name work
	work=$(mktemp -d)
	guest_script > "$work/guest.sh"
	mkdir -p "$dir"
	BULKHEAD_BUILD=$build "$src/packaging/qemu-run" -t 200 \
		-s "$work/guest.sh" -a bulkhead.driver=0 -a bulkhead.webd=0 \
		"$@" > "$work/out"
	mkdir -p "$work/raw"
	split_sections "$work/raw" < "$work/out"
	finish_qemu "$work/raw" "$dir"
	rm -rf "$work"
	echo "capture: $dir"
}

# Debian's amd64 kernel and busybox, extracted once into $build/x86-guest.
x86_guest() {
	local g=$build/x86-guest pkg
	[ -f "$g/vmlinuz" ] && [ -x "$g/root/bin/busybox" ] && return
	mkdir -p "$g/deb" "$g/root"
	pkg=$(apt-cache depends linux-image-amd64 |
		sed -n 's/.*Depends: \(linux-image-[0-9].*\)/\1/p' | head -1)
	(cd "$g/deb" && apt-get download "$pkg" busybox-static)
	for d in "$g"/deb/*.deb; do dpkg-deb -x "$d" "$g/root"; done
	cp "$g"/root/boot/vmlinuz-* "$g/vmlinuz"
}

capture_x86() {
	# NAME MACHINE CPUS MEMORY EXTRA-KERNEL-ARGS [QEMU-ARG...]
	local name=$1 machine=$2 cpus=$3 mem=$4 args=$5; shift 5
	local dir=$here/$name work
	x86_guest
	work=$(mktemp -d)
	mkdir -p "$work/initrd/bin" "$work/initrd/proc" "$work/initrd/sys" \
		"$work/raw"
	cp "$build/x86-guest/root/bin/busybox" "$work/initrd/bin/"
	{
		echo '#!/bin/busybox sh'
		echo '/bin/busybox --install -s /bin'
		echo 'mount -t proc proc /proc; mount -t sysfs sysfs /sys'
		guest_script | sed 1d | sed '/^sec fdt/d'
		echo 'poweroff -f'
	} > "$work/initrd/init"
	chmod 755 "$work/initrd/init"
	(cd "$work/initrd" && find . | cpio -o -H newc -R 0:0 --quiet) |
		gzip > "$work/initrd.gz"
	timeout 300 qemu-system-x86_64 -machine "$machine" -m "$mem" \
		-smp "$cpus" \
		-display none -no-reboot -serial "file:$work/serial" \
		-kernel "$build/x86-guest/vmlinuz" -initrd "$work/initrd.gz" \
		-append "console=ttyS0 quiet loglevel=0 rdinit=/init $args" \
		"$@" \
		</dev/null >/dev/null
	mkdir -p "$dir"
	tr -d '\r' < "$work/serial" | split_sections "$work/raw"
	touch "$work/raw/fdt.raw"
	finish_qemu "$work/raw" "$dir"
	rm -rf "$work"
	echo "capture: $dir"
}

capture_devhost() {
	local dir=$here/devhost o
	mkdir -p "$dir"
	cat /proc/iomem > "$dir/iomem"	# as root: real addresses
	cat /proc/cpuinfo > "$dir/cpuinfo"
	if command -v lspci >/dev/null; then
		for o in -nn -vvvnn -vmmnnk -xxx; do
			lspci $o > "$dir/lspci${o}.txt"
		done
	else
		echo "capture: no lspci (pciutils); no lspci captures" >&2
	fi
	echo "capture: $dir"
}

for m; do
	case $m in
	qemu-arm64-gicv3) capture_qemu "$m" ;;
	qemu-arm64-gicv2)
		capture_qemu "$m" -M virt,gic-version=2,virtualization=on \
			-c 2 -m 2G -a mem=1792M ;;
	qemu-arm64-pci)
		capture_qemu "$m" -c 3 -q -device -q e1000,romfile= \
			-q -device -q virtio-rng-pci ;;
	qemu-x86-q35)
		capture_x86 "$m" q35 2 2G mem=1536M -device e1000,romfile= ;;
	qemu-x86-pc) capture_x86 "$m" pc 4 1G "" ;;
	devhost) capture_devhost ;;
	*) echo "capture: unknown machine '$m'" >&2; exit 2 ;;
	esac
done
