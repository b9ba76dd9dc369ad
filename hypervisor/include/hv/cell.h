/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A cell: a partition with its own guest-physical address space. The root
 * cell is Linux, identity mapped from the system config; non-root cells
 * are created from cell configs the root cell hands in (cell.c,
 * control.c).
 */
#ifndef _HV_CELL_H
#define _HV_CELL_H

#include <bulkhead/comm_region.h>
#include <bulkhead/config.h>
#include <bulkhead/hypercall.h>
#include <hv/paging.h>
#include <hv/spinlock.h>

/* Non-root cells at once; ids 1..HV_MAX_CELLS, VMID = id. */
#define HV_MAX_CELLS		7

struct cell {
	const struct bulkhead_cell_desc *config;
	struct paging stage2;	/* guest physical -> host physical */
	u16 vmid;		/* tags its TLB entries */
	/* Serialises changes of a live stage 2 with aborts that retry. */
	spinlock_t stage2_lock;

	/* non-root cells only */
	u32 id;			/* 0: slot free */
	u32 state;		/* BULKHEAD_CELL_STATE_*, under control_lock */
	/* Set while its CPUs are being stopped: their next exit parks. */
	bool stopping;
	u32 config_pages;	/* pool pages holding the config copy */
	/* Its comm page: the hypervisor's uncached alias, and the page. */
	struct bulkhead_comm_region *comm;
	u64 comm_phys;
	bool loadable;		/* loadable regions mapped in the root */
	u64 cpu_set;		/* logical CPUs (< HV_MAX_CPUS) */
};

extern struct cell root_cell;
extern struct cell cells[HV_MAX_CELLS];

/*
 * Build the root cell's stage-2 tables from the system config. 0 or a
 * negative BULKHEAD_E* after printing why.
 */
int root_cell_init(void);
/* Give every table back to the pool (all CPUs have left the cell). */
void cell_destroy(struct cell *cell);

/* cell.c: the memory side of non-root cells */
int cell_check_config(const struct bulkhead_cell_desc *desc, u64 size);
int cell_map(struct cell *cell);
void cell_unmap(struct cell *cell);
int root_give(struct cell *cell, bool loadable_only);
int root_take(struct cell *cell, bool loadable_only);
unsigned long cell_region_flags(u64 flags);

/* comm_region.c */
int comm_region_alloc(struct cell *cell);
void comm_region_free(struct cell *cell);
void comm_region_reset(struct cell *cell);
/* 0 approved, -BULKHEAD_EBUSY denied or no reply in time. */
int comm_region_ask_shutdown(struct cell *cell);

/* control.c: the management hypercalls, and a cell stopping itself */
struct per_cpu;
s64 cell_management(struct per_cpu *cpu, u64 code, u64 arg1, u64 arg2,
		    u64 *value);
/*
 * The calling CPU of a non-root cell trapped with something the cell may
 * not do, or while its cell is being stopped: mark the cell failed (unless
 * stopping), stop its other CPUs and park. Returns when the CPU is started
 * again, into whatever cell it belongs to then.
 */
struct trap_frame;
void cell_cpu_stop(struct per_cpu *cpu, struct trap_frame *frame,
		   bool failed);

#endif
