// SPDX-License-Identifier: GPL-2.0
/*
 * JSON -> model. The parser keeps going after a bad value so one run
 * reports every problem of the document, each with its JSON Pointer.
 * Semantic rules (overlaps, alignment, ...) are the validator's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"

struct parser {
	struct bh_config_errors *errs;
	bool ok;
};

/* A member, or NULL (reported when required). */
static json_t *member(struct parser *p, json_t *obj, const char *ptr,
		      const char *key, bool required)
{
	json_t *v = json_object_get(obj, key);

	if (!v && required) {
		bh_config_error_add(p->errs, ptr, "required",
				    "missing field \"%s\"", key);
		p->ok = false;
	}
	return v;
}

static void sub(char *out, const char *ptr, const char *key)
{
	bh_ptr(out, "%s/%s", ptr, key);
}

/* Optional numeric member into *out (left alone when absent). */
static void read_u64(struct parser *p, json_t *obj, const char *ptr,
		     const char *key, bool required, __u64 max, __u64 *out)
{
	json_t *v = member(p, obj, ptr, key, required);
	char at[BH_PTR_SIZE];

	sub(at, ptr, key);
	if (v && !bh_json_u64(v, at, max, out, p->errs))
		p->ok = false;
}

#define READ_FIELD(p, obj, ptr, key, req, field) do {			\
	__u64 _v = (field);						\
	read_u64(p, obj, ptr, key, req, (__typeof__(field))~0ULL, &_v);	\
	(field) = (__typeof__(field))_v;				\
} while (0)

static void read_name(struct parser *p, json_t *obj, const char *ptr,
		      const char *key, bool required,
		      const struct bh_name *table, __u64 *out)
{
	json_t *v = member(p, obj, ptr, key, required);
	char at[BH_PTR_SIZE];

	sub(at, ptr, key);
	if (v && !bh_json_name(v, at, table, out, p->errs))
		p->ok = false;
}

static void read_flags(struct parser *p, json_t *obj, const char *ptr,
		       const struct bh_name *table, __u64 *out)
{
	json_t *v = member(p, obj, ptr, "flags", false);
	char at[BH_PTR_SIZE];

	sub(at, ptr, "flags");
	if (v && !bh_json_flags(v, at, table, out, p->errs))
		p->ok = false;
}

static bool fields(struct parser *p, json_t *obj, const char *ptr,
		   const char *const *allowed)
{
	if (!bh_json_fields(obj, ptr, allowed, p->errs)) {
		p->ok = false;
		return json_is_object(obj);
	}
	return true;
}

static void parse_console(struct parser *p, json_t *obj, const char *ptr,
			  struct bulkhead_console *con)
{
	static const char *const allowed[] = {
		"type", "address", "size", "flags", NULL
	};
	__u64 type = BULKHEAD_CON_TYPE_NONE, flags = 0;

	if (!fields(p, obj, ptr, allowed))
		return;
	read_name(p, obj, ptr, "type", true, bh_con_type_names, &type);
	READ_FIELD(p, obj, ptr, "address", false, con->address);
	READ_FIELD(p, obj, ptr, "size", false, con->size);
	read_flags(p, obj, ptr, bh_con_flag_names, &flags);
	con->type = (__u16)type;
	con->flags = (__u16)flags;
}

static void parse_memory(struct parser *p, json_t *obj, const char *ptr,
			 struct bulkhead_memory *mem)
{
	static const char *const allowed[] = {
		"phys_start", "virt_start", "size", "flags", NULL
	};

	if (!fields(p, obj, ptr, allowed))
		return;
	READ_FIELD(p, obj, ptr, "phys_start", true, mem->phys_start);
	/* Identity mapping unless said otherwise. */
	mem->virt_start = mem->phys_start;
	READ_FIELD(p, obj, ptr, "virt_start", false, mem->virt_start);
	READ_FIELD(p, obj, ptr, "size", true, mem->size);
	read_flags(p, obj, ptr, bh_mem_flag_names, &mem->flags);
}

static void parse_irqchip(struct parser *p, json_t *obj, const char *ptr,
			  struct bulkhead_irqchip *chip)
{
	static const char *const allowed[] = {
		"address", "id", "pin_base", "pins", NULL
	};
	__u64 set[BH_SET_WORDS] = { 0 };
	char at[BH_PTR_SIZE];
	unsigned int n;
	json_t *v;

	if (!fields(p, obj, ptr, allowed))
		return;
	READ_FIELD(p, obj, ptr, "address", true, chip->address);
	READ_FIELD(p, obj, ptr, "id", false, chip->id);
	READ_FIELD(p, obj, ptr, "pin_base", true, chip->pin_base);
	v = member(p, obj, ptr, "pins", true);
	sub(at, ptr, "pins");
	if (!v)
		return;
	if (!bh_json_set(v, at, BH_SET_BITS, set, p->errs)) {
		p->ok = false;
		return;
	}
	/* Lines are absolute INTIDs; the chip covers pin_base + 0..127. */
	for (n = 0; n < BH_SET_BITS; n++) {
		if (!bh_set_test(set, n))
			continue;
		if (n < chip->pin_base ||
		    n >= chip->pin_base + BULKHEAD_IRQCHIP_PINS) {
			bh_config_error_add(p->errs, at, "range",
					    "line %u is outside this entry's "
					    "lines %u-%u (pin_base + 0..127)",
					    n, chip->pin_base,
					    chip->pin_base +
					    BULKHEAD_IRQCHIP_PINS - 1);
			p->ok = false;
			return;
		}
		chip->pin_bitmap[(n - chip->pin_base) / 32] |=
			1U << ((n - chip->pin_base) % 32);
	}
}

static void parse_bdf(struct parser *p, json_t *v, const char *ptr,
		      __u16 *bdf)
{
	unsigned int bus, dev, fn;
	char end;

	if (json_is_string(v) &&
	    sscanf(json_string_value(v), "%x:%x.%x%c", &bus, &dev, &fn,
		   &end) == 3 && bus < 256 && dev < 32 && fn < 8) {
		*bdf = (__u16)(bus << 8 | dev << 3 | fn);
		return;
	}
	bh_config_error_add(p->errs, ptr, "type",
			    "expected \"BB:DD.F\" (hex bus, device < 0x20, "
			    "function < 8)");
	p->ok = false;
}

static void parse_pci(struct parser *p, json_t *obj, const char *ptr,
		      struct bulkhead_pci_device *dev)
{
	static const char *const allowed[] = {
		"type", "domain", "bdf", "bar_mask", "shmem_regions_start",
		"shmem_dev_id", "shmem_peers", "shmem_protocol",
		"num_msix_vectors", NULL
	};
	__u64 type = 0, proto = 0;
	char at[BH_PTR_SIZE], item[BH_PTR_SIZE];
	json_t *v, *e;
	size_t i;

	if (!fields(p, obj, ptr, allowed))
		return;
	read_name(p, obj, ptr, "type", true, bh_pci_type_names, &type);
	dev->type = (__u32)type;
	READ_FIELD(p, obj, ptr, "domain", false, dev->domain);
	v = member(p, obj, ptr, "bdf", true);
	sub(at, ptr, "bdf");
	if (v)
		parse_bdf(p, v, at, &dev->bdf);
	v = member(p, obj, ptr, "bar_mask", false);
	sub(at, ptr, "bar_mask");
	if (v && (!json_is_array(v) ||
		  json_array_size(v) != BULKHEAD_PCI_NUM_BARS)) {
		bh_config_error_add(p->errs, at, "type",
				    "expected an array of 6 BAR masks");
		p->ok = false;
	} else if (v) {
		json_array_foreach(v, i, e) {
			__u64 mask = 0;

			bh_ptr(item, "%s/%zu", at, i);
			if (!bh_json_u64(e, item, 0xffffffffULL, &mask,
					 p->errs))
				p->ok = false;
			dev->bar_mask[i] = (__u32)mask;
		}
	}
	READ_FIELD(p, obj, ptr, "shmem_regions_start", false,
		   dev->shmem_regions_start);
	READ_FIELD(p, obj, ptr, "shmem_dev_id", false, dev->shmem_dev_id);
	READ_FIELD(p, obj, ptr, "shmem_peers", false, dev->shmem_peers);
	read_name(p, obj, ptr, "shmem_protocol", false, bh_shmem_proto_names,
		  &proto);
	dev->shmem_protocol = (__u16)proto;
	READ_FIELD(p, obj, ptr, "num_msix_vectors", false,
		   dev->num_msix_vectors);
}

/* An optional array member, parsed item by item into calloc'ed storage. */
#define PARSE_ARRAY(p, obj, ptr, key, out, count, fn) do {		\
	json_t *_a = member(p, obj, ptr, key, false);			\
	char _at[BH_PTR_SIZE], _item[BH_PTR_SIZE];			\
	json_t *_e;							\
	size_t _i;							\
									\
	sub(_at, ptr, key);						\
	if (_a && !json_is_array(_a)) {					\
		bh_config_error_add((p)->errs, _at, "type",		\
				    "expected an array");		\
		(p)->ok = false;					\
	} else if (_a && json_array_size(_a)) {				\
		(out) = calloc(json_array_size(_a), sizeof(*(out)));	\
		if (!(out)) {						\
			bh_config_error_add((p)->errs, _at, "memory",	\
					    "out of memory");		\
			(p)->ok = false;				\
			break;						\
		}							\
		(count) = (__u32)json_array_size(_a);			\
		json_array_foreach(_a, _i, _e) {			\
			bh_ptr(_item, "%s/%zu", _at, _i); \
			fn(p, _e, _item, &(out)[_i]);			\
		}							\
	}								\
} while (0)

static void parse_name(struct parser *p, json_t *obj, const char *ptr,
		       struct bulkhead_cell_desc *desc)
{
	json_t *v = member(p, obj, ptr, "name", true);
	char at[BH_PTR_SIZE];

	sub(at, ptr, "name");
	if (!v)
		return;
	if (!json_is_string(v)) {
		bh_config_error_add(p->errs, at, "type", "expected a string");
		p->ok = false;
		return;
	}
	/* Length and characters are validation rules; keep what fits. */
	strncpy(desc->name, json_string_value(v), sizeof(desc->name) - 1);
	if (strlen(json_string_value(v)) >= sizeof(desc->name)) {
		bh_config_error_add(p->errs, at, "size",
				    "name \"%s\" is longer than %d bytes",
				    json_string_value(v),
				    BULKHEAD_CELL_NAME_SIZE - 1);
		p->ok = false;
	}
}

static void parse_cpus(struct parser *p, json_t *obj, const char *ptr,
		       struct bulkhead_cell_desc *desc)
{
	json_t *v = member(p, obj, ptr, "cpus", true);
	__u64 set[BH_SET_WORDS] = { 0 };
	char at[BH_PTR_SIZE];

	sub(at, ptr, "cpus");
	if (v && bh_json_set(v, at, BULKHEAD_MAX_CPUS, set, p->errs))
		memcpy(desc->cpu_set, set, sizeof(desc->cpu_set));
	else if (v)
		p->ok = false;
}

static const char *const cell_fields[] = {
	"name", "flags", "cpus", "cpu_reset_address", "msg_reply_timeout_ms",
	"vpci_irq_base", "console", "memory_regions", "irqchips",
	"pci_devices",
	/* only at the top level of a cell config: */
	"type", "revision", "arch", NULL
};

static void parse_cell(struct parser *p, json_t *obj, const char *ptr,
		       struct bh_cell_config *cell)
{
	struct bulkhead_cell_desc *d = &cell->desc;
	__u64 flags = 0;
	json_t *v;
	char at[BH_PTR_SIZE];

	parse_name(p, obj, ptr, d);
	read_flags(p, obj, ptr, bh_cell_flag_names, &flags);
	d->flags = (__u32)flags;
	parse_cpus(p, obj, ptr, d);
	READ_FIELD(p, obj, ptr, "cpu_reset_address", false,
		   d->cpu_reset_address);
	READ_FIELD(p, obj, ptr, "msg_reply_timeout_ms", false,
		   d->msg_reply_timeout_ms);
	READ_FIELD(p, obj, ptr, "vpci_irq_base", false, d->vpci_irq_base);
	v = member(p, obj, ptr, "console", false);
	sub(at, ptr, "console");
	if (v)
		parse_console(p, v, at, &d->console);
	PARSE_ARRAY(p, obj, ptr, "memory_regions", cell->memory_regions,
		    d->num_memory_regions, parse_memory);
	PARSE_ARRAY(p, obj, ptr, "irqchips", cell->irqchips, d->num_irqchips,
		    parse_irqchip);
	PARSE_ARRAY(p, obj, ptr, "pci_devices", cell->pci_devices,
		    d->num_pci_devices, parse_pci);
}

static void parse_platform(struct parser *p, json_t *obj, const char *ptr,
			   struct bulkhead_platform *plat)
{
	static const char *const allowed[] = {
		"num_cpus", "pci", "arm64", NULL
	};
	static const char *const pci_fields[] = {
		"ecam_base", "ecam_size", "domain", "start_bus", "end_bus",
		"vpci_ecam_base", NULL
	};
	static const char *const gic_fields[] = {
		"gic_version", "maintenance_irq", "gicd_base", "gicr_base",
		"gicr_stride", "gicc_base", "gich_base", "gicv_base", NULL
	};
	struct bulkhead_arm64_platform *a = &plat->arch.arm64;
	char at[BH_PTR_SIZE];
	json_t *v;

	if (!fields(p, obj, ptr, allowed))
		return;
	READ_FIELD(p, obj, ptr, "num_cpus", true, plat->num_cpus);
	v = member(p, obj, ptr, "pci", false);
	sub(at, ptr, "pci");
	if (v && fields(p, v, at, pci_fields)) {
		READ_FIELD(p, v, at, "ecam_base", true, plat->pci_ecam_base);
		READ_FIELD(p, v, at, "ecam_size", true, plat->pci_ecam_size);
		READ_FIELD(p, v, at, "domain", false, plat->pci_domain);
		READ_FIELD(p, v, at, "start_bus", false, plat->pci_start_bus);
		READ_FIELD(p, v, at, "end_bus", true, plat->pci_end_bus);
		READ_FIELD(p, v, at, "vpci_ecam_base", false,
			   plat->vpci_ecam_base);
	}
	v = member(p, obj, ptr, "arm64", true);
	sub(at, ptr, "arm64");
	if (v && fields(p, v, at, gic_fields)) {
		READ_FIELD(p, v, at, "gic_version", true, a->gic_version);
		READ_FIELD(p, v, at, "maintenance_irq", true,
			   a->maintenance_irq);
		READ_FIELD(p, v, at, "gicd_base", true, a->gicd_base);
		READ_FIELD(p, v, at, "gicr_base", false, a->gicr_base);
		READ_FIELD(p, v, at, "gicr_stride", false, a->gicr_stride);
		READ_FIELD(p, v, at, "gicc_base", false, a->gicc_base);
		READ_FIELD(p, v, at, "gich_base", false, a->gich_base);
		READ_FIELD(p, v, at, "gicv_base", false, a->gicv_base);
	}
}

static const struct bh_name sys_flag_names[] = { { NULL, 0 } };

static void parse_system(struct parser *p, json_t *root,
			 struct bh_config *cfg)
{
	static const char *const allowed[] = {
		"type", "revision", "arch", "flags", "hypervisor_memory",
		"debug_console", "platform", "root_cell", NULL
	};
	static const char *const hv_fields[] = { "phys_start", "size", NULL };
	struct bulkhead_system *sys = &cfg->sys;
	__u64 flags = 0;
	json_t *v;

	if (!fields(p, root, "", allowed))
		return;
	/* No system flags are defined yet: any name is unknown. */
	read_flags(p, root, "", sys_flag_names, &flags);
	v = member(p, root, "", "hypervisor_memory", true);
	if (v && fields(p, v, "/hypervisor_memory", hv_fields)) {
		READ_FIELD(p, v, "/hypervisor_memory", "phys_start", true,
			   sys->hypervisor_memory.phys_start);
		READ_FIELD(p, v, "/hypervisor_memory", "size", true,
			   sys->hypervisor_memory.size);
	}
	v = member(p, root, "", "debug_console", true);
	if (v)
		parse_console(p, v, "/debug_console", &sys->debug_console);
	v = member(p, root, "", "platform", true);
	if (v)
		parse_platform(p, v, "/platform", &sys->platform);
	v = member(p, root, "", "root_cell", true);
	if (v && fields(p, v, "/root_cell", cell_fields)) {
		/* The root cell inherits these from the system config. */
		if (json_object_get(v, "type") ||
		    json_object_get(v, "revision") ||
		    json_object_get(v, "arch")) {
			bh_config_error_add(p->errs, "/root_cell",
					    "unknown-field",
					    "type, revision and arch belong "
					    "to the system config, not the "
					    "root cell");
			p->ok = false;
		}
		parse_cell(p, v, "/root_cell", &cfg->cell);
	}
}

static void parse_header(struct parser *p, json_t *root,
			 struct bh_config *cfg)
{
	static const struct bh_name kinds[] = {
		{ "cell", 0 }, { "system", 1 }, { NULL, 0 }
	};
	__u64 kind = 0, arch = 0, revision = 0;
	json_t *v;

	read_name(p, root, "", "type", true, kinds, &kind);
	cfg->is_system = kind;
	v = member(p, root, "", "revision", true);
	if (v && (!json_is_integer(v) ||
		  json_integer_value(v) != BULKHEAD_CONFIG_REVISION)) {
		char *text = json_dumps(v, JSON_ENCODE_ANY);

		bh_config_error_add(p->errs, "/revision", "revision",
				    "revision %s is not supported (this "
				    "tool reads and writes revision %d)",
				    text ? text : "?", BULKHEAD_CONFIG_REVISION);
		free(text);
		p->ok = false;
	} else if (v) {
		revision = BULKHEAD_CONFIG_REVISION;
	}
	read_name(p, root, "", "arch", true, bh_arch_names, &arch);
	cfg->sys.revision = cfg->cell.desc.revision = (__u32)revision;
	cfg->sys.arch = cfg->cell.desc.arch = (__u32)arch;
}

int bh_config_from_json(json_t *root, struct bh_config *cfg,
			struct bh_config_errors *errs)
{
	struct parser p = { .errs = errs, .ok = true };

	memset(cfg, 0, sizeof(*cfg));
	if (!json_is_object(root)) {
		bh_config_error_add(errs, "", "type",
				    "a config is a JSON object");
		return -EINVAL;
	}
	parse_header(&p, root, cfg);
	if (cfg->is_system)
		parse_system(&p, root, cfg);
	else if (fields(&p, root, "", cell_fields))
		parse_cell(&p, root, "", &cfg->cell);
	memcpy(cfg->sys.signature, BULKHEAD_SYSTEM_SIGNATURE,
	       BULKHEAD_SIGNATURE_SIZE);
	memcpy(cfg->cell.desc.signature, BULKHEAD_CELL_SIGNATURE,
	       BULKHEAD_SIGNATURE_SIZE);
	if (!p.ok) {
		bh_config_free(cfg);
		return -EINVAL;
	}
	return 0;
}

int bh_config_parse_text(const char *text, size_t len, struct bh_config *cfg,
			 struct bh_config_errors *errs)
{
	json_error_t jerr;
	json_t *root;
	int ret;

	memset(cfg, 0, sizeof(*cfg));
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		bh_config_error_add(errs, "", "syntax", "line %d column %d: %s",
				    jerr.line, jerr.column, jerr.text);
		return -EINVAL;
	}
	ret = bh_config_from_json(root, cfg, errs);
	json_decref(root);
	return ret;
}

int bh_config_parse_file(const char *path, struct bh_config *cfg,
			 struct bh_config_errors *errs)
{
	json_error_t jerr;
	json_t *root;
	int ret;

	memset(cfg, 0, sizeof(*cfg));
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		bh_config_error_add(errs, "", "syntax", "%s: line %d column "
				    "%d: %s", path, jerr.line, jerr.column,
				    jerr.text);
		return -EINVAL;
	}
	ret = bh_config_from_json(root, cfg, errs);
	json_decref(root);
	return ret;
}
