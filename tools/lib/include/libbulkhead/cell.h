/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Non-root cells through /dev/bulkhead and /sys/devices/bulkhead/cells.
 * The calls return 0 or a negative errno and on failure put the driver's
 * one-line reason into reason (BULKHEAD_REASON_SIZE bytes are enough).
 */
#ifndef LIBBULKHEAD_CELL_H
#define LIBBULKHEAD_CELL_H

#include <stddef.h>
#include <stdint.h>

#define BH_CELL_NAME_MAX	32
#define BH_CELL_TEXT_MAX	64

struct bh_cell_info {
	unsigned int id;
	char name[BH_CELL_NAME_MAX];
	char state[BH_CELL_TEXT_MAX];	/* running, running/locked, ... */
	char cpus[BH_CELL_TEXT_MAX];	/* a CPU list, e.g. "3" or "2-3" */
};

int bh_cell_create(const void *config, size_t size, unsigned int *id,
		   char *reason, size_t reason_size);
int bh_cell_load(unsigned int id, const void *image, size_t size,
		 uint64_t address, char *reason, size_t reason_size);
int bh_cell_start(unsigned int id, char *reason, size_t reason_size);
int bh_cell_shutdown(unsigned int id, int force, char *reason,
		     size_t reason_size);
int bh_cell_destroy(unsigned int id, char *reason, size_t reason_size);

/*
 * The cells the driver lists, sorted by id: *cells is malloc'ed (free it),
 * *count set. 0 or a negative errno.
 */
int bh_cell_list(struct bh_cell_info **cells, size_t *count);
/* A cell by name or id (decimal): 0, or -ENOENT. */
int bh_cell_find(const char *name_or_id, struct bh_cell_info *info);
/*
 * The binary cell config cell id was created with, as the driver keeps
 * it (bh_config_from_binary parses it): *data malloc'ed, *size set.
 * 0 or a negative errno (-ENOENT: no such cell).
 */
int bh_cell_config(unsigned int id, void **data, size_t *size);

#endif
