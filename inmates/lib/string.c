// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * memcpy/memset, also what GCC calls for struct copies and initialisers.
 * Byte-wise: a caller may pass Device memory (the comm region, anything
 * not mapped cached), where only aligned accesses are allowed, and
 * inmates copy little.
 */
#include <inmate.h>

void *memcpy(void *dest, const void *src, unsigned long n)
{
	char *d = dest;
	const char *s = src;

	while (n--)
		*d++ = *s++;
	return dest;
}

void *memset(void *dest, int c, unsigned long n)
{
	char *d = dest;

	while (n--)
		*d++ = c;
	return dest;
}
