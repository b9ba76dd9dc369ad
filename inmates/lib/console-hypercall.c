// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Output through the hypervisor's debug-console hypercall, for cells
 * without a UART of their own (configs/qemu-arm64-demo2.json). The
 * hypervisor collects the characters into lines and puts each into its
 * console ring tagged "[cell:NAME]" (read with `bulkhead console`).
 *
 * Only in a cell: bare metal there is no EL2 to answer, and an hvc would be
 * undefined. Whether the cell may use it (BULKHEAD_CELL_DEBUG_CONSOLE) is
 * the comm region's flag, which console_init() checks before choosing us.
 */
#include <inmate.h>
#include <bulkhead/hypercall.h>

bool hypercall_console_available(void)
{
	return inmate_in_cell();
}

void hypercall_console_putc(char c)
{
	register unsigned long x0 asm("x0") = BULKHEAD_HC_DEBUG_CONSOLE_PUTC;
	register unsigned long x1 asm("x1") = (unsigned char)c;

	/* The hypervisor may clobber x0-x18 (hypercall.h). */
	asm volatile("hvc %2"
		     : "+r" (x0), "+r" (x1)
		     : "i" (BULKHEAD_HVC_IMM)
		     : "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
		       "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18",
		       "memory");
}
