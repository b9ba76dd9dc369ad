// SPDX-License-Identifier: GPL-2.0
/*
 * Model -> JSON in canonical form: every field written, addresses in hex,
 * sizes with units, sets as numbers and ranges. Parsing the result gives
 * back the same model, which makes decompile(compile(x)) exact.
 */
#include <stdio.h>

#include "config_internal.h"

/* json_pack with "o" steals references and fails cleanly on NULL. */

static json_t *console_json(const struct bulkhead_console *con)
{
	const char *type = bh_name_of(bh_con_type_names, con->type);

	return json_pack("{s:s, s:o, s:o, s:o}",
			 "type", type ? type : "none",
			 "address", bh_json_hex(con->address),
			 "size", bh_json_size(con->size),
			 "flags", bh_json_flag_list(con->flags,
						    bh_con_flag_names));
}

static json_t *memory_json(const struct bulkhead_memory *m)
{
	return json_pack("{s:o, s:o, s:o, s:o}",
			 "phys_start", bh_json_hex(m->phys_start),
			 "virt_start", bh_json_hex(m->virt_start),
			 "size", bh_json_size(m->size),
			 "flags", bh_json_flag_list(m->flags,
						    bh_mem_flag_names));
}

static json_t *irqchip_json(const struct bulkhead_irqchip *chip)
{
	__u64 set[BH_SET_WORDS] = { 0 };
	unsigned int n, line;

	for (n = 0; n < BULKHEAD_IRQCHIP_PINS; n++) {
		line = chip->pin_base + n;
		if ((chip->pin_bitmap[n / 32] >> (n % 32)) & 1 &&
		    line < BH_SET_BITS)
			set[line / 64] |= 1ULL << (line % 64);
	}
	return json_pack("{s:o, s:I, s:I, s:o}",
			 "address", bh_json_hex(chip->address),
			 "id", (json_int_t)chip->id,
			 "pin_base", (json_int_t)chip->pin_base,
			 "pins", bh_json_set_list(set, BH_SET_BITS));
}

static json_t *pci_json(const struct bulkhead_pci_device *d)
{
	const char *type = bh_name_of(bh_pci_type_names, d->type);
	const char *proto = bh_name_of(bh_shmem_proto_names,
				       d->shmem_protocol);
	json_t *masks = json_array();
	char bdf[16];
	int i;

	for (i = 0; masks && i < BULKHEAD_PCI_NUM_BARS; i++)
		json_array_append_new(masks, bh_json_hex(d->bar_mask[i]));
	snprintf(bdf, sizeof(bdf), "%02x:%02x.%x", d->bdf >> 8,
		 (d->bdf >> 3) & 0x1f, d->bdf & 7);
	return json_pack("{s:s, s:I, s:s, s:o, s:I, s:I, s:I, s:s, s:I}",
			 "type", type ? type : "device",
			 "domain", (json_int_t)d->domain, "bdf", bdf,
			 "bar_mask", masks,
			 "shmem_regions_start",
			 (json_int_t)d->shmem_regions_start,
			 "shmem_dev_id", (json_int_t)d->shmem_dev_id,
			 "shmem_peers", (json_int_t)d->shmem_peers,
			 "shmem_protocol", proto ? proto : "undefined",
			 "num_msix_vectors", (json_int_t)d->num_msix_vectors);
}

#define ARRAY_JSON(arr, items, count, fn) do {				\
	__u32 _i;							\
	for (_i = 0; (arr) && _i < (count); _i++)			\
		if (json_array_append_new(arr, fn(&(items)[_i]))) {	\
			json_decref(arr);				\
			(arr) = NULL;					\
		}							\
} while (0)

static json_t *cell_json(const struct bh_cell_config *cell)
{
	const struct bulkhead_cell_desc *d = &cell->desc;
	json_t *mem = json_array(), *irq = json_array(), *pci = json_array();
	char name[BULKHEAD_CELL_NAME_SIZE];

	snprintf(name, sizeof(name), "%.*s", BULKHEAD_CELL_NAME_SIZE - 1,
		 d->name);
	ARRAY_JSON(mem, cell->memory_regions, d->num_memory_regions,
		   memory_json);
	ARRAY_JSON(irq, cell->irqchips, d->num_irqchips, irqchip_json);
	ARRAY_JSON(pci, cell->pci_devices, d->num_pci_devices, pci_json);
	return json_pack("{s:s, s:o, s:o, s:o, s:I, s:I, s:o, s:o, s:o, s:o}",
			 "name", name,
			 "flags", bh_json_flag_list(d->flags,
						    bh_cell_flag_names),
			 "cpus", bh_json_set_list(d->cpu_set,
						  BULKHEAD_MAX_CPUS),
			 "cpu_reset_address",
			 bh_json_hex(d->cpu_reset_address),
			 "msg_reply_timeout_ms",
			 (json_int_t)d->msg_reply_timeout_ms,
			 "vpci_irq_base", (json_int_t)d->vpci_irq_base,
			 "console", console_json(&d->console),
			 "memory_regions", mem, "irqchips", irq,
			 "pci_devices", pci);
}

static json_t *platform_json(const struct bulkhead_platform *p)
{
	const struct bulkhead_arm64_platform *a = &p->arch.arm64;
	json_t *obj, *pci = NULL;

	obj = json_pack("{s:I, s:{s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o}}",
			"num_cpus", (json_int_t)p->num_cpus, "arm64",
			"gic_version", (json_int_t)a->gic_version,
			"maintenance_irq", (json_int_t)a->maintenance_irq,
			"gicd_base", bh_json_hex(a->gicd_base),
			"gicr_base", bh_json_hex(a->gicr_base),
			"gicr_stride", bh_json_size(a->gicr_stride),
			"gicc_base", bh_json_hex(a->gicc_base),
			"gich_base", bh_json_hex(a->gich_base),
			"gicv_base", bh_json_hex(a->gicv_base));
	/* The pci object is optional; an all-zero one would not validate. */
	if (obj && (p->pci_ecam_base || p->pci_ecam_size ||
		    p->vpci_ecam_base || p->pci_end_bus)) {
		pci = json_pack("{s:o, s:o, s:I, s:I, s:I, s:o}",
				"ecam_base", bh_json_hex(p->pci_ecam_base),
				"ecam_size", bh_json_size(p->pci_ecam_size),
				"domain", (json_int_t)p->pci_domain,
				"start_bus", (json_int_t)p->pci_start_bus,
				"end_bus", (json_int_t)p->pci_end_bus,
				"vpci_ecam_base",
				bh_json_hex(p->vpci_ecam_base));
		if (!pci || json_object_set_new(obj, "pci", pci)) {
			json_decref(obj);
			return NULL;
		}
	}
	return obj;
}

static json_t *system_json(const struct bh_config *cfg)
{
	const struct bulkhead_system *s = &cfg->sys;
	const struct bulkhead_memory *hv = &s->hypervisor_memory;

	return json_pack("{s:s, s:I, s:s, s:[], s:{s:o, s:o}, s:o, s:o, s:o}",
			 "type", "system", "revision", (json_int_t)s->revision,
			 "arch", bh_config_arch_name(s->arch), "flags",
			 "hypervisor_memory",
			 "phys_start", bh_json_hex(hv->phys_start),
			 "size", bh_json_size(hv->size),
			 "debug_console", console_json(&s->debug_console),
			 "platform", platform_json(&s->platform),
			 "root_cell", cell_json(&cfg->cell));
}

json_t *bh_config_to_json(const struct bh_config *cfg)
{
	const struct bulkhead_cell_desc *d = &cfg->cell.desc;
	json_t *obj;

	if (cfg->is_system)
		return system_json(cfg);
	obj = cell_json(&cfg->cell);
	if (obj && (json_object_set_new(obj, "type", json_string("cell")) ||
		    json_object_set_new(obj, "revision",
					json_integer(d->revision)) ||
		    json_object_set_new(obj, "arch", json_string(
					bh_config_arch_name(d->arch))))) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}
