// SPDX-License-Identifier: GPL-2.0
/*
 * Rules on one config alone (docs/config-format.md, "Validation rules").
 * Every rule reports at the JSON Pointer of the offending value, with the
 * values involved, and validation goes on so all findings come out at once.
 */
#include <string.h>

#include <bulkhead/ivshmem.h>

#include "config_internal.h"

#define PAGE_MASK	(BULKHEAD_CONFIG_PAGE_SIZE - 1)

struct check {
	const struct bh_config *cfg;
	struct bh_config_errors *errs;
	const char *base;	/* "" or "/root_cell" */
	size_t found;
};

#define REPORT(c, rule, ptr, ...) do {					\
	bh_config_error_add((c)->errs, ptr, rule, __VA_ARGS__);		\
	(c)->found++;							\
} while (0)

static bool is_root(const struct check *c)
{
	return c->cfg->is_system;
}

static bool ranges_overlap(__u64 a, __u64 alen, __u64 b, __u64 blen)
{
	return a < b + blen && b < a + alen;
}

static void check_name(struct check *c)
{
	const char *name = c->cfg->cell.desc.name;
	char at[BH_PTR_SIZE];
	size_t i;

	bh_ptr(at, "%s/name", c->base);
	if (!name[0])
		REPORT(c, "name", at, "the cell name is empty");
	for (i = 0; name[i] && i < BULKHEAD_CELL_NAME_SIZE; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789_.-", name[i])) {
			REPORT(c, "name", at, "character '%c' in \"%s\" is not "
			       "allowed (use A-Z a-z 0-9 _ . -)", name[i],
			       name);
			break;
		}
}

static void check_cpus(struct check *c)
{
	const struct bulkhead_cell_desc *d = &c->cfg->cell.desc;
	__u32 num_cpus = c->cfg->sys.platform.num_cpus;
	char at[BH_PTR_SIZE];
	unsigned int cpu;
	bool any = false;

	bh_ptr(at, "%s/cpus", c->base);
	for (cpu = 0; cpu < BULKHEAD_MAX_CPUS; cpu++) {
		if (!bulkhead_cell_has_cpu(d, cpu))
			continue;
		any = true;
		if (is_root(c) && cpu >= num_cpus)
			REPORT(c, "cpu-range", at, "CPU %u is beyond the "
			       "machine's %u CPUs (/platform/num_cpus)", cpu,
			       num_cpus);
	}
	if (!any)
		REPORT(c, "cpus", at, "a cell needs at least one CPU");
}

static void check_region(struct check *c, __u32 i, unsigned int *comm)
{
	const struct bulkhead_memory *m = &c->cfg->cell.memory_regions[i];
	char at[BH_PTR_SIZE];

	bh_ptr(at, "%s/memory_regions/%u", c->base, i);
	if (m->flags & ~BULKHEAD_MEM_VALID_FLAGS)
		REPORT(c, "flag", at, "unknown flag bits 0x%llx",
		       (unsigned long long)(m->flags &
					    ~BULKHEAD_MEM_VALID_FLAGS));
	if (!m->size)
		REPORT(c, "size", at, "size is 0");
	if ((m->phys_start | m->virt_start | m->size) & PAGE_MASK)
		REPORT(c, "alignment", at, "0x%llx->0x%llx+0x%llx is not "
		       "aligned to 4K pages",
		       (unsigned long long)m->phys_start,
		       (unsigned long long)m->virt_start,
		       (unsigned long long)m->size);
	if (m->phys_start + m->size < m->phys_start ||
	    m->virt_start + m->size < m->virt_start)
		REPORT(c, "size", at, "0x%llx+0x%llx wraps around the address "
		       "space", (unsigned long long)m->phys_start,
		       (unsigned long long)m->size);
	if (is_root(c) && m->virt_start != m->phys_start)
		REPORT(c, "identity", at, "the root cell is identity-mapped: "
		       "virt_start 0x%llx differs from phys_start 0x%llx",
		       (unsigned long long)m->virt_start,
		       (unsigned long long)m->phys_start);
	if (is_root(c) && (m->flags & (BULKHEAD_MEM_LOADABLE |
				       BULKHEAD_MEM_ROOTSHARED)))
		REPORT(c, "root-cell", at, "loadable and rootshared are for "
		       "non-root cells");
	if (!(m->flags & BULKHEAD_MEM_COMM_REGION))
		return;
	if (is_root(c))
		REPORT(c, "comm-region", at, "the root cell has no comm "
		       "region");
	if (++*comm == 2)
		REPORT(c, "comm-region", at, "a cell has at most one comm "
		       "region");
	if (m->size != BULKHEAD_CONFIG_PAGE_SIZE || m->phys_start ||
	    (m->flags & (BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE)) !=
		    (BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE) ||
	    (m->flags & (BULKHEAD_MEM_IO | BULKHEAD_MEM_DMA |
			 BULKHEAD_MEM_LOADABLE | BULKHEAD_MEM_ROOTSHARED)))
		REPORT(c, "comm-region", at, "a comm region is one 4K page "
		       "(size 0x%llx) supplied by the hypervisor (phys_start "
		       "0x%llx must be 0), read+write, and not "
		       "io/dma/loadable/rootshared",
		       (unsigned long long)m->size,
		       (unsigned long long)m->phys_start);
}

static void report_overlap(struct check *c, __u32 i, __u32 j, bool guest)
{
	const struct bulkhead_memory *r = c->cfg->cell.memory_regions;
	__u64 a = guest ? r[i].virt_start : r[i].phys_start;
	__u64 b = guest ? r[j].virt_start : r[j].phys_start;
	char at[BH_PTR_SIZE];

	bh_ptr(at, "%s/memory_regions/%u", c->base, i);
	REPORT(c, "overlap", at, "%soverlaps %s/memory_regions/%u "
	       "(0x%llx+0x%llx vs 0x%llx+0x%llx)", guest ? "guest range " : "",
	       c->base, j, (unsigned long long)a,
	       (unsigned long long)r[i].size, (unsigned long long)b,
	       (unsigned long long)r[j].size);
}

static void check_overlaps(struct check *c)
{
	const struct bulkhead_memory *r = c->cfg->cell.memory_regions;
	__u32 n = c->cfg->cell.desc.num_memory_regions, i, j;
	bool ci, cj;

	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++) {
			/* A comm region has no host range of its own. */
			ci = r[i].flags & BULKHEAD_MEM_COMM_REGION;
			cj = r[j].flags & BULKHEAD_MEM_COMM_REGION;
			if (!ci && !cj &&
			    ranges_overlap(r[i].phys_start, r[i].size,
					   r[j].phys_start, r[j].size))
				report_overlap(c, i, j, false);
			else if (ranges_overlap(r[i].virt_start, r[i].size,
						r[j].virt_start, r[j].size))
				report_overlap(c, i, j, true);
		}
}

static void check_irqchips(struct check *c)
{
	const struct bh_cell_config *cell = &c->cfg->cell;
	const struct bulkhead_irqchip *chip;
	char at[BH_PTR_SIZE];
	__u32 i;

	for (i = 0; i < cell->desc.num_irqchips; i++) {
		chip = &cell->irqchips[i];
		bh_ptr(at, "%s/irqchips/%u/pin_base", c->base, i);
		if (chip->pin_base % 32 || chip->pin_base < 32 ||
		    chip->pin_base > 1020 - BULKHEAD_IRQCHIP_PINS + 4)
			REPORT(c, "irqchip", at, "pin_base %u must be a "
			       "multiple of 32 from 32 to 896 (SGIs and PPIs "
			       "follow their CPU)", chip->pin_base);
		bh_ptr(at, "%s/irqchips/%u/address", c->base, i);
		if (is_root(c) &&
		    chip->address != c->cfg->sys.platform.arch.arm64.gicd_base)
			REPORT(c, "irqchip", at, "address 0x%llx is not the "
			       "distributor at /platform/arm64/gicd_base "
			       "(0x%llx)", (unsigned long long)chip->address,
			       (unsigned long long)
			       c->cfg->sys.platform.arch.arm64.gicd_base);
	}
}

/* Index of a region of the cell containing [addr, addr+size), or -1. */
static long region_containing(const struct bh_cell_config *cell, __u64 addr,
			      __u64 size, bool guest)
{
	const struct bulkhead_memory *m;
	__u64 start;
	__u32 i;

	for (i = 0; i < cell->desc.num_memory_regions; i++) {
		m = &cell->memory_regions[i];
		start = guest ? m->virt_start : m->phys_start;
		if (addr >= start && size <= m->size &&
		    addr - start <= m->size - size)
			return i;
	}
	return -1;
}

static void check_console(struct check *c)
{
	const struct bulkhead_console *con = &c->cfg->cell.desc.console;
	char at[BH_PTR_SIZE];

	bh_ptr(at, "%s/console", c->base);
	if (con->type == BULKHEAD_CON_TYPE_NONE)
		return;
	if (!con->size) {
		REPORT(c, "console", at, "console size is 0");
		return;
	}
	/* The inmate reaches its console through its own mapping. */
	if (region_containing(&c->cfg->cell, con->address, con->size,
			      true) < 0)
		REPORT(c, "console", at, "console 0x%llx+0x%x is not inside "
		       "any of the cell's memory regions",
		       (unsigned long long)con->address, con->size);
}

/*
 * The shared regions of an ivshmem device (docs/ivshmem.md): contiguous
 * for the guest, RAM, readable, equal output sections, the state table
 * big enough for all peers, writable only where this peer may write, and
 * in a non-root cell rootshared (the root cell keeps them, the peers use
 * them together: they belong to no single cell).
 */
static void check_shmem_regions(struct check *c,
				const struct bulkhead_pci_device *d,
				const char *dev_at)
{
	const struct bulkhead_memory *m =
		c->cfg->cell.memory_regions + d->shmem_regions_start;
	unsigned int n, count = 2U + d->shmem_peers;
	char at[BH_PTR_SIZE];
	bool may_write;

	if (m[0].size < 4ULL * d->shmem_peers)
		REPORT(c, "ivshmem", dev_at, "the state table (region %u, "
		       "0x%llx bytes) is smaller than 4 bytes per peer",
		       d->shmem_regions_start,
		       (unsigned long long)m[0].size);
	for (n = 0; n < count; n++) {
		bh_ptr(at, "%s/memory_regions/%u", c->base,
		       d->shmem_regions_start + n);
		may_write = n == 1 || n == 2U + d->shmem_dev_id;
		if (!(m[n].flags & BULKHEAD_MEM_READ) ||
		    m[n].flags & (BULKHEAD_MEM_IO | BULKHEAD_MEM_COMM_REGION))
			REPORT(c, "ivshmem", at, "shared memory of %s must be "
			       "readable RAM (not io, not comm_region)",
			       dev_at);
		if (!may_write && m[n].flags & BULKHEAD_MEM_WRITE)
			REPORT(c, "ivshmem", at, "%s of %s must not be "
			       "writable (peer %u writes only the read/write "
			       "section and output section %u)",
			       n ? "another peer's output section" :
				   "the state table", dev_at,
			       d->shmem_dev_id, d->shmem_dev_id);
		if (n && m[n].virt_start != m[n - 1].virt_start +
					    m[n - 1].size)
			REPORT(c, "ivshmem", at, "shared regions of %s must be "
			       "contiguous: 0x%llx does not follow "
			       "0x%llx+0x%llx",
			       dev_at, (unsigned long long)m[n].virt_start,
			       (unsigned long long)m[n - 1].virt_start,
			       (unsigned long long)m[n - 1].size);
		if (n > 2 && m[n].size != m[2].size)
			REPORT(c, "ivshmem", at, "output sections of %s differ "
			       "in size (0x%llx vs 0x%llx)", dev_at,
			       (unsigned long long)m[n].size,
			       (unsigned long long)m[2].size);
		if (!is_root(c) && !(m[n].flags & BULKHEAD_MEM_ROOTSHARED))
			REPORT(c, "ivshmem", at, "shared memory of %s must be "
			       "rootshared in a non-root cell", dev_at);
	}
}

static void check_ivshmem(struct check *c, __u32 i)
{
	const struct bh_cell_config *cell = &c->cfg->cell;
	const struct bulkhead_pci_device *d = &cell->pci_devices[i];
	char at[BH_PTR_SIZE], sub_at[BH_PTR_SIZE];
	bool regions_ok = true;
	__u32 n, irq;

	bh_ptr(at, "%s/pci_devices/%u", c->base, i);
	if (d->shmem_peers < 2 || d->shmem_peers > 16 ||
	    d->shmem_dev_id >= d->shmem_peers) {
		REPORT(c, "pci", at, "ivshmem needs 2..16 peers and "
		       "shmem_dev_id below them (peers %u, id %u)",
		       d->shmem_peers, d->shmem_dev_id);
		regions_ok = false;
	}
	/* State table, read-write region, one output per peer. */
	if ((__u64)d->shmem_regions_start + 2 + d->shmem_peers >
	    cell->desc.num_memory_regions) {
		REPORT(c, "pci", at, "shmem regions %u..%u do not "
		       "exist (the cell has %u memory regions)",
		       d->shmem_regions_start,
		       d->shmem_regions_start + 1 + d->shmem_peers,
		       cell->desc.num_memory_regions);
		regions_ok = false;
	}
	bh_ptr(sub_at, "%s/bdf", at);
	if (d->bdf >> 8)
		REPORT(c, "ivshmem", sub_at, "virtual devices sit on bus 0 of "
		       "the virtual host (bus 0x%02x)", d->bdf >> 8);
	for (n = 0; n < i; n++)
		if (cell->pci_devices[n].type == BULKHEAD_PCI_TYPE_IVSHMEM &&
		    cell->pci_devices[n].bdf == d->bdf)
			REPORT(c, "ivshmem", sub_at, "BDF also used by "
			       "%s/pci_devices/%u", c->base, n);
	bh_ptr(sub_at, "%s/bar_mask", at);
	if (d->bar_mask[0] != BULKHEAD_IVSHMEM_BAR0_MASK || d->bar_mask[1] ||
	    d->bar_mask[2] || d->bar_mask[3] || d->bar_mask[4] ||
	    d->bar_mask[5])
		REPORT(c, "ivshmem", sub_at, "ivshmem has one BAR, the 4K "
		       "register page: bar_mask must be [0xfffff000, 0, 0, 0, "
		       "0, 0]");
	bh_ptr(sub_at, "%s/num_msix_vectors", at);
	if (d->num_msix_vectors)
		REPORT(c, "ivshmem", sub_at, "MSI-X is not emulated (%u "
		       "vectors): use INTx (0)", d->num_msix_vectors);
	irq = cell->desc.vpci_irq_base;
	bh_ptr(sub_at, "%s/vpci_irq_base", c->base);
	if (irq && (irq < 32 || irq + (d->bdf >> 3 & 0x1f) >= 1020))
		REPORT(c, "ivshmem", sub_at, "vpci_irq_base %u + device %u is "
		       "not an SPI (32..1019)", irq, d->bdf >> 3 & 0x1f);
	if (regions_ok)
		check_shmem_regions(c, d, at);
}

static void check_pci(struct check *c)
{
	const struct bh_cell_config *cell = &c->cfg->cell;
	__u32 i;

	for (i = 0; i < cell->desc.num_pci_devices; i++)
		if (cell->pci_devices[i].type == BULKHEAD_PCI_TYPE_IVSHMEM)
			check_ivshmem(c, i);
}

/* The virtual host's window: aligned, below 4 GiB, apart from the root. */
static void check_vpci(struct check *c)
{
	const struct bh_cell_config *root = &c->cfg->cell;
	__u64 base = c->cfg->sys.platform.vpci_ecam_base;
	const struct bulkhead_memory *m;
	__u32 i;

	if (!base)
		return;
	if (base % BULKHEAD_VPCI_WINDOW_SIZE ||
	    base + BULKHEAD_VPCI_WINDOW_SIZE > (1ULL << 32))
		REPORT(c, "vpci", "/platform/pci/vpci_ecam_base", "0x%llx: "
		       "the virtual PCI window (2 MiB) must be 2 MiB aligned "
		       "and below 4 GiB (its BARs are 32-bit)",
		       (unsigned long long)base);
	for (i = 0; i < root->desc.num_memory_regions; i++) {
		char at[BH_PTR_SIZE];

		m = &root->memory_regions[i];
		if (!ranges_overlap(base, BULKHEAD_VPCI_WINDOW_SIZE,
				    m->virt_start, m->size))
			continue;
		bh_ptr(at, "/root_cell/memory_regions/%u", i);
		REPORT(c, "vpci", at, "0x%llx+0x%llx overlaps the virtual PCI "
		       "window 0x%llx+0x200000 (/platform/pci/vpci_ecam_base)",
		       (unsigned long long)m->phys_start,
		       (unsigned long long)m->size,
		       (unsigned long long)base);
	}
}

static void check_platform(struct check *c)
{
	const struct bulkhead_system *s = &c->cfg->sys;
	const struct bulkhead_platform *p = &s->platform;
	const struct bulkhead_arm64_platform *a = &p->arch.arm64;
	__u64 buses = (__u64)p->pci_end_bus - p->pci_start_bus + 1;

	if (!p->num_cpus || p->num_cpus > BULKHEAD_MAX_CPUS)
		REPORT(c, "platform", "/platform/num_cpus", "%u CPUs: must be "
		       "1..%d", p->num_cpus, BULKHEAD_MAX_CPUS);
	if (a->gic_version != BULKHEAD_GIC_V2 &&
	    a->gic_version != BULKHEAD_GIC_V3)
		REPORT(c, "platform", "/platform/arm64/gic_version",
		       "GIC version %u: must be 2 or 3", a->gic_version);
	if (a->gic_version == BULKHEAD_GIC_V3 &&
	    (!a->gicr_base || !a->gicr_stride))
		REPORT(c, "platform", "/platform/arm64", "GICv3 needs "
		       "gicr_base and gicr_stride");
	if (a->gic_version == BULKHEAD_GIC_V2 &&
	    (!a->gicc_base || !a->gich_base || !a->gicv_base))
		REPORT(c, "platform", "/platform/arm64", "GICv2 needs "
		       "gicc_base, gich_base and gicv_base");
	if (a->maintenance_irq < 16 || a->maintenance_irq > 31)
		REPORT(c, "platform", "/platform/arm64/maintenance_irq",
		       "INTID %u is not a PPI (16..31)", a->maintenance_irq);
	if (p->pci_ecam_base &&
	    (p->pci_end_bus < p->pci_start_bus ||
	     p->pci_ecam_size != buses << 20))
		REPORT(c, "platform", "/platform/pci/ecam_size", "0x%llx "
		       "does not match buses %u-%u (1M each)",
		       (unsigned long long)p->pci_ecam_size, p->pci_start_bus,
		       p->pci_end_bus);
}

static void check_system(struct check *c)
{
	const struct bulkhead_system *s = &c->cfg->sys;
	const struct bulkhead_memory *hv = &s->hypervisor_memory;
	const struct bh_cell_config *root = &c->cfg->cell;
	char at[BH_PTR_SIZE];
	__u32 i;

	if (!hv->size || (hv->phys_start | hv->size) & PAGE_MASK)
		REPORT(c, "alignment", "/hypervisor_memory", "0x%llx+0x%llx "
		       "must be non-empty and aligned to 4K pages",
		       (unsigned long long)hv->phys_start,
		       (unsigned long long)hv->size);
	for (i = 0; i < root->desc.num_memory_regions; i++) {
		const struct bulkhead_memory *m = &root->memory_regions[i];

		if (!ranges_overlap(hv->phys_start, hv->size, m->phys_start,
				    m->size))
			continue;
		bh_ptr(at, "/root_cell/memory_regions/%u", i);
		REPORT(c, "hypervisor-memory", at, "0x%llx+0x%llx overlaps "
		       "the hypervisor memory /hypervisor_memory "
		       "(0x%llx+0x%llx)", (unsigned long long)m->phys_start,
		       (unsigned long long)m->size,
		       (unsigned long long)hv->phys_start,
		       (unsigned long long)hv->size);
	}
	if (s->debug_console.type != BULKHEAD_CON_TYPE_NONE &&
	    !s->debug_console.size)
		REPORT(c, "console", "/debug_console", "console size is 0");
	check_platform(c);
	check_vpci(c);
}

size_t bh_config_validate(const struct bh_config *cfg,
			  struct bh_config_errors *errs)
{
	struct check c = {
		.cfg = cfg, .errs = errs,
		.base = cfg->is_system ? "/root_cell" : "",
	};
	unsigned int comm = 0;
	__u32 i;

	check_name(&c);
	check_cpus(&c);
	for (i = 0; i < cfg->cell.desc.num_memory_regions; i++)
		check_region(&c, i, &comm);
	check_overlaps(&c);
	check_irqchips(&c);
	check_console(&c);
	check_pci(&c);
	if (cfg->is_system)
		check_system(&c);
	return c.found;
}
