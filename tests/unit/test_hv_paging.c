// SPDX-License-Identifier: GPL-2.0
/*
 * The page-table builder (hypervisor/paging.c) with the arm64 descriptor
 * formats, on a host buffer: map, unmap, lookup, blocks vs pages,
 * splitting, and every table going back to the pool.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <bulkhead/hypercall.h>
#include <hv/paging.h>

#define POOL_PAGES	64
#define SZ_4K		0x1000ULL
#define SZ_2M		0x200000ULL
#define SZ_1G		0x40000000ULL
#define RW		(PAGING_READ | PAGING_WRITE)
#define RWX		(RW | PAGING_EXEC)

struct fixture {
	struct page_pool pool;
	struct paging pg;
	u64 baseline;		/* pool usage with only the root */
};

static int setup_fmt(void **state, const struct paging_format *fmt)
{
	struct fixture *f = calloc(1, sizeof(*f));
	void *mem = aligned_alloc(PAGE_SIZE, POOL_PAGES * PAGE_SIZE);

	assert_non_null(f);
	assert_non_null(mem);
	memset(mem, 0x5a, POOL_PAGES * PAGE_SIZE);
	assert_int_equal(page_pool_init(&f->pool, mem, POOL_PAGES), 0);
	assert_int_equal(paging_init(&f->pg, fmt, &f->pool), 0);
	f->baseline = f->pool.used;
	*state = f;
	return 0;
}

static int setup_s2(void **state)
{
	return setup_fmt(state, &arch_cell_paging_format);
}

static int setup_s1(void **state)
{
	return setup_fmt(state, &arch_hv_paging_format);
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->pool.base);
	free(f);
	return 0;
}

/* virt maps to phys with flags through a mapping of map_size bytes. */
static void expect(struct paging *pg, u64 virt, u64 phys,
		   unsigned long flags, u64 map_size)
{
	unsigned long got_flags;
	u64 got_phys, got_size;

	assert_true(paging_lookup(pg, virt, &got_phys, &got_flags,
				  &got_size));
	assert_int_equal(got_phys, phys);
	assert_int_equal(got_flags, flags);
	assert_int_equal(got_size, map_size);
}

static void test_root_is_concatenated_and_aligned(void **state)
{
	struct fixture *f = *state;

	/* Stage 2: two root pages (40-bit IPA), aligned to 8 KiB. */
	assert_int_equal(f->baseline, 1 + 2);
	assert_int_equal((uintptr_t)f->pg.root % (2 * PAGE_SIZE), 0);
	assert_int_equal(paging_input_size(f->pg.fmt), 1ULL << 40);
}

static void test_blocks_where_aligned(void **state)
{
	struct fixture *f = *state;

	/* 1 GiB aligned both sides: one level-1 block, no table. */
	assert_int_equal(paging_map(&f->pg, SZ_1G, SZ_1G, SZ_1G, RWX), 0);
	assert_int_equal(f->pool.used, f->baseline);
	expect(&f->pg, SZ_1G + 0x1234000, SZ_1G + 0x1234000, RWX, SZ_1G);

	/* 4 MiB at 2 MiB alignment: two level-2 blocks in one new table. */
	assert_int_equal(paging_map(&f->pg, 0x08000000, 0x08000000, 2 * SZ_2M,
				    RW | PAGING_DEVICE), 0);
	assert_int_equal(f->pool.used, f->baseline + 1);
	expect(&f->pg, 0x08200000, 0x08200000, RW | PAGING_DEVICE, SZ_2M);
	assert_false(paging_lookup(&f->pg, 0x08400000, NULL, NULL, NULL));
}

static void test_pages_where_unaligned(void **state)
{
	struct fixture *f = *state;

	/* One page, then a range that is 2 MiB aligned in virt only. */
	assert_int_equal(paging_map(&f->pg, 0x09000000, 0x09000000, SZ_4K,
				    PAGING_READ | PAGING_DEVICE), 0);
	expect(&f->pg, 0x09000abc, 0x09000abc, PAGING_READ | PAGING_DEVICE,
	       SZ_4K);
	assert_false(paging_lookup(&f->pg, 0x09001000, NULL, NULL, NULL));
	assert_int_equal(f->pool.used, f->baseline + 2);

	assert_int_equal(paging_map(&f->pg, 0x40000000, 0x50001000, SZ_2M,
				    RW), 0);
	expect(&f->pg, 0x401ff000, 0x50200000, RW, SZ_4K);
	assert_int_equal(f->pool.used, f->baseline + 4);
}

static void test_split_block_on_partial_unmap(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(paging_map(&f->pg, SZ_1G, 0x80000000, SZ_1G, RWX), 0);
	/* A hole of one page in the middle of the 1 GiB block. */
	assert_int_equal(paging_unmap(&f->pg, SZ_1G + 0x20301000, SZ_4K), 0);
	assert_int_equal(f->pool.used, f->baseline + 2);
	assert_false(paging_lookup(&f->pg, SZ_1G + 0x20301000, NULL, NULL,
				   NULL));
	expect(&f->pg, SZ_1G + 0x20300fff, 0x80000000 + 0x20300fff, RWX,
	       SZ_4K);
	expect(&f->pg, SZ_1G + 0x20302000, 0x80000000 + 0x20302000, RWX,
	       SZ_4K);
	expect(&f->pg, SZ_1G + 0x20500000, 0x80000000 + 0x20500000, RWX,
	       SZ_2M);
	expect(&f->pg, SZ_1G, 0x80000000, RWX, SZ_2M);
	expect(&f->pg, 2 * SZ_1G - 1, 0x80000000 + SZ_1G - 1, RWX, SZ_2M);
}

static void test_unmap_frees_tables(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(paging_map(&f->pg, 0x09000000, 0x09000000,
				    3 * SZ_4K, RW | PAGING_DEVICE), 0);
	assert_int_equal(paging_map(&f->pg, 0x7f000000, 0x7f000000,
				    SZ_2M + SZ_4K, RWX), 0);
	assert_int_equal(f->pool.used, f->baseline + 4);
	assert_int_equal(paging_unmap(&f->pg, 0x09001000, SZ_4K), 0);
	assert_int_equal(f->pool.used, f->baseline + 4);
	assert_false(paging_lookup(&f->pg, 0x09001000, NULL, NULL, NULL));
	assert_true(paging_lookup(&f->pg, 0x09002000, NULL, NULL, NULL));
	assert_int_equal(paging_unmap(&f->pg, 0x09000000, 3 * SZ_4K), 0);
	/* Level-3 table empty: freed, and with it the level-2 table. */
	assert_int_equal(f->pool.used, f->baseline + 2);
	assert_int_equal(paging_unmap(&f->pg, 0x7f000000, SZ_2M + SZ_4K), 0);
	assert_int_equal(f->pool.used, f->baseline);
	/* One unmap over several 1 GiB entries drops all their tables. */
	assert_int_equal(paging_map(&f->pg, 0x09000000, 0x09000000, SZ_4K,
				    RW), 0);
	assert_int_equal(paging_map(&f->pg, 0xc0000000, 0xc0000000, SZ_4K,
				    RW), 0);
	assert_int_equal(f->pool.used, f->baseline + 4);
	assert_int_equal(paging_unmap(&f->pg, 0, 4 * SZ_1G), 0);
	assert_int_equal(f->pool.used, f->baseline);
	assert_false(paging_lookup(&f->pg, 0x09000000, NULL, NULL, NULL));
}

static void test_block_replaces_table(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(paging_map(&f->pg, 0x40000000, 0x40000000, SZ_4K,
				    RW), 0);
	assert_int_equal(f->pool.used, f->baseline + 2);
	assert_int_equal(paging_map(&f->pg, 0x40000000, 0x40000000, SZ_1G,
				    RWX), 0);
	assert_int_equal(f->pool.used, f->baseline);
	expect(&f->pg, 0x40000000, 0x40000000, RWX, SZ_1G);
}

static void test_destroy_returns_everything(void **state)
{
	struct fixture *f = *state;
	u64 before = f->baseline - 2;

	assert_int_equal(paging_map(&f->pg, 0x4010000000ULL, 0x4010000000ULL,
				    256 << 20, RW | PAGING_DEVICE), 0);
	assert_int_equal(paging_map(&f->pg, 0x09000000, 0x09000000, SZ_4K,
				    RW), 0);
	assert_true(f->pool.used > f->baseline);
	paging_destroy(&f->pg);
	assert_int_equal(f->pool.used, before);
	assert_null(f->pg.root);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(paging_map(&f->pg, 0x1001, 0, SZ_4K, RW),
			 -BULKHEAD_EINVAL);
	assert_int_equal(paging_map(&f->pg, 0, 0x800, SZ_4K, RW),
			 -BULKHEAD_EINVAL);
	assert_int_equal(paging_map(&f->pg, 0, 0, 0, RW), -BULKHEAD_EINVAL);
	assert_int_equal(paging_map(&f->pg, (1ULL << 40) - SZ_4K, 0,
				    2 * SZ_4K, RW), -BULKHEAD_EINVAL);
	assert_int_equal(paging_unmap(&f->pg, 1ULL << 40, SZ_4K),
			 -BULKHEAD_EINVAL);
	assert_false(paging_lookup(&f->pg, 1ULL << 40, NULL, NULL, NULL));
	assert_int_equal(f->pool.used, f->baseline);
}

static void test_high_root_index(void **state)
{
	struct fixture *f = *state;
	u64 va = (1ULL << 40) - SZ_2M;

	/* Entries 512-1023 live in the second concatenated root page. */
	assert_int_equal(paging_map(&f->pg, va, 0x1000000, SZ_2M, RW), 0);
	expect(&f->pg, va + 5, 0x1000005, RW, SZ_2M);
	assert_true(f->pg.root[PAGING_ENTRIES + 511] != 0);
}

static void test_out_of_memory(void **state)
{
	struct fixture *f = *state;
	u64 n;
	int err = 0;

	/* Every page in its own 2 MiB range needs a table: pool runs dry. */
	for (n = 0; n < POOL_PAGES && !err; n++)
		err = paging_map(&f->pg, n * SZ_2M, 0, SZ_4K, RW);
	assert_int_equal(err, -BULKHEAD_ENOMEM);
	paging_destroy(&f->pg);
	assert_int_equal(f->pool.used, f->pool.reserved);
}

static void test_stage2_descriptor_bits(void **state)
{
	struct fixture *f = *state;
	u64 pte;

	assert_int_equal(paging_map(&f->pg, 0, 0, SZ_1G,
				    RW | PAGING_DEVICE), 0);
	pte = f->pg.root[0];
	/* Block, AF, Device-nGnRE, S2AP read+write, XN. */
	assert_int_equal(pte & 3, 1);
	assert_true(pte & (1ULL << 10));
	assert_int_equal((pte >> 2) & 0xf, 0x1);
	assert_int_equal((pte >> 6) & 3, 3);
	assert_true(pte & (1ULL << 54));
	assert_int_equal(paging_map(&f->pg, SZ_1G, SZ_1G, SZ_1G,
				    PAGING_READ | PAGING_EXEC), 0);
	pte = f->pg.root[1];
	/* Normal write-back, inner shareable, read-only, executable. */
	assert_int_equal((pte >> 2) & 0xf, 0xf);
	assert_int_equal((pte >> 8) & 3, 3);
	assert_int_equal((pte >> 6) & 3, 1);
	assert_false(pte & (1ULL << 54));
	assert_int_equal(pte & 0xfffffffff000ULL, SZ_1G);
}

static void test_stage1_descriptor_bits(void **state)
{
	struct fixture *f = *state;
	u64 *l2, *l3, pte;

	assert_int_equal(f->baseline, 2);
	assert_int_equal(paging_input_size(f->pg.fmt), 1ULL << 39);
	/* Code: read-only, executable page; MAIR slot 0 (normal). */
	assert_int_equal(paging_map(&f->pg, 0x7f000000, 0x7f000000, SZ_4K,
				    PAGING_READ | PAGING_EXEC), 0);
	l2 = (u64 *)(uintptr_t)(f->pg.root[1] & 0xfffffffff000ULL);
	l3 = (u64 *)(uintptr_t)(l2[0x1f8] & 0xfffffffff000ULL);
	pte = l3[0];
	assert_int_equal(pte & 3, 3);
	assert_int_equal((pte >> 2) & 7, 0);
	assert_true(pte & (1ULL << 7));
	assert_false(pte & (1ULL << 54));
	expect(&f->pg, 0x7f000000, 0x7f000000, PAGING_READ | PAGING_EXEC,
	       SZ_4K);
	/* Write-only is impossible at stage 1: reads come back too. */
	assert_int_equal(paging_map(&f->pg, 0x09000000, 0x09000000, SZ_4K,
				    PAGING_WRITE | PAGING_DEVICE), 0);
	expect(&f->pg, 0x09000000, 0x09000000,
	       RW | PAGING_DEVICE, SZ_4K);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define S2(t) cmocka_unit_test_setup_teardown(t, setup_s2, teardown)
		S2(test_root_is_concatenated_and_aligned),
		S2(test_blocks_where_aligned),
		S2(test_pages_where_unaligned),
		S2(test_split_block_on_partial_unmap),
		S2(test_unmap_frees_tables),
		S2(test_block_replaces_table),
		S2(test_destroy_returns_everything),
		S2(test_refusals),
		S2(test_high_root_index),
		S2(test_out_of_memory),
		S2(test_stage2_descriptor_bits),
		cmocka_unit_test_setup_teardown(test_stage1_descriptor_bits,
						setup_s1, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
