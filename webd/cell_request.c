// SPDX-License-Identifier: GPL-2.0
/* Shared parts of the /api/v1/cells handlers (see cell_request.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cell_request.h"
#include "hv.h"
#include "routes.h"

int cell_request_needs_enabled(struct http_request *req,
			       enum MHD_Result *ret)
{
	hv_refresh();
	switch (hv_state()) {
	case BH_HV_ABSENT:
		*ret = api_problem_absent(req);
		return 1;
	case BH_HV_DISABLED:
		*ret = http_problem(req, MHD_HTTP_CONFLICT, "not-enabled",
				    "Not enabled", "the hypervisor is not "
				    "enabled: there are no cells; enable it "
				    "first (POST /api/v1/system/enable)");
		return 1;
	default:
		return 0;
	}
}

static enum MHD_Result not_found(struct http_request *req, const char *id,
				 const char *why)
{
	return http_problem(req, MHD_HTTP_NOT_FOUND, "cell-not-found",
			    "No such cell", "no cell with id or name '%s'%s",
			    id, why);
}

int cell_request_resolve(struct http_request *req, struct cells_entry *e,
			 enum MHD_Result *ret)
{
	const char *id = req->params[0];

	hv_refresh();
	if (hv_state() == BH_HV_ABSENT) {
		*ret = api_problem_absent(req);
		return -1;
	}
	if (hv_state() != BH_HV_ENABLED) {
		*ret = not_found(req, id, " (the hypervisor is not enabled)");
		return -1;
	}
	if (!strcmp(id, "0"))
		return 0;
	if (cells_find(id, e)) {
		/* Created by someone else a moment ago? */
		cells_refresh();
		if (cells_find(id, e)) {
			*ret = not_found(req, id, "");
			return -1;
		}
	}
	return 1;
}

enum MHD_Result cell_request_root_refused(struct http_request *req,
					  const char *op)
{
	return http_problem(req, MHD_HTTP_CONFLICT, "root-cell",
			    "Not for the root cell", "the root cell (id 0) "
			    "cannot be given '%s'; it comes and goes with the "
			    "hypervisor (POST /api/v1/system/enable, disable)",
			    op);
}

static enum MHD_Result driver_problem(struct http_request *req,
				      unsigned int status, const char *type,
				      const char *title, int err,
				      const char *reason)
{
	return http_problem_ext(req, status, type, title,
				json_pack("{s:i, s:s}", "errno", -err,
					  "reason", reason), "%s", reason);
}

/* -EBUSY: what was busy depends on the call. */
static enum MHD_Result busy(struct http_request *req, const char *op,
			    const char *reason)
{
	if (!strcmp(op, "create"))
		return driver_problem(req, MHD_HTTP_CONFLICT, "resources-busy",
				      "Resources in use", -EBUSY, reason);
	if (!strcmp(op, "load") || !strcmp(op, "start"))
		return driver_problem(req, MHD_HTTP_CONFLICT, "cell-running",
				      "Cell is running", -EBUSY, reason);
	return driver_problem(req, MHD_HTTP_CONFLICT, "shutdown-denied",
			      "Shutdown denied", -EBUSY, reason);
}

/* -EINVAL from create or load: the request's content was refused. */
static enum MHD_Result invalid(struct http_request *req, const char *op,
			       const char *reason)
{
	if (!strcmp(op, "create"))
		return driver_problem(req, MHD_HTTP_UNPROCESSABLE_CONTENT,
				      "config-rejected", "Config rejected",
				      -EINVAL, reason);
	return driver_problem(req, MHD_HTTP_UNPROCESSABLE_CONTENT,
			      "not-loadable", "Not loadable there", -EINVAL,
			      reason);
}

enum MHD_Result cell_request_failed(struct http_request *req,
				    const char *op, const char *cell,
				    int err, const char *reason)
{
	char type[32], title[48];

	hv_refresh();
	if (hv_state() == BH_HV_ABSENT)
		return api_problem_absent(req);
	if (err == -ENOENT && cell)
		return driver_problem(req, MHD_HTTP_NOT_FOUND,
				      "cell-not-found", "No such cell", err,
				      reason);
	if (err == -EBUSY)
		return busy(req, op, reason);
	if (err == -EEXIST && !strcmp(op, "create"))
		return driver_problem(req, MHD_HTTP_CONFLICT, "cell-exists",
				      "Cell exists", err, reason);
	if (err == -EINVAL && (!strcmp(op, "create") || !strcmp(op, "load")))
		return invalid(req, op, reason);
	snprintf(type, sizeof(type), "cell-%s-failed", op);
	snprintf(title, sizeof(title), "Cell %s failed", op);
	return driver_problem(req, MHD_HTTP_INTERNAL_SERVER_ERROR, type, title,
			      err, reason);
}
