/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every /api/v1/cells request shares: refusals by hypervisor state,
 * resolving {id} (an id or a name) to a cell, and the driver's failures
 * as problems with stable types (webd/README.md lists them).
 */
#ifndef WEBD_CELL_REQUEST_H
#define WEBD_CELL_REQUEST_H

#include "cells.h"
#include "http.h"

/*
 * 0 when the hypervisor is enabled; else 1 with 503 hypervisor-absent or
 * 409 not-enabled queued into *ret.
 */
int cell_request_needs_enabled(struct http_request *req,
			       enum MHD_Result *ret);

/*
 * Resolve req->params[0]. Returns 1 for a non-root cell (in *e), 0 for
 * the root cell (id 0), -1 with a problem queued into *ret (503 without
 * the driver, 404 cell-not-found, also while disabled).
 */
int cell_request_resolve(struct http_request *req, struct cells_entry *e,
			 enum MHD_Result *ret);

/* A lifecycle call on the root cell: 409 root-cell. */
enum MHD_Result cell_request_root_refused(struct http_request *req,
					  const char *op);

/* A failed libbulkhead call of op ("create", "load", ...) as a problem. */
enum MHD_Result cell_request_failed(struct http_request *req,
				    const char *op, const char *cell,
				    int err, const char *reason);

#endif
