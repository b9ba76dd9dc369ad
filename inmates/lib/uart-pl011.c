// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Polled PL011 output. The UART is set up by whoever owned it first (QEMU,
 * firmware, or Linux when the cell shares the root cell's UART): we only
 * make sure the transmitter is on and never touch the line settings.
 */
#include <inmate.h>

#define PL011_DR		0x00
#define PL011_FR		0x18
#define  PL011_FR_TXFF		(1U << 5)
#define PL011_CR		0x30
#define  PL011_CR_UARTEN	(1U << 0)
#define  PL011_CR_TXE		(1U << 8)

/* A full FIFO that never drains (UART off behind our back) stops waiting. */
#define PL011_WAIT_LOOPS	100000

static unsigned long pl011_base;

void pl011_init(unsigned long base)
{
	__u32 cr;

	pl011_base = base;
	cr = mmio_read32(base + PL011_CR);
	if ((cr & (PL011_CR_UARTEN | PL011_CR_TXE)) !=
	    (PL011_CR_UARTEN | PL011_CR_TXE))
		mmio_write32(base + PL011_CR,
			     cr | PL011_CR_UARTEN | PL011_CR_TXE);
}

void pl011_putc(char c)
{
	unsigned long n;

	for (n = 0; n < PL011_WAIT_LOOPS; n++) {
		if (!(mmio_read32(pl011_base + PL011_FR) & PL011_FR_TXFF))
			break;
		cpu_relax();
	}
	mmio_write32(pl011_base + PL011_DR, (unsigned char)c);
}
