/* SPDX-License-Identifier: GPL-2.0 */
/* The GICv3: distributor/redistributor emulation per cell (gicv3_mmio.c). */
#ifndef _ARCH_GICV3_H
#define _ARCH_GICV3_H

#include <hv/types.h>

struct cell;

/* MPIDR's affinity fields packed as in GICR_TYPER[63:32]: Aff3.2.1.0. */
static inline u64 gicv3_mpidr_to_aff(u64 mpidr)
{
	return ((mpidr >> 8) & 0xff000000ULL) | (mpidr & 0xffffffULL);
}

bool gicv3_cell_owns_irq(const struct cell *cell, u32 intid);
/* Trap and filter the cell's GICD/GICR accesses (stage 2 leaves them out). */
int gicv3_mmio_init(struct cell *cell);

#endif
