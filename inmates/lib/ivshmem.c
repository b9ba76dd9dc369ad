// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * An IVSHMEM v2 endpoint (include/bulkhead/ivshmem.h, docs/ivshmem.md):
 * found on the virtual PCI bus, its BAR 0 kept where the hypervisor put
 * it, memory decoding switched on, the shared memory read from the
 * vendor capability and mapped cached.
 *
 * Root Linux (UIO maps) and the hypervisor (state table) access the
 * shared memory Normal Write-Back, inner shareable: the inmate must too,
 * or on hardware the two sides are not coherent. The register page stays
 * Device: the hypervisor emulates each trapped access, which needs single
 * accesses it can decode, and the MMIO window is Device by default.
 */
#include <inmate.h>
#include <bulkhead/ivshmem.h>

#define PCI_COMMAND		0x04
#define PCI_COMMAND_MEMORY	0x2
#define PCI_BAR0		0x10

static __u64 cap_read64(__u16 bdf, int cap, unsigned int off)
{
	return pci_read32(bdf, cap + off) |
	       (__u64)pci_read32(bdf, cap + off + 4) << 32;
}

int ivshmem_init(struct ivshmem *dev, __u16 from)
{
	int bdf = pci_find_device(BULKHEAD_IVSHMEM_VENDOR_ID,
				  BULKHEAD_IVSHMEM_DEVICE_ID, from);
	int cap;

	if (bdf < 0)
		return -1;
	cap = pci_find_cap(bdf, BULKHEAD_IVSHMEM_CAP_ID);
	if (cap < 0)
		return -1;
	dev->bdf = bdf;
	dev->regs = pci_read32(bdf, PCI_BAR0) & BULKHEAD_IVSHMEM_BAR0_MASK;
	pci_write32(bdf, PCI_COMMAND,
		    pci_read32(bdf, PCI_COMMAND) | PCI_COMMAND_MEMORY);
	dev->state_size = pci_read32(bdf,
				     cap + BULKHEAD_IVSHMEM_CAP_STATE_SIZE);
	dev->rw_size = cap_read64(bdf, cap, BULKHEAD_IVSHMEM_CAP_RW_SIZE);
	dev->out_size = cap_read64(bdf, cap, BULKHEAD_IVSHMEM_CAP_OUT_SIZE);
	dev->shmem = cap_read64(bdf, cap, BULKHEAD_IVSHMEM_CAP_ADDR);
	dev->id = mmio_read32(dev->regs + BULKHEAD_IVSHMEM_REG_ID);
	dev->peers = mmio_read32(dev->regs + BULKHEAD_IVSHMEM_REG_MAX_PEERS);
	/* Uncached, this side of the link would not be coherent: no link. */
	if (map_range(dev->shmem, dev->state_size + dev->rw_size +
		      dev->out_size * dev->peers, MAP_CACHED))
		return -1;
	return 0;
}

void ivshmem_enable_irq(struct ivshmem *dev, bool on)
{
	mmio_write32(dev->regs + BULKHEAD_IVSHMEM_REG_INT_CTRL,
		     on ? BULKHEAD_IVSHMEM_INT_ENABLE : 0);
}

void ivshmem_set_state(struct ivshmem *dev, __u32 state)
{
	mmio_write32(dev->regs + BULKHEAD_IVSHMEM_REG_STATE, state);
}

__u32 ivshmem_peer_state(struct ivshmem *dev, unsigned int peer)
{
	return mmio_read32(dev->shmem + 4UL * peer);
}

void ivshmem_doorbell(struct ivshmem *dev, unsigned int peer)
{
	/* What the doorbell announces is in memory before it rings. */
	dsb(sy);
	mmio_write32(dev->regs + BULKHEAD_IVSHMEM_REG_DOORBELL,
		     BULKHEAD_IVSHMEM_DOORBELL(peer, 0));
}

unsigned long ivshmem_output(struct ivshmem *dev, unsigned int peer)
{
	return dev->shmem + dev->state_size + dev->rw_size +
	       dev->out_size * peer;
}
