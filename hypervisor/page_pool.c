// SPDX-License-Identifier: GPL-2.0
/*
 * First-fit page allocator over a bitmap. Simple on purpose: allocations
 * happen at enable and cell creation, never on a hot path.
 */
#include <hv/page_pool.h>
#include <hv/string.h>

#define BITS_PER_WORD	64

struct page_pool mem_pool;

static bool page_used(const struct page_pool *pool, u64 n)
{
	return (pool->bitmap[n / BITS_PER_WORD] >> (n % BITS_PER_WORD)) & 1;
}

static void mark(struct page_pool *pool, u64 first, u64 num, bool used)
{
	u64 n, bit;

	for (n = first; n < first + num; n++) {
		bit = 1ULL << (n % BITS_PER_WORD);
		if (used)
			pool->bitmap[n / BITS_PER_WORD] |= bit;
		else
			pool->bitmap[n / BITS_PER_WORD] &= ~bit;
	}
	if (used)
		pool->used += num;
	else
		pool->used -= num;
}

int page_pool_init(struct page_pool *pool, void *base, u64 pages)
{
	u64 words = (pages + BITS_PER_WORD - 1) / BITS_PER_WORD;
	u64 bitmap_pages = (words * sizeof(u64) + PAGE_SIZE - 1) / PAGE_SIZE;

	if (!pages || (uintptr_t)base % PAGE_SIZE || bitmap_pages >= pages)
		return -1;
	pool->base = base;
	pool->pages = pages;
	pool->used = 0;
	pool->bitmap = base;
	memset(pool->bitmap, 0, words * sizeof(u64));
	mark(pool, 0, bitmap_pages, true);
	pool->reserved = bitmap_pages;
	return 0;
}

void *page_alloc(struct page_pool *pool, u64 num)
{
	u64 start, run = 0, n;
	u8 *page;

	if (!num || num > pool->pages)
		return NULL;
	for (n = 0, start = 0; n < pool->pages; n++) {
		if (page_used(pool, n)) {
			run = 0;
			start = n + 1;
			continue;
		}
		if (++run < num)
			continue;
		mark(pool, start, num, true);
		page = pool->base + start * PAGE_SIZE;
		memset(page, 0, num * PAGE_SIZE);
		return page;
	}
	return NULL;
}

int page_free(struct page_pool *pool, void *page, u64 num)
{
	uintptr_t offset = (uintptr_t)page - (uintptr_t)pool->base;
	u64 first = offset / PAGE_SIZE, n;

	if ((uintptr_t)page < (uintptr_t)pool->base || offset % PAGE_SIZE ||
	    !num || first < pool->reserved || first >= pool->pages ||
	    num > pool->pages - first)
		return -1;
	for (n = first; n < first + num; n++)
		if (!page_used(pool, n))
			return -1;
	mark(pool, first, num, false);
	return 0;
}
