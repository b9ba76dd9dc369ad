/* SPDX-License-Identifier: GPL-2.0 */
/* <stddef.h> for the freestanding image (built with -nostdinc). */
#ifndef _HV_STDDEF_H
#define _HV_STDDEF_H
typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#define NULL ((void *)0)
#define offsetof(type, member)	__builtin_offsetof(type, member)
#endif
