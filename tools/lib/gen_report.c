// SPDX-License-Identifier: GPL-2.0
/*
 * The generator's machine-readable report: the config (when complete),
 * the notes, and a summary of what the inputs showed, for people checking
 * the result and for webd's generator page.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"
#include "gen_internal.h"

json_t *bh_gen_found_json(const struct bh_gen_ctx *c);

static json_t *ram_json(const struct bh_gen_ctx *c)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < c->iomem.count; i++) {
		const struct bh_iomem_entry *e = &c->iomem.list[i];

		if (e->depth || strcmp(e->name, "System RAM"))
			continue;
		json_array_append_new(arr, json_pack("{s:o, s:o}",
			"start", bh_json_hex(e->start),
			"size", bh_json_size(e->end - e->start + 1)));
	}
	return arr;
}

static json_t *pci_json(const struct bh_gen_ctx *c)
{
	json_t *arr = json_array(), *o;
	char bdf[16], ids[16], cls[8];
	size_t i;

	for (i = 0; arr && i < c->pci.count; i++) {
		const struct bh_pci_func *f = &c->pci.list[i];

		snprintf(bdf, sizeof(bdf), "%04x:%02x:%02x.%x", f->domain,
			 f->bdf >> 8, f->bdf >> 3 & 31, f->bdf & 7);
		snprintf(ids, sizeof(ids), "%04x:%04x", f->vendor, f->device);
		snprintf(cls, sizeof(cls), "%04x", f->class_code);
		o = json_pack("{s:s, s:s?, s:s?}", "bdf", bdf,
			      "class", f->have_class ? cls : NULL,
			      "ids", f->have_ids ? ids : NULL);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *fdt_json(const struct bh_fdt_info *f)
{
	if (!f)
		return json_null();
	return json_pack("{s:i, s:i, s:i, s:[i,i,i,i], s:i}",
			 "num_cpus", (int)f->num_cpus,
			 "gic_version", (int)f->gic.gic_version,
			 "uart_irq", (int)f->uart_irq,
			 "timer_irqs", (int)f->timer_irqs[0],
			 (int)f->timer_irqs[1], (int)f->timer_irqs[2],
			 (int)f->timer_irqs[3],
			 "max_spi", (int)f->max_spi);
}

json_t *bh_gen_found_json(const struct bh_gen_ctx *c)
{
	return json_pack("{s:s?, s:i, s:o, s:o, s:o}",
			 "arch", c->cpuinfo.arch ?
			 bh_config_arch_name(c->cpuinfo.arch) : NULL,
			 "online_cpus", (int)c->cpuinfo.num_cpus,
			 "system_ram", ram_json(c),
			 "pci", pci_json(c),
			 "device_tree", fdt_json(c->fdt));
}

json_t *bh_gen_report_json(const struct bh_gen_result *res)
{
	json_t *cfg = res->complete ? bh_config_to_json(&res->cfg) :
		      json_null();

	return json_pack("{s:b, s:o, s:o, s:O?}", "complete", res->complete,
			 "config", cfg, "notes",
			 bh_gen_notes_to_json(&res->notes), "found",
			 res->found);
}
