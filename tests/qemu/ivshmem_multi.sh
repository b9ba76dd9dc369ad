#!/usr/bin/env bash
# ivshmem links of more than two peers (issue 9): the reference configs
# plus a third link, 00:02.0, between the root cell (peer 0), demo
# (peer 1) and demo2 (peer 2) in 1 MiB at 0x7ED00000 (state table, r/w
# section, three 256 KiB output sections; the root's RAM ends below it).
# The guest script (ivshmem_multi.guest.sh) runs the ivshmem demo in
# both cells on that link and pings each peer on its own; here the
# configs are made and checked, and the serial log must show demo's own
# line and the hypervisor's reports of the refused writes.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

use_scratch
python3 - ../../configs "$scratch" <<'PY'
import json, sys

src, out = sys.argv[1], sys.argv[2]
BASE = 0x7ED00000
SECTIONS = [(BASE, "4K"), (BASE + 0x1000, "0x3f000"), (BASE + 0x40000, "256K"),
            (BASE + 0x80000, "256K"), (BASE + 0xC0000, "256K")]


def load(name):
    with open("%s/%s.json" % (src, name)) as f:
        return json.load(f)


def link(cell, peer, shared):
    regions = cell["memory_regions"]
    start = len(regions)
    for k, (phys, size) in enumerate(SECTIONS):
        # state table read-only; r/w section; only the own output writable
        flags = ["read"] + (["write"] if k == 1 or k == 2 + peer else [])
        region = {"phys_start": hex(phys), "size": size, "flags": flags}
        if shared:
            region["virt_start"] = hex(phys)
            flags.append("rootshared")
        regions.append(region)
    cell["pci_devices"].append({
        "type": "ivshmem", "bdf": "00:02.0",
        "bar_mask": ["0xfffff000", 0, 0, 0, 0, 0],
        "shmem_regions_start": start, "shmem_dev_id": peer,
        "shmem_peers": 3, "shmem_protocol": "undefined"})


system = load("qemu-arm64")
root = system["root_cell"]
ram = [r for r in root["memory_regions"] if r["phys_start"] == "0x40000000"]
ram[0]["size"] = hex(BASE - 0x40000000)
link(root, 0, False)
cells = {"system": system}
for peer, name in ((1, "qemu-arm64-demo"), (2, "qemu-arm64-demo2")):
    cells[name] = load(name)
    link(cells[name], peer, True)
for name, cfg in cells.items():
    with open("%s/%s.json" % (out, name), "w") as f:
        json.dump(cfg, f, indent=1)
PY
cli=$BULKHEAD_BUILD/tools/bulkhead
for c in system qemu-arm64-demo qemu-arm64-demo2; do
	"$cli" config compile "$scratch/$c.json" -o "$scratch/$c.cell"
done
"$cli" config check "$scratch/system.cell" "$scratch/qemu-arm64-demo.cell" \
	"$scratch/qemu-arm64-demo2.cell" || fail "the three-peer configs"
ok "configs with a three-peer link compiled and checked together"

run_guest -t 300 -s ivshmem_multi.guest.sh -f "$scratch/system.cell" \
	-f "$scratch/qemu-arm64-demo.cell" -f "$scratch/qemu-arm64-demo2.cell"
! grep -E "Oops|WARNING:|BUG:|Internal error" "$scratch/serial" ||
	fail "the kernel complained"
grep -q "IVSHMEM-DEMO device 00:02.0 peer 1 of 3, shared memory 0x7ed00000, irq 146$" \
	"$scratch/serial" || fail "demo did not find its place on the link"
ok "demo: peer 1 of 3 on 00:02.0 (its own UART)"
root='^Bulkhead: cell "qemu-arm64" CPU [0-9]: stage-2 data abort at IPA'
for a in 0x7ed00000 0x7ed80000 0x7edc0000; do
	grep -q "$root $a (write), .*; abort injected$" "$scratch/serial" ||
		fail "no report of the root cell's write to $a"
done
ok "root cell writes to the state table and both peers' outputs: reported"
