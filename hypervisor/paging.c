// SPDX-License-Identifier: GPL-2.0
/*
 * The generic page-table walk: map, unmap, lookup and teardown over any
 * struct paging_format. Level 0 is the root; each level below resolves
 * 9 more bits down to 4 KiB pages. Recursion depth is the number of
 * levels (at most 4), so the hypervisor's small stacks are enough.
 */
#include <bulkhead/hypercall.h>
#include <hv/paging.h>

#define INDEX_BITS	9

static unsigned int level_shift(const struct paging_format *fmt,
				unsigned int level)
{
	return PAGE_SHIFT + INDEX_BITS * (fmt->levels - 1 - level);
}

static u64 level_size(const struct paging_format *fmt, unsigned int level)
{
	return 1ULL << level_shift(fmt, level);
}

static unsigned int entries_at(const struct paging_format *fmt,
			       unsigned int level)
{
	return level ? PAGING_ENTRIES : PAGING_ENTRIES * fmt->root_pages;
}

u64 paging_input_size(const struct paging_format *fmt)
{
	return level_size(fmt, 0) * entries_at(fmt, 0);
}

static unsigned int index_of(const struct paging_format *fmt,
			     unsigned int level, u64 virt)
{
	return (virt >> level_shift(fmt, level)) & (entries_at(fmt, level) - 1);
}

static u64 *table_at(const struct paging_format *fmt, u64 pte)
{
	return (u64 *)(uintptr_t)arch_paging_address(pte);
}

static bool is_last(const struct paging_format *fmt, unsigned int level)
{
	return level == fmt->levels - 1;
}

static bool block_ok(const struct paging_format *fmt, unsigned int level)
{
	return is_last(fmt, level) || (fmt->block_levels & (1U << level));
}

static void free_table(struct paging *pg, u64 *table, unsigned int level)
{
	const struct paging_format *fmt = pg->fmt;
	unsigned int n;

	if (!is_last(fmt, level))
		for (n = 0; n < PAGING_ENTRIES; n++)
			if (arch_paging_valid(table[n]) && arch_paging_is_table(table[n]))
				free_table(pg, table_at(fmt, table[n]),
					   level + 1);
	page_free(pg->pool, table, 1);
}

/*
 * Replace *pte (at level) by new, freeing a subtree the old entry pointed
 * to. In live tables a valid entry is broken first: cleared and flushed
 * before anything else is written there or the subtree is reused.
 */
static void set_entry(struct paging *pg, u64 *pte, unsigned int level,
		      u64 new)
{
	u64 old = *pte;

	if (old == new)
		return;
	if (arch_paging_valid(old)) {
		*pte = 0;
		if (pg->flush)
			pg->flush(pg);
		if (!is_last(pg->fmt, level) && arch_paging_is_table(old))
			free_table(pg, table_at(pg->fmt, old), level + 1);
	}
	*pte = new;
}

/* Drop whatever *pte holds, freeing a subtree it points to. */
static void clear_entry(struct paging *pg, u64 *pte, unsigned int level)
{
	set_entry(pg, pte, level, 0);
}

/*
 * Make *pte (at level) a table: allocate one for an empty entry, or split
 * a block into the same mapping one level down.
 */
static u64 *table_for(struct paging *pg, u64 *pte, unsigned int level)
{
	const struct paging_format *fmt = pg->fmt;
	u64 *table, phys, step = level_size(fmt, level + 1);
	unsigned long flags;
	unsigned int n;

	if (arch_paging_valid(*pte) && arch_paging_is_table(*pte))
		return table_at(fmt, *pte);
	table = page_alloc(pg->pool, 1);
	if (!table)
		return NULL;
	if (arch_paging_valid(*pte)) {
		phys = arch_paging_address(*pte);
		flags = arch_paging_flags(fmt, *pte);
		for (n = 0; n < PAGING_ENTRIES; n++)
			table[n] = arch_paging_leaf(fmt, phys + n * step, flags,
					     is_last(fmt, level + 1));
	}
	set_entry(pg, pte, level, arch_paging_table((uintptr_t)table));
	return table;
}

static int map_level(struct paging *pg, u64 *table, unsigned int level,
		     u64 virt, u64 phys, u64 size, unsigned long flags)
{
	const struct paging_format *fmt = pg->fmt;
	u64 span = level_size(fmt, level), chunk, *pte, *next;
	int err;

	while (size) {
		chunk = span - (virt & (span - 1));
		if (chunk > size)
			chunk = size;
		pte = &table[index_of(fmt, level, virt)];
		if (chunk == span && !(phys & (span - 1)) &&
		    block_ok(fmt, level)) {
			set_entry(pg, pte, level,
				  arch_paging_leaf(fmt, phys, flags,
						   is_last(fmt, level)));
		} else {
			next = table_for(pg, pte, level);
			if (!next)
				return -BULKHEAD_ENOMEM;
			err = map_level(pg, next, level + 1, virt, phys, chunk,
					flags);
			if (err)
				return err;
		}
		virt += chunk;
		phys += chunk;
		size -= chunk;
	}
	return 0;
}

static bool table_empty(const struct paging_format *fmt, const u64 *table)
{
	unsigned int n;

	for (n = 0; n < PAGING_ENTRIES; n++)
		if (arch_paging_valid(table[n]))
			return false;
	return true;
}

static int unmap_level(struct paging *pg, u64 *table, unsigned int level,
		       u64 virt, u64 size)
{
	const struct paging_format *fmt = pg->fmt;
	u64 span = level_size(fmt, level), chunk, *pte, *next;
	int err;

	while (size) {
		chunk = span - (virt & (span - 1));
		if (chunk > size)
			chunk = size;
		pte = &table[index_of(fmt, level, virt)];
		if (!arch_paging_valid(*pte)) {
			/* nothing mapped here */
		} else if (chunk == span) {
			clear_entry(pg, pte, level);
		} else {
			next = table_for(pg, pte, level);
			if (!next)
				return -BULKHEAD_ENOMEM;
			err = unmap_level(pg, next, level + 1, virt, chunk);
			if (err)
				return err;
			if (table_empty(fmt, next))
				clear_entry(pg, pte, level);
		}
		virt += chunk;
		size -= chunk;
	}
	return 0;
}

static bool range_ok(const struct paging *pg, u64 virt, u64 size)
{
	u64 limit = paging_input_size(pg->fmt);

	return !(virt % PAGE_SIZE) && !(size % PAGE_SIZE) && size &&
	       virt < limit && size <= limit - virt;
}

int paging_init(struct paging *pg, const struct paging_format *fmt,
		struct page_pool *pool)
{
	pg->fmt = fmt;
	pg->pool = pool;
	pg->flush = NULL;
	pg->vmid = 0;
	/* Concatenated roots must be aligned to their total size. */
	pg->root = page_alloc_aligned(pool, fmt->root_pages, fmt->root_pages);
	return pg->root ? 0 : -BULKHEAD_ENOMEM;
}

int paging_map(struct paging *pg, u64 virt, u64 phys, u64 size,
	       unsigned long flags)
{
	if (!range_ok(pg, virt, size) || phys % PAGE_SIZE)
		return -BULKHEAD_EINVAL;
	return map_level(pg, pg->root, 0, virt, phys, size, flags);
}

int paging_unmap(struct paging *pg, u64 virt, u64 size)
{
	if (!range_ok(pg, virt, size))
		return -BULKHEAD_EINVAL;
	return unmap_level(pg, pg->root, 0, virt, size);
}

bool paging_lookup(const struct paging *pg, u64 virt, u64 *phys,
		   unsigned long *flags, u64 *map_size)
{
	const struct paging_format *fmt = pg->fmt;
	const u64 *table = pg->root;
	unsigned int level;
	u64 pte = 0, span;

	if (virt >= paging_input_size(fmt))
		return false;
	for (level = 0; level < fmt->levels; level++) {
		pte = table[index_of(fmt, level, virt)];
		if (!arch_paging_valid(pte))
			return false;
		if (is_last(fmt, level) || !arch_paging_is_table(pte))
			break;
		table = table_at(fmt, pte);
	}
	span = level_size(fmt, level);
	if (phys)
		*phys = arch_paging_address(pte) + (virt & (span - 1));
	if (flags)
		*flags = arch_paging_flags(fmt, pte);
	if (map_size)
		*map_size = span;
	return true;
}

void paging_destroy(struct paging *pg)
{
	const struct paging_format *fmt = pg->fmt;
	unsigned int n;

	if (!pg->root)
		return;
	for (n = 0; n < entries_at(fmt, 0); n++)
		if (arch_paging_valid(pg->root[n]) && arch_paging_is_table(pg->root[n]))
			free_table(pg, table_at(fmt, pg->root[n]), 1);
	page_free(pg->pool, pg->root, fmt->root_pages);
	pg->root = NULL;
}
