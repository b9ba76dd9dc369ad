// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor messages. Lines are formatted into a stack buffer first so a
 * line goes out in one piece (console.c), under a lock once this CPU's MMU
 * is on (exclusives need Normal memory). Before that only the first CPU runs
 * in the hypervisor: the driver enters CPUs one after another.
 */
#include <hv/arch.h>
#include <hv/console.h>
#include <hv/format.h>
#include <hv/printk.h>

#define LINE_SIZE	160

static void vprintk(const char *fmt, va_list ap)
{
	char line[LINE_SIZE];

	format_v(line, sizeof(line), fmt, ap);
	console_write_hv(line, arch_mmu_enabled());
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	char line[LINE_SIZE];
	va_list ap;

	/* Unlocked: a fatal report must get out even if the lock is stuck. */
	console_write_hv("Bulkhead FATAL: ", false);
	va_start(ap, fmt);
	format_v(line, sizeof(line), fmt, ap);
	console_write_hv(line, false);
	va_end(ap);
	arch_halt();
}
