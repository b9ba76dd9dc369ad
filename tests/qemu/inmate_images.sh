#!/usr/bin/env bash
# The image contract (docs/inmates.md) of every demo, without running it:
# header at offset 0 with magic, version, parameter word 0 and the link
# address; cell and bare images linked from the same objects (same size);
# the cell image entered at 0 and pointed at the comm region at 0x80000000.
set -euo pipefail
. ./lib.sh

dir=$BULKHEAD_BUILD/arm64/inmates/demos

# field FILE OFFSET SIZE: little-endian unsigned value, in hex
field() {
	od -An -tx"$3" -j "$2" -N "$3" "$1" | tr -d ' \n'
}

for name in uart-hello timer-jitter rogue; do
	cell=$dir/$name.bin bare=$dir/$name-bare.bin
	for img in "$cell" "$bare"; do
		[ "$(dd if="$img" bs=1 skip=8 count=8 status=none)" = BHINMATE ] ||
			fail "$img: no BHINMATE magic at 0x08"
		[ "$(field "$img" 16 4)" = 00000000 ] ||
			fail "$img: parameter word not 0 as built"
		[ "$(field "$img" 20 4)" = 00000001 ] ||
			fail "$img: header version not 1"
	done
	[ "$(field "$cell" 24 8)" = 0000000000000000 ] ||
		fail "$name.bin: link address not 0"
	[ "$(field "$bare" 24 8)" = 0000000040080000 ] ||
		fail "$name-bare.bin: link address not 0x40080000"
	[ "$(stat -c %s "$cell")" = "$(stat -c %s "$bare")" ] ||
		fail "$name: cell and bare images differ in size"
	readelf=aarch64-linux-gnu-readelf
	[ "$($readelf -h "$dir/$name.elf" | awk '/Entry point/ { print $4 }')" \
	  = 0x0 ] || fail "$name.elf: entry is not 0"
	aarch64-linux-gnu-nm "$dir/$name.elf" |
		grep -q '^0000000080000000 A __inmate_comm_region$' ||
		fail "$name.elf: comm region not at 0x80000000"
	ok "$name: header, both links, entry 0, comm region 0x80000000"
done
