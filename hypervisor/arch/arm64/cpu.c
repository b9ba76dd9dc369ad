// SPDX-License-Identifier: GPL-2.0
/* The arm64 answers to hv/arch.h's questions about the running CPU. */
#include <hv/arch.h>
#include <arch/sysregs.h>

extern u8 bulkhead_header[];

u64 arch_cpu_hw_id(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_AFFINITY_MASK;
}

unsigned int arch_current_el(void)
{
	return (read_sysreg(CurrentEL) >> 2) & 3;
}

/* PC-relative, so it is the physical address while the MMU is off. */
u64 arch_image_base(void)
{
	return (uintptr_t)bulkhead_header;
}

void arch_halt(void)
{
	asm volatile("msr daifset, #0xf" : : : "memory");
	for (;;)
		asm volatile("wfi" : : : "memory");
}
