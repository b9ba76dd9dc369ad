/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One cell in detail, for GET /api/v1/cells/{id}: the cached list entry,
 * the memory regions of the stored config it runs (canonical JSON of the
 * compiled config, i.e. what the driver was given), the exit counters
 * of its CPUs read from the driver now, and where its jitter reports
 * come from ("jitter_source": "shmem" or "console").
 */
#ifndef WEBD_CELL_VIEW_H
#define WEBD_CELL_VIEW_H

#include <jansson.h>

#include <libbulkhead/config.h>

#include "cells.h"

/*
 * The stored config cell e runs: the one webd created it from, else the
 * only stored cell config with its cell name. 0, or -1 if not known.
 */
int cell_config_name(const struct cells_entry *e, char *out, size_t size);
/* A stored config's compiled form, parsed; 0 or -1. bh_config_free it. */
int cell_config_load(const char *name, struct bh_config *cfg);

json_t *cell_view(const struct cells_entry *e);
/* The root cell: the enabled system config's root cell, the CPUs no
 * other cell holds. */
json_t *cell_view_root(void);

#endif
