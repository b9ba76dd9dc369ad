// SPDX-License-Identifier: GPL-2.0
/*
 * Inputs of the generator: whole files, and the live system's files at
 * their well-known places.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/generator.h>
#include <libbulkhead/util.h>

void bh_gen_input_live(struct bh_gen_input *in, struct bh_gen_buffers *bufs)
{
	size_t len;

	if (!in->iomem) {
		in->iomem = bufs->iomem = bh_read_file("/proc/iomem", NULL);
		in->iomem_name = "/proc/iomem";
	}
	if (!in->cpuinfo) {
		in->cpuinfo = bufs->cpuinfo = bh_read_file("/proc/cpuinfo",
							   NULL);
		in->cpuinfo_name = "/proc/cpuinfo";
	}
	if (!in->fdt) {
		bufs->fdt = bh_read_file("/sys/firmware/fdt", &len);
		if (bufs->fdt) {
			in->fdt = bufs->fdt;
			in->fdt_size = len;
			in->fdt_name = "/sys/firmware/fdt";
		}
	}
	if (!in->lspci && !in->sysfs_pci)
		in->sysfs_pci = "/sys/bus/pci/devices";
}

void bh_gen_buffers_free(struct bh_gen_buffers *bufs)
{
	free(bufs->iomem);
	free(bufs->cpuinfo);
	free(bufs->lspci);
	free(bufs->fdt);
	memset(bufs, 0, sizeof(*bufs));
}
