// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Output through the hypervisor's debug-console hypercall, for cells
 * without a UART of their own (configs/qemu-arm64-demo2.json).
 *
 * include/bulkhead/hypercall.h does not define that hypercall yet: until it
 * does (BULKHEAD_HC_DEBUG_CONSOLE_PUTC, x1 = the character), this backend
 * reports itself unavailable and console_select() refuses it. Nothing here
 * guesses a number: an hvc with a wrong one would be a real call.
 */
#include <inmate.h>
#include <bulkhead/hypercall.h>

#ifdef BULKHEAD_HC_DEBUG_CONSOLE_PUTC

bool hypercall_console_available(void)
{
	return inmate_in_cell();
}

void hypercall_console_putc(char c)
{
	register unsigned long x0 asm("x0") = BULKHEAD_HC_DEBUG_CONSOLE_PUTC;
	register unsigned long x1 asm("x1") = (unsigned char)c;

	asm volatile("hvc %2"
		     : "+r" (x0), "+r" (x1)
		     : "i" (BULKHEAD_HVC_IMM)
		     : "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
		       "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18",
		       "memory");
}

#else

bool hypercall_console_available(void)
{
	return false;
}

void hypercall_console_putc(char c)
{
}

#endif
