/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Console output: the debug UART plus the console ring the root cell can
 * read (include/bulkhead/console.h). Lines are attributed to their source.
 */
#ifndef _HV_CONSOLE_H
#define _HV_CONSOLE_H

#include <hv/types.h>

struct cell;
struct per_cpu;

/* Start an empty ring (first CPU, MMU on). */
void console_ring_init(void);
/* Where the ring is (physical = hypervisor virtual) and how big. */
u64 console_ring_address(void);
u64 console_ring_size(void);
/* Map the ring read-only into a cell's stage 2 (the root cell's reader). */
int console_ring_map(struct cell *cell);

/* Hypervisor text; locked says whether the console lock may be taken. */
void console_write_hv(const char *s, bool locked);
/*
 * A character from the cell running on this CPU (debug-console hypercall).
 * Buffered per CPU until a newline so lines of different sources never mix.
 */
int console_cell_putc(struct per_cpu *cpu, char c);
/*
 * The CPU leaves its cell (stop, failure, CPU_OFF): its unfinished line is
 * the cell's last words, so it goes out now rather than opening the next
 * cell's first line on this CPU.
 */
void console_cell_flush(struct per_cpu *cpu);

#endif
