/* SPDX-License-Identifier: GPL-2.0 */
/* Internal to the generator: the memory planner's interface. */
#ifndef LIBBULKHEAD_GEN_INTERNAL_H
#define LIBBULKHEAD_GEN_INTERNAL_H

#include <libbulkhead/generator.h>

struct bh_gen_ctx {
	const struct bh_gen_input *in;
	struct bh_gen_result *res;
	struct bh_iomem iomem;
	struct bh_cpuinfo cpuinfo;
	struct bh_pci_list pci;
	struct bh_fdt_info *fdt;	/* NULL without a device tree */
	/* regions being built, appended then sorted and coalesced */
	struct bulkhead_memory *regions;
	size_t num_regions, cap_regions;
	bool failed;			/* something essential is missing */
};

/* Hypervisor memory and the root cell's RAM and MMIO regions. */
int bh_gen_memory(struct bh_gen_ctx *c);

#endif
