/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Hypercalls into Bulkhead (arm64): "hvc #BULKHEAD_HVC_IMM" with the call
 * number in x0 and arguments in x1..x3; the result comes back in x0
 * (0 or a negative BULKHEAD_E* code) and, for some calls, x1.
 *
 * The immediate is ours so that the kernel's hyp-stub calls (hvc #0, which
 * the stub dispatches on x0 alone) can never be mistaken for hypercalls.
 * Callers declare x0-x18 clobbered.
 */
#ifndef _BULKHEAD_HYPERCALL_H
#define _BULKHEAD_HYPERCALL_H

#define BULKHEAD_HVC_IMM		0x4248	/* "BH" */

/*
 * Enter the hypervisor on the calling CPU (driver only, once per CPU per
 * enable). x1: logical CPU number, x2: physical address of the kernel's
 * hyp-stub vectors, restored by BULKHEAD_HC_DISABLE.
 * Returns 0, x1 = CPUs that have entered so far (this one included).
 */
#define BULKHEAD_HC_CPU_ENTER		0
/* Leave the hypervisor on the calling CPU and restore the stub vectors. */
#define BULKHEAD_HC_DISABLE		1

/* Result codes (x0): negated, errno-like values shared with Linux. */
#define BULKHEAD_EPERM			1
#define BULKHEAD_EINVAL			22
#define BULKHEAD_EBUSY			16
#define BULKHEAD_ENOSYS			38

/*
 * The kernel's EL2 stub (arch/arm64/include/asm/virt.h, Linux 6.1), called
 * with "hvc #0". Unknown calls answer BULKHEAD_STUB_ERR, which is also how
 * the driver recognises that the stub (and thus EL2) is there.
 */
#define BULKHEAD_STUB_SET_VECTORS	0
#define BULKHEAD_STUB_RESET_VECTORS	2
#define BULKHEAD_STUB_ERR		0xbadca11

#endif
