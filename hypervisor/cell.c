// SPDX-License-Identifier: GPL-2.0
/*
 * The memory side of non-root cells: checking a cell config on its own,
 * building and tearing down a cell's stage 2, and moving the cell's
 * memory out of the root cell's stage 2 and back.
 *
 * A cell "owns" its regions except the comm region (a page the hypervisor
 * supplies) and regions flagged rootshared (they stay the root cell's
 * too, e.g. a shared UART). Owned memory leaves the root cell while the
 * cell exists. The root cell's stage 2 is live while this happens, so
 * every change goes through break-before-make (paging.c with a flush) and
 * root_cell.stage2_lock, which a root CPU faulting on an entry that is
 * being replaced takes before it looks again (guest_trap.c).
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/hv_map.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <hv/system_config.h>

struct cell cells[HV_MAX_CELLS];

static int reject(const char *why, unsigned int n)
{
	printk("Bulkhead: cell config rejected: %s (%u)\n", why, n);
	return -BULKHEAD_EINVAL;
}

unsigned long cell_region_flags(u64 flags)
{
	unsigned long f = 0;

	if (flags & BULKHEAD_MEM_READ)
		f |= PAGING_READ;
	if (flags & BULKHEAD_MEM_WRITE)
		f |= PAGING_WRITE;
	if (flags & BULKHEAD_MEM_EXECUTE)
		f |= PAGING_EXEC;
	if (flags & BULKHEAD_MEM_IO)
		f |= PAGING_DEVICE;
	return f;
}

static bool owned(const struct bulkhead_memory *mem)
{
	return !(mem->flags &
		 (BULKHEAD_MEM_COMM_REGION | BULKHEAD_MEM_ROOTSHARED));
}

static bool region_ok(const struct bulkhead_memory *mem)
{
	u64 ipa_limit = paging_input_size(&arch_cell_paging_format);

	return mem->size && !(mem->size % PAGE_SIZE) &&
	       !(mem->phys_start % PAGE_SIZE) &&
	       !(mem->virt_start % PAGE_SIZE) &&
	       mem->phys_start + mem->size > mem->phys_start &&
	       mem->virt_start < ipa_limit &&
	       mem->size <= ipa_limit - mem->virt_start &&
	       !(mem->flags & ~BULKHEAD_MEM_VALID_FLAGS);
}

static int check_regions(const struct bulkhead_cell_desc *desc)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory_regions(desc);
	bool entry_ok = false;
	unsigned int n, comm = 0;

	for (n = 0; n < desc->num_memory_regions; n++, mem++) {
		if (!region_ok(mem))
			return reject("memory region empty, unaligned, "
				      "wrapping or beyond the IPA space", n);
		if (mem->flags & BULKHEAD_MEM_COMM_REGION) {
			if (mem->size != BULKHEAD_COMM_REGION_SIZE || comm++)
				return reject("comm region not one page, or "
					      "twice", n);
			continue;
		}
		if (desc->cpu_reset_address >= mem->virt_start &&
		    desc->cpu_reset_address - mem->virt_start < mem->size &&
		    mem->flags & BULKHEAD_MEM_EXECUTE)
			entry_ok = true;
	}
	if (!entry_ok)
		return reject("cpu_reset_address in no executable region", 0);
	return 0;
}

int cell_check_config(const struct bulkhead_cell_desc *desc, u64 size)
{
	if (size < sizeof(*desc) || bulkhead_cell_config_size(desc) != size)
		return reject("size does not match the contents", (u32)size);
	if (memcmp(desc->signature, BULKHEAD_CELL_SIGNATURE,
		   BULKHEAD_SIGNATURE_SIZE) ||
	    desc->revision != BULKHEAD_CONFIG_REVISION ||
	    desc->arch != BULKHEAD_ARCH_ARM64)
		return reject("signature, revision or architecture",
			      desc->revision);
	if (desc->name[0] == '\0' ||
	    desc->name[BULKHEAD_CELL_NAME_SIZE - 1] != '\0')
		return reject("name empty or not terminated", 0);
	if (desc->flags & ~BULKHEAD_CELL_VALID_FLAGS)
		return reject("unknown flags", desc->flags);
	return check_regions(desc);
}

/* The comm page is the pool's; everything else maps as configured. */
int cell_map(struct cell *cell)
{
	const struct bulkhead_memory *mem =
		bulkhead_cell_memory_regions(cell->config);
	unsigned int n;
	u64 phys;
	int err;

	err = paging_init(&cell->stage2, &arch_cell_paging_format, &mem_pool);
	if (err)
		return err;
	cell->stage2.vmid = cell->vmid;
	for (n = 0; n < cell->config->num_memory_regions && !err; n++, mem++) {
		phys = mem->phys_start;
		if (mem->flags & BULKHEAD_MEM_COMM_REGION) {
			if (!cell->comm)
				continue;
			phys = cell->comm_phys;
		}
		err = paging_map(&cell->stage2, mem->virt_start, phys,
				 mem->size, cell_region_flags(mem->flags));
	}
	cell->stage2.flush = arch_stage2_flush;
	if (err)
		cell_unmap(cell);
	return err;
}

/*
 * Every root entry broken and flushed before its tables are freed: CPUs
 * still running the cell fault at their next access that misses the TLB.
 */
void cell_unmap(struct cell *cell)
{
	struct paging *pg = &cell->stage2;

	if (!pg->root)
		return;
	paging_unmap(pg, 0, paging_input_size(pg->fmt));
	arch_stage2_flush(pg);
	paging_destroy(pg);
	pg->root = NULL;
}

/* Calls fn for each part of [phys, phys+size) some root region covers. */
static int for_root_parts(u64 phys, u64 size, bool map)
{
	const struct bulkhead_cell_desc *root = root_cell.config;
	const struct bulkhead_memory *r = bulkhead_cell_memory_regions(root);
	u64 lo, hi;
	unsigned int n;
	int err = 0;

	for (n = 0; n < root->num_memory_regions && !err; n++, r++) {
		lo = phys > r->phys_start ? phys : r->phys_start;
		hi = phys + size < r->phys_start + r->size ?
		     phys + size : r->phys_start + r->size;
		if (lo >= hi)
			continue;
		lo = r->virt_start + (lo - r->phys_start);
		hi = r->virt_start + (hi - r->phys_start);
		if (map)
			err = paging_map(&root_cell.stage2, lo,
					 r->phys_start + (lo - r->virt_start),
					 hi - lo, cell_region_flags(r->flags));
		else
			err = paging_unmap(&root_cell.stage2, lo, hi - lo);
	}
	return err;
}

static bool region_chosen(const struct bulkhead_memory *mem,
			  bool loadable_only)
{
	return owned(mem) &&
	       (!loadable_only || mem->flags & BULKHEAD_MEM_LOADABLE);
}

/*
 * RAM changing hands goes to memory first, through a passing map of the
 * hypervisor's own: a dirty line the root cell left would otherwise be
 * written back over the cell's data whenever its cache evicts it, and
 * the cell's first instructions run with its caches off. Device regions
 * are not touched (no cacheable alias of a device, ever).
 */
static int flush_region(const struct bulkhead_memory *mem)
{
	u64 alias = HV_ALIAS + mem->phys_start;
	int err;

	if (mem->flags & BULKHEAD_MEM_IO)
		return 0;
	if (mem->phys_start + mem->size > HV_ALIAS) {
		printk("Bulkhead: 0x%lx+0x%lx is beyond the alias window: "
		       "caches not flushed\n", (unsigned long)mem->phys_start,
		       (unsigned long)mem->size);
		return 0;
	}
	hv_paging.flush = arch_hv_map_flush;
	err = paging_map(&hv_paging, alias, mem->phys_start, mem->size,
			 PAGING_READ | PAGING_WRITE);
	if (!err)
		arch_dcache_clean_inval(alias, mem->size);
	paging_unmap(&hv_paging, alias, mem->size);
	arch_hv_map_flush(&hv_paging);
	return err;
}

/* Unmap the cell's owned (or only its loadable) memory from the root. */
int root_take(struct cell *cell, bool loadable_only)
{
	const struct bulkhead_memory *first =
		bulkhead_cell_memory_regions(cell->config), *mem = first;
	unsigned int n;
	int err = 0;

	spin_lock(&root_cell.stage2_lock);
	for (n = 0; n < cell->config->num_memory_regions && !err; n++, mem++)
		if (region_chosen(mem, loadable_only))
			err = for_root_parts(mem->phys_start, mem->size, false);
	arch_stage2_flush(&root_cell.stage2);
	spin_unlock(&root_cell.stage2_lock);
	for (n = 0, mem = first; n < cell->config->num_memory_regions && !err;
	     n++, mem++)
		if (region_chosen(mem, loadable_only))
			err = flush_region(mem);
	return err;
}

/* Does a live cell other than skip own memory in [phys, phys+size)? */
static const struct bulkhead_memory *
other_cell_memory(const struct cell *skip, u64 phys, u64 size)
{
	const struct bulkhead_memory *mem;
	unsigned int c, n;

	for (c = 0; c < HV_MAX_CELLS; c++) {
		if (!cells[c].id || &cells[c] == skip)
			continue;
		mem = bulkhead_cell_memory_regions(cells[c].config);
		for (n = 0; n < cells[c].config->num_memory_regions;
		     n++, mem++)
			if (owned(mem) && mem->phys_start < phys + size &&
			    phys < mem->phys_start + mem->size)
				return mem;
	}
	return NULL;
}

/*
 * Map [phys, phys+size) back into the root, minus what other cells own.
 * Mapping whole root regions again (not just the cell's part) lets the
 * builder merge split blocks back, so the pool ends where it began.
 */
static int give_piece(const struct cell *skip, u64 phys, u64 size)
{
	const struct bulkhead_memory *m = other_cell_memory(skip, phys, size);
	u64 end = phys + size;
	int err = 0;

	if (!m)
		return for_root_parts(phys, size, true);
	if (m->phys_start > phys)
		err = give_piece(skip, phys, m->phys_start - phys);
	if (!err && m->phys_start + m->size < end)
		err = give_piece(skip, m->phys_start + m->size,
				 end - (m->phys_start + m->size));
	return err;
}

static int give_back(struct cell *cell, const struct bulkhead_memory *mem)
{
	const struct bulkhead_cell_desc *root = root_cell.config;
	const struct bulkhead_memory *r = bulkhead_cell_memory_regions(root);
	unsigned int n;
	int err = 0;

	for (n = 0; n < root->num_memory_regions && !err; n++, r++)
		if (r->phys_start < mem->phys_start + mem->size &&
		    mem->phys_start < r->phys_start + r->size)
			err = give_piece(cell, r->phys_start, r->size);
	return err;
}

/*
 * Map the cell's loadable memory back into the root (to write images),
 * or all its owned memory (the cell goes away).
 */
int root_give(struct cell *cell, bool loadable_only)
{
	const struct bulkhead_memory *mem =
		bulkhead_cell_memory_regions(cell->config);
	unsigned int n;
	int err = 0;

	spin_lock(&root_cell.stage2_lock);
	for (n = 0; n < cell->config->num_memory_regions && !err; n++, mem++) {
		if (!region_chosen(mem, loadable_only))
			continue;
		if (loadable_only)
			err = for_root_parts(mem->phys_start, mem->size, true);
		else
			err = give_back(cell, mem);
	}
	arch_stage2_flush(&root_cell.stage2);
	spin_unlock(&root_cell.stage2_lock);
	return err;
}
