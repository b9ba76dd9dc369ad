// SPDX-License-Identifier: GPL-2.0
/*
 * The driver's check of a binary system config from userspace. libbulkhead
 * validated it already, but userspace is not trusted: everything the driver
 * and hypervisor rely on is checked again here, with a precise reason.
 */
#include "bulkhead.h"

#include <linux/cpumask.h>
#include <linux/ioport.h>
#include <linux/mm.h>

static int check_header(const struct bulkhead_system *sys, size_t size,
			struct bh_reason *r)
{
	u64 full;

	if (size < sizeof(*sys))
		return bh_fail(r, -EINVAL,
			       "config truncated: %zu bytes, a system config has at least %zu",
			       size, sizeof(*sys));
	if (memcmp(sys->signature, BULKHEAD_SYSTEM_SIGNATURE,
		   BULKHEAD_SIGNATURE_SIZE))
		return bh_fail(r, -EINVAL,
			       "not a system config: signature is not \"%s\"",
			       BULKHEAD_SYSTEM_SIGNATURE);
	if (sys->revision != BULKHEAD_CONFIG_REVISION)
		return bh_fail(r, -EINVAL,
			       "config revision %u, this driver reads revision %u",
			       sys->revision, BULKHEAD_CONFIG_REVISION);
	if (sys->arch != BULKHEAD_ARCH_ARM64)
		return bh_fail(r, -EINVAL,
			       "config is for architecture %u, this machine is arm64 (%u)",
			       sys->arch, BULKHEAD_ARCH_ARM64);
	if (sys->flags & ~BULKHEAD_SYS_VALID_FLAGS || sys->reserved)
		return bh_fail(r, -EINVAL,
			       "unknown system flags 0x%x or reserved field set",
			       sys->flags);
	full = bulkhead_system_config_size(sys);
	if (full != size)
		return bh_fail(r, -EINVAL,
			       "config size %zu bytes does not match its contents (%llu bytes): truncated or trailing data",
			       size, full);
	return 0;
}

static int check_hypervisor_memory(const struct bulkhead_system *sys,
				   struct bh_reason *r)
{
	const struct bulkhead_memory *hv = &sys->hypervisor_memory;
	const struct bulkhead_memory *mem;
	u32 n;

	if (!hv->size || !PAGE_ALIGNED(hv->phys_start) ||
	    !PAGE_ALIGNED(hv->size) || hv->phys_start + hv->size < hv->size)
		return bh_fail(r, -EINVAL,
			       "hypervisor memory 0x%llx+0x%llx is empty, wraps or is not page aligned",
			       hv->phys_start, hv->size);
	if (region_intersects(hv->phys_start, hv->size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT)
		return bh_fail(r, -EINVAL,
			       "hypervisor memory 0x%llx+0x%llx overlaps RAM Linux uses; reserve it (e.g. mem=)",
			       hv->phys_start, hv->size);
	mem = bulkhead_cell_memory_regions(&sys->root_cell);
	for (n = 0; n < sys->root_cell.num_memory_regions; n++, mem++)
		if (mem->phys_start < hv->phys_start + hv->size &&
		    hv->phys_start < mem->phys_start + mem->size)
			return bh_fail(r, -EINVAL,
				       "root cell memory region %u (0x%llx+0x%llx) overlaps the hypervisor memory",
				       n, mem->phys_start, mem->size);
	return 0;
}

static int check_console(const struct bulkhead_console *con,
			 struct bh_reason *r)
{
	if (con->type == BULKHEAD_CON_TYPE_NONE)
		return 0;
	if (con->type != BULKHEAD_CON_TYPE_PL011)
		return bh_fail(r, -EINVAL,
			       "debug console type %u is not supported on arm64 (PL011 or none)",
			       con->type);
	if (!(con->flags & BULKHEAD_CON_ACCESS_MMIO) || !con->address ||
	    con->address % 4 || con->flags & ~BULKHEAD_CON_VALID_FLAGS)
		return bh_fail(r, -EINVAL,
			       "debug console at 0x%llx flags 0x%x: needs an aligned MMIO address",
			       con->address, con->flags);
	return 0;
}

static int check_root_cell(const struct bulkhead_system *sys,
			   struct bh_reason *r)
{
	const struct bulkhead_cell_desc *root = &sys->root_cell;
	unsigned int cpu;

	if (memcmp(root->signature, BULKHEAD_CELL_SIGNATURE,
		   BULKHEAD_SIGNATURE_SIZE) ||
	    root->revision != BULKHEAD_CONFIG_REVISION ||
	    root->arch != BULKHEAD_ARCH_ARM64)
		return bh_fail(r, -EINVAL,
			       "root cell: bad signature, revision %u or architecture %u",
			       root->revision, root->arch);
	for_each_online_cpu(cpu)
		if (!bulkhead_cell_has_cpu(root, cpu))
			return bh_fail(r, -EINVAL,
				       "root cell lacks CPU %u, which is online",
				       cpu);
	return 0;
}

int bh_check_system_config(const struct bulkhead_system *sys, size_t size,
			   struct bh_reason *r)
{
	int err;

	err = check_header(sys, size, r);
	if (!err)
		err = check_hypervisor_memory(sys, r);
	if (!err)
		err = check_console(&sys->debug_console, r);
	if (!err)
		err = check_root_cell(sys, r);
	return err;
}
