// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * The inmate's EL1 MMU: an identity map, so that RAM the inmate shares
 * with cacheable agents (the ivshmem memory that root Linux and the
 * hypervisor access Normal Write-Back) is Normal Write-Back here too.
 * With the MMU off every access is Device, and a non-cacheable side of a
 * link is not coherent with a cached one on real hardware (QEMU TCG has no
 * caches, so it cannot show the difference).
 *
 * Layout (4 KiB granule, 39-bit VA, lookup from level 1): one level-1
 * table of 1 GiB entries. The low 4 GiB, where the QEMU reference machine
 * and the comm region put everything an inmate touches, point at level-2
 * tables of 2 MiB blocks from the start; each GiB above stays one 1 GiB
 * block until map_range() needs it finer, which takes a level-2 table of
 * a small reserve. 39 bits rather than 32 because the MMU-off inmate could
 * reach any address, and ivshmem memory above 4 GiB is common on boards
 * whose RAM starts high.
 *
 * Every block starts Device-nGnRE and execute-never, what the MMU-off
 * inmate had (bar nGnRnE's early-write-acknowledge rule): accesses to
 * devices, to the comm region and to addresses outside the cell (rogue)
 * behave as before. inmate_mmu_init() then makes the image's blocks
 * Normal WB and executable; ivshmem_init() maps the shared memory
 * cached.
 */
#include <inmate.h>

#define PAGE_SIZE		0x1000UL
#define BLOCK_SHIFT		21			/* level 2: 2 MiB */
#define BLOCK_SIZE		(1UL << BLOCK_SHIFT)
#define L1_SHIFT		30			/* level 1: 1 GiB */
#define L1_SIZE			(1UL << L1_SHIFT)
#define TABLE_ENTRIES		512
#define VA_BITS			39
#define VA_LIMIT		(1UL << VA_BITS)
#define LOW_TABLES		4			/* 0 - 4 GiB */
/* GiBs above 4 GiB that map_range() may split into 2 MiB blocks. */
#define SPARE_TABLES		2

/* Descriptors (stage 1, 4 KiB granule). */
#define DESC_BLOCK		0x1UL		/* bits 1:0, levels 1 and 2 */
#define DESC_TABLE		0x3UL
#define DESC_TYPE_MASK		0x3UL
#define DESC_ATTRIDX(n)		((__u64)(n) << 2)
#define DESC_ATTRIDX_MASK	DESC_ATTRIDX(7)
#define DESC_SH_INNER		(0x3UL << 8)
#define DESC_AF			(1UL << 10)	/* no access-flag faults */
#define DESC_PXN		(1UL << 53)
#define DESC_UXN		(1UL << 54)
#define DESC_ADDR_MASK		0x0000fffffffff000UL

/* MAIR_EL1: index 0 Device-nGnRE, index 1 Normal inner/outer WB RA/WA. */
#define ATTR_DEVICE		0
#define ATTR_NORMAL		1
#define MAIR_VALUE		(0x04UL << (8 * ATTR_DEVICE) | \
				 0xffUL << (8 * ATTR_NORMAL))

/* AP 00: read/write at EL1, nothing at EL0 (inmates have no EL0). */
#define BLOCK_DEVICE		(DESC_BLOCK | DESC_ATTRIDX(ATTR_DEVICE) | \
				 DESC_AF | DESC_PXN | DESC_UXN)
#define BLOCK_CACHED		(DESC_BLOCK | DESC_ATTRIDX(ATTR_NORMAL) | \
				 DESC_SH_INNER | DESC_AF | DESC_PXN | DESC_UXN)
#define BLOCK_CODE		(BLOCK_CACHED & ~DESC_PXN)

#define TCR_T0SZ		(64UL - VA_BITS)
#define TCR_IRGN0_WBWA		(1UL << 8)
#define TCR_ORGN0_WBWA		(1UL << 10)
#define TCR_SH0_INNER		(3UL << 12)
#define TCR_TG0_4K		(0UL << 14)
#define TCR_T1SZ		((64UL - VA_BITS) << 16)
#define TCR_EPD1		(1UL << 23)	/* no TTBR1 walks */
#define TCR_IPS_SHIFT		32
#define TCR_IPS_48BIT		5	/* the most a 4 KiB granule gives */

#define SCTLR_M			(1UL << 0)
#define SCTLR_C			(1UL << 2)
#define SCTLR_I			(1UL << 12)
#define SCTLR_WXN		(1UL << 19)

extern char __inmate_start[], __inmate_end[], __inmate_comm_region[];

static __u64 l1_table[TABLE_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static __u64 l2_tables[LOW_TABLES + SPARE_TABLES][TABLE_ENTRIES]
	__attribute__((aligned(PAGE_SIZE)));
static unsigned int l2_used;
static bool mmu_on;
/* The image's blocks: map_range() leaves them alone (code runs there). */
static unsigned long image_start, image_end;

static unsigned long dcache_line(void)
{
	/* CTR_EL0.DminLine: log2 of the smallest line in 4-byte words. */
	return 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

static void dcache_clean_inval(unsigned long addr, unsigned long size)
{
	unsigned long line = dcache_line();
	unsigned long p;

	for (p = addr & ~(line - 1); p < addr + size; p += line)
		asm volatile("dc civac, %0" : : "r" (p) : "memory");
	dsb(ish);
}

/*
 * Once the MMU is on, an entry that may be in a TLB is changed
 * break-before-make: the architecture requires it when the memory type
 * or the block size changes, and both happen here.
 */
static void set_entry(__u64 *entry, __u64 desc, unsigned long va)
{
	if (mmu_on && (*entry & DESC_TYPE_MASK)) {
		*(volatile __u64 *)entry = 0;
		dsb(ishst);
		asm volatile("tlbi vaae1is, %0" : : "r" (va >> 12) : "memory");
		dsb(ish);
	}
	*(volatile __u64 *)entry = desc;
}

/* The level-2 table for addr's GiB, split from its 1 GiB block if need. */
static __u64 *l2_table(unsigned long addr)
{
	unsigned long gib = addr & ~(L1_SIZE - 1);
	__u64 *entry = &l1_table[addr >> L1_SHIFT];
	__u64 *table;
	unsigned int n;

	if ((*entry & DESC_TYPE_MASK) == DESC_TABLE)
		return (__u64 *)(unsigned long)(*entry & DESC_ADDR_MASK);
	if (l2_used == ARRAY_SIZE(l2_tables))
		return NULL;
	table = l2_tables[l2_used++];
	/* Same attributes in 2 MiB pieces: nothing changes for an access. */
	for (n = 0; n < TABLE_ENTRIES; n++)
		table[n] = (gib + ((unsigned long)n << BLOCK_SHIFT)) |
			   (*entry & ~DESC_ADDR_MASK);
	dsb(ishst);		/* the walker sees the table before its use */
	set_entry(entry, (unsigned long)table | DESC_TABLE, gib);
	return table;
}

/* [start, end) in whole blocks; all level-2 tables exist before a change. */
static int map_blocks(unsigned long start, unsigned long end, __u64 attrs)
{
	unsigned long addr;
	__u64 *table;

	for (addr = start; addr < end; addr = (addr | (L1_SIZE - 1)) + 1)
		if (!l2_table(addr))
			return -1;
	for (addr = start; addr < end; addr += BLOCK_SIZE) {
		table = l2_table(addr);
		set_entry(&table[(addr >> BLOCK_SHIFT) % TABLE_ENTRIES],
			  addr | attrs, addr);
	}
	if (mmu_on) {
		dsb(ish);
		isb();
	}
	return 0;
}

/* The descriptor that maps addr now: a 2 MiB or a 1 GiB block. */
static __u64 block_desc(unsigned long addr)
{
	__u64 desc = l1_table[addr >> L1_SHIFT];

	if ((desc & DESC_TYPE_MASK) == DESC_TABLE)
		desc = ((__u64 *)(unsigned long)(desc & DESC_ADDR_MASK))
			[(addr >> BLOCK_SHIFT) % TABLE_ENTRIES];
	return desc;
}

static bool was_cached(unsigned long start, unsigned long end)
{
	unsigned long addr;

	for (addr = start; addr < end; addr += BLOCK_SIZE)
		if ((block_desc(addr) & DESC_ATTRIDX_MASK) ==
		    DESC_ATTRIDX(ATTR_NORMAL))
			return true;
	return false;
}

int map_range(unsigned long addr, unsigned long size, enum map_type type)
{
	unsigned long start = addr & ~(BLOCK_SIZE - 1);
	unsigned long end, comm = (unsigned long)__inmate_comm_region;
	bool flush;

	if (!size || addr >= VA_LIMIT || size > VA_LIMIT - addr)
		return -1;
	end = (addr + size + BLOCK_SIZE - 1) & ~(BLOCK_SIZE - 1);
	if (start < image_end && end > image_start)
		return -1;
	/*
	 * The hypervisor writes a cell's comm region through a Device alias
	 * (hypervisor/comm_region.c): a cached view here would not see its
	 * writes. (Bare metal the stub page is part of the image.)
	 */
	if (type == MAP_CACHED && comm >= start && comm < end)
		return -1;
	/*
	 * Dirty lines of a cached range would otherwise be written back
	 * over what goes to memory uncached later. Only [addr, addr + size)
	 * is cleaned: the rest of a block may be a hole in a cell's stage 2,
	 * where even cache maintenance faults.
	 */
	flush = mmu_on && type == MAP_UNCACHED && was_cached(start, end);
	if (map_blocks(start, end,
		       type == MAP_CACHED ? BLOCK_CACHED : BLOCK_DEVICE))
		return -1;
	if (flush)
		dcache_clean_inval(addr, size);
	return 0;
}

static void mmu_enable(void)
{
	__u64 ips = read_sysreg(id_aa64mmfr0_el1) & 0xf;	/* PARange */
	__u64 sctlr;

	if (ips > TCR_IPS_48BIT)
		ips = TCR_IPS_48BIT;
	/*
	 * The tables went to memory uncached (MMU off); entry.S already
	 * invalidated the image's data cache lines, so no stale line hides
	 * them from the walker. Instruction lines of an earlier program at
	 * these addresses must go before the I-cache is switched on.
	 */
	dsb(ish);
	asm volatile("ic iallu\n\ttlbi vmalle1" : : : "memory");
	dsb(ish);
	isb();
	write_sysreg(MAIR_VALUE, mair_el1);
	write_sysreg(TCR_T0SZ | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA |
		     TCR_SH0_INNER | TCR_TG0_4K | TCR_T1SZ | TCR_EPD1 |
		     ips << TCR_IPS_SHIFT, tcr_el1);
	write_sysreg((unsigned long)l1_table, ttbr0_el1);
	isb();
	sctlr = read_sysreg(sctlr_el1);
	/* WXN would make the (writable) image execute-never. */
	sctlr = (sctlr | SCTLR_M | SCTLR_C | SCTLR_I) & ~SCTLR_WXN;
	write_sysreg(sctlr, sctlr_el1);
	isb();
	mmu_on = true;
}

/* entry.S, after BSS is zeroed: the tables live there. */
void inmate_mmu_init(void)
{
	unsigned long addr;
	unsigned int n;

	for (n = 0; n < TABLE_ENTRIES; n++)
		l1_table[n] = ((unsigned long)n << L1_SHIFT) | BLOCK_DEVICE;
	for (addr = 0; addr < LOW_TABLES * L1_SIZE; addr += L1_SIZE)
		l2_table(addr);
	/*
	 * Cells: the image at 0 and the comm region at 0x80000000 are blocks
	 * apart, the latter stays Device. Bare metal the comm stub is in the
	 * image and becomes cached, fine with no hypervisor to write it.
	 */
	image_start = (unsigned long)__inmate_start & ~(BLOCK_SIZE - 1);
	image_end = ((unsigned long)__inmate_end + BLOCK_SIZE - 1) &
		    ~(BLOCK_SIZE - 1);
	map_blocks(image_start, image_end, BLOCK_CODE);
	mmu_enable();
}
