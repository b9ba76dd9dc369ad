// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/cells: the list (root cell and non-root cells, from cells.c's
 * cache), one cell in detail, and create from a stored cell config. The
 * lifecycle actions on a cell are in api_cell_actions.c.
 */
#include <stdio.h>
#include <string.h>

#include <bulkhead/ioctl.h>

#include "cell_ops.h"
#include "cell_request.h"
#include "cell_view.h"
#include "cells.h"
#include "routes.h"

enum MHD_Result api_cells_list(struct http_request *req)
{
	size_t len = 0;
	char *text = cells_list_json(&len);

	return api_send_cached(req, text, len);
}

enum MHD_Result api_cells_get(struct http_request *req)
{
	struct cells_entry e;
	enum MHD_Result ret;
	int r = cell_request_resolve(req, &e, &ret);

	if (r < 0)
		return ret;
	return http_json(req, MHD_HTTP_OK, r ? cell_view(&e) :
			 cell_view_root());
}

/* The stored cell config; 0, or -1 with a problem queued into *ret. */
static int stored_cell_config(struct http_request *req, const char *name,
			      struct store_config *c, enum MHD_Result *ret)
{
	char msg[160];
	enum store_result r = store_config_get(name, c);

	if (r == STORE_NOT_FOUND) {
		snprintf(msg, sizeof(msg), "no stored config named '%s'",
			 name);
		*ret = api_invalid(req, "/config", msg);
		return -1;
	}
	if (r) {
		*ret = http_problem(req, MHD_HTTP_SERVICE_UNAVAILABLE,
				    "store-error", "Database error",
				    "reading config '%s' failed", name);
		return -1;
	}
	if (strcmp(c->kind, "cell")) {
		snprintf(msg, sizeof(msg), "'%s' is a %s config; a cell is "
			 "created from a cell config", name, c->kind);
		store_config_free(c);
		*ret = api_invalid(req, "/config", msg);
		return -1;
	}
	return 0;
}

static enum MHD_Result created(struct http_request *req, unsigned int id)
{
	char location[64], key[16];
	struct cells_entry e;

	snprintf(key, sizeof(key), "%u", id);
	snprintf(location, sizeof(location), "/api/v1/cells/%u", id);
	if (cells_find(key, &e))	/* destroyed meanwhile by someone */
		return http_problem(req, MHD_HTTP_NOT_FOUND, "cell-not-found",
				    "No such cell", "cell %u was created but "
				    "is gone already", id);
	return http_json_hdr(req, MHD_HTTP_CREATED, cell_view(&e), NULL,
			     location);
}

static enum MHD_Result create_from(struct http_request *req,
				   const char *name)
{
	char reason[BULKHEAD_REASON_SIZE];
	struct store_config c;
	enum MHD_Result ret;
	unsigned int id;
	int err;

	if (stored_cell_config(req, name, &c, &ret))
		return ret;
	err = cell_op_create(c.compiled, c.compiled_size, name, &id, reason,
			     sizeof(reason));
	store_config_free(&c);
	if (err)
		return cell_request_failed(req, "create", NULL, err, reason);
	return created(req, id);
}

enum MHD_Result api_cells_create(struct http_request *req)
{
	enum MHD_Result ret;
	const char *name;
	json_t *body;

	body = http_body_json(req, &ret);
	if (!body)
		return ret;
	name = api_config_name_request(req, body, "cell", &ret);
	if (name && !cell_request_needs_enabled(req, &ret))
		ret = create_from(req, name);
	json_decref(body);
	return ret;
}
