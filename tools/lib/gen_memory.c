// SPDX-License-Identifier: GPL-2.0
/*
 * The memory plan of a generated root cell:
 * - RAM is what Linux runs on ("System RAM" and firmware "reserved" ranges
 *   at the top level of /proc/iomem) plus the RAM the DT memory nodes
 *   declare but Linux does not use (hidden with mem= or reserved-memory);
 *   the top BH_GEN_HV_SIZE of that hidden RAM is proposed as hypervisor
 *   memory, the rest stays with the root cell to be given to cells later;
 * - MMIO is every device region of the DT plus every other top-level
 *   /proc/iomem range, except what the hypervisor emulates or traps (GIC
 *   distributor and redistributors, the PCI ECAM window);
 * - a 64-bit PCI window above 4 GiB is left out while nothing uses it (no
 *   BAR in it in /proc/iomem or lspci): such windows are huge (512 GiB on
 *   QEMU virt) and would cost the hypervisor page tables for nothing;
 * - everything is rounded out to pages, sorted and coalesced.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_internal.h"

#define PAGE		BULKHEAD_CONFIG_PAGE_SIZE
#define RAM_FLAGS	(BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | \
			 BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_DMA)
#define IO_FLAGS	(BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | \
			 BULKHEAD_MEM_IO)

static int add_region(struct bh_gen_ctx *c, __u64 start, __u64 end_excl,
		      __u64 flags)
{
	struct bulkhead_memory *grown;

	if (end_excl <= start)
		return 0;
	if (c->num_regions == c->cap_regions) {
		size_t cap = c->cap_regions ? c->cap_regions * 2 : 32;

		grown = realloc(c->regions, cap * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		c->regions = grown;
		c->cap_regions = cap;
	}
	c->regions[c->num_regions++] = (struct bulkhead_memory){
		.phys_start = start, .virt_start = start,
		.size = end_excl - start, .flags = flags };
	return 0;
}

static bool overlaps(__u64 a, __u64 asize, __u64 b, __u64 bsize)
{
	return a < b + bsize && b < a + asize;
}

static bool in_dt_memory(const struct bh_gen_ctx *c, __u64 start, __u64 end)
{
	size_t i;

	for (i = 0; c->fdt && i < c->fdt->num_memory; i++)
		if (start >= c->fdt->memory[i].start && end <=
		    c->fdt->memory[i].start + c->fdt->memory[i].size)
			return true;
	return false;
}

static bool is_ram(const struct bh_gen_ctx *c, const struct bh_iomem_entry *e)
{
	return !strcmp(e->name, "System RAM") ||
	       (!strcmp(e->name, "reserved") &&
		in_dt_memory(c, e->start, e->end + 1));
}

/* Whether [start, start+size) is something the hypervisor keeps. */
static const char *hypervisor_owned(const struct bh_gen_ctx *c, __u64 start,
				    __u64 size)
{
	const struct bulkhead_system *s = &c->res->cfg.sys;
	const struct bulkhead_arm64_platform *g = &s->platform.arch.arm64;
	const __u64 bases[] = { g->gicd_base, g->gicr_base, g->gicc_base,
				g->gich_base, g->gicv_base };
	size_t i;

	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++)
		if (bases[i] && bases[i] >= start && bases[i] < start + size)
			return "GIC";
	if (s->platform.pci_ecam_size &&
	    overlaps(start, size, s->platform.pci_ecam_base,
		     s->platform.pci_ecam_size))
		return "PCI ECAM";
	if (s->hypervisor_memory.size &&
	    overlaps(start, size, s->hypervisor_memory.phys_start,
		     s->hypervisor_memory.size))
		return "hypervisor memory";
	return NULL;
}

/* The highest DT RAM range no top-level iomem entry covers. */
static bool find_hidden(const struct bh_gen_ctx *c, __u64 *start, __u64 *end)
{
	size_t m, i;
	bool found = false;

	for (m = 0; c->fdt && m < c->fdt->num_memory; m++) {
		__u64 lo = c->fdt->memory[m].start;
		__u64 hi = lo + c->fdt->memory[m].size;

		/* iomem is sorted: walk the gaps between covered ranges */
		for (i = 0; i <= c->iomem.count; i++) {
			const struct bh_iomem_entry *e = i < c->iomem.count ?
				&c->iomem.list[i] : NULL;
			__u64 gap_end = e ? e->start : hi;

			if (e && (e->depth || e->end < lo || e->start >= hi))
				continue;
			if (gap_end > hi)
				gap_end = hi;
			if ((gap_end & ~(PAGE - 1)) >
			    ((lo + PAGE - 1) & ~(PAGE - 1))) {
				*start = (lo + PAGE - 1) & ~(PAGE - 1);
				*end = gap_end & ~(PAGE - 1);
				found = true;
			}
			if (e && e->end + 1 > lo)
				lo = e->end + 1;
		}
	}
	return found;
}

static void suggest_mem(struct bh_gen_ctx *c)
{
	__u64 ram = 0, keep;
	size_t i;
	char fix[320];

	for (i = 0; i < c->iomem.count; i++)
		if (!c->iomem.list[i].depth &&
		    !strcmp(c->iomem.list[i].name, "System RAM"))
			ram += c->iomem.list[i].end - c->iomem.list[i].start + 1;
	keep = (ram - ram / 4) >> 20;
	snprintf(fix, sizeof(fix), "hide RAM from Linux: add mem=%lluM to "
		 "the kernel command line (keeps %llu of %llu MiB for Linux; "
		 "%llu MiB become hypervisor and cell memory), or %s, and "
		 "pass --hypervisor ADDR+SIZE if it is not the top of RAM",
		 (unsigned long long)keep,
		 (unsigned long long)keep, (unsigned long long)(ram >> 20),
		 (unsigned long long)((ram >> 20) - keep),
		 c->fdt ? "reserve a no-map region in the DT's "
		 "/reserved-memory" : "reserve a range with memmap=SIZE$ADDR");
	bh_gen_note_add(&c->res->notes, "hypervisor_memory", fix, "%s",
			c->fdt ? "all RAM of the DT memory nodes is used by "
			"Linux (System RAM in /proc/iomem): there is no "
			"hidden RAM for the hypervisor" : "without a device "
			"tree the RAM Linux does not use cannot be found");
	c->failed = true;
}

static int plan_hypervisor(struct bh_gen_ctx *c)
{
	struct bulkhead_memory *hv = &c->res->cfg.sys.hypervisor_memory;
	__u64 start, end;
	int ret;

	if (c->in->have_hypervisor) {
		hv->phys_start = c->in->hv_start;
		hv->size = c->in->hv_size;
		if (!find_hidden(c, &start, &end))
			return 0;
		/* Hidden RAM around the given hypervisor memory: root's. */
		if (!overlaps(start, end - start, hv->phys_start, hv->size))
			return add_region(c, start, end, RAM_FLAGS);
		ret = add_region(c, start, hv->phys_start, RAM_FLAGS);
		return ret ? ret : add_region(c, hv->phys_start + hv->size,
					      end, RAM_FLAGS);
	}
	if (!find_hidden(c, &start, &end)) {
		suggest_mem(c);
		return 0;
	}
	if (end - start < BH_GEN_HV_SIZE) {
		bh_gen_note_add(&c->res->notes, "hypervisor_memory", "hide "
			"more RAM (mem=) or pass --hypervisor ADDR+SIZE",
			"the RAM hidden from Linux (0x%llx-0x%llx) is smaller "
			"than the %llu MiB the hypervisor needs",
			(unsigned long long)start, (unsigned long long)end - 1,
			BH_GEN_HV_SIZE >> 20);
		c->failed = true;
		return 0;
	}
	hv->phys_start = end - BH_GEN_HV_SIZE;
	hv->size = BH_GEN_HV_SIZE;
	/* The rest of the hidden RAM is the root's, for cells later. */
	return add_region(c, start, hv->phys_start, RAM_FLAGS);
}

static bool in_unused_window(const struct bh_gen_ctx *c, __u64 start,
			     __u64 size);

static int add_iomem(struct bh_gen_ctx *c)
{
	const struct bh_iomem_entry *e;
	size_t i;
	int ret = 0;

	for (i = 0; !ret && i < c->iomem.count; i++) {
		e = &c->iomem.list[i];
		if (e->depth)
			continue;
		if (is_ram(c, e))
			ret = add_region(c, (e->start + PAGE - 1) & ~(PAGE - 1),
					 (e->end + 1) & ~(PAGE - 1), RAM_FLAGS);
		else if (!hypervisor_owned(c, e->start, e->end - e->start + 1) &&
			 !in_unused_window(c, e->start, e->end - e->start + 1))
			ret = add_region(c, e->start & ~(PAGE - 1),
					 (e->end + PAGE) & ~(PAGE - 1),
					 IO_FLAGS);
	}
	return ret;
}

/* Whether Linux placed anything (an iomem child, a BAR) in a window. */
static bool window_used(const struct bh_gen_ctx *c, const struct bh_range *w)
{
	size_t i;
	int b;

	for (i = 0; i < c->iomem.count; i++)
		if (c->iomem.list[i].depth &&
		    overlaps(c->iomem.list[i].start, c->iomem.list[i].end -
			     c->iomem.list[i].start + 1, w->start, w->size))
			return true;
	for (i = 0; i < c->pci.count; i++)
		for (b = 0; b < BULKHEAD_PCI_NUM_BARS; b++)
			if (c->pci.list[i].bars[b].present &&
			    !c->pci.list[i].bars[b].io &&
			    overlaps(c->pci.list[i].bars[b].address, 1,
				     w->start, w->size))
				return true;
	return false;
}

static bool unused_window(const struct bh_gen_ctx *c,
			  const struct bh_range *d)
{
	return !strcmp(d->what, "pci-mem64") && d->start >= (1ULL << 32) &&
	       !window_used(c, d);
}

/* Whether an iomem range lies in such an unused window. */
static bool in_unused_window(const struct bh_gen_ctx *c, __u64 start,
			     __u64 size)
{
	size_t i;

	for (i = 0; c->fdt && i < c->fdt->num_devices; i++)
		if (start >= c->fdt->devices[i].start &&
		    start + size <= c->fdt->devices[i].start +
		    c->fdt->devices[i].size &&
		    unused_window(c, &c->fdt->devices[i]))
			return true;
	return false;
}

static bool skip_window(struct bh_gen_ctx *c, const struct bh_range *d)
{
	if (!unused_window(c, d))
		return false;
	bh_gen_note_add(&c->res->notes, "root_cell.memory_regions",
		"if devices get 64-bit BARs there later, add the window as "
		"an io region",
		"the 64-bit PCI window 0x%llx+0x%llx is left out: no BAR "
		"lies in it", (unsigned long long)d->start,
		(unsigned long long)d->size);
	return true;
}

static int add_fdt_devices(struct bh_gen_ctx *c)
{
	const struct bh_range *d;
	size_t i;
	int ret = 0;

	for (i = 0; !ret && c->fdt && i < c->fdt->num_devices; i++) {
		d = &c->fdt->devices[i];
		if (!hypervisor_owned(c, d->start, d->size) &&
		    !skip_window(c, d))
			ret = add_region(c, d->start & ~(PAGE - 1),
					 (d->start + d->size + PAGE - 1) &
					 ~(PAGE - 1), IO_FLAGS);
	}
	return ret;
}

static int by_start(const void *a, const void *b)
{
	const struct bulkhead_memory *x = a, *y = b;

	return x->phys_start < y->phys_start ? -1 :
	       x->phys_start > y->phys_start;
}

/* Sorted, and overlapping or touching regions of equal flags merged. */
static void coalesce(struct bh_gen_ctx *c)
{
	struct bulkhead_memory *r = c->regions, *last;
	size_t i, n = 0;

	if (!c->num_regions)
		return;		/* qsort's base may not be NULL */
	qsort(r, c->num_regions, sizeof(*r), by_start);
	for (i = 0; i < c->num_regions; i++) {
		last = n ? &r[n - 1] : NULL;
		if (last && last->flags == r[i].flags &&
		    r[i].phys_start <= last->phys_start + last->size) {
			__u64 end = r[i].phys_start + r[i].size;

			if (end > last->phys_start + last->size)
				last->size = end - last->phys_start;
			continue;
		}
		r[n++] = r[i];
	}
	c->num_regions = n;
}

/* An MMIO region cut short where it reaches into RAM would hide a bug:
 * report, keep both (the validator then names the overlap). */
int bh_gen_memory(struct bh_gen_ctx *c)
{
	struct bh_cell_config *cell = &c->res->cfg.cell;
	int ret;

	ret = plan_hypervisor(c);
	if (!ret)
		ret = add_iomem(c);
	if (!ret)
		ret = add_fdt_devices(c);
	if (ret)
		return ret;
	coalesce(c);
	cell->memory_regions = c->regions;
	cell->desc.num_memory_regions = c->num_regions;
	c->regions = NULL;
	c->num_regions = c->cap_regions = 0;
	return 0;
}
