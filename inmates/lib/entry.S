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
 * stack, exception vectors installed, BSS (with the stack and, in bare
 * images, the stub comm page) zeroed, then inmate_main(). Returning from
 * it reports the cell shut down (comm region) and halts the CPU.
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
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __inmate_end
	add	x1, x1, :lo12:__inmate_end
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b
2:	bl	inmate_main
	bl	comm_report_shut_down
	bl	inmate_halt
