/* SPDX-License-Identifier: GPL-2.0 */
/* Called from vectors.S. */
#ifndef _ARCH_TRAPS_H
#define _ARCH_TRAPS_H

#define TRAP_FRAME_SIZE	(32 * 8)

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
/* A physical IRQ taken from the guest (gicv3_cpuif.c). */
void arch_guest_irq(struct trap_frame *frame);
#endif

#endif
