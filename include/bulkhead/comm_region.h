/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * The communication region: one 4 KiB page per non-root cell, shared between
 * the cell and the hypervisor. PROPOSAL (inmate side implemented in
 * inmates/lib/comm_region.c; the hypervisor side is to adopt it).
 *
 * Where: the cell config's memory region flagged BULKHEAD_MEM_COMM_REGION;
 * the shipped cells and the inmate library use guest-physical
 * BULKHEAD_COMM_REGION_BASE. The hypervisor supplies and zeroes the page,
 * fills the "set by the hypervisor" fields below, then starts the cell.
 *
 * Who writes what (never both sides at the same time):
 *   hypervisor: signature, revision, size, msg_to_cell (non-zero values),
 *               platform information
 *   cell:       cell_state, reply_from_cell, msg_to_cell (back to NONE)
 * cell_state is the cell's own report; the hypervisor keeps the state it
 * shows to the root cell (running, locked, shut down, failed) itself and
 * reads this field as input.
 *
 * Message exchange (the hypervisor asks, the cell answers):
 *   1. hypervisor: reply_from_cell = NONE; barrier; msg_to_cell = MSG
 *   2. cell (polling msg_to_cell): msg_to_cell = NONE; barrier;
 *      reply_from_cell = REPLY
 *   3. hypervisor waits for reply_from_cell != NONE for at most the cell's
 *      msg_reply_timeout_ms (config.h).
 * A cell that reported SHUT_DOWN or FAILED, or whose config has
 * PASSIVE_COMMREG, is not asked: its shutdown is approved. Otherwise no
 * reply in time counts as DENIED: a cell busy with a critical job is never
 * stopped because it was slow to answer; "shutdown --force" stops anything.
 * A cell that declares itself locked (cell_state = RUNNING_LOCKED) denies
 * shutdown requests.
 *
 * All fields are little-endian and naturally aligned; accesses to the
 * 32-bit fields are single aligned loads and stores: both sides access the
 * page as Device memory (the hypervisor through a Device alias, the cell
 * with its MMU off or, as the inmate library does, with the page mapped
 * Device), where no unaligned or exclusive accesses are allowed. A cell
 * must not map the page cacheable: the hypervisor would not see its
 * writes, nor it the hypervisor's.
 * Both sides access the exchange fields as volatile (the other side changes
 * them at any time); the structure itself carries no qualifiers.
 */
#ifndef _BULKHEAD_COMM_REGION_H
#define _BULKHEAD_COMM_REGION_H

#include <bulkhead/types.h>

#define BULKHEAD_COMM_REGION_BASE	0x80000000UL	/* guest physical */
#define BULKHEAD_COMM_REGION_SIZE	0x1000

#define BULKHEAD_COMM_SIGNATURE		"BHCOMM\0\0"
#define BULKHEAD_COMM_REVISION		2

/* msg_to_cell */
#define BULKHEAD_MSG_NONE		0
#define BULKHEAD_MSG_SHUTDOWN_REQUEST	1	/* may the cell be stopped? */
#define BULKHEAD_MSG_RECONFIG_DONE	2	/* another cell came or went */

/* reply_from_cell */
#define BULKHEAD_REPLY_NONE		0
#define BULKHEAD_REPLY_UNKNOWN		1	/* message not understood */
#define BULKHEAD_REPLY_DENIED		2
#define BULKHEAD_REPLY_APPROVED		3
#define BULKHEAD_REPLY_RECEIVED		4	/* informational message seen */

/* cell_state, as the cell reports it */
#define BULKHEAD_CELL_RUNNING		0
#define BULKHEAD_CELL_RUNNING_LOCKED	1	/* deny shutdown requests */
#define BULKHEAD_CELL_SHUT_DOWN		2	/* program ended, CPU halted */
#define BULKHEAD_CELL_FAILED		3	/* inmate hit a fatal error */
#define BULKHEAD_CELL_FAILED_COMM_REV	4	/* revision not understood */

struct bulkhead_comm_region {
	/* set by the hypervisor */
	char signature[8];		/* BULKHEAD_COMM_SIGNATURE */
	__u32 revision;			/* BULKHEAD_COMM_REVISION */
	__u32 size;			/* bytes of this structure */

	/* the message exchange */
	__u32 msg_to_cell;
	__u32 reply_from_cell;
	__u32 cell_state;
	__u32 reserved0;

	/* platform information, set by the hypervisor */
	__u64 console_address;		/* guest physical, 0 = none */
	__u32 console_size;
	__u16 console_type;		/* BULKHEAD_CON_TYPE_* of config.h */
	__u16 console_flags;		/* BULKHEAD_CON_* of config.h */
	__u32 flags;			/* BULKHEAD_COMM_FLAG_* */
	__u32 gic_version;		/* 3 */
	__u64 gicd_base;		/* guest physical */
	__u64 gicr_base;		/* guest physical, GICv3 */
	__u32 gicr_stride;
	__u32 timer_frequency;		/* Hz, what CNTFRQ_EL0 should say */
	__u32 cpu_id;			/* logical CPU of the first CPU */
	__u32 reserved1;

	/* revision 2: the virtual PCI host (include/bulkhead/ivshmem.h) */
	__u64 vpci_ecam_base;		/* guest physical, 0 = no devices */
	__u32 vpci_irq_base;		/* SPI of slot 0's INTx, 0 = none */
	__u32 reserved2;
};

/* flags: the cell may print through the debug-console hypercall */
#define BULKHEAD_COMM_FLAG_DEBUG_CONSOLE	0x1

/* The layout is ABI: changing it means a new BULKHEAD_COMM_REVISION. */
_Static_assert(sizeof(struct bulkhead_comm_region) == 104, "comm size");
_Static_assert(__builtin_offsetof(struct bulkhead_comm_region,
				  msg_to_cell) == 16, "comm msg_to_cell");
_Static_assert(__builtin_offsetof(struct bulkhead_comm_region,
				  console_address) == 32, "comm console");
_Static_assert(__builtin_offsetof(struct bulkhead_comm_region,
				  gicd_base) == 56, "comm gicd_base");
_Static_assert(__builtin_offsetof(struct bulkhead_comm_region,
				  cpu_id) == 80, "comm cpu_id");
_Static_assert(__builtin_offsetof(struct bulkhead_comm_region,
				  vpci_ecam_base) == 88, "comm vpci");

#endif
