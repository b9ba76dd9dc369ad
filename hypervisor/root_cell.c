// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell's stage 2: its config's memory regions, identity mapped
 * (RAM as normal memory, IO regions as device memory, with the region's
 * read/write/execute rights). The hypervisor's own memory is in none of
 * them, so Linux loses access to it.
 *
 * The GIC distributor/redistributors are left out and emulated (arch
 * irqchip, trapped MMIO). Until the hypervisor filters PCI config space,
 * the root cell reaches the ECAM directly, mapped from the platform
 * description. Configs do not list these as memory regions (as with
 * Jailhouse) because they are emulated, not passed through.
 */
#include <bulkhead/hypercall.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/ivshmem.h>
#include <hv/console.h>
#include <hv/printk.h>
#include <hv/system_config.h>

struct cell root_cell;

static bool overlaps_hv(const struct bulkhead_memory *mem)
{
	const struct bulkhead_memory *hv = &system_config->hypervisor_memory;

	return mem->phys_start < hv->phys_start + hv->size &&
	       hv->phys_start < mem->phys_start + mem->size;
}

static int map_regions(struct cell *cell)
{
	const struct bulkhead_memory *mem =
		bulkhead_cell_memory_regions(cell->config);
	unsigned int n;
	int err;

	for (n = 0; n < cell->config->num_memory_regions; n++, mem++) {
		if (overlaps_hv(mem)) {
			printk("Bulkhead: root cell region %u overlaps the "
			       "hypervisor\n", n);
			return -BULKHEAD_EINVAL;
		}
		err = paging_map(&cell->stage2, mem->virt_start,
				 mem->phys_start, mem->size,
				 cell_region_flags(mem->flags));
		if (err) {
			printk("Bulkhead: cannot map root cell region %u "
			       "(0x%lx+0x%lx): %d\n", n,
			       (unsigned long)mem->phys_start,
			       (unsigned long)mem->size, err);
			return err;
		}
	}
	return 0;
}

static int map_passthrough(struct cell *cell, const char *what, u64 start,
			   u64 size)
{
	int err;

	if (!start || !size)
		return 0;
	err = paging_map(&cell->stage2, start, start, size,
			 PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
	if (err)
		printk("Bulkhead: cannot map %s for the root cell: %d\n", what,
		       err);
	return err;
}

/*
 * Direct access until the hypervisor emulates it (see above). The
 * interrupt controller is not mapped: it is emulated (arch irqchip).
 */
static int map_platform(struct cell *cell)
{
	const struct bulkhead_platform *p = &system_config->platform;

	return map_passthrough(cell, "PCI ECAM", p->pci_ecam_base,
			       p->pci_ecam_size);
}

int root_cell_init(void)
{
	struct cell *cell = &root_cell;
	int err;

	cell->config = &system_config->root_cell;
	cell->vmid = 0;
	err = paging_init(&cell->stage2, &arch_cell_paging_format, &mem_pool);
	if (!err)
		err = map_regions(cell);
	if (!err)
		err = map_platform(cell);
	if (!err)
		err = console_ring_map(cell);
	if (!err)
		err = arch_cell_irqchip_init(cell);
	if (!err)
		err = pci_cell_init(cell);
	if (err)
		cell_destroy(cell);
	/* Live from now on: cell creation changes it under running CPUs. */
	cell->stage2.flush = arch_stage2_flush;
	return err;
}

void cell_destroy(struct cell *cell)
{
	pci_cell_exit(cell);
	arch_cell_irqchip_exit(cell);
	paging_destroy(&cell->stage2);
}
