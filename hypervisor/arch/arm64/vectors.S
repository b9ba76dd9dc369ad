/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EL2 exception vectors. The driver points VBAR_EL2 here through the
 * kernel's hyp stub. Until the hypervisor takes over a CPU, an exception
 * from EL1 answers with an error so the caller learns it is not ready.
 */
#define HV_NOT_READY	(-38)	/* -ENOSYS */

	.section .vectors, "ax"
	.balign	2048
	.globl el2_entry_vectors
el2_entry_vectors:
	.rept	16
	.balign	128
	mov	x0, #HV_NOT_READY
	eret
	.endr
