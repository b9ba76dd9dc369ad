// SPDX-License-Identifier: GPL-2.0
/*
 * The console: every line goes to the debug UART and into the console ring
 * (include/bulkhead/console.h for the layout and the reader's protocol),
 * prefixed by the tag of its source. The hypervisor's own lines keep their
 * plain form on the UART ("Bulkhead: ..." says where they come from); the
 * ring tags everything so a reader never has to guess.
 */
#include <bulkhead/config.h>
#include <bulkhead/console.h>
#include <bulkhead/hypercall.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/page_pool.h>
#include <hv/paging.h>
#include <hv/percpu.h>
#include <hv/spinlock.h>

/* Room for a whole JITTER v1 line (docs/inmates.md), which webd parses. */
#define CELL_LINE_SIZE	512

_Static_assert(BULKHEAD_CONSOLE_RING_BYTES % PAGE_SIZE == 0,
	       "the ring is mapped into the root cell by whole pages");

static union {
	struct bulkhead_console_ring ring;
	u8 bytes[BULKHEAD_CONSOLE_RING_BYTES];
} console_area __attribute__((aligned(PAGE_SIZE)));

static spinlock_t console_lock;
/* The ring's next byte starts a line (and needs a tag). */
static bool at_line_start = true;

/* Characters a cell has put but not yet ended with a newline, per CPU. */
static struct {
	char text[CELL_LINE_SIZE];
	unsigned int len;
} cell_lines[HV_MAX_CPUS];

void console_ring_init(void)
{
	struct bulkhead_console_ring *ring = &console_area.ring;

	ring->size = BULKHEAD_CONSOLE_DATA_BYTES;
	ring->write_pos = 0;
	ring->signature = BULKHEAD_CONSOLE_SIGNATURE;
	at_line_start = true;
}

u64 console_ring_address(void)
{
	return (uintptr_t)&console_area;
}

u64 console_ring_size(void)
{
	return sizeof(console_area);
}

int console_ring_map(struct cell *cell)
{
	return paging_map(&cell->stage2, console_ring_address(),
			  console_ring_address(), console_ring_size(),
			  PAGING_READ);
}

/* Only with the MMU on: before that, the ring is not set up. */
static void ring_put(char c)
{
	struct bulkhead_console_ring *ring = &console_area.ring;
	u64 pos = ring->write_pos;

	if (!ring->size)
		return;
	ring->data[pos % ring->size] = c;
	__atomic_store_n(&ring->write_pos, pos + 1, __ATOMIC_RELEASE);
}

static void ring_puts(const char *s)
{
	for (; *s; s++)
		ring_put(*s);
}

static void uart_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			arch_console_putc('\r');
		arch_console_putc(*s);
	}
}

/* One source's text; tag_name NULL for the hypervisor. */
static void write_tagged(const char *tag_name, const char *s)
{
	bool ring = arch_mmu_enabled();

	if (tag_name) {
		uart_puts(BULKHEAD_CONSOLE_CELL_TAG);
		uart_puts(tag_name);
		uart_puts("] ");
	}
	uart_puts(s);
	if (!ring)
		return;
	for (; *s; s++) {
		if (at_line_start) {
			if (tag_name) {
				ring_puts(BULKHEAD_CONSOLE_CELL_TAG);
				ring_puts(tag_name);
				ring_puts("] ");
			} else {
				ring_puts(BULKHEAD_CONSOLE_HV_TAG);
			}
		}
		ring_put(*s);
		at_line_start = *s == '\n';
	}
}

void console_write_hv(const char *s, bool locked)
{
	if (locked)
		spin_lock(&console_lock);
	write_tagged(NULL, s);
	if (locked)
		spin_unlock(&console_lock);
}

static bool may_print(const struct cell *cell)
{
	return cell == &root_cell ||
	       (cell->config->flags & BULKHEAD_CELL_DEBUG_CONSOLE);
}

void console_cell_flush(struct per_cpu *cpu)
{
	typeof(cell_lines[0]) *line = &cell_lines[cpu->cpu_id];

	if (!line->len)
		return;
	if (line->text[line->len - 1] != '\n')
		line->text[line->len++] = '\n';
	line->text[line->len] = '\0';
	spin_lock(&console_lock);
	write_tagged(cpu->cell->config->name, line->text);
	spin_unlock(&console_lock);
	line->len = 0;
}

int console_cell_putc(struct per_cpu *cpu, char c)
{
	typeof(cell_lines[0]) *line = &cell_lines[cpu->cpu_id];

	if (!may_print(cpu->cell))
		return -BULKHEAD_EPERM;
	if (c == '\r' || c == '\0')
		return 0;
	line->text[line->len++] = c;
	/* A full buffer ends the line: a cell cannot stall the console. */
	if (c == '\n' || line->len >= CELL_LINE_SIZE - 2)
		console_cell_flush(cpu);
	return 0;
}
