// SPDX-License-Identifier: GPL-2.0
/* Lifetime of the in-memory config model. */
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/config.h>

void bh_config_free(struct bh_config *cfg)
{
	free(cfg->cell.memory_regions);
	free(cfg->cell.irqchips);
	free(cfg->cell.pci_devices);
	memset(cfg, 0, sizeof(*cfg));
}
