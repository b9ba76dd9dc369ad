// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/system: the hypervisor's state as the driver reports it, and
 * enable/disable. Reads are served from hv.c's cached body.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/ioctl.h>

#include "hv.h"
#include "routes.h"

/* A cached body as a response without building any JSON. */
enum MHD_Result api_send_cached(struct http_request *req, char *text,
				size_t len)
{
	struct MHD_Response *r;

	if (!text)
		return MHD_NO;
	r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(text);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
				"application/json");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	return http_queue(req, MHD_HTTP_OK, r, NULL);
}

enum MHD_Result api_system_get(struct http_request *req)
{
	size_t len = 0;
	char *text = hv_system_json(&len);

	return api_send_cached(req, text, len);
}

enum MHD_Result api_problem_absent(struct http_request *req)
{
	return http_problem(req, MHD_HTTP_SERVICE_UNAVAILABLE,
			    "hypervisor-absent", "Hypervisor absent",
			    "the bulkhead driver is not loaded (%s is "
			    "missing); load bulkhead.ko first",
			    bh_driver_dev_path());
}

enum MHD_Result api_invalid(struct http_request *req, const char *pointer,
			    const char *msg)
{
	return http_problem_ext(req, MHD_HTTP_UNPROCESSABLE_CONTENT,
		"validation-failed", "Invalid request",
		json_pack("{s:[{s:s, s:s}]}", "errors", "pointer", pointer,
			  "message", msg), "%s: %s", pointer, msg);
}

const char *api_config_name_request(struct http_request *req, json_t *body,
				    const char *kind, enum MHD_Result *ret)
{
	char msg[96];

	const char *k;
	json_t *v;

	if (!json_is_object(body)) {
		*ret = api_invalid(req, "", "must be an object {\"config\": NAME}");
		return NULL;
	}
	json_object_foreach(body, k, v) {
		if (strcmp(k, "config")) {
			*ret = api_invalid(req, "", "unknown member; only "
				       "\"config\" is accepted");
			return NULL;
		}
	}
	v = json_object_get(body, "config");
	if (!json_is_string(v)) {
		snprintf(msg, sizeof(msg), "must be a string (the name of a "
			 "stored %s config)", kind);
		*ret = api_invalid(req, "/config", v ? msg : "is required");
		return NULL;
	}
	return json_string_value(v);
}

/* Refusals that depend on the state, before asking the driver. */
static int state_refuses(struct http_request *req, int enabling,
			 enum MHD_Result *ret)
{
	enum bh_hv_state s;

	hv_refresh();
	s = hv_state();
	if (s == BH_HV_ABSENT)
		*ret = api_problem_absent(req);
	else if (enabling && s == BH_HV_ENABLED)
		*ret = http_problem(req, MHD_HTTP_CONFLICT, "already-enabled",
				    "Already enabled", "the hypervisor is "
				    "already enabled; disable it first");
	else if (!enabling && s == BH_HV_DISABLED)
		*ret = http_problem(req, MHD_HTTP_CONFLICT, "not-enabled",
				    "Not enabled",
				    "the hypervisor is not enabled");
	else
		return 0;
	return 1;
}

static enum MHD_Result driver_failed(struct http_request *req, int err,
				     int enabling, const char *reason)
{
	if (err == -ENOENT)
		return api_problem_absent(req);
	if (enabling && err == -EBUSY)
		return http_problem(req, MHD_HTTP_CONFLICT, "already-enabled",
				    "Already enabled", "%s", reason);
	if (!enabling && err == -EINVAL && hv_state() == BH_HV_DISABLED)
		return http_problem(req, MHD_HTTP_CONFLICT, "not-enabled",
				    "Not enabled", "%s", reason);
	return http_problem_ext(req, MHD_HTTP_INTERNAL_SERVER_ERROR,
		enabling ? "enable-failed" : "disable-failed",
		enabling ? "Enable failed" : "Disable failed",
		json_pack("{s:i, s:s}", "errno", -err, "reason", reason),
		"%s", reason);
}

static enum MHD_Result enable_with(struct http_request *req,
				   const char *name)
{
	char reason[BULKHEAD_REASON_SIZE], msg[160];
	struct store_config c;
	enum store_result r;
	enum MHD_Result ret;
	int err;

	r = store_config_get(name, &c);
	if (r == STORE_NOT_FOUND) {
		snprintf(msg, sizeof(msg), "no stored config named '%s'",
			 name);
		return api_invalid(req, "/config", msg);
	}
	if (r)
		return http_problem(req, MHD_HTTP_SERVICE_UNAVAILABLE,
				    "store-error", "Database error",
				    "reading config '%s' failed", name);
	if (strcmp(c.kind, "system")) {
		store_config_free(&c);
		snprintf(msg, sizeof(msg), "'%s' is a %s config; enable "
			 "needs a system config", name, c.kind);
		return api_invalid(req, "/config", msg);
	}
	err = hv_enable(c.compiled, c.compiled_size, name, reason,
			sizeof(reason));
	store_config_free(&c);
	if (err)
		return driver_failed(req, err, 1, reason);
	ret = api_system_get(req);
	return ret;
}

enum MHD_Result api_system_enable(struct http_request *req)
{
	enum MHD_Result ret;
	const char *name;
	json_t *body;

	body = http_body_json(req, &ret);
	if (!body)
		return ret;
	name = api_config_name_request(req, body, "system", &ret);
	if (name && !state_refuses(req, 1, &ret))
		ret = enable_with(req, name);
	json_decref(body);
	return ret;
}

enum MHD_Result api_system_disable(struct http_request *req)
{
	char reason[BULKHEAD_REASON_SIZE];
	enum MHD_Result ret;
	int err;

	if (state_refuses(req, 0, &ret))
		return ret;
	err = hv_disable(reason, sizeof(reason));
	if (err)
		return driver_failed(req, err, 0, reason);
	return api_system_get(req);
}
