/* SPDX-License-Identifier: GPL-2.0 */
/* Device register access: one aligned access each, never merged or torn. */
#ifndef _ARCH_MMIO_H
#define _ARCH_MMIO_H

#include <hv/types.h>

static inline u32 mmio_read32(u64 addr)
{
	u32 val;

	asm volatile("ldr %w0, [%1]" : "=r" (val) : "r" (addr) : "memory");
	return val;
}

static inline void mmio_write32(u64 addr, u32 val)
{
	asm volatile("str %w0, [%1]" : : "r" (val), "r" (addr) : "memory");
}

#endif
