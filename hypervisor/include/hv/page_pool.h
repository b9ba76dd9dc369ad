/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page pool: every page the hypervisor allocates after loading (page
 * tables, per-cell data) comes from here, so its usage is the hypervisor's
 * memory footprint. The allocation bitmap lives in the pool's first pages
 * and counts as used.
 */
#ifndef _HV_PAGE_POOL_H
#define _HV_PAGE_POOL_H

#include <hv/types.h>

#define PAGE_SIZE	4096UL
#define PAGE_SHIFT	12

struct page_pool {
	u8 *base;		/* first page */
	u64 pages;		/* pages in the pool, bitmap pages included */
	u64 used;		/* pages allocated, bitmap pages included */
	u64 reserved;		/* bitmap pages at the start, never freed */
	u64 *bitmap;		/* bit n set: page n is allocated */
};

/*
 * Take [base, base + pages * PAGE_SIZE) (base page aligned) as a pool.
 * Returns 0, or -1 if the region cannot even hold its bitmap.
 */
int page_pool_init(struct page_pool *pool, void *base, u64 pages);
/* num contiguous, zeroed pages, or NULL when there is no such run. */
void *page_alloc(struct page_pool *pool, u64 num);
/* Returns 0, or -1 (nothing changed) for pages not allocated from pool. */
int page_free(struct page_pool *pool, void *page, u64 num);

extern struct page_pool mem_pool;

#endif
