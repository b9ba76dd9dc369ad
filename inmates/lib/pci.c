// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * PCI config space over an ECAM window (bus 0 of the hypervisor's virtual
 * host, include/bulkhead/ivshmem.h). Every access is one aligned 32-bit
 * load or store: the hypervisor emulates those (the window is Device in
 * the inmate's map, so the CPU issues each access as written).
 */
#include <inmate.h>

#define PCI_CAP_PTR		0x34
#define PCI_STATUS_CAP_LIST	(1U << 20)	/* in the dword at 0x04 */

static unsigned long ecam_base;

void pci_init(unsigned long ecam)
{
	ecam_base = ecam;
}

static unsigned long cfg_addr(__u16 bdf, unsigned int reg)
{
	return ecam_base + ((unsigned long)bdf << 12) + (reg & 0xffc);
}

__u32 pci_read32(__u16 bdf, unsigned int reg)
{
	return mmio_read32(cfg_addr(bdf, reg));
}

void pci_write32(__u16 bdf, unsigned int reg, __u32 value)
{
	mmio_write32(cfg_addr(bdf, reg), value);
}

int pci_find_device(__u16 vendor, __u16 device, __u16 from)
{
	unsigned int bdf;

	/* Bus 0 only: 32 devices x 8 functions. */
	for (bdf = from; bdf < 0x100; bdf++)
		if (pci_read32(bdf, 0) == ((__u32)device << 16 | vendor))
			return bdf;
	return -1;
}

int pci_find_cap(__u16 bdf, __u8 id)
{
	unsigned int pos, hops;
	__u32 header;

	if (!(pci_read32(bdf, 0x04) & PCI_STATUS_CAP_LIST))
		return -1;
	pos = pci_read32(bdf, PCI_CAP_PTR) & 0xfc;
	/* A bounded walk: a broken list must not hang the inmate. */
	for (hops = 0; pos && hops < 48; hops++) {
		header = pci_read32(bdf, pos);
		if ((header & 0xff) == id)
			return pos;
		pos = (header >> 8) & 0xfc;
	}
	return -1;
}
