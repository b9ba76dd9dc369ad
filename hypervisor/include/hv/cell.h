/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A cell: a partition with its own guest-physical address space. Only the
 * root cell exists so far; it is Linux, identity mapped from its config.
 */
#ifndef _HV_CELL_H
#define _HV_CELL_H

#include <bulkhead/config.h>
#include <hv/paging.h>

struct cell {
	const struct bulkhead_cell_desc *config;
	struct paging stage2;	/* guest physical -> host physical */
	u16 vmid;		/* tags its TLB entries */
};

extern struct cell root_cell;

/*
 * Build the root cell's stage-2 tables from the system config. 0 or a
 * negative BULKHEAD_E* after printing why.
 */
int root_cell_init(void);
/* Give every table back to the pool (all CPUs have left the cell). */
void cell_destroy(struct cell *cell);

#endif
