/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cell lifecycle through libbulkhead, one call at a time among webd's
 * requests; each refreshes the cell cache at once, so the change is in
 * the answer and on the event stream without waiting for the watcher.
 * All return 0 or a negative errno with the driver's reason.
 */
#ifndef WEBD_CELL_OPS_H
#define WEBD_CELL_OPS_H

#include <stddef.h>
#include <stdint.h>

enum cell_op { CELL_START, CELL_SHUTDOWN, CELL_SHUTDOWN_FORCE, CELL_DESTROY };

/* config_name: the stored config the compiled config came from. */
int cell_op_create(const void *config, size_t size, const char *config_name,
		   unsigned int *id, char *reason, size_t reason_size);
int cell_op_load(unsigned int id, const void *image, size_t size,
		 uint64_t address, char *reason, size_t reason_size);
int cell_op_run(enum cell_op op, unsigned int id, char *reason,
		size_t reason_size);

const char *cell_op_name(enum cell_op op);

#endif
