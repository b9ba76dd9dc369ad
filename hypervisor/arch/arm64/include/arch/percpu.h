/* SPDX-License-Identifier: GPL-2.0 */
/* The arm64 part of each CPU's per-CPU data. */
#ifndef _ARCH_PERCPU_H
#define _ARCH_PERCPU_H

#include <hv/types.h>

/* PSCI view of a CPU of a cell (arch/arm64/psci.c). */
#define PSCI_CPU_ON		0
#define PSCI_CPU_OFF		1
#define PSCI_CPU_ON_PENDING	2

struct arch_per_cpu {
	u64 stub_hcr;		/* HCR_EL2 as the kernel's stub left it */
	u32 psci_state;		/* PSCI_CPU_*, under psci_lock */
	u64 psci_entry;		/* CPU_ON: where its guest restarts */
	u64 psci_context;	/* CPU_ON: x0 at the restart */
	u64 icc_ctlr;		/* ICC_CTLR_EL1 as Linux left it at enable */
	/* Interrupts waiting for a free list register (gicv3_cpuif.c). */
	struct {
		u32 intid;
		u8 prio;
	} irq_queue[32];
	u32 irq_queued;
};

#endif
