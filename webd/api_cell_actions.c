// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/cells/{id}/load|start|shutdown|destroy: the lifecycle of a
 * non-root cell. The request is checked first (parameters, media type),
 * then the hypervisor's state, then the cell; the driver has the last
 * word and its refusals come back as problems (cell_request.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/ioctl.h>

#include "cell_ops.h"
#include "cell_request.h"
#include "cells.h"
#include "routes.h"

static enum MHD_Result bad_parameter(struct http_request *req,
				     const char *name, const char *value,
				     const char *why)
{
	return http_problem_ext(req, MHD_HTTP_BAD_REQUEST, "invalid-parameter",
				"Invalid parameter",
				json_pack("{s:s}", "parameter", name),
				"%s '%s' %s", name, value, why);
}

/* A strict unsigned 64-bit number, decimal or 0x hex. */
static int parse_address(const char *s, uint64_t *out)
{
	int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	const char *digits = hex ? s + 2 : s;
	unsigned long long v;
	char *end;

	if (!*digits || strspn(digits, hex ? "0123456789abcdefABCDEF" :
			       "0123456789") != strlen(digits))
		return -1;
	errno = 0;
	v = strtoull(digits, &end, hex ? 16 : 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

/* "true"/"1" or "false"/"0"; absent is false. */
static int parse_flag(const char *s, int *out)
{
	if (!s || !strcmp(s, "false") || !strcmp(s, "0"))
		*out = 0;
	else if (!strcmp(s, "true") || !strcmp(s, "1"))
		*out = 1;
	else
		return -1;
	return 0;
}

/* The cell after a change, as in the list (read fresh by cell_ops). */
static enum MHD_Result answer(struct http_request *req, unsigned int id,
			      json_t *extra)
{
	struct cells_entry e;
	char key[16];
	json_t *body;

	snprintf(key, sizeof(key), "%u", id);
	if (cells_find(key, &e)) {
		json_decref(extra);
		return http_empty(req, MHD_HTTP_NO_CONTENT);
	}
	body = cells_entry_json(&e);
	if (extra)
		json_object_update_new(body, extra);
	return http_json(req, MHD_HTTP_OK, body);
}

/* The non-root cell of a lifecycle call; -1 with the problem queued. */
static int target(struct http_request *req, const char *op,
		  struct cells_entry *e, enum MHD_Result *ret)
{
	int r;

	if (cell_request_needs_enabled(req, ret))
		return -1;
	r = cell_request_resolve(req, e, ret);
	if (r == 0)
		*ret = cell_request_root_refused(req, op);
	return r > 0 ? 0 : -1;
}

static int running(const struct cells_entry *e)
{
	return !strncmp(e->info.state, "running", 7);
}

static enum MHD_Result load(struct http_request *req, uint64_t address)
{
	char reason[BULKHEAD_REASON_SIZE];
	struct cells_entry e;
	enum MHD_Result ret;
	int err;

	if (target(req, "load", &e, &ret))
		return ret;
	if (running(&e))
		return http_problem(req, MHD_HTTP_CONFLICT, "cell-running",
				    "Cell is running", "cell %u \"%s\" is %s: "
				    "shut it down before loading", e.info.id,
				    e.info.name, e.info.state);
	err = cell_op_load(e.info.id, req->body, req->body_len, address,
			   reason, sizeof(reason));
	if (err)
		return cell_request_failed(req, "load", e.info.name, err,
					   reason);
	return answer(req, e.info.id, json_pack("{s:{s:I, s:I}}", "loaded",
		"address", (json_int_t)address, "size",
		(json_int_t)req->body_len));
}

enum MHD_Result api_cells_load(struct http_request *req)
{
	const char *a = http_query(req, "address");
	const char *ct = http_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
	uint64_t address = 0;

	if (a && parse_address(a, &address))
		return bad_parameter(req, "address", a, "is not an unsigned "
				     "64-bit number (decimal or 0x hex)");
	if (!http_content_is(ct, "application/octet-stream"))
		return http_problem(req, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
				    "unsupported-media-type",
				    "Unsupported media type", "an image is "
				    "uploaded raw as application/octet-stream, "
				    "not '%s'", ct ? ct : "(none)");
	if (!req->body_len)
		return http_problem(req, MHD_HTTP_BAD_REQUEST, "empty-image",
				    "Empty image", "the body holds the image "
				    "to load and is empty");
	return load(req, address);
}

static enum MHD_Result run(struct http_request *req, enum cell_op op)
{
	char reason[BULKHEAD_REASON_SIZE];
	struct cells_entry e;
	enum MHD_Result ret;
	int err;

	if (target(req, cell_op_name(op), &e, &ret))
		return ret;
	err = cell_op_run(op, e.info.id, reason, sizeof(reason));
	if (err)
		return cell_request_failed(req, cell_op_name(op), e.info.name,
					   err, reason);
	if (op == CELL_DESTROY)
		return http_json(req, MHD_HTTP_OK, json_pack(
			"{s:I, s:s, s:s}", "id", (json_int_t)e.info.id,
			"name", e.info.name, "state", "destroyed"));
	return answer(req, e.info.id, NULL);
}

enum MHD_Result api_cells_start(struct http_request *req)
{
	return run(req, CELL_START);
}

enum MHD_Result api_cells_shutdown(struct http_request *req)
{
	const char *f = http_query(req, "force");
	int force;

	if (parse_flag(f, &force))
		return bad_parameter(req, "force", f, "is not true, false, 1 "
				     "or 0");
	return run(req, force ? CELL_SHUTDOWN_FORCE : CELL_SHUTDOWN);
}

enum MHD_Result api_cells_destroy(struct http_request *req)
{
	return run(req, CELL_DESTROY);
}
