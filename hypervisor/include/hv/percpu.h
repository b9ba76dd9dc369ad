/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU data: each CPU's stack and state, one fixed-size slot per logical
 * CPU in the image's zero-initialised part. TPIDR_EL2 (or the architecture's
 * equivalent) points at the slot of the CPU that runs. Also read by
 * assembly, hence the plain defines.
 */
#ifndef _HV_PERCPU_H
#define _HV_PERCPU_H

#define HV_MAX_CPUS		8
#define PERCPU_SIZE		0x4000
#define PERCPU_STACK_SIZE	0x3000	/* a multiple of 4 KiB: asm adds it */

#ifndef __ASSEMBLER__
#include <hv/types.h>

struct per_cpu {
	u8 stack[PERCPU_STACK_SIZE];	/* grows down towards the slot start */
	u32 cpu_id;			/* Linux's logical CPU number */
	bool entered;			/* this CPU runs under the hypervisor */
	u64 hw_id;			/* MPIDR on arm64 */
	u64 entries;			/* times this CPU entered since load */
} __attribute__((aligned(PERCPU_SIZE)));

_Static_assert(sizeof(struct per_cpu) == PERCPU_SIZE,
	       "per-CPU slot size is used by assembly and the image header");

extern struct per_cpu per_cpu_area[HV_MAX_CPUS];
#endif

#endif
