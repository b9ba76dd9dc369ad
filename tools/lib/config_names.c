// SPDX-License-Identifier: GPL-2.0
/* Names of enumerations and flags in the JSON format, one table each. */
#include <stdarg.h>
#include <stdio.h>

#include "config_internal.h"

const struct bh_name bh_arch_names[] = {
	{ "arm64", BULKHEAD_ARCH_ARM64 },
	{ "x86_64", BULKHEAD_ARCH_X86_64 },
	{ NULL, 0 },
};

const struct bh_name bh_mem_flag_names[] = {
	{ "read", BULKHEAD_MEM_READ },
	{ "write", BULKHEAD_MEM_WRITE },
	{ "execute", BULKHEAD_MEM_EXECUTE },
	{ "dma", BULKHEAD_MEM_DMA },
	{ "io", BULKHEAD_MEM_IO },
	{ "comm_region", BULKHEAD_MEM_COMM_REGION },
	{ "loadable", BULKHEAD_MEM_LOADABLE },
	{ "rootshared", BULKHEAD_MEM_ROOTSHARED },
	{ NULL, 0 },
};

const struct bh_name bh_cell_flag_names[] = {
	{ "passive_commreg", BULKHEAD_CELL_PASSIVE_COMMREG },
	{ "debug_console", BULKHEAD_CELL_DEBUG_CONSOLE },
	{ NULL, 0 },
};

const struct bh_name bh_con_type_names[] = {
	{ "none", BULKHEAD_CON_TYPE_NONE },
	{ "pl011", BULKHEAD_CON_TYPE_PL011 },
	{ NULL, 0 },
};

const struct bh_name bh_con_flag_names[] = {
	{ "mmio", BULKHEAD_CON_ACCESS_MMIO },
	{ "regdist_4", BULKHEAD_CON_REGDIST_4 },
	{ NULL, 0 },
};

const struct bh_name bh_pci_type_names[] = {
	{ "device", BULKHEAD_PCI_TYPE_DEVICE },
	{ "bridge", BULKHEAD_PCI_TYPE_BRIDGE },
	{ "ivshmem", BULKHEAD_PCI_TYPE_IVSHMEM },
	{ NULL, 0 },
};

const struct bh_name bh_shmem_proto_names[] = {
	{ "undefined", BULKHEAD_SHMEM_PROTO_UNDEFINED },
	{ "veth", BULKHEAD_SHMEM_PROTO_VETH },
	{ NULL, 0 },
};

const char *bh_name_of(const struct bh_name *table, __u64 value)
{
	for (; table->name; table++)
		if (table->value == value)
			return table->name;
	return NULL;
}

const char *bh_config_arch_name(__u32 arch)
{
	const char *name = bh_name_of(bh_arch_names, arch);

	return name ? name : "unknown";
}

void bh_ptr(char *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, BH_PTR_SIZE, fmt, ap);
	va_end(ap);
}
