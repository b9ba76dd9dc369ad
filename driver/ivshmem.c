// SPDX-License-Identifier: GPL-2.0
/*
 * IVSHMEM v2 endpoints in the root cell as UIO devices (docs/ivshmem.md),
 * so userspace (bulkhead ivshmem, or an application) drives the link
 * without a driver of its own. Maps, in UIO's order:
 *   0 registers (BAR 0)       uncached
 *   1 state table             read-only for the cell (stage 2 enforces)
 *   2 read/write section
 *   3 output sections, all peers' in peer order; only our own is writable
 * The shared memory is ordinary RAM that the hypervisor and the peers
 * access cacheable, so it is mapped cacheable (UIO_MEM_IOVA), not as
 * device memory. The doorbell interrupt counts as UIO events; reading
 * /dev/uioN waits for one. The interrupt is enabled at probe.
 */
#include "bulkhead.h"

#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uio_driver.h>

#include <bulkhead/ivshmem.h>

struct bh_ivshmem {
	struct uio_info info;
	void __iomem *regs;
};

static irqreturn_t bh_ivshmem_irq(int irq, struct uio_info *info)
{
	/* Our own line (not shared): every interrupt is ours. */
	return IRQ_HANDLED;
}

static u64 cap_read64(struct pci_dev *pdev, int cap, int off)
{
	u32 lo, hi;

	pci_read_config_dword(pdev, cap + off, &lo);
	pci_read_config_dword(pdev, cap + off + 4, &hi);
	return (u64)hi << 32 | lo;
}

static void set_map(struct uio_mem *m, const char *name, phys_addr_t addr,
		    resource_size_t size, int type)
{
	m->name = name;
	m->addr = addr;
	m->size = size;
	m->memtype = type;
}

static int bh_ivshmem_probe(struct pci_dev *pdev,
			    const struct pci_device_id *id)
{
	struct bh_ivshmem *iv;
	u64 addr, rw_size, out_size;
	u32 state_size, peers;
	int cap, err;

	iv = devm_kzalloc(&pdev->dev, sizeof(*iv), GFP_KERNEL);
	if (!iv)
		return -ENOMEM;
	err = pcim_enable_device(pdev);
	if (err)
		return err;
	iv->regs = pcim_iomap(pdev, 0, BULKHEAD_IVSHMEM_REG_SIZE);
	if (!iv->regs)
		return -ENOMEM;
	cap = pci_find_capability(pdev, PCI_CAP_ID_VNDR);
	if (!cap)
		return -ENODEV;
	pci_read_config_dword(pdev, cap + BULKHEAD_IVSHMEM_CAP_STATE_SIZE,
			      &state_size);
	rw_size = cap_read64(pdev, cap, BULKHEAD_IVSHMEM_CAP_RW_SIZE);
	out_size = cap_read64(pdev, cap, BULKHEAD_IVSHMEM_CAP_OUT_SIZE);
	addr = cap_read64(pdev, cap, BULKHEAD_IVSHMEM_CAP_ADDR);
	peers = readl(iv->regs + BULKHEAD_IVSHMEM_REG_MAX_PEERS);
	if (!state_size || !out_size || !peers || peers > 16 ||
	    !PAGE_ALIGNED(addr | state_size | rw_size | out_size)) {
		dev_err(&pdev->dev, "inconsistent shared memory layout\n");
		return -EINVAL;
	}

	iv->info.name = "bulkhead-ivshmem";
	iv->info.version = "2";
	set_map(&iv->info.mem[0], "registers", pci_resource_start(pdev, 0),
		BULKHEAD_IVSHMEM_REG_SIZE, UIO_MEM_PHYS);
	set_map(&iv->info.mem[1], "state_table", addr, state_size,
		UIO_MEM_IOVA);
	set_map(&iv->info.mem[2], "rw_section", addr + state_size, rw_size,
		rw_size ? UIO_MEM_IOVA : UIO_MEM_NONE);
	set_map(&iv->info.mem[3], "output_sections",
		addr + state_size + rw_size, out_size * peers, UIO_MEM_IOVA);
	if (pdev->irq) {
		iv->info.irq = pdev->irq;
		iv->info.handler = bh_ivshmem_irq;
	}
	err = uio_register_device(&pdev->dev, &iv->info);
	if (err)
		return err;
	pci_set_drvdata(pdev, iv);
	writel(BULKHEAD_IVSHMEM_INT_ENABLE,
	       iv->regs + BULKHEAD_IVSHMEM_REG_INT_CTRL);
	dev_info(&pdev->dev, "ivshmem peer %u of %u, irq %d\n",
		 readl(iv->regs + BULKHEAD_IVSHMEM_REG_ID), peers, pdev->irq);
	return 0;
}

static void bh_ivshmem_remove(struct pci_dev *pdev)
{
	struct bh_ivshmem *iv = pci_get_drvdata(pdev);

	writel(0, iv->regs + BULKHEAD_IVSHMEM_REG_INT_CTRL);
	uio_unregister_device(&iv->info);
}

static const struct pci_device_id bh_ivshmem_ids[] = {
	{ PCI_DEVICE(BULKHEAD_IVSHMEM_VENDOR_ID, BULKHEAD_IVSHMEM_DEVICE_ID),
	  .class = BULKHEAD_IVSHMEM_CLASS << 16, .class_mask = 0xff0000 },
	{ }
};

static struct pci_driver bh_ivshmem_driver = {
	.name = "bulkhead-ivshmem",
	.id_table = bh_ivshmem_ids,
	.probe = bh_ivshmem_probe,
	.remove = bh_ivshmem_remove,
};

int bh_ivshmem_init(void)
{
	return pci_register_driver(&bh_ivshmem_driver);
}

void bh_ivshmem_exit(void)
{
	pci_unregister_driver(&bh_ivshmem_driver);
}
