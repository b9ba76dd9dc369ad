// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor messages. Lines are formatted into a stack buffer first so a
 * line goes out in one piece; CPUs enter one after another for now (the
 * driver serialises them), so no lock yet: exclusive accesses are not
 * reliable before the MMU makes our memory Normal.
 */
#include <hv/arch.h>
#include <hv/format.h>
#include <hv/printk.h>

#define LINE_SIZE	160

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

	format_v(line, sizeof(line), fmt, ap);
	console_write(line);
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

	console_write("Bulkhead FATAL: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	arch_halt();
}
