// SPDX-License-Identifier: GPL-2.0
/*
 * VMSAv8-64 descriptors (4 KiB granule) for the generic page-table walk:
 * EL2 stage 1 for the hypervisor itself and stage 2 for cells. Pure bit
 * twiddling, so the host unit tests compile this file too.
 *
 * Both start at lookup level 1 (1 GiB entries): EL2 stage 1 with one
 * table (39-bit VA, T0SZ 25); stage 2 with two concatenated tables
 * (40-bit IPA, T0SZ 24, SL0 1). Blocks: 1 GiB at level 1, 2 MiB at
 * level 2.
 */
#include <hv/paging.h>
#include <arch/paging_bits.h>

#define DESC_VALID	(1ULL << 0)
#define DESC_TABLE	(1ULL << 1)	/* table, or page at the last level */
#define DESC_AF		(1ULL << 10)	/* no hardware access flag: set it */
#define DESC_SH_INNER	(3ULL << 8)
#define DESC_XN		(1ULL << 54)
#define DESC_ADDR_MASK	0x0000fffffffff000ULL

/* Stage 1: AttrIndx selects a MAIR_EL2 slot; AP[2] makes it read-only. */
#define S1_ATTR(idx)	((u64)(idx) << 2)
#define S1_ATTR_MASK	(7ULL << 2)
#define S1_AP_RO	(1ULL << 7)
#define S1_AP_RES1	(1ULL << 6)	/* one privilege level at EL2 */

/* Stage 2: MemAttr is the memory type itself, S2AP the access. */
#define S2_MEMATTR_NORMAL_WB	(0xfULL << 2)
#define S2_MEMATTR_DEV_NGNRE	(0x1ULL << 2)
#define S2_MEMATTR_MASK		(0xfULL << 2)
#define S2AP_READ		(1ULL << 6)
#define S2AP_WRITE		(1ULL << 7)

static u64 leaf_type(bool last)
{
	return last ? DESC_VALID | DESC_TABLE : DESC_VALID;
}

u64 arch_paging_table(u64 phys)
{
	return (phys & DESC_ADDR_MASK) | DESC_VALID | DESC_TABLE;
}

bool arch_paging_valid(u64 pte)
{
	return pte & DESC_VALID;
}

bool arch_paging_is_table(u64 pte)
{
	return pte & DESC_TABLE;
}

u64 arch_paging_address(u64 pte)
{
	return pte & DESC_ADDR_MASK;
}

static u64 s1_leaf(u64 phys, unsigned long flags, bool last)
{
	u64 pte = (phys & DESC_ADDR_MASK) | leaf_type(last) | DESC_AF |
		  S1_AP_RES1;

	if (flags & PAGING_DEVICE)
		pte |= S1_ATTR(MAIR_IDX_DEVICE);
	else
		pte |= S1_ATTR(MAIR_IDX_NORMAL) | DESC_SH_INNER;
	if (!(flags & PAGING_WRITE))
		pte |= S1_AP_RO;
	if (!(flags & PAGING_EXEC))
		pte |= DESC_XN;
	return pte;
}

/* Stage 1 cannot take read access away: every valid entry is readable. */
static unsigned long s1_flags(u64 pte)
{
	unsigned long flags = PAGING_READ;

	if ((pte & S1_ATTR_MASK) == S1_ATTR(MAIR_IDX_DEVICE))
		flags |= PAGING_DEVICE;
	if (!(pte & S1_AP_RO))
		flags |= PAGING_WRITE;
	if (!(pte & DESC_XN))
		flags |= PAGING_EXEC;
	return flags;
}

static u64 s2_leaf(u64 phys, unsigned long flags, bool last)
{
	u64 pte = (phys & DESC_ADDR_MASK) | leaf_type(last) | DESC_AF;

	if (flags & PAGING_DEVICE)
		pte |= S2_MEMATTR_DEV_NGNRE;
	else
		pte |= S2_MEMATTR_NORMAL_WB | DESC_SH_INNER;
	if (flags & PAGING_READ)
		pte |= S2AP_READ;
	if (flags & PAGING_WRITE)
		pte |= S2AP_WRITE;
	if (!(flags & PAGING_EXEC))
		pte |= DESC_XN;
	return pte;
}

static unsigned long s2_flags(u64 pte)
{
	unsigned long flags = 0;

	if ((pte & S2_MEMATTR_MASK) != S2_MEMATTR_NORMAL_WB)
		flags |= PAGING_DEVICE;
	if (pte & S2AP_READ)
		flags |= PAGING_READ;
	if (pte & S2AP_WRITE)
		flags |= PAGING_WRITE;
	if (!(pte & DESC_XN))
		flags |= PAGING_EXEC;
	return flags;
}

u64 arch_paging_leaf(const struct paging_format *fmt, u64 phys,
		     unsigned long flags, bool last)
{
	if (fmt->kind == PAGING_KIND_HV)
		return s1_leaf(phys, flags, last);
	return s2_leaf(phys, flags, last);
}

unsigned long arch_paging_flags(const struct paging_format *fmt, u64 pte)
{
	if (fmt->kind == PAGING_KIND_HV)
		return s1_flags(pte);
	return s2_flags(pte);
}

const struct paging_format arch_hv_paging_format = {
	.kind = PAGING_KIND_HV,
	.levels = 3,
	.root_pages = 1,
	.block_levels = 0x3,
};

const struct paging_format arch_cell_paging_format = {
	.kind = PAGING_KIND_CELL,
	.levels = 3,
	.root_pages = 2,
	.block_levels = 0x3,
};
