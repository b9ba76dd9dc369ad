/* SPDX-License-Identifier: GPL-2.0 */
/* C entry to the MMU switch for the first CPU in (see mmu_asm.h). */
#include <arch/mmu_asm.h>

	.text
	.globl	arch_mmu_on
arch_mmu_on:			/* x0: root table, physical */
	el2_mmu_on x0, x9, x10
	ret
	.ltorg
