// SPDX-License-Identifier: GPL-2.0
/*
 * Exceptions nothing handles yet. In this bring-up stage the root cell sets
 * no traps, so any of these is a bug in the hypervisor itself: report it
 * with everything needed to find it, and stop the CPU.
 */
#include <hv/percpu.h>
#include <hv/printk.h>
#include <arch/sysregs.h>
#include <arch/traps.h>

void arch_unhandled_trap(u64 vector, u64 esr, u64 elr, u64 far)
{
	struct per_cpu *cpu = (struct per_cpu *)read_sysreg(tpidr_el2);

	panic("unhandled exception on CPU %u: vector 0x%lx, EC 0x%lx, "
	      "ESR 0x%lx, ELR 0x%lx, FAR 0x%lx\n", cpu->cpu_id,
	      (unsigned long)vector, (unsigned long)(esr >> 26),
	      (unsigned long)esr, (unsigned long)elr, (unsigned long)far);
}
