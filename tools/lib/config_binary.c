// SPDX-License-Identifier: GPL-2.0
/*
 * Binary config -> model. The input is untrusted (a file, an upload): the
 * size is checked against the header's counts before any array is read,
 * and every fixed-value field is checked.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/config.h>

#include "config_endian.h"

#define BAD(errs, ...) bh_config_error_add(errs, "", "binary", __VA_ARGS__)

static bool check_cell_header(const struct bulkhead_cell_desc *d,
			      struct bh_config_errors *errs)
{
	if (memcmp(d->signature, BULKHEAD_CELL_SIGNATURE,
		   BULKHEAD_SIGNATURE_SIZE)) {
		BAD(errs, "cell header has no \"BHCELL\" signature");
		return false;
	}
	if (d->revision != BULKHEAD_CONFIG_REVISION) {
		BAD(errs, "revision %u is not supported (this tool reads "
			  "revision %d)", d->revision,
		    BULKHEAD_CONFIG_REVISION);
		return false;
	}
	if (d->arch != BULKHEAD_ARCH_ARM64 && d->arch != BULKHEAD_ARCH_X86_64) {
		BAD(errs, "unknown architecture %u", d->arch);
		return false;
	}
	if (!memchr(d->name, '\0', sizeof(d->name))) {
		BAD(errs, "cell name is not NUL-terminated");
		return false;
	}
	if (d->reserved[0] || d->reserved[1]) {
		BAD(errs, "reserved cell header fields are not zero");
		return false;
	}
	return true;
}

/* Copies count items of size bytes from *pos into a new array. */
static void *take(const __u8 **pos, __u32 count, size_t size)
{
	void *arr;

	if (!count)
		return NULL;
	arr = malloc((size_t)count * size);
	if (arr)
		memcpy(arr, *pos, (size_t)count * size);
	*pos += (size_t)count * size;
	return arr;
}

static int read_arrays(const __u8 *pos, struct bh_cell_config *cell,
		       struct bh_config_errors *errs)
{
	const struct bulkhead_cell_desc *d = &cell->desc;
	__u32 i;

	cell->memory_regions = take(&pos, d->num_memory_regions,
				    sizeof(*cell->memory_regions));
	cell->irqchips = take(&pos, d->num_irqchips, sizeof(*cell->irqchips));
	cell->pci_devices = take(&pos, d->num_pci_devices,
				 sizeof(*cell->pci_devices));
	if ((d->num_memory_regions && !cell->memory_regions) ||
	    (d->num_irqchips && !cell->irqchips) ||
	    (d->num_pci_devices && !cell->pci_devices)) {
		BAD(errs, "out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < d->num_memory_regions; i++)
		bh_le_memory(&cell->memory_regions[i]);
	for (i = 0; i < d->num_irqchips; i++)
		bh_le_irqchip(&cell->irqchips[i]);
	for (i = 0; i < d->num_pci_devices; i++) {
		bh_le_pci(&cell->pci_devices[i]);
		if (cell->pci_devices[i].reserved) {
			BAD(errs, "reserved field of PCI device %u is not "
				  "zero", i);
			return -EINVAL;
		}
	}
	return 0;
}

static bool check_system(const struct bulkhead_system *s,
			 struct bh_config_errors *errs)
{
	if (s->revision != BULKHEAD_CONFIG_REVISION) {
		BAD(errs, "revision %u is not supported (this tool reads "
			  "revision %d)", s->revision,
		    BULKHEAD_CONFIG_REVISION);
		return false;
	}
	if (s->arch != s->root_cell.arch) {
		BAD(errs, "system architecture %u differs from its root "
			  "cell's %u", s->arch, s->root_cell.arch);
		return false;
	}
	if (s->reserved || s->platform.arch.arm64.reserved) {
		BAD(errs, "reserved system fields are not zero");
		return false;
	}
	return true;
}

int bh_config_from_binary(const void *data, size_t size, struct bh_config *cfg,
			  struct bh_config_errors *errs)
{
	size_t header;
	__u64 expected;
	int ret;

	memset(cfg, 0, sizeof(*cfg));
	if (size >= BULKHEAD_SIGNATURE_SIZE &&
	    !memcmp(data, BULKHEAD_SYSTEM_SIGNATURE, BULKHEAD_SIGNATURE_SIZE))
		cfg->is_system = true;
	header = cfg->is_system ? sizeof(cfg->sys) : sizeof(cfg->cell.desc);
	if (size < header) {
		BAD(errs, "%zu bytes are too short for a %s config header "
			  "(%zu bytes)", size,
		    cfg->is_system ? "system" : "cell", header);
		return -EINVAL;
	}
	if (cfg->is_system) {
		memcpy(&cfg->sys, data, sizeof(cfg->sys));
		bh_le_system(&cfg->sys);
		bh_le_cell(&cfg->sys.root_cell);
		cfg->cell.desc = cfg->sys.root_cell;
	} else {
		memcpy(&cfg->cell.desc, data, sizeof(cfg->cell.desc));
		bh_le_cell(&cfg->cell.desc);
	}
	if (!check_cell_header(&cfg->cell.desc, errs) ||
	    (cfg->is_system && !check_system(&cfg->sys, errs)))
		goto fail;
	/* The model keeps the root cell in cfg->cell only. */
	memset(&cfg->sys.root_cell, 0, sizeof(cfg->sys.root_cell));
	expected = header - sizeof(cfg->cell.desc) +
		   bulkhead_cell_config_size(&cfg->cell.desc);
	if (expected != size) {
		BAD(errs, "size %zu does not match the %llu bytes its counts "
			  "describe", size, (unsigned long long)expected);
		goto fail;
	}
	ret = read_arrays((const __u8 *)data + header, &cfg->cell, errs);
	if (ret) {
		bh_config_free(cfg);
		return ret;
	}
	return 0;
fail:
	bh_config_free(cfg);
	return -EINVAL;
}
