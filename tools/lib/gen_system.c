// SPDX-License-Identifier: GPL-2.0
/*
 * The generator's driver: parses the inputs, derives the system part
 * (platform, consoles, CPUs, interrupts, PCI) and lets gen_memory.c plan
 * the memory, then validates the result like any config.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_internal.h"

static int parse_inputs(struct bh_gen_ctx *c, struct bh_config_errors *errs)
{
	const struct bh_gen_input *in = c->in;
	const char *saved = errs->document;
	int ret = 0;

	errs->document = in->iomem_name ? in->iomem_name : "iomem";
	if (in->iomem && bh_iomem_parse(in->iomem, &c->iomem, errs))
		ret = -EINVAL;
	errs->document = in->cpuinfo_name ? in->cpuinfo_name : "cpuinfo";
	if (in->cpuinfo && bh_cpuinfo_parse(in->cpuinfo, &c->cpuinfo, errs))
		ret = -EINVAL;
	errs->document = in->lspci_name ? in->lspci_name : "lspci";
	if (in->lspci && bh_lspci_parse(in->lspci, &c->pci, errs))
		ret = -EINVAL;
	else if (!in->lspci && in->sysfs_pci &&
		 bh_sysfs_pci_read(in->sysfs_pci, &c->pci, errs))
		ret = -EINVAL;
	if (in->fdt) {
		c->fdt = calloc(1, sizeof(*c->fdt));
		errs->document = in->fdt_name ? in->fdt_name : "fdt";
		if (!c->fdt)
			ret = -ENOMEM;
		else if (bh_fdt_parse(in->fdt, in->fdt_size, c->fdt,
				      &c->res->notes, errs))
			ret = -EINVAL;
	}
	errs->document = saved;
	return ret;
}

static void missing(struct bh_gen_ctx *c, const char *what, const char *fix,
		    const char *why)
{
	bh_gen_note_add(&c->res->notes, what, fix, "%s", why);
	c->failed = true;
}

static void plan_arch(struct bh_gen_ctx *c)
{
	struct bh_config *cfg = &c->res->cfg;
	__u32 arch = c->cpuinfo.arch;

	if (!arch && c->fdt)
		arch = BULKHEAD_ARCH_ARM64;
	if (!arch) {
		arch = BULKHEAD_ARCH_ARM64;
		missing(c, "arch", "give --cpuinfo or run on the machine",
			"no /proc/cpuinfo and no device tree: the "
			"architecture is unknown");
	}
	if (arch == BULKHEAD_ARCH_X86_64)
		missing(c, "platform", NULL, "x86-64: config revision 1 "
			"describes the arm64 platform only (GIC, PL011); the "
			"x86 platform (IOAPIC, IOMMU, PIO) is not part of it "
			"yet, so no system config is produced; memory, CPUs "
			"and PCI devices found are listed under \"found\"");
	else if (!c->fdt)
		missing(c, "platform", "give --dtb FILE (on the machine: "
			"/sys/firmware/fdt)", "arm64 without a device tree: "
			"GIC, UART, timers and PCI host are unknown");
	cfg->is_system = true;
	cfg->sys.arch = cfg->cell.desc.arch = arch;
	cfg->sys.revision = cfg->cell.desc.revision = BULKHEAD_CONFIG_REVISION;
	memcpy(cfg->sys.signature, BULKHEAD_SYSTEM_SIGNATURE,
	       BULKHEAD_SIGNATURE_SIZE);
	memcpy(cfg->cell.desc.signature, BULKHEAD_CELL_SIGNATURE,
	       BULKHEAD_SIGNATURE_SIZE);
}

static void plan_cpus(struct bh_gen_ctx *c)
{
	struct bh_config *cfg = &c->res->cfg;
	unsigned int n = c->fdt ? c->fdt->num_cpus : 0, i;

	if (n && c->cpuinfo.num_cpus && n != c->cpuinfo.num_cpus)
		bh_gen_note_add(&c->res->notes, "platform.num_cpus", "bring "
			"all CPUs online (or check the DT) and generate again",
			"the device tree has %u CPUs, /proc/cpuinfo shows %u "
			"online; using the device tree's count", n,
			c->cpuinfo.num_cpus);
	if (!n)
		n = c->cpuinfo.num_cpus;
	if (!n || n > BULKHEAD_MAX_CPUS) {
		missing(c, "platform.num_cpus", "give --cpuinfo or --dtb",
			"the number of CPUs is unknown");
		return;
	}
	cfg->sys.platform.num_cpus = n;
	for (i = 0; i < n; i++)
		cfg->cell.desc.cpu_set[i / 64] |= 1ULL << (i % 64);
}

static void plan_platform(struct bh_gen_ctx *c)
{
	struct bulkhead_system *s = &c->res->cfg.sys;
	const struct bh_fdt_info *f = c->fdt;

	if (!f || c->cpuinfo.arch == BULKHEAD_ARCH_X86_64)
		return;
	if (!f->gic.gic_version)
		missing(c, "platform.arm64", NULL, "the device tree has no "
			"GICv2 or GICv3 node (compatible arm,gic-v3, "
			"arm,cortex-a15-gic, arm,gic-400)");
	else if (!f->have_maintenance_irq)
		c->failed = true;	/* noted by the DT reader */
	s->platform.arch.arm64 = f->gic;
	if (f->have_pci) {
		s->platform.pci_ecam_base = f->ecam_base;
		s->platform.pci_ecam_size = f->ecam_size;
		s->platform.pci_domain = f->pci_domain;
		s->platform.pci_start_bus = f->start_bus;
		s->platform.pci_end_bus = f->end_bus;
	}
	s->debug_console = f->uart;
	c->res->cfg.cell.desc.console = f->uart;
}

/*
 * The root cell owns every SPI. The DT does not say how many the GIC has
 * (GICD_TYPER does), so the lines up to the highest SPI a DT node uses
 * are covered, in whole 128-line irqchip entries, and that is noted.
 */
#define IRQCHIP_LAST_BASE	896	/* highest pin_base the format allows */

static int plan_irqchips(struct bh_gen_ctx *c)
{
	struct bh_cell_config *cell = &c->res->cfg.cell;
	const struct bh_fdt_info *f = c->fdt;
	unsigned int n, i, last;

	if (!f || !f->gic.gic_version || c->cpuinfo.arch ==
	    BULKHEAD_ARCH_X86_64)
		return 0;
	last = f->max_spi < 32 ? 32 : f->max_spi;
	n = (last - 32) / BULKHEAD_IRQCHIP_PINS + 1;
	cell->irqchips = calloc(n, sizeof(*cell->irqchips));
	if (!cell->irqchips)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		struct bulkhead_irqchip *chip = &cell->irqchips[i];

		chip->address = f->gic.gicd_base;
		chip->pin_base = 32 + i * BULKHEAD_IRQCHIP_PINS;
		memset(chip->pin_bitmap, 0xff, sizeof(chip->pin_bitmap));
		/* Lines 928-1019: the entry must start at 896 at the latest,
		 * so it covers only the 32 lines the previous one did not. */
		if (chip->pin_base > IRQCHIP_LAST_BASE) {
			chip->pin_base = IRQCHIP_LAST_BASE;
			chip->pin_bitmap[0] = 0;
		}
	}
	cell->desc.num_irqchips = n;
	bh_gen_note_add(&c->res->notes, "root_cell.irqchips", "if the GIC "
		"implements more SPIs (GICD_TYPER.ITLinesNumber) that Linux "
		"uses, add irqchip entries for them",
		"the device tree does not give the number of SPIs; the root "
		"cell gets lines 32-%u (the highest SPI a DT node uses is %u)",
		cell->irqchips[n - 1].pin_base + BULKHEAD_IRQCHIP_PINS - 1,
		f->max_spi);
	return 0;
}

/* Class 06.00: host bridges are part of the platform's ECAM window. */
#define PCI_CLASS_HOST_BRIDGE	0x0600
#define PCI_CLASS_PCI_BRIDGE	0x0604
#define PCI_CLASS_CARDBUS	0x0607

static bool bar_covered(const struct bh_cell_config *cell,
			const struct bh_pci_bar *bar)
{
	__u32 i;
	__u64 size = bar->size ? bar->size : 1;

	for (i = 0; i < cell->desc.num_memory_regions; i++) {
		const struct bulkhead_memory *m = &cell->memory_regions[i];

		if (bar->address >= m->phys_start &&
		    bar->address + size <= m->phys_start + m->size)
			return true;
	}
	return false;
}

static void check_bars(struct bh_gen_ctx *c, const struct bh_pci_func *f)
{
	const struct bh_cell_config *cell = &c->res->cfg.cell;
	int i;

	for (i = 0; i < BULKHEAD_PCI_NUM_BARS; i++) {
		const struct bh_pci_bar *b = &f->bars[i];

		if (!b->present || b->io || bar_covered(cell, b))
			continue;
		bh_gen_note_add(&c->res->notes, "root_cell.memory_regions",
			"add a region covering the BAR, or check the "
			"PCI host's windows in the DT",
			"BAR %d of %02x:%02x.%x at 0x%llx (size 0x%llx) is in "
			"no root cell region", i, f->bdf >> 8,
			f->bdf >> 3 & 31, f->bdf & 7,
			(unsigned long long)b->address,
			(unsigned long long)b->size);
	}
}

static int plan_pci(struct bh_gen_ctx *c)
{
	struct bh_cell_config *cell = &c->res->cfg.cell;
	struct bulkhead_pci_device *d;
	size_t i;

	cell->pci_devices = calloc(c->pci.count + 1, sizeof(*d));
	if (!cell->pci_devices)
		return -ENOMEM;
	for (i = 0; i < c->pci.count; i++) {
		const struct bh_pci_func *f = &c->pci.list[i];

		check_bars(c, f);
		if (f->have_class && f->class_code == PCI_CLASS_HOST_BRIDGE)
			continue;
		d = &cell->pci_devices[cell->desc.num_pci_devices++];
		d->domain = f->domain;
		d->bdf = f->bdf;
		d->type = f->class_code == PCI_CLASS_PCI_BRIDGE ||
			  f->class_code == PCI_CLASS_CARDBUS ?
			  BULKHEAD_PCI_TYPE_BRIDGE : BULKHEAD_PCI_TYPE_DEVICE;
		if (!f->have_class)
			bh_gen_note_add(&c->res->notes, "root_cell.pci_devices",
				"capture lspci with -nn (class numbers)",
				"%02x:%02x.%x: class not shown; listed as an "
				"endpoint", f->bdf >> 8, f->bdf >> 3 & 31,
				f->bdf & 7);
	}
	return 0;
}

static void set_name(struct bh_gen_ctx *c)
{
	const char *name = c->in->name ? c->in->name : "root";

	snprintf(c->res->cfg.cell.desc.name,
		 sizeof(c->res->cfg.cell.desc.name), "%s", name);
}

/* The finished config must pass the validator like any other. */
static void validate(struct bh_gen_ctx *c)
{
	struct bh_config_errors verr;
	char line[512];
	size_t i;

	bh_config_errors_init(&verr);
	bh_config_validate(&c->res->cfg, &verr);
	for (i = 0; i < verr.count; i++) {
		bh_config_error_format(&verr.list[i], line, sizeof(line));
		bh_gen_note_add(&c->res->notes, "validation", NULL, "%s",
				line);
	}
	c->failed |= verr.count != 0;
	bh_config_errors_free(&verr);
}

json_t *bh_gen_found_json(const struct bh_gen_ctx *c);

int bh_generate(const struct bh_gen_input *in, struct bh_gen_result *res,
		struct bh_config_errors *errs)
{
	struct bh_gen_ctx c = { .in = in, .res = res };
	int ret;

	memset(res, 0, sizeof(*res));
	ret = parse_inputs(&c, errs);
	if (!ret && !in->iomem)
		missing(&c, "root_cell.memory_regions", "give --iomem or run "
			"on the machine as root", "no /proc/iomem: Linux's "
			"RAM is unknown");
	if (!ret) {
		plan_arch(&c);
		plan_cpus(&c);
		plan_platform(&c);
		ret = bh_gen_memory(&c);
	}
	if (!ret)
		ret = plan_irqchips(&c);
	if (!ret)
		ret = plan_pci(&c);
	if (!ret) {
		set_name(&c);
		if (c.cpuinfo.arch != BULKHEAD_ARCH_X86_64)
			validate(&c);
		res->complete = !c.failed;
		res->found = bh_gen_found_json(&c);
	}
	free(c.regions);
	free(c.fdt);
	bh_iomem_free(&c.iomem);
	bh_pci_list_free(&c.pci);
	if (ret)
		bh_gen_result_free(res);
	return ret;
}

void bh_gen_result_free(struct bh_gen_result *res)
{
	bh_config_free(&res->cfg);
	bh_gen_notes_free(&res->notes);
	json_decref(res->found);
	memset(res, 0, sizeof(*res));
}
