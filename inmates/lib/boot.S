/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Inmate entry at EL1: stack, BSS, then inmate_main(). Returning from
 * inmate_main() halts the CPU.
 */
	.section .boot, "ax"
	.globl __inmate_start
__inmate_start:
	adr	x0, __stack_top
	mov	sp, x0
	adr	x0, __bss_start
	adr	x1, __bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	bl	inmate_main
3:	wfi
	b	3b
