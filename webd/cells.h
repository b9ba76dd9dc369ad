/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cells as webd sees them: the driver's list (through libbulkhead),
 * cached with its serialized GET /cells body, re-read by the driver
 * watcher and after every change webd makes; differences are published
 * as cell.created / cell.state / cell.destroyed events. Lifecycle calls
 * are in cell_ops.h, the detailed view of one cell in cell_view.h.
 */
#ifndef WEBD_CELLS_H
#define WEBD_CELLS_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include <libbulkhead/cell.h>

#define CELLS_CONFIG_NAME_MAX	72	/* a stored config's name */

/* A cell as cached: the driver's view and the stored config it came from. */
struct cells_entry {
	struct bh_cell_info info;
	char config[CELLS_CONFIG_NAME_MAX];	/* "" when not known */
};

/* {id, name, root: false, state, cpus: [N...], config?} */
json_t *cells_entry_json(const struct cells_entry *e);

/* Read the driver's list now; publish what changed. */
void cells_refresh(void);
/* Copy of the cached GET /cells body (malloc'ed). */
char *cells_list_json(size_t *len);

/*
 * A non-root cell by id (decimal) or name, from the cache: 0 or -ENOENT.
 * "0" is the root cell, which is not in the driver's list.
 */
int cells_find(const char *name_or_id, struct cells_entry *out);
/* The id of the cell named name (refreshing once if unknown); -ENOENT. */
int cells_id_of(const char *name, unsigned int *id);
/*
 * A copy of the cached list (malloc'ed, *n entries) and its generation,
 * which changes whenever a cell appears, goes or changes state. 0 or
 * -ENOMEM.
 */
int cells_snapshot(struct cells_entry **list, size_t *n,
		   unsigned long *generation);
unsigned long cells_generation(void);
/* Remember which stored config cell id was created from. */
void cells_note_config(unsigned int id, const char *config);

/* Prometheus lines: non-root cells by state, exits by CPU and reason. */
void cells_render_metrics(FILE *f);
void cells_free(void);

#endif
