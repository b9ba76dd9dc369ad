// SPDX-License-Identifier: GPL-2.0
/* The hypervisor's page pool (hypervisor/page_pool.c) on a host buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <hv/page_pool.h>

#define POOL_PAGES	100

static int setup(void **state)
{
	struct page_pool *pool = calloc(1, sizeof(*pool));
	void *mem = aligned_alloc(PAGE_SIZE, POOL_PAGES * PAGE_SIZE);

	assert_non_null(pool);
	assert_non_null(mem);
	memset(mem, 0xa5, POOL_PAGES * PAGE_SIZE);
	assert_int_equal(page_pool_init(pool, mem, POOL_PAGES), 0);
	*state = pool;
	return 0;
}

static int teardown(void **state)
{
	struct page_pool *pool = *state;

	free(pool->base);
	free(pool);
	return 0;
}

static void test_init_counts_bitmap(void **state)
{
	struct page_pool *pool = *state;

	assert_int_equal(pool->pages, POOL_PAGES);
	assert_int_equal(pool->used, 1);	/* 100 bits fit in a page */
	assert_int_equal(pool->reserved, 1);
}

static void test_init_refuses_bad_regions(void **state)
{
	struct page_pool p;
	struct page_pool *pool = *state;

	assert_int_equal(page_pool_init(&p, pool->base, 0), -1);
	assert_int_equal(page_pool_init(&p, pool->base, 1), -1);
	assert_int_equal(page_pool_init(&p, pool->base + 8, 10), -1);
}

static void test_alloc_zeroed_contiguous(void **state)
{
	struct page_pool *pool = *state;
	uint8_t *a, *b;
	size_t i;

	a = page_alloc(pool, 3);
	b = page_alloc(pool, 1);
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_equal(a, pool->base + PAGE_SIZE);
	assert_ptr_equal(b, a + 3 * PAGE_SIZE);
	for (i = 0; i < 3 * PAGE_SIZE; i++)
		assert_int_equal(a[i], 0);
	assert_int_equal(pool->used, 5);
}

static void test_exhaustion_and_reuse(void **state)
{
	struct page_pool *pool = *state;
	void *all, *one;

	assert_null(page_alloc(pool, POOL_PAGES));
	all = page_alloc(pool, POOL_PAGES - 1);
	assert_non_null(all);
	assert_int_equal(pool->used, POOL_PAGES);
	assert_null(page_alloc(pool, 1));
	assert_int_equal(page_free(pool, all, POOL_PAGES - 1), 0);
	assert_int_equal(pool->used, 1);
	one = page_alloc(pool, 1);
	assert_ptr_equal(one, all);
}

static void test_first_fit_after_free(void **state)
{
	struct page_pool *pool = *state;
	uint8_t *a, *b, *c;

	a = page_alloc(pool, 2);
	b = page_alloc(pool, 2);
	assert_int_equal(page_free(pool, a, 2), 0);
	c = page_alloc(pool, 3);	/* does not fit in a's hole */
	assert_ptr_equal(c, b + 2 * PAGE_SIZE);
	assert_ptr_equal(page_alloc(pool, 2), a);
}

static void test_bad_frees_change_nothing(void **state)
{
	struct page_pool *pool = *state;
	uint8_t *a = page_alloc(pool, 2);
	uint64_t used = pool->used;

	assert_int_equal(page_free(pool, a + 1, 1), -1);	/* misaligned */
	assert_int_equal(page_free(pool, a, 3), -1);	/* beyond allocation */
	assert_int_equal(page_free(pool, pool->base, 1), -1);	/* bitmap */
	assert_int_equal(page_free(pool, pool->base - PAGE_SIZE, 1), -1);
	assert_int_equal(page_free(pool,
				   pool->base + POOL_PAGES * PAGE_SIZE, 1), -1);
	assert_int_equal(page_free(pool, a, 0), -1);
	assert_int_equal(pool->used, used);
	assert_int_equal(page_free(pool, a, 2), 0);
	assert_int_equal(page_free(pool, a, 2), -1);	/* double free */
	assert_int_equal(pool->used, used - 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_counts_bitmap, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_init_refuses_bad_regions,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_zeroed_contiguous,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_exhaustion_and_reuse,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_fit_after_free,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_frees_change_nothing,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
