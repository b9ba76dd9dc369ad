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
#include <arch/mmu_asm.h>
#include <arch/traps.h>

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

/*
 * The table a CPU runs with once inside: traps from its guest may come
 * from any code, so the synchronous entry saves every register on this
 * CPU's stack (SP_EL2 is the stack top whenever the guest runs) before
 * deciding. Hypercalls go the same way as at the entry table.
 */
	.balign	2048
	.globl	el2_guest_vectors
el2_guest_vectors:
	ventry	el2_trap, 0x000
	ventry	el2_trap, 0x080
	ventry	el2_trap, 0x100
	ventry	el2_trap, 0x180
	ventry	el2_trap, 0x200
	ventry	el2_trap, 0x280
	ventry	el2_trap, 0x300
	ventry	el2_trap, 0x380
	.balign	128			/* lower EL, AArch64, synchronous */
	sub	sp, sp, #TRAP_FRAME_SIZE
	stp	x9, x10, [sp, #(9 * 8)]
	mrs	x9, esr_el2
	lsr	x10, x9, #ESR_EC_SHIFT
	cmp	x10, #ESR_EC_HVC64
	b.ne	guest_trap
	ldp	x9, x10, [sp, #(9 * 8)]
	add	sp, sp, #TRAP_FRAME_SIZE
	b	el1_sync
	.balign	128			/* lower EL, AArch64, IRQ */
	stp	x0, x1, [sp, #-TRAP_FRAME_SIZE]!
	stp	x2, x3, [sp, #(2 * 8)]
	stp	x4, x5, [sp, #(4 * 8)]
	b	guest_irq
	ventry	el1_trap, 0x500
	ventry	el1_trap, 0x580
	ventry	el1_trap, 0x600
	ventry	el1_trap, 0x680
	ventry	el1_trap, 0x700
	ventry	el1_trap, 0x780

	.text
/*
 * A physical IRQ while the guest ran; x0-x5 are saved in a trap frame.
 * It is on the path of every timer tick, so the common case is handled
 * here with those six registers: a PPI or SPI other than the maintenance
 * interrupt, nothing queued (gicv3_cpuif.c keeps the queue in order) and
 * a list register free (ICH_ELRSR_EL2 has no bits for unimplemented
 * ones). It is acknowledged, its priority dropped (EOImode=1 keeps it
 * active), counted, and linked into the lowest free list register as
 * gicv3_cpuif.c's lr_value() would (HW=1, pINTID = vINTID, the
 * acknowledged priority). No duplicate check: a linked interrupt stays
 * active physically, so it cannot be acknowledged again while a list
 * register holds it. No isb: eret synchronises the list register write.
 * Everything else goes to C with the IAR value in x0.
 */
guest_irq:
	mrs	x0, icc_iar1_el1
	and	w1, w0, #0xffffff
	sub	w2, w1, #16
	cmp	w2, #(FAST_INTID_SPURIOUS - 16)
	b.hs	guest_irq_slow		/* SGI, special, LPI */
	cmp	w1, #FAST_MAINTENANCE_INTID
	b.eq	guest_irq_slow
	mrs	x2, tpidr_el2
	ldr	w3, [x2, #PERCPU_IRQ_QUEUED]
	cbnz	w3, guest_irq_slow
	mrs	x3, ich_elrsr_el2
	cbz	x3, guest_irq_slow	/* all list registers busy */
	rbit	x3, x3
	clz	x3, x3			/* the lowest free one */
	mrs	x4, icc_rpr_el1		/* acknowledged priority */
	msr	icc_eoir1_el1, x0
	and	x4, x4, #0xff
	orr	x1, x1, x1, lsl #32
	orr	x1, x1, x4, lsl #48
	orr	x1, x1, #FAST_LR_BITS
	ldr	x5, [x2, #PERCPU_EXIT_IRQ]
	add	x5, x5, #1
	str	x5, [x2, #PERCPU_EXIT_IRQ]
	adr	x4, lr_write
	add	x4, x4, x3, lsl #3
	br	x4
	/* List registers are named, not indexed: 8 bytes per entry. */
lr_write:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	msr	ich_lr\n\()_el2, x1
	b	guest_irq_return
	.endr
/* x0: the IAR value read. Only caller-saved registers change in C. */
guest_irq_slow:
	stp	x6, x7, [sp, #(6 * 8)]
	stp	x8, x9, [sp, #(8 * 8)]
	stp	x10, x11, [sp, #(10 * 8)]
	stp	x12, x13, [sp, #(12 * 8)]
	stp	x14, x15, [sp, #(14 * 8)]
	stp	x16, x17, [sp, #(16 * 8)]
	str	x30, [sp, #(30 * 8)]
	bl	arch_guest_irq
	ldp	x6, x7, [sp, #(6 * 8)]
	ldp	x8, x9, [sp, #(8 * 8)]
	ldp	x10, x11, [sp, #(10 * 8)]
	ldp	x12, x13, [sp, #(12 * 8)]
	ldp	x14, x15, [sp, #(14 * 8)]
	ldp	x16, x17, [sp, #(16 * 8)]
	ldr	x30, [sp, #(30 * 8)]
guest_irq_return:
	ldp	x2, x3, [sp, #(2 * 8)]
	ldp	x4, x5, [sp, #(4 * 8)]
	ldp	x0, x1, [sp], #TRAP_FRAME_SIZE
	eret

/* x9/x10 are saved already; the frame is struct trap_frame. */
guest_trap:
	stp	x0, x1, [sp, #(0 * 8)]
	stp	x2, x3, [sp, #(2 * 8)]
	stp	x4, x5, [sp, #(4 * 8)]
	stp	x6, x7, [sp, #(6 * 8)]
	str	x8, [sp, #(8 * 8)]
	stp	x11, x12, [sp, #(11 * 8)]
	stp	x13, x14, [sp, #(13 * 8)]
	stp	x15, x16, [sp, #(15 * 8)]
	stp	x17, x18, [sp, #(17 * 8)]
	stp	x19, x20, [sp, #(19 * 8)]
	stp	x21, x22, [sp, #(21 * 8)]
	stp	x23, x24, [sp, #(23 * 8)]
	stp	x25, x26, [sp, #(25 * 8)]
	stp	x27, x28, [sp, #(27 * 8)]
	stp	x29, x30, [sp, #(29 * 8)]
	mov	x0, sp
	bl	arch_guest_trap
	ldp	x0, x1, [sp, #(0 * 8)]
	ldp	x2, x3, [sp, #(2 * 8)]
	ldp	x4, x5, [sp, #(4 * 8)]
	ldp	x6, x7, [sp, #(6 * 8)]
	ldp	x8, x9, [sp, #(8 * 8)]
	ldp	x10, x11, [sp, #(10 * 8)]
	ldp	x12, x13, [sp, #(12 * 8)]
	ldp	x14, x15, [sp, #(14 * 8)]
	ldp	x16, x17, [sp, #(16 * 8)]
	ldr	x18, [sp, #(18 * 8)]
	ldp	x19, x20, [sp, #(19 * 8)]
	ldp	x21, x22, [sp, #(21 * 8)]
	ldp	x23, x24, [sp, #(23 * 8)]
	ldp	x25, x26, [sp, #(25 * 8)]
	ldp	x27, x28, [sp, #(27 * 8)]
	ldp	x29, x30, [sp, #(29 * 8)]
	add	sp, sp, #TRAP_FRAME_SIZE
	eret

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

/*
 * x1: logical CPU number, x2: stub vectors. Pick the slot, switch the MMU
 * on if the first CPU has built the page tables (before touching memory:
 * our data is cached from then on), set the stack.
 */
cpu_enter_call:
	cmp	x1, #HV_MAX_CPUS
	b.hs	enter_invalid
	adrp	x3, per_cpu_area
	add	x3, x3, :lo12:per_cpu_area
	mov	x9, #PERCPU_SIZE
	madd	x3, x1, x9, x3
	msr	tpidr_el2, x3
	adrp	x9, hv_mmu_root
	ldr	x9, [x9, :lo12:hv_mmu_root]
	cbz	x9, 1f
	el2_mmu_on x9, x10, x11
1:	add	sp, x3, #PERCPU_STACK_SIZE
	b	do_hypercall
enter_invalid:
	mov	x0, #-BULKHEAD_EINVAL
	eret

/*
 * x0-x2: call and arguments, x3: per-CPU slot, sp: its stack. A failed
 * CPU_ENTER and a successful DISABLE both hand the CPU back to the stub,
 * with the MMU off again (the C side cleaned the caches).
 */
do_hypercall:
	stp	x29, x30, [sp, #-32]!
	stp	x19, x20, [sp, #16]
	mov	x19, x0
	mov	x20, x2
	bl	hypercall
	cmp	x19, #BULKHEAD_HC_CPU_ENTER
	b.ne	1f
	cbnz	x0, 4f
	adrp	x9, el2_guest_vectors	/* entered: guest traps from now */
	add	x9, x9, :lo12:el2_guest_vectors
	msr	vbar_el2, x9
	isb
	b	3f
4:	mov	x9, x20			/* entry failed: the caller's stub */
	b	2f
1:	cmp	x19, #BULKHEAD_HC_DISABLE
	b.ne	3f
	cbnz	x0, 3f
	adrp	x9, stub_vectors
	ldr	x9, [x9, :lo12:stub_vectors]
2:	cbz	x9, 3f
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #32
	msr	vbar_el2, x9
	msr	tpidr_el2, xzr
	el2_mmu_off x9, x10
	eret
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
	.ltorg
