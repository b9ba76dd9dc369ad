/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One cell in detail, for GET /api/v1/cells/{id}: the cached list entry,
 * the memory regions of the config it runs (canonical JSON of the
 * compiled config the driver was given), the exit counters
 * of its CPUs read from the driver now, and where its jitter reports
 * come from ("jitter_source": "shmem" or "console").
 */
#ifndef WEBD_CELL_VIEW_H
#define WEBD_CELL_VIEW_H

#include <jansson.h>

#include <libbulkhead/config.h>

#include "cells.h"

/*
 * The cell config cell e runs, parsed: the driver's copy, else (a driver
 * without it) the stored config it came from. 0 or -1; bh_config_free it.
 */
int cell_config_running(const struct cells_entry *e, struct bh_config *cfg);

/*
 * Which cell is peer number peer of the root's ivshmem endpoint bdf
 * (bus << 8 | devfn; < 0: not known), never guessed: the one cached cell
 * whose running config has an ivshmem endpoint with that BDF and peer
 * number, into *out. 0, or -1 when no cell or more than one has it.
 * generation (or NULL): set to that of the cells looked at.
 */
int cell_of_peer(int bdf, unsigned int peer, struct cells_entry *out,
		 unsigned long *generation);

json_t *cell_view(const struct cells_entry *e);
/* The root cell: the enabled system config's root cell, the CPUs no
 * other cell holds. */
json_t *cell_view_root(void);

#endif
