/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page-table builder shared by the hypervisor's own translation (EL2
 * stage 1 on arm64) and the cells' guest-physical translation (stage 2).
 * The walk is generic: 4 KiB tables of 512 8-byte entries, blocks where
 * the format allows them. The architecture describes the descriptor bits
 * in a struct paging_format.
 *
 * Tables come from a page pool and are addressed by their physical
 * address, which the hypervisor identity-maps (host tests: the buffer's
 * own addresses). TLB maintenance only through struct paging's flush, for
 * live tables: callers of paging_unmap flush once more when it returns.
 */
#ifndef _HV_PAGING_H
#define _HV_PAGING_H

#include <hv/page_pool.h>
#include <hv/types.h>

/* Access rights and memory type of a mapping, in any format. */
#define PAGING_READ	0x1UL
#define PAGING_WRITE	0x2UL
#define PAGING_EXEC	0x4UL
#define PAGING_DEVICE	0x8UL	/* device memory; normal cacheable if clear */

#define PAGING_ENTRIES	512	/* per 4 KiB table */

/*
 * Data only: the image runs where it was not linked and has no relocation
 * step, so it must not hold absolute pointers (function pointers included).
 */
struct paging_format {
	unsigned int kind;	/* which descriptor bits: PAGING_KIND_* */
	unsigned int levels;	/* table levels, root included */
	unsigned int root_pages;	/* concatenated root tables: 1, 2, 4.. */
	unsigned int block_levels;	/* bit n: level n may hold blocks */
};

#define PAGING_KIND_HV		0	/* the hypervisor's own translation */
#define PAGING_KIND_CELL	1	/* a cell's guest-physical translation */

/* Descriptor encoding, provided by the architecture. */
/* Leaf descriptor; last: the last level (page), else a block. */
u64 arch_paging_leaf(const struct paging_format *fmt, u64 phys,
		     unsigned long flags, bool last);
unsigned long arch_paging_flags(const struct paging_format *fmt, u64 pte);
u64 arch_paging_table(u64 phys);
bool arch_paging_valid(u64 pte);
/* A table pointer (never asked at the last level). */
bool arch_paging_is_table(u64 pte);
u64 arch_paging_address(u64 pte);

struct paging {
	const struct paging_format *fmt;
	struct page_pool *pool;
	u64 *root;
	/*
	 * Set once the tables are live (walked by running CPUs): a valid
	 * entry that changes is cleared and flushed from the TLBs first
	 * (break-before-make), and a table is flushed before it is freed.
	 * Assigned at run time, so it holds the address the image runs at.
	 */
	void (*flush)(const struct paging *pg);
	u16 vmid;		/* stage 2: the VMID its TLB entries carry */
};

/* The formats the architecture provides. */
extern const struct paging_format arch_hv_paging_format;
extern const struct paging_format arch_cell_paging_format;

/* Allocate the root table(s). Returns 0 or -BULKHEAD_ENOMEM. */
int paging_init(struct paging *pg, const struct paging_format *fmt,
		struct page_pool *pool);
/* Bytes of input address space the format translates. */
u64 paging_input_size(const struct paging_format *fmt);
/*
 * Map [virt, virt + size) to phys with flags, replacing what was there.
 * Uses the largest blocks alignment allows. Page-aligned arguments only.
 * On -BULKHEAD_ENOMEM the range may be partly mapped.
 */
int paging_map(struct paging *pg, u64 virt, u64 phys, u64 size,
	       unsigned long flags);
/* Unmap, splitting blocks that are partly covered, freeing empty tables. */
int paging_unmap(struct paging *pg, u64 virt, u64 size);
/*
 * Translate virt. Returns true if mapped, with the physical address, the
 * flags and the size of the page or block that maps it (each optional).
 */
bool paging_lookup(const struct paging *pg, u64 virt, u64 *phys,
		   unsigned long *flags, u64 *map_size);
/* Free every table, root included. */
void paging_destroy(struct paging *pg);

#endif
