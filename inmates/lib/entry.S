/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Inmate image header and entry at EL1.
 *
 * The header sits at offset 0 of every image (docs/inmates.md): a loader
 * (the root cell before "bulkhead cell load", or a test before a bare run)
 * patches the parameter word at offset 0x10 to choose a demo's behaviour
 * without rebuilding it.
 *
 * Entry: interrupts masked, SP_EL1 selected and pointing at the image's
 * stack, exception vectors installed, the image's data cache lines
 * invalidated, BSS (with the stack and, in bare images, the stub comm
 * page) zeroed, the MMU and caches switched on (mmu.c), then
 * inmate_main(). Returning from it reports the cell shut down (comm
 * region) and halts the CPU.
 */
#include <inmate/image.h>

	.section .boot, "ax"
	.globl __inmate_start
__inmate_start:
	b	entry				/* 0x00 */
	.word	0				/* 0x04 reserved */
	.ascii	INMATE_IMAGE_MAGIC		/* 0x08 */
	.globl	inmate_param
inmate_param:
	.word	0				/* 0x10 parameter word */
	.word	INMATE_IMAGE_VERSION		/* 0x14 */
	.quad	__inmate_start			/* 0x18 link address */

entry:
	msr	daifset, #0xf
	msr	spsel, #1
	adrp	x0, __stack_top
	add	x0, x0, :lo12:__stack_top
	mov	sp, x0
	adrp	x0, inmate_vectors
	add	x0, x0, :lo12:inmate_vectors
	msr	vbar_el1, x0
	isb
	/*
	 * Until mmu.c switches the caches on, every store goes to memory
	 * uncached. A line of the image's memory still in a cache (a
	 * previous program here, the root cell before it gave the memory
	 * away) would then hide those stores once the caches are on, or, if
	 * dirty and evicted, overwrite them. Invalidate first, before any
	 * store: even an invalidate that a hypervisor turns into clean and
	 * invalidate cannot overwrite anything then. The loaded part is
	 * clean already (the loader cleaned it to the point of coherency,
	 * or it could not have run uncached).
	 */
	mrs	x2, ctr_el0
	ubfx	x2, x2, #16, #4			/* DminLine, log2 words */
	mov	x3, #4
	lsl	x3, x3, x2			/* line size in bytes */
	adrp	x0, __inmate_start
	adrp	x1, __inmate_end
	add	x1, x1, :lo12:__inmate_end
1:	dc	ivac, x0
	add	x0, x0, x3
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __inmate_end
	add	x1, x1, :lo12:__inmate_end
2:	cmp	x0, x1
	b.hs	3f
	stp	xzr, xzr, [x0], #16
	b	2b
3:	bl	inmate_mmu_init
	bl	inmate_main
	bl	comm_report_shut_down
	bl	inmate_halt
