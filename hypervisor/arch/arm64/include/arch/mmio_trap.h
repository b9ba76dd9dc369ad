/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_MMIO_TRAP_H
#define _ARCH_MMIO_TRAP_H

#include <hv/types.h>
#include <arch/traps.h>

struct per_cpu;

/*
 * Emulate a stage-2 data abort at ipa if a handler covers it and the
 * syndrome is usable; then the guest continues after the access. false:
 * not emulated, the caller reports the abort.
 */
bool mmio_trap(struct per_cpu *cpu, struct trap_frame *frame, u64 esr,
	       u64 ipa);

#endif
