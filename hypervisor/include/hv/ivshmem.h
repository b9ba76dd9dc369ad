/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IVSHMEM v2 endpoints behind the virtual PCI host (include/bulkhead/
 * ivshmem.h, docs/ivshmem.md). One endpoint per cell and device; the
 * endpoints of all cells that name the same BDF form a link.
 */
#ifndef _HV_IVSHMEM_H
#define _HV_IVSHMEM_H

#include <bulkhead/config.h>
#include <bulkhead/ivshmem.h>
#include <hv/types.h>

#define IVSHMEM_MAX_PEERS	16
#define IVSHMEM_MAX_LINKS	8
#define IVSHMEM_MAX_ENDPOINTS	32

struct cell;
struct ivshmem_link;

struct ivshmem_endpoint {
	struct cell *cell;		/* NULL: slot free */
	struct ivshmem_link *link;
	u16 bdf;
	u16 id;				/* peer number on the link */
	u16 peers;
	u16 protocol;
	u32 irq;			/* virtual INTID, 0: none */
	/* Geometry as the cell sees it (guest-physical). */
	u64 shmem_base;
	u32 state_size;
	u64 rw_size, out_size;
	/* Emulated config space state, what the guest wrote. */
	u16 command;
	u32 bar0;
	u8 int_line;
	/* Register page state. */
	u32 int_ctrl;
	u32 state;
};

/* ivshmem_cfg.c: config space and BAR decode, no locking, no arch. */
u32 ivshmem_cfg_read(const struct ivshmem_endpoint *ep, u32 reg);
/* reg: dword offset; mask: the bytes written (0xff per byte). */
void ivshmem_cfg_write(struct ivshmem_endpoint *ep, u32 reg, u32 value,
		       u32 mask);
/* Does the guest's BAR 0 decode address? Then *offset is within it. */
bool ivshmem_bar0_hit(const struct ivshmem_endpoint *ep, u64 address,
		      u64 *offset);

/* ivshmem.c */
/* Link the cell's ivshmem devices; 0 or -BULKHEAD_E* after printing. */
int ivshmem_cell_init(struct cell *cell);
/* Unlink: its state becomes 0 in the table and the peers hear of it. */
void ivshmem_cell_exit(struct cell *cell);
struct ivshmem_endpoint *ivshmem_find(const struct cell *cell, u16 bdf);
struct ivshmem_endpoint *ivshmem_find_bar(const struct cell *cell,
					  u64 address, u64 *offset);
/* A 32-bit register access (the caller checked size and alignment). */
u32 ivshmem_reg_read(struct ivshmem_endpoint *ep, u64 offset);
void ivshmem_reg_write(struct ivshmem_endpoint *ep, u64 offset, u32 value);
/* Serialises every endpoint's state against links changing. */
void ivshmem_lock(void);
void ivshmem_unlock(void);

/* pci.c: the virtual host bridge of a cell */
/* The cell gets the virtual PCI window: it has an ivshmem device. */
bool pci_cell_has_vpci(const struct bulkhead_cell_desc *desc);
int pci_cell_init(struct cell *cell);
void pci_cell_exit(struct cell *cell);

#endif
