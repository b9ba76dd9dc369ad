/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor exits by CPU and reason, as the driver reports them in
 * /sys/devices/bulkhead/cpu_exits (counts since enable), and the CPU-list
 * syntax of sysfs ("1,3-5") the cells' cpus attribute uses.
 */
#ifndef LIBBULKHEAD_EXITS_H
#define LIBBULKHEAD_EXITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BH_EXIT_REASONS_MAX	16
#define BH_EXIT_NAME_MAX	24

struct bh_cpu_exit_row {
	unsigned int cpu;
	uint64_t count[BH_EXIT_REASONS_MAX];
};

struct bh_cpu_exits {
	size_t n_reasons;
	char reason[BH_EXIT_REASONS_MAX][BH_EXIT_NAME_MAX];
	size_t n_cpus;
	struct bh_cpu_exit_row *cpus;	/* malloc'ed */
};

/*
 * Read and parse cpu_exits: 0, or a negative errno (-EPROTO when the file
 * does not have the documented shape). Free with bh_cpu_exits_free().
 */
int bh_cpu_exits_read(struct bh_cpu_exits *out);
void bh_cpu_exits_free(struct bh_cpu_exits *exits);

/* Is cpu in a sysfs CPU list like "1,3-5"? */
bool bh_cpu_list_has(const char *list, unsigned int cpu);

#endif
