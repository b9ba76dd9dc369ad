/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * The inmate library's interface for bare-metal cells.
 */
#ifndef _INMATE_H
#define _INMATE_H

#include <bulkhead/types.h>

/* The demo's entry, called with a stack and zeroed BSS. */
void inmate_main(void);

/* Console output on the cell's PL011. */
void console_putc(char c);
void console_puts(const char *s);

static inline void mmio_write32(unsigned long addr, __u32 val)
{
	*(volatile __u32 *)addr = val;
}

static inline __u32 mmio_read32(unsigned long addr)
{
	return *(volatile __u32 *)addr;
}

#endif
