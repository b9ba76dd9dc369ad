// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Console output and the choice of its backend.
 *
 * Before console_init() output goes to QEMU virt's PL011, so even a crash in
 * early setup is reported. console_init() then follows the comm region (the
 * cell's configured console: a PL011, or none with the debug-console
 * hypercall allowed); bare metal keeps the PL011.
 */
#include <inmate.h>
#include <bulkhead/comm_region.h>
#include <bulkhead/config.h>

#define PL011_DEFAULT_BASE	0x09000000UL

static enum console_backend backend = CONSOLE_PL011;
static bool pl011_ready;

int console_select(enum console_backend which, unsigned long base)
{
	switch (which) {
	case CONSOLE_PL011:
		pl011_init(base);
		pl011_ready = true;
		break;
	case CONSOLE_HYPERCALL:
		if (!hypercall_console_available())
			return -1;
		break;
	case CONSOLE_NONE:
		break;
	default:
		return -1;
	}
	backend = which;
	return 0;
}

enum console_backend console_backend(void)
{
	return backend;
}

void console_init(void)
{
	struct bulkhead_comm_region *comm = comm_region();

	if (!comm) {
		console_select(CONSOLE_PL011, PL011_DEFAULT_BASE);
		return;
	}
	if (comm->console_type == BULKHEAD_CON_TYPE_PL011 &&
	    comm->console_address) {
		console_select(CONSOLE_PL011, comm->console_address);
		return;
	}
	if ((comm->flags & BULKHEAD_COMM_FLAG_DEBUG_CONSOLE) &&
	    console_select(CONSOLE_HYPERCALL, 0) == 0)
		return;
	console_select(CONSOLE_NONE, 0);
}

static void backend_putc(char c)
{
	switch (backend) {
	case CONSOLE_PL011:
		if (!pl011_ready)
			console_select(CONSOLE_PL011, PL011_DEFAULT_BASE);
		pl011_putc(c);
		break;
	case CONSOLE_HYPERCALL:
		hypercall_console_putc(c);
		break;
	case CONSOLE_NONE:
		break;
	}
}

void console_putc(char c)
{
	if (c == '\n')
		backend_putc('\r');
	backend_putc(c);
}

void console_write(const char *s, unsigned long len)
{
	while (len--)
		console_putc(*s++);
}

void console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}
