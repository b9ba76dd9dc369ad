/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * The virtual PCI host and the IVSHMEM v2 device the hypervisor emulates
 * (docs/ivshmem.md). Shared by the hypervisor, the driver, the inmate
 * library and the tools: every number a guest sees is defined here.
 *
 * The virtual host bridge occupies BULKHEAD_VPCI_WINDOW_SIZE bytes of
 * guest-physical space at the platform's vpci_ecam_base, in every cell
 * that has ivshmem devices: first the ECAM of bus 0 (32 devices x 8
 * functions x 4 KiB), then a 1 MiB memory window in which the devices'
 * BAR 0 (the register page) live. Nothing else is behind it: the cell's
 * stage 2 leaves it unmapped and the hypervisor emulates every access.
 */
#ifndef _BULKHEAD_IVSHMEM_H
#define _BULKHEAD_IVSHMEM_H

#include <bulkhead/types.h>

#define BULKHEAD_VPCI_ECAM_SIZE		0x100000ULL	/* bus 0 only */
/* The BAR window follows the ECAM (offset from vpci_ecam_base). */
#define BULKHEAD_VPCI_MMIO_OFFSET	0x100000ULL
#define BULKHEAD_VPCI_MMIO_SIZE		0x100000ULL
#define BULKHEAD_VPCI_WINDOW_SIZE	0x200000ULL
/* BAR 0 of device d (bdf >> 3) starts here until the guest moves it. */
#define BULKHEAD_VPCI_BAR0_DEFAULT(ecam, dev) \
	((ecam) + BULKHEAD_VPCI_MMIO_OFFSET + (__u64)(dev) * 0x1000)

/*
 * Identity (Jailhouse's IVSHMEM v2 convention, so existing guest drivers
 * can match): vendor 0x110a (Siemens), device 0x4106, class 0xff
 * (unassigned), subclass:prog-if = the shmem protocol (config.h).
 */
#define BULKHEAD_IVSHMEM_VENDOR_ID	0x110a
#define BULKHEAD_IVSHMEM_DEVICE_ID	0x4106
#define BULKHEAD_IVSHMEM_CLASS		0xff
#define BULKHEAD_IVSHMEM_REVISION	0x02

/* Config space: a type-0 header and one vendor-specific capability. */
#define BULKHEAD_IVSHMEM_CFG_CAP	0x40	/* capability pointer */
#define BULKHEAD_IVSHMEM_CAP_ID		0x09	/* PCI_CAP_ID_VNDR */
#define BULKHEAD_IVSHMEM_CAP_LEN	0x20
/* Fields of the capability, offsets from its start; all read-only. */
#define BULKHEAD_IVSHMEM_CAP_STATE_SIZE	0x04	/* u32: state table bytes */
#define BULKHEAD_IVSHMEM_CAP_RW_SIZE	0x08	/* u64: read/write section */
#define BULKHEAD_IVSHMEM_CAP_OUT_SIZE	0x10	/* u64: each output section */
#define BULKHEAD_IVSHMEM_CAP_ADDR	0x18	/* u64: guest-physical start */

/* BAR 0: the register page; 32-bit, non-prefetchable memory. */
#define BULKHEAD_IVSHMEM_REG_SIZE	0x1000
#define BULKHEAD_IVSHMEM_BAR0_MASK	0xfffff000U	/* bar_mask[0] */

/* Registers, 32 bits each, accessed as 32-bit words only. */
#define BULKHEAD_IVSHMEM_REG_ID		0x00	/* RO: this peer's number */
#define BULKHEAD_IVSHMEM_REG_MAX_PEERS	0x04	/* RO: peers on the link */
#define BULKHEAD_IVSHMEM_REG_INT_CTRL	0x08	/* RW: bit 0 enables INTx */
#define BULKHEAD_IVSHMEM_REG_DOORBELL	0x0c	/* WO: peer << 16 | vector */
#define BULKHEAD_IVSHMEM_REG_STATE	0x10	/* RW: this peer's state */

#define BULKHEAD_IVSHMEM_INT_ENABLE	0x1
#define BULKHEAD_IVSHMEM_DOORBELL(peer, vector) \
	((__u32)(peer) << 16 | ((__u32)(vector) & 0xffff))

/*
 * Shared memory, contiguous in the guest-physical space from the
 * capability's address: the state table (one u32 per peer, the value
 * each last wrote to its STATE register; read-only for every peer), the
 * read/write section (every peer may write), then one output section
 * per peer in peer order (only its owner may write).
 */

/*
 * The ivshmem demo's exchange (inmates/demos/ivshmem-demo.c and
 * `bulkhead ivshmem ping`): the demo sets its state to DEMO_READY; peer 0
 * writes a message into its output section (payload words first, the
 * sequence number in word 0 last), rings the demo's doorbell; the demo
 * checks the payload, answers in its own output section with the
 * sequence number echoed and the payload inverted, and rings back.
 */
#define BULKHEAD_IVSHMEM_DEMO_READY	1
#define BULKHEAD_IVSHMEM_DEMO_WORDS	8	/* sequence + 7 payload */

static inline __u32 bulkhead_ivshmem_demo_word(__u32 seq, unsigned int k)
{
	return seq * 0x9e3779b9U + k;
}

#endif
