// SPDX-License-Identifier: GPL-2.0
/*
 * The MMIO dispatch table. Entries are written while the cell is set up
 * (before its CPUs run it) and read on every trapped access; handlers are
 * stored at run time, never in initialised data (the image is not
 * relocated, see docs/hypervisor-arm64.md).
 */
#include <bulkhead/hypercall.h>
#include <hv/cell.h>
#include <hv/mmio.h>
#include <hv/percpu.h>

/* Room for the GIC of the root and every cell, and their PCI devices. */
#define MMIO_MAX_RANGES	32

static struct mmio_range {
	struct cell *cell;
	u64 start, size;
	mmio_handler_t handler;
} ranges[MMIO_MAX_RANGES];

int mmio_register(struct cell *cell, u64 start, u64 size,
		  mmio_handler_t handler)
{
	unsigned int n;

	for (n = 0; n < MMIO_MAX_RANGES; n++) {
		if (ranges[n].cell)
			continue;
		ranges[n].start = start;
		ranges[n].size = size;
		ranges[n].handler = handler;
		ranges[n].cell = cell;
		return 0;
	}
	return -BULKHEAD_ENOMEM;
}

void mmio_unregister_cell(struct cell *cell)
{
	unsigned int n;

	for (n = 0; n < MMIO_MAX_RANGES; n++)
		if (ranges[n].cell == cell)
			ranges[n].cell = NULL;
}

void mmio_unregister_range(struct cell *cell, u64 start)
{
	unsigned int n;

	for (n = 0; n < MMIO_MAX_RANGES; n++)
		if (ranges[n].cell == cell && ranges[n].start == start)
			ranges[n].cell = NULL;
}

bool mmio_dispatch(struct per_cpu *cpu, struct mmio_access *a)
{
	const struct mmio_range *r;
	unsigned int n;

	for (n = 0; n < MMIO_MAX_RANGES; n++) {
		r = &ranges[n];
		if (r->cell != cpu->cell || a->address < r->start ||
		    a->address - r->start >= r->size)
			continue;
		cpu->exits[BULKHEAD_EXIT_MMIO]++;
		r->handler(cpu, a, a->address - r->start);
		return !a->denied || cpu->cell == &root_cell;
	}
	return false;
}
