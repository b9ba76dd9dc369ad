// SPDX-License-Identifier: GPL-2.0
/*
 * irq-gaps: read the virtual counter in a tight loop for SECS seconds of
 * counter time and report the gaps longer than the loop itself takes:
 * each is time spent away from this program, mostly handling one timer
 * interrupt. Under QEMU -icount shift=4,sleep=off one counter tick is
 * one instruction, so the median gap is the instructions one timer
 * interrupt costs (kernel plus, when enabled, the hypervisor).
 *
 *   irq-gaps [SECS]   prints "gaps N median M p10 A p90 B"
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_GAPS	100000
#define MIN_GAP		200	/* ticks; the loop body is a handful */

static uint64_t gaps[MAX_GAPS];

static inline uint64_t counter(void)
{
	uint64_t v;

	asm volatile("isb\n\tmrs %0, cntvct_el0" : "=r" (v) : : "memory");
	return v;
}

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	uint64_t freq, end, prev, now;
	size_t n = 0;
	double secs = argc > 1 ? atof(argv[1]) : 2;

	asm volatile("mrs %0, cntfrq_el0" : "=r" (freq));
	prev = counter();
	end = prev + (uint64_t)(secs * freq);
	while (prev < end && n < MAX_GAPS) {
		now = counter();
		if (now - prev > MIN_GAP)
			gaps[n++] = now - prev;
		prev = now;
	}
	if (!n) {
		puts("gaps 0");
		return 1;
	}
	qsort(gaps, n, sizeof(gaps[0]), cmp);
	printf("gaps %zu median %llu p10 %llu p90 %llu\n", n,
	       (unsigned long long)gaps[n / 2],
	       (unsigned long long)gaps[n / 10],
	       (unsigned long long)gaps[n * 9 / 10]);
	return 0;
}
