// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell's view of the hypervisor's virtual PCI host (docs/
 * ivshmem.md), on a stock kernel: no device-tree overlay is possible
 * there, so once the hypervisor runs, this registers a host bridge of
 * its own over the emulated ECAM window of the system config, scans bus
 * 0, keeps the BARs the hypervisor placed (they lie in the window behind
 * the ECAM) and adds the devices; drivers then bind as to any PCI device
 * (ivshmem.c). INTx of device d is the virtual SPI vpci_irq_base + d,
 * mapped through the GIC's own irq domain found by its DT node. Before
 * disable the bus goes away again.
 *
 * Domain: the physical host's plus one (the kernel cannot number a
 * bridge without a DT node itself when the DT numbers the others).
 */
#include "bulkhead.h"

#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/of.h>
#include <linux/pci.h>

#include <bulkhead/ivshmem.h>

static struct {
	struct pci_host_bridge *bridge;
	void __iomem *ecam;
	struct resource mem;
	struct resource busn;
	struct device_node *gic;
	/* From the system config at enable, kept for a re-attach. */
	u64 base;
	u32 irq_base;
	int domain;
} vpci;

static void __iomem *vpci_map_bus(struct pci_bus *bus, unsigned int devfn,
				  int where)
{
	if (bus->number)
		return NULL;
	return vpci.ecam + (devfn << 12) + where;
}

static struct pci_ops vpci_ops = {
	.map_bus = vpci_map_bus,
	.read = pci_generic_config_read,
	.write = pci_generic_config_write,
};

static int vpci_map_irq(const struct pci_dev *dev, u8 slot, u8 pin)
{
	struct irq_fwspec spec = {
		.param_count = 3,
		.param = { 0 /* SPI */, 0, IRQ_TYPE_EDGE_RISING },
	};

	if (!pin || !vpci.irq_base || !vpci.gic)
		return 0;
	spec.fwnode = of_node_to_fwnode(vpci.gic);
	spec.param[1] = vpci.irq_base + slot - 32;
	return irq_create_fwspec_mapping(&spec);
}

static bool has_ivshmem(const struct bulkhead_cell_desc *root)
{
	const struct bulkhead_pci_device *dev = bulkhead_cell_pci_devices(root);
	u32 n;

	for (n = 0; n < root->num_pci_devices; n++)
		if (dev[n].type == BULKHEAD_PCI_TYPE_IVSHMEM)
			return true;
	return false;
}

static int vpci_register(void)
{
	u64 base = vpci.base;
	struct pci_host_bridge *bridge;
	int err;

	if (vpci.bridge || !base)
		return 0;
	vpci.gic = of_find_compatible_node(NULL, NULL, "arm,gic-v3");
	if (!vpci.gic)
		pr_warn("virtual PCI: no GICv3 node, ivshmem without "
			"interrupts\n");
	vpci.ecam = ioremap(base, BULKHEAD_VPCI_ECAM_SIZE);
	if (!vpci.ecam) {
		err = -ENOMEM;
		goto err_gic;
	}
	vpci.mem = (struct resource)DEFINE_RES_MEM_NAMED(
		base + BULKHEAD_VPCI_MMIO_OFFSET, BULKHEAD_VPCI_MMIO_SIZE,
		"Bulkhead virtual PCI");
	vpci.busn = (struct resource)DEFINE_RES_NAMED(0, 1, "Bulkhead vPCI bus",
						      IORESOURCE_BUS);
	err = request_resource(&iomem_resource, &vpci.mem);
	if (err)
		goto err_unmap;
	bridge = pci_alloc_host_bridge(0);
	if (!bridge) {
		err = -ENOMEM;
		goto err_res;
	}
	pci_add_resource(&bridge->windows, &vpci.busn);
	pci_add_resource(&bridge->windows, &vpci.mem);
	bridge->dev.parent = bulkhead_root;
	bridge->domain_nr = vpci.domain;
	bridge->busnr = 0;
	bridge->ops = &vpci_ops;
	bridge->map_irq = vpci_map_irq;
	bridge->swizzle_irq = pci_common_swizzle;

	pci_lock_rescan_remove();
	err = pci_scan_root_bus_bridge(bridge);
	if (err) {
		pci_unlock_rescan_remove();
		pci_free_host_bridge(bridge);
		goto err_res;
	}
	/* The hypervisor placed the BARs: keep them (no reassignment). */
	pci_bus_claim_resources(bridge->bus);
	pci_bus_add_devices(bridge->bus);
	pci_unlock_rescan_remove();
	vpci.bridge = bridge;
	pr_info("virtual PCI host %04x:00 at 0x%llx\n", bridge->domain_nr,
		(unsigned long long)base);
	return 0;

err_res:
	release_resource(&vpci.mem);
err_unmap:
	iounmap(vpci.ecam);
err_gic:
	of_node_put(vpci.gic);
	vpci.gic = NULL;
	pr_warn("virtual PCI host not registered: %d\n", err);
	return err;
}

int bh_vpci_attach(const struct bulkhead_system *sys)
{
	vpci.base = has_ivshmem(&sys->root_cell) ?
		    sys->platform.vpci_ecam_base : 0;
	vpci.irq_base = sys->root_cell.vpci_irq_base;
	vpci.domain = sys->platform.pci_domain + 1;
	return vpci_register();
}

void bh_vpci_reattach(void)
{
	vpci_register();
}

void bh_vpci_detach(void)
{
	if (!vpci.bridge)
		return;
	pci_lock_rescan_remove();
	pci_stop_root_bus(vpci.bridge->bus);
	pci_remove_root_bus(vpci.bridge->bus);
	pci_unlock_rescan_remove();
	vpci.bridge = NULL;
	release_resource(&vpci.mem);
	iounmap(vpci.ecam);
	of_node_put(vpci.gic);
	vpci.gic = NULL;
}
