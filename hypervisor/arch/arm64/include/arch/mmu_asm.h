/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Switching this CPU's EL2 MMU on and off, as assembler macros so the
 * entry path can use them before it has a stack and without a call (x30
 * still belongs to Linux there). The hypervisor's map is an identity map
 * (VA = PA), so execution simply continues across the switch.
 */
#ifndef _ARCH_MMU_ASM_H
#define _ARCH_MMU_ASM_H

#include <arch/paging_bits.h>

#define SCTLR_MMU_BITS	(SCTLR_M | SCTLR_C | SCTLR_I)
#define TCR_EL2_BASE	(TCR_EL2_RES1 | TCR_SH0_INNER | TCR_ORGN0_WBWA | \
			 TCR_IRGN0_WBWA | TCR_T0SZ(HV_VA_BITS))

#ifdef __ASSEMBLER__
	/* root: physical address of the EL2 stage-1 root table. */
	.macro	el2_mmu_on root, t1, t2
	mov	\t1, #MAIR_EL2_VALUE
	msr	mair_el2, \t1
	/* Output size: what the CPU implements, capped at 48 bits. */
	mrs	\t1, id_aa64mmfr0_el1
	and	\t1, \t1, #0xf
	mov	\t2, #5
	cmp	\t1, \t2
	csel	\t1, \t1, \t2, ls
	lsl	\t1, \t1, #TCR_PS_SHIFT
	ldr	\t2, =TCR_EL2_BASE
	orr	\t1, \t1, \t2
	msr	tcr_el2, \t1
	msr	ttbr0_el2, \root
	isb
	tlbi	alle2
	/* The image may be new since this CPU last ran it cached. */
	ic	iallu
	dsb	nsh
	isb
	mrs	\t1, sctlr_el2
	mov	\t2, #SCTLR_MMU_BITS
	orr	\t1, \t1, \t2
	msr	sctlr_el2, \t1
	isb
	.endm

	/* Callers cleaned what others must see: caches go off with it. */
	.macro	el2_mmu_off t1, t2
	mrs	\t1, sctlr_el2
	mov	\t2, #SCTLR_MMU_BITS
	bic	\t1, \t1, \t2
	msr	sctlr_el2, \t1
	isb
	tlbi	alle2
	dsb	nsh
	isb
	.endm
#endif

#endif
