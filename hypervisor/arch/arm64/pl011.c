// SPDX-License-Identifier: GPL-2.0
/*
 * Debug console on an ARM PL011. Linux's own driver owns the UART and has
 * set it up; the hypervisor only puts characters into the transmit FIFO.
 * The MMU is off, so the registers are used at their physical address.
 */
#include <bulkhead/config.h>
#include <bulkhead/hypercall.h>
#include <hv/arch.h>
#include <arch/mmio.h>
#include <arch/sysregs.h>

#define UARTDR		0x00
#define UARTFR		0x18
#define UARTFR_TXFF	(1 << 5)

/* ~1 ms of polling on real hardware; QEMU's FIFO never stays full. */
#define TX_SPINS	100000

static u64 pl011_base;

int arch_console_init(u64 address, u16 type, u16 flags)
{
	if (type == BULKHEAD_CON_TYPE_NONE)
		return 0;
	if (type != BULKHEAD_CON_TYPE_PL011 ||
	    !(flags & BULKHEAD_CON_ACCESS_MMIO) || !address || address % 4)
		return -BULKHEAD_EINVAL;
	pl011_base = address;
	return 0;
}

void arch_console_putc(char c)
{
	unsigned int spins;

	if (!pl011_base)
		return;
	/* A stuck FIFO loses characters rather than the CPU. */
	for (spins = 0; spins < TX_SPINS; spins++) {
		if (!(mmio_read32(pl011_base + UARTFR) & UARTFR_TXFF))
			break;
		cpu_relax();
	}
	mmio_write32(pl011_base + UARTDR, (u8)c);
}
