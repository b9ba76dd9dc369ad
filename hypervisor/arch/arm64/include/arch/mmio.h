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

static inline u64 mmio_read(u64 addr, u32 size)
{
	u64 val;

	switch (size) {
	case 1:
		asm volatile("ldrb %w0, [%1]" : "=r" (val) : "r" (addr) : "memory");
		break;
	case 2:
		asm volatile("ldrh %w0, [%1]" : "=r" (val) : "r" (addr) : "memory");
		break;
	case 4:
		asm volatile("ldr %w0, [%1]" : "=r" (val) : "r" (addr) : "memory");
		break;
	default:
		asm volatile("ldr %0, [%1]" : "=r" (val) : "r" (addr) : "memory");
		break;
	}
	return val;
}

static inline void mmio_write(u64 addr, u64 val, u32 size)
{
	switch (size) {
	case 1:
		asm volatile("strb %w0, [%1]" : : "r" (val), "r" (addr) : "memory");
		break;
	case 2:
		asm volatile("strh %w0, [%1]" : : "r" (val), "r" (addr) : "memory");
		break;
	case 4:
		asm volatile("str %w0, [%1]" : : "r" (val), "r" (addr) : "memory");
		break;
	default:
		asm volatile("str %0, [%1]" : : "r" (val), "r" (addr) : "memory");
		break;
	}
}

static inline void mmio_write32(u64 addr, u32 val)
{
	asm volatile("str %w0, [%1]" : : "r" (val), "r" (addr) : "memory");
}

#endif
