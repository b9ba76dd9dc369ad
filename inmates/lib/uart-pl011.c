// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Polled PL011 output (QEMU virt: 0x09000000).
 */
#include <inmate.h>

#define PL011_BASE	0x09000000UL
#define PL011_DR	0x00
#define PL011_FR	0x18
#define PL011_FR_TXFF	(1 << 5)

void console_putc(char c)
{
	if (c == '\n')
		console_putc('\r');
	while (mmio_read32(PL011_BASE + PL011_FR) & PL011_FR_TXFF)
		asm volatile("yield");
	mmio_write32(PL011_BASE + PL011_DR, (unsigned char)c);
}

void console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}
