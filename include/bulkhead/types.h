/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Fixed-width types for the ABI headers, the same names in every consumer:
 * the kernel, the freestanding hypervisor and inmates, and userspace.
 */
#ifndef _BULKHEAD_TYPES_H
#define _BULKHEAD_TYPES_H

#if defined(__KERNEL__)
#include <linux/types.h>
#elif defined(__BULKHEAD_FREESTANDING__)
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed int __s32;
typedef signed long long __s64;
#else
#include <linux/types.h>
#endif

#endif
