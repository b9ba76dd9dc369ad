// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual PCI host bridge of a cell (docs/ivshmem.md): a window at
 * the platform's vpci_ecam_base, absent from the cell's stage 2, whose
 * first megabyte is the ECAM of bus 0 and whose second holds the BARs of
 * the cell's virtual devices. Every access traps and is emulated here;
 * nothing a cell writes reaches hardware.
 *
 * Config space accepts naturally aligned 1, 2 and 4-byte accesses, as
 * ECAM hosts do; a function with no device reads all ones. The register
 * page takes 32-bit accesses only. Anything else is reported and ignored
 * (reads zero), like other denied emulated accesses.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/ivshmem.h>
#include <hv/mmio.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/system_config.h>

static void report(const struct per_cpu *cpu, const struct mmio_access *a,
		   const char *why)
{
	printk("Bulkhead: cell \"%s\" CPU %u: virtual PCI %s %u bytes at "
	       "0x%lx: %s, ignored\n", cpu->cell->config->name, cpu->cpu_id,
	       a->write ? "write" : "read", a->size,
	       (unsigned long)a->address, why);
}

static void ecam_access(struct per_cpu *cpu, struct mmio_access *a,
			u64 offset)
{
	u16 bdf = offset >> 12;		/* bus 0: device and function */
	u32 reg = (offset & 0xfff) / 4;
	u32 shift = (offset & 3) * 8;
	u32 ones = a->size == 4 ? 0xffffffffU : (1U << (a->size * 8)) - 1;
	struct ivshmem_endpoint *ep;
	u32 value;

	if (a->size > 4 || offset % a->size) {
		report(cpu, a, "not a naturally aligned access of at most 4 "
		       "bytes");
		a->value = 0;
		return;
	}
	ivshmem_lock();
	ep = ivshmem_find(cpu->cell, bdf);
	if (a->write) {
		if (ep)
			ivshmem_cfg_write(ep, reg, (u32)a->value << shift,
					  ones << shift);
	} else {
		value = ep ? ivshmem_cfg_read(ep, reg) : 0xffffffffU;
		a->value = (value >> shift) & ones;
	}
	ivshmem_unlock();
}

static void bar_access(struct per_cpu *cpu, struct mmio_access *a)
{
	struct ivshmem_endpoint *ep;
	u64 offset;

	ivshmem_lock();
	ep = ivshmem_find_bar(cpu->cell, a->address, &offset);
	if (ep && (a->size != 4 || offset % 4)) {
		ivshmem_unlock();
		report(cpu, a, "registers take aligned 32-bit accesses");
		a->value = 0;
		return;
	}
	if (!ep)
		a->value = a->write ? a->value : 0xffffffffU;
	else if (a->write)
		ivshmem_reg_write(ep, offset, (u32)a->value);
	else
		a->value = ivshmem_reg_read(ep, offset);
	ivshmem_unlock();
}

static void vpci_access(struct per_cpu *cpu, struct mmio_access *a,
			u64 offset)
{
	if (offset < BULKHEAD_VPCI_ECAM_SIZE)
		ecam_access(cpu, a, offset);
	else
		bar_access(cpu, a);
}

bool pci_cell_has_vpci(const struct bulkhead_cell_desc *desc)
{
	const struct bulkhead_pci_device *dev = bulkhead_cell_pci_devices(desc);
	unsigned int n;

	for (n = 0; n < desc->num_pci_devices; n++, dev++)
		if (dev->type == BULKHEAD_PCI_TYPE_IVSHMEM)
			return true;
	return false;
}

/* The window must trap: no region of the cell may cover any of it. */
static bool window_free(const struct bulkhead_cell_desc *desc, u64 base)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory_regions(desc);
	unsigned int n;

	for (n = 0; n < desc->num_memory_regions; n++, mem++)
		if (mem->virt_start < base + BULKHEAD_VPCI_WINDOW_SIZE &&
		    base < mem->virt_start + mem->size)
			return false;
	return true;
}

int pci_cell_init(struct cell *cell)
{
	u64 base = system_config->platform.vpci_ecam_base;
	int err;

	if (!pci_cell_has_vpci(cell->config))
		return 0;
	/* 32-bit BARs: the whole window stays below 4 GiB. */
	if (!base || base % BULKHEAD_VPCI_WINDOW_SIZE ||
	    base + BULKHEAD_VPCI_WINDOW_SIZE > (1ULL << 32) ||
	    !window_free(cell->config, base)) {
		printk("Bulkhead: cell \"%s\": ivshmem needs the virtual PCI "
		       "window (vpci_ecam_base 0x%lx): 2 MiB aligned, below "
		       "4 GiB, outside the cell's memory\n",
		       cell->config->name, (unsigned long)base);
		return -BULKHEAD_EINVAL;
	}
	err = ivshmem_cell_init(cell);
	if (err)
		return err;
	err = mmio_register(cell, base, BULKHEAD_VPCI_WINDOW_SIZE,
			    vpci_access);
	if (err)
		ivshmem_cell_exit(cell);
	return err;
}

void pci_cell_exit(struct cell *cell)
{
	if (!cell->config)
		return;
	mmio_unregister_range(cell, system_config->platform.vpci_ecam_base);
	ivshmem_cell_exit(cell);
}
