// SPDX-License-Identifier: GPL-2.0
/* Cell lifecycle calls (see cell_ops.h). */
#include <pthread.h>

#include <libbulkhead/cell.h>

#include "cell_ops.h"
#include "cells.h"

/* The driver serialises too; this keeps webd's refreshes in call order. */
static pthread_mutex_t op_lock = PTHREAD_MUTEX_INITIALIZER;

int cell_op_create(const void *config, size_t size, const char *config_name,
		   unsigned int *id, char *reason, size_t reason_size)
{
	int err;

	pthread_mutex_lock(&op_lock);
	err = bh_cell_create(config, size, id, reason, reason_size);
	if (!err)
		cells_note_config(*id, config_name);
	cells_refresh();
	pthread_mutex_unlock(&op_lock);
	return err;
}

int cell_op_load(unsigned int id, const void *image, size_t size,
		 uint64_t address, char *reason, size_t reason_size)
{
	int err;

	pthread_mutex_lock(&op_lock);
	err = bh_cell_load(id, image, size, address, reason, reason_size);
	cells_refresh();
	pthread_mutex_unlock(&op_lock);
	return err;
}

int cell_op_run(enum cell_op op, unsigned int id, char *reason,
		size_t reason_size)
{
	int err;

	pthread_mutex_lock(&op_lock);
	switch (op) {
	case CELL_START:
		err = bh_cell_start(id, reason, reason_size);
		break;
	case CELL_SHUTDOWN:
	case CELL_SHUTDOWN_FORCE:
		err = bh_cell_shutdown(id, op == CELL_SHUTDOWN_FORCE, reason,
				       reason_size);
		break;
	default:
		err = bh_cell_destroy(id, reason, reason_size);
		break;
	}
	cells_refresh();
	pthread_mutex_unlock(&op_lock);
	return err;
}

const char *cell_op_name(enum cell_op op)
{
	switch (op) {
	case CELL_START:
		return "start";
	case CELL_SHUTDOWN:
	case CELL_SHUTDOWN_FORCE:
		return "shutdown";
	default:
		return "destroy";
	}
}
