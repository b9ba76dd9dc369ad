// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's own look at the system config. The driver validated it
 * fully, but the root cell is not trusted: what the hypervisor relies on
 * is checked again here before use.
 */
#include <bulkhead/hypercall.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <hv/system_config.h>

const struct bulkhead_system *system_config;

static int reject(const char *why)
{
	printk("Bulkhead: system config rejected: %s\n", why);
	return -BULKHEAD_EINVAL;
}

int system_config_init(const void *start, u64 base)
{
	const struct bulkhead_system *sys = start;
	const struct bulkhead_memory *hv_mem = &sys->hypervisor_memory;
	u64 offset = (uintptr_t)start - base;

	if (memcmp(sys->signature, BULKHEAD_SYSTEM_SIGNATURE,
		   BULKHEAD_SIGNATURE_SIZE))
		return reject("bad signature");
	if (sys->revision != BULKHEAD_CONFIG_REVISION)
		return reject("unknown revision");
	if (sys->arch != BULKHEAD_ARCH_ARM64)
		return reject("not an arm64 config");
	if (hv_mem->size < offset ||
	    bulkhead_system_config_size(sys) > hv_mem->size - offset)
		return reject("does not fit in the hypervisor region");
	if (hv_mem->phys_start != base)
		return reject("hypervisor memory is not where the image runs");
	system_config = sys;
	return 0;
}
