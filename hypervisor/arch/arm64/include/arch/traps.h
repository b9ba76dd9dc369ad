/* SPDX-License-Identifier: GPL-2.0 */
/* Called from vectors.S. */
#ifndef _ARCH_TRAPS_H
#define _ARCH_TRAPS_H

#define TRAP_FRAME_SIZE	(32 * 8)

/*
 * What the IRQ fast path in vectors.S needs to know of C's structures
 * and of the GIC; gicv3_cpuif.c checks each against its C definition, so
 * a change of struct per_cpu fails the build here, not at run time.
 */
/* per_cpu.exits[BULKHEAD_EXIT_IRQ] and per_cpu.arch.irq_queued */
#define PERCPU_EXIT_IRQ		0x3040
#define PERCPU_IRQ_QUEUED	0x3180
#define FAST_MAINTENANCE_INTID	25	/* GICV3_MAINTENANCE_INTID */
#define FAST_INTID_SPURIOUS	1020	/* first special INTID */
/* A linked list register: pending, group 1, HW (bits 62, 60, 61). */
#define FAST_LR_BITS		0x7000000000000000

#ifndef __ASSEMBLER__
#include <hv/types.h>

/* The guest's general-purpose registers at the trap, x0..x30. */
struct trap_frame {
	u64 x[31];
	u64 pad;	/* keeps the stack 16-byte aligned */
};

_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_SIZE,
	       "vectors.S lays the frame out");

/* vector: offset of the vector taken in the table. Does not return. */
void arch_unhandled_trap(u64 vector, u64 esr, u64 elr, u64 far)
	__attribute__((noreturn));
/* A synchronous trap from the guest other than a hypercall. */
void arch_guest_trap(struct trap_frame *frame);
/*
 * A physical IRQ taken from the guest that the fast path in vectors.S
 * did not handle (gicv3_cpuif.c); iar: what it acknowledged already.
 */
void arch_guest_irq(u64 iar);
#endif

#endif
