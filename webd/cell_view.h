/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One cell in detail, for GET /api/v1/cells/{id}: the cached list entry,
 * the memory regions of the stored config it runs (canonical JSON of the
 * compiled config, i.e. what the driver was given), and the exit counters
 * of its CPUs read from the driver now.
 */
#ifndef WEBD_CELL_VIEW_H
#define WEBD_CELL_VIEW_H

#include <jansson.h>

#include "cells.h"

json_t *cell_view(const struct cells_entry *e);
/* The root cell: the enabled system config's root cell, the CPUs no
 * other cell holds. */
json_t *cell_view_root(void);

#endif
