/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few string functions the image needs. The compiler may emit calls to
 * memset and memcpy on its own, so these must exist under those names.
 */
#ifndef _HV_STRING_H
#define _HV_STRING_H

#include <hv/types.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
