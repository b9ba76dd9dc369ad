/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MMIO emulation: a cell's access to a guest-physical address that its
 * stage 2 leaves unmapped on purpose is decoded by the architecture and
 * dispatched here to the handler registered for the range.
 */
#ifndef _HV_MMIO_H
#define _HV_MMIO_H

#include <hv/types.h>

struct cell;
struct per_cpu;

struct mmio_access {
	u64 address;	/* guest physical */
	u64 value;	/* written, or to be returned by a read */
	u32 size;	/* 1, 2, 4 or 8 bytes */
	bool write;
	bool denied;	/* set by a handler that refused the access */
};

/*
 * A handler answers every access in its range: denied accesses are
 * reported by the handler and then ignored (writes) or read as zero.
 * A non-root cell's denied access is a violation like an unmapped one:
 * mmio_dispatch() then says it was not handled, and the cell stops.
 * offset: from the start of the registered range.
 */
typedef void (*mmio_handler_t)(struct per_cpu *cpu, struct mmio_access *a,
			       u64 offset);

/* 0, or -BULKHEAD_ENOMEM when the table is full. */
int mmio_register(struct cell *cell, u64 start, u64 size,
		  mmio_handler_t handler);
/* Forget the cell's range that starts at start. */
void mmio_unregister_range(struct cell *cell, u64 start);
/* Forget every range of a cell. */
void mmio_unregister_cell(struct cell *cell);
/* true if a handler took the access (and did not deny a non-root cell). */
bool mmio_dispatch(struct per_cpu *cpu, struct mmio_access *a);

#endif
