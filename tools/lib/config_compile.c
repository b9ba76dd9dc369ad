// SPDX-License-Identifier: GPL-2.0
/* Model -> binary config (include/bulkhead/config.h), little-endian. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/config.h>

#include "config_endian.h"

/* Header bytes before the cell's arrays. */
static size_t header_size(const struct bh_config *cfg)
{
	return cfg->is_system ? sizeof(struct bulkhead_system) :
				sizeof(struct bulkhead_cell_desc);
}

int bh_config_compile(const struct bh_config *cfg, void **out, size_t *size)
{
	const struct bh_cell_config *cell = &cfg->cell;
	const struct bulkhead_cell_desc *d = &cell->desc;
	size_t total = header_size(cfg) - sizeof(*d) +
		       (size_t)bulkhead_cell_config_size(d);
	struct bulkhead_memory *mem;
	struct bulkhead_irqchip *irq;
	struct bulkhead_pci_device *pci;
	struct bulkhead_cell_desc *desc;
	__u8 *buf = calloc(1, total);
	__u32 i;

	if (!buf)
		return -ENOMEM;
	if (cfg->is_system) {
		struct bulkhead_system *sys = (struct bulkhead_system *)buf;

		*sys = cfg->sys;
		bh_le_system(sys);
		desc = &sys->root_cell;
	} else {
		desc = (struct bulkhead_cell_desc *)buf;
	}
	*desc = *d;
	bh_le_cell(desc);
	mem = (struct bulkhead_memory *)(buf + header_size(cfg));
	for (i = 0; i < d->num_memory_regions; i++) {
		mem[i] = cell->memory_regions[i];
		bh_le_memory(&mem[i]);
	}
	irq = (struct bulkhead_irqchip *)(mem + d->num_memory_regions);
	for (i = 0; i < d->num_irqchips; i++) {
		irq[i] = cell->irqchips[i];
		bh_le_irqchip(&irq[i]);
	}
	pci = (struct bulkhead_pci_device *)(irq + d->num_irqchips);
	for (i = 0; i < d->num_pci_devices; i++) {
		pci[i] = cell->pci_devices[i];
		bh_le_pci(&pci[i]);
	}
	*out = buf;
	*size = total;
	return 0;
}
