/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EL2 exception vectors. The driver points VBAR_EL2 here through the
 * kernel's hyp stub (HVC_SET_VECTORS) and then issues
 * "hvc #BULKHEAD_HVC_IMM" with BULKHEAD_HC_CPU_ENTER.
 *
 * The MMU is off: this runs at physical addresses, so everything is
 * PC-relative (adrp/add) and position-independent. There is no stack until
 * CPU_ENTER picks this CPU's per-CPU slot; TPIDR_EL2 then points at the slot
 * and SP_EL2 at the top of its stack. The caller declares x0-x18 clobbered;
 * x19-x30 and everything EL1 owns survive (C preserves x19-x29, x30 is
 * saved here).
 */
#include <bulkhead/hypercall.h>
#include <hv/percpu.h>

#define ESR_EC_SHIFT	26
#define ESR_EC_HVC64	0x16
#define ESR_ISS_IMM	0xffff

	/* Point x\reg at this CPU's slot if TPIDR_EL2 holds a valid one. */
	.macro	percpu_or reg, tmp, tmp2, fail
	mrs	\reg, tpidr_el2
	adrp	\tmp, per_cpu_area
	add	\tmp, \tmp, :lo12:per_cpu_area
	sub	\tmp, \reg, \tmp
	mov	\tmp2, #(HV_MAX_CPUS * PERCPU_SIZE)
	cmp	\tmp, \tmp2
	b.hs	\fail
	tst	\tmp, #(PERCPU_SIZE - 1)
	b.ne	\fail
	.endm

	.macro	ventry target, vector
	.balign	128
	mov	x0, #\vector
	b	\target
	.endm

	.section .vectors, "ax"
	.balign	2048
	.globl	el2_entry_vectors
el2_entry_vectors:
	ventry	el2_trap, 0x000		/* EL2 with SP_EL0: never used */
	ventry	el2_trap, 0x080
	ventry	el2_trap, 0x100
	ventry	el2_trap, 0x180
	ventry	el2_trap, 0x200		/* EL2 with SP_EL2: our own bugs */
	ventry	el2_trap, 0x280
	ventry	el2_trap, 0x300
	ventry	el2_trap, 0x380
	.balign	128			/* lower EL, AArch64, synchronous */
	b	el1_sync
	ventry	el1_trap, 0x480
	ventry	el1_trap, 0x500
	ventry	el1_trap, 0x580
	ventry	el1_trap, 0x600		/* lower EL, AArch32 */
	ventry	el1_trap, 0x680
	ventry	el1_trap, 0x700
	ventry	el1_trap, 0x780

	.text
el1_sync:
	mrs	x9, esr_el2
	lsr	x10, x9, #ESR_EC_SHIFT
	cmp	x10, #ESR_EC_HVC64
	b.ne	el1_sync_other
	and	x10, x9, #ESR_ISS_IMM
	mov	x11, #BULKHEAD_HVC_IMM
	cmp	x10, x11
	b.ne	stub_call
	cmp	x0, #BULKHEAD_HC_CPU_ENTER
	b.eq	cpu_enter_call
	percpu_or x3, x10, x11, not_entered
	add	sp, x3, #PERCPU_STACK_SIZE
	b	do_hypercall

not_entered:
	mov	x0, #-BULKHEAD_EPERM
	eret

/*
 * A hyp-stub call (hvc #0) from Linux while our vectors are installed:
 * answer like the stub does for a call it does not know.
 */
stub_call:
	movz	x0, #(BULKHEAD_STUB_ERR & 0xffff)
	movk	x0, #(BULKHEAD_STUB_ERR >> 16), lsl #16
	eret

/* x1: logical CPU number, x2: stub vectors. Pick the slot, set the stack. */
cpu_enter_call:
	cmp	x1, #HV_MAX_CPUS
	b.hs	enter_invalid
	adrp	x3, per_cpu_area
	add	x3, x3, :lo12:per_cpu_area
	mov	x9, #PERCPU_SIZE
	madd	x3, x1, x9, x3
	msr	tpidr_el2, x3
	add	sp, x3, #PERCPU_STACK_SIZE
	b	do_hypercall
enter_invalid:
	mov	x0, #-BULKHEAD_EINVAL
	eret

/*
 * x0-x2: call and arguments, x3: per-CPU slot, sp: its stack. A failed
 * CPU_ENTER and a successful DISABLE both hand the CPU back to the stub.
 */
do_hypercall:
	stp	x29, x30, [sp, #-32]!
	stp	x19, x20, [sp, #16]
	mov	x19, x0
	mov	x20, x2
	bl	hypercall
	cmp	x19, #BULKHEAD_HC_CPU_ENTER
	b.ne	1f
	cbz	x0, 3f
	mov	x9, x20			/* entry failed: the caller's stub */
	b	2f
1:	cmp	x19, #BULKHEAD_HC_DISABLE
	b.ne	3f
	cbnz	x0, 3f
	adrp	x9, stub_vectors
	ldr	x9, [x9, :lo12:stub_vectors]
2:	cbz	x9, 3f
	msr	vbar_el2, x9
	msr	tpidr_el2, xzr
	isb
3:	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #32
	eret

/* Nothing else traps yet; anything that does is reported. */
el1_sync_other:
	mov	x0, #0x400
el1_trap:
	percpu_or x9, x10, x11, el1_trap_nostack
	add	sp, x9, #PERCPU_STACK_SIZE
el2_trap:
	mrs	x1, esr_el2
	mrs	x2, elr_el2
	mrs	x3, far_el2
	bl	arch_unhandled_trap
el1_trap_nostack:
	/* No per-CPU slot, hence no stack and no console: stop quietly. */
	msr	daifset, #0xf
4:	wfi
	b	4b
