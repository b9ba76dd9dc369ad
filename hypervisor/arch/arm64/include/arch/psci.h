/* SPDX-License-Identifier: GPL-2.0 */
/* PSCI emulation for cells (psci.c). */
#ifndef _ARCH_PSCI_H
#define _ARCH_PSCI_H

#include <hv/percpu.h>
#include <arch/traps.h>

/* A trapped SMC from the guest of cpu; results go into the frame. */
void psci_handle_smc(struct per_cpu *cpu, struct trap_frame *frame);

#endif
