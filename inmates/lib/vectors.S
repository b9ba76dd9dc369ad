/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * EL1 exception vectors. An IRQ taken from EL1 with SP_EL1 (the only way an
 * inmate runs) goes to irq_dispatch() with the caller-saved registers
 * preserved; everything else is unexpected and reported with the vector's
 * index by inmate_unexpected_exception(), which does not return.
 *
 * The IRQ path is kept short on purpose: its length is part of the
 * timer-fire-to-handler latency the jitter demo measures (the bare-metal
 * baseline of the hypervisor's overhead).
 */
	.macro	unexpected index
	.balign	0x80
	mov	x0, #\index
	b	unexpected_entry
	.endm

	.text
	.balign	2048
	.globl	inmate_vectors
inmate_vectors:
	unexpected 0		/* current EL, SP0: sync */
	unexpected 1		/*                  irq */
	unexpected 2		/*                  fiq */
	unexpected 3		/*                  serror */
	unexpected 4		/* current EL, SPx: sync */
	.balign	0x80		/*                  irq */
	b	irq_entry
	unexpected 6		/*                  fiq */
	unexpected 7		/*                  serror */
	unexpected 8		/* lower EL, AArch64 */
	unexpected 9
	unexpected 10
	unexpected 11
	unexpected 12		/* lower EL, AArch32 */
	unexpected 13
	unexpected 14
	unexpected 15

irq_entry:
	/* x0-x18, x29, x30: what a C call may clobber, plus the frame. */
	sub	sp, sp, #176
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	str	x30, [sp, #160]
	bl	irq_dispatch
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x29, [sp, #144]
	ldr	x30, [sp, #160]
	add	sp, sp, #176
	eret

unexpected_entry:
	/* We only report and halt: a fresh stack survives a broken SP. */
	adrp	x1, __stack_top
	add	x1, x1, :lo12:__stack_top
	mov	sp, x1
	bl	inmate_unexpected_exception
	b	inmate_halt
