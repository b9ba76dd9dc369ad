// SPDX-License-Identifier: GPL-2.0
/* Data cache maintenance and the MMU state of the running CPU. */
#include <hv/arch.h>
#include <arch/paging_bits.h>
#include <arch/sysregs.h>

/*
 * Write back and drop [start, start + size) to the point of coherency, so
 * whoever reads it next with caches off (the driver's next copy, this
 * CPU after the MMU goes off) sees what the hypervisor wrote.
 */
void arch_dcache_clean_inval(u64 start, u64 size)
{
	u64 line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	u64 p = start & ~(line - 1);

	for (; p < start + size; p += line)
		asm volatile("dc civac, %0" : : "r" (p) : "memory");
	asm volatile("dsb sy" : : : "memory");
}

bool arch_mmu_enabled(void)
{
	return read_sysreg(sctlr_el2) & SCTLR_M;
}
