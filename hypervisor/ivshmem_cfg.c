// SPDX-License-Identifier: GPL-2.0
/*
 * The config space of an IVSHMEM v2 endpoint as the guest sees it: a
 * type-0 header with BAR 0 (the register page), legacy INTx, and one
 * vendor-specific capability describing the shared memory. Pure
 * functions of the endpoint's state, so they are host-tested
 * (tests/unit/test_hv_ivshmem_cfg.c).
 *
 * Writable: the command register (memory decode, bus master, INTx
 * disable), BAR 0 within its mask, the interrupt line byte. Everything
 * else reads as the device describes itself and ignores writes, as
 * read-only registers of real hardware do.
 */
#include <hv/ivshmem.h>

#define PCI_COMMAND_MEMORY	0x0002
#define PCI_COMMAND_MASTER	0x0004
#define PCI_COMMAND_INTX_DIS	0x0400
#define PCI_COMMAND_WRITABLE	(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | \
				 PCI_COMMAND_INTX_DIS)
#define PCI_STATUS_CAP_LIST	0x0010

#define CAP_DW(off)	((BULKHEAD_IVSHMEM_CFG_CAP + (off)) / 4)

u32 ivshmem_cfg_read(const struct ivshmem_endpoint *ep, u32 reg)
{
	switch (reg) {
	case 0x00 / 4:
		return BULKHEAD_IVSHMEM_DEVICE_ID << 16 |
		       BULKHEAD_IVSHMEM_VENDOR_ID;
	case 0x04 / 4:
		return (u32)PCI_STATUS_CAP_LIST << 16 | ep->command;
	case 0x08 / 4:
		return (u32)BULKHEAD_IVSHMEM_CLASS << 24 |
		       (u32)ep->protocol << 8 | BULKHEAD_IVSHMEM_REVISION;
	case 0x10 / 4:
		return ep->bar0;
	case 0x34 / 4:
		return BULKHEAD_IVSHMEM_CFG_CAP;
	case 0x3c / 4:
		/* Pin INTA only when the cell has a line for it. */
		return (ep->irq ? 1U << 8 : 0) | ep->int_line;
	case CAP_DW(0):
		return BULKHEAD_IVSHMEM_CAP_LEN << 16 |
		       BULKHEAD_IVSHMEM_CAP_ID;
	case CAP_DW(BULKHEAD_IVSHMEM_CAP_STATE_SIZE):
		return ep->state_size;
	case CAP_DW(BULKHEAD_IVSHMEM_CAP_RW_SIZE):
		return (u32)ep->rw_size;
	case CAP_DW(BULKHEAD_IVSHMEM_CAP_RW_SIZE + 4):
		return (u32)(ep->rw_size >> 32);
	case CAP_DW(BULKHEAD_IVSHMEM_CAP_OUT_SIZE):
		return (u32)ep->out_size;
	case CAP_DW(BULKHEAD_IVSHMEM_CAP_OUT_SIZE + 4):
		return (u32)(ep->out_size >> 32);
	case CAP_DW(BULKHEAD_IVSHMEM_CAP_ADDR):
		return (u32)ep->shmem_base;
	case CAP_DW(BULKHEAD_IVSHMEM_CAP_ADDR + 4):
		return (u32)(ep->shmem_base >> 32);
	default:
		/* Other BARs, subsystem ids, expansion ROM: absent. */
		return 0;
	}
}

void ivshmem_cfg_write(struct ivshmem_endpoint *ep, u32 reg, u32 value,
		       u32 mask)
{
	u32 old;

	switch (reg) {
	case 0x04 / 4:
		/* The status half is read-only (no RW1C bits emulated). */
		mask &= PCI_COMMAND_WRITABLE;
		ep->command = (ep->command & ~mask) | (value & mask);
		break;
	case 0x10 / 4:
		/* Sizing writes all ones and reads the mask back. */
		old = ep->bar0;
		mask &= BULKHEAD_IVSHMEM_BAR0_MASK;
		ep->bar0 = (old & ~mask) | (value & mask);
		break;
	case 0x3c / 4:
		if (mask & 0xff)
			ep->int_line = value & 0xff;
		break;
	default:
		break;
	}
}

bool ivshmem_bar0_hit(const struct ivshmem_endpoint *ep, u64 address,
		      u64 *offset)
{
	if (!(ep->command & PCI_COMMAND_MEMORY) || address < ep->bar0 ||
	    address - ep->bar0 >= BULKHEAD_IVSHMEM_REG_SIZE)
		return false;
	*offset = address - ep->bar0;
	return true;
}
