/* SPDX-License-Identifier: GPL-2.0 */
/* The GICv3: distributor/redistributor emulation per cell (gicv3_mmio.c). */
#ifndef _ARCH_GICV3_H
#define _ARCH_GICV3_H

#include <hv/types.h>

struct cell;
struct per_cpu;
struct trap_frame;

/* The virtual CPU interface's maintenance interrupt: the hypervisor's. */
#define GICV3_MAINTENANCE_INTID	25
/*
 * The SGI the hypervisor sends to make a CPU leave its cell (a stop):
 * it wakes a CPU sleeping in WFI, and is never injected. Linux uses SGIs
 * 0-7 only; no cell may send or mask this one.
 */
#define GICV3_KICK_SGI		15

/* MPIDR's affinity fields packed as in GICR_TYPER[63:32]: Aff3.2.1.0. */
static inline u64 gicv3_mpidr_to_aff(u64 mpidr)
{
	return ((mpidr >> 8) & 0xff000000ULL) | (mpidr & 0xffffffULL);
}

bool gicv3_cell_owns_irq(const struct cell *cell, u32 intid);
/* Trap and filter the cell's GICD/GICR accesses (stage 2 leaves them out). */
int gicv3_mmio_init(struct cell *cell);
/* A non-root cell's interrupt lines leave the root cell, and come back. */
void gicv3_cell_take_irqs(const struct cell *cell);
void gicv3_cell_return_irqs(const struct cell *cell);
/* The redistributor frame of the CPU with this MPIDR, 0 if none. */
u64 gicv3_redistributor(u64 mpidr);
/* A CPU starting in a non-root cell: its SGIs and PPIs from reset. */
void gicv3_redistributor_reset(const struct per_cpu *cpu);

/* Interrupts through EL2 (gicv3_cpuif.c), per CPU. */
void gicv3_cpuif_enable(struct per_cpu *cpu);
void gicv3_cpuif_disable(struct per_cpu *cpu);
void gicv3_cpuif_reset(struct per_cpu *cpu);
/*
 * A virtual-only (HW=0) interrupt into a free list register of this CPU,
 * or more pending where it already is. False with none free: the
 * maintenance interrupt is then requested (gicv3_cpuif.c).
 */
bool gicv3_inject_virtual(u32 intid, u8 prio);
/* Software-generated virtual interrupts (virq.c), at every IRQ exit. */
void virq_deliver(struct per_cpu *cpu);
/* A trapped ICC_SGI*R_EL1 write (sgi_trap.c). */
void gicv3_sgi_trap(struct per_cpu *cpu, struct trap_frame *frame, u64 esr);
/* The ICC_SGI1R_EL1 value that sends SGI intid to the CPU with mpidr. */
u64 gicv3_sgi_value(u64 mpidr, u32 intid);

#endif
