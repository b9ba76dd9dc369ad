// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor messages. Lines are formatted into a stack buffer first so a
 * line goes out in one piece, under a lock once this CPU's MMU is on
 * (exclusives need Normal memory). Before that only the first CPU runs
 * in the hypervisor: the driver enters CPUs one after another.
 */
#include <hv/arch.h>
#include <hv/format.h>
#include <hv/printk.h>
#include <hv/spinlock.h>

#define LINE_SIZE	160

static spinlock_t console_lock;

static void console_write(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			arch_console_putc('\r');
		arch_console_putc(*s);
	}
}

static void vprintk(const char *fmt, va_list ap)
{
	char line[LINE_SIZE];

	bool locked = arch_mmu_enabled();

	format_v(line, sizeof(line), fmt, ap);
	if (locked)
		spin_lock(&console_lock);
	console_write(line);
	if (locked)
		spin_unlock(&console_lock);
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
	va_list ap;

	/* Unlocked: a fatal report must get out even if the lock is stuck. */
	console_write("Bulkhead FATAL: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	arch_halt();
}
