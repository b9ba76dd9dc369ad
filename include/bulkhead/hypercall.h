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
/*
 * Information about the running hypervisor. x1: BULKHEAD_INFO_*, x2: its
 * argument. Returns 0, x1 = the value.
 */
#define BULKHEAD_HC_GET_INFO		2

#define BULKHEAD_INFO_POOL_USED		0	/* page pool pages in use */
#define BULKHEAD_INFO_POOL_PAGES	1	/* page pool size in pages */
/* Exits of a CPU: x2 = logical CPU << 8 | BULKHEAD_EXIT_*. */
#define BULKHEAD_INFO_CPU_EXITS		2
/*
 * The console ring (bulkhead/console.h): x2 = 0 its physical address,
 * x2 = 1 its size in bytes. The root cell may read it, never write it.
 */
#define BULKHEAD_INFO_CONSOLE_RING	3

/*
 * Print one character on the hypervisor console, x1 = the character.
 * Lines are tagged with the calling cell's name. Allowed for the root cell
 * and cells with BULKHEAD_CELL_DEBUG_CONSOLE, else -BULKHEAD_EPERM.
 */
#define BULKHEAD_HC_DEBUG_CONSOLE_PUTC	8

/*
 * Cell management (root cell only). Numbers from 0x10 on: the low ones
 * are for the CPU and console calls.
 *
 * CELL_CREATE: x1 = physical address of a struct bulkhead_cell_desc with
 * its arrays (in the root cell's RAM, at most BULKHEAD_CELL_CONFIG_MAX
 * bytes), x2 = its size. The hypervisor copies and checks it; the cell's
 * CPUs must be parked (offline in the root cell). Returns 0, x1 = the
 * cell's id (1..).
 * The others take x1 = the cell's id; CELL_SHUTDOWN x2 = BULKHEAD_FORCE to
 * stop a cell that denies (or does not answer) the request.
 * CELL_GET_STATE returns x1 = BULKHEAD_CELL_STATE_*.
 */
#define BULKHEAD_HC_CELL_CREATE		0x10
#define BULKHEAD_HC_CELL_START		0x11
#define BULKHEAD_HC_CELL_SET_LOADABLE	0x12
#define BULKHEAD_HC_CELL_SHUTDOWN	0x13
#define BULKHEAD_HC_CELL_DESTROY	0x14
#define BULKHEAD_HC_CELL_GET_STATE	0x15

#define BULKHEAD_CELL_CONFIG_MAX	0x4000
#define BULKHEAD_FORCE			1

/* The hypervisor's view of a non-root cell. */
#define BULKHEAD_CELL_STATE_SHUT_DOWN	0	/* created or stopped */
#define BULKHEAD_CELL_STATE_RUNNING	1
#define BULKHEAD_CELL_STATE_LOCKED	2	/* running, denies shutdown */
#define BULKHEAD_CELL_STATE_FAILED	3	/* stopped by a violation */

/* Why a CPU left its guest for the hypervisor (exit statistics). */
#define BULKHEAD_EXIT_HVC		0	/* hypercall */
#define BULKHEAD_EXIT_PSCI		1	/* trapped SMC */
#define BULKHEAD_EXIT_STAGE2_ABORT	2	/* access outside the cell */
#define BULKHEAD_EXIT_MMIO		3	/* emulated device access */
#define BULKHEAD_EXIT_IRQ		4	/* physical interrupt injected */
#define BULKHEAD_EXIT_SGI		5	/* trapped ICC_SGI*R_EL1 write */
#define BULKHEAD_EXIT_MAINTENANCE	6	/* GIC maintenance interrupt */
#define BULKHEAD_EXIT_REASONS		7

/* Result codes (x0): negated, errno-like values shared with Linux. */
#define BULKHEAD_EPERM			1
#define BULKHEAD_ENOMEM			12
#define BULKHEAD_EINVAL			22
#define BULKHEAD_EBUSY			16
#define BULKHEAD_ENOSYS			38
#define BULKHEAD_ENOENT			2
#define BULKHEAD_EEXIST			17
#define BULKHEAD_ETIMEDOUT		110

/*
 * The kernel's EL2 stub (arch/arm64/include/asm/virt.h, Linux 6.1), called
 * with "hvc #0". Unknown calls answer BULKHEAD_STUB_ERR, which is also how
 * the driver recognises that the stub (and thus EL2) is there.
 */
#define BULKHEAD_STUB_SET_VECTORS	0
#define BULKHEAD_STUB_RESET_VECTORS	2
#define BULKHEAD_STUB_ERR		0xbadca11

#endif
