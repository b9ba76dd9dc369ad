// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/configs: system and cell configs. Uploads are JSON or compiled
 * binaries; nothing is stored that libbulkhead's validator rejects, and
 * every stored config has its compiled form ready for enable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_upload.h"
#include "routes.h"
#include "sse.h"

static int name_ok(const char *s)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
				  "opqrstuvwxyz0123456789._-";
	size_t len = strlen(s);

	return len >= 1 && len <= 64 && strspn(s, set) == len &&
	       s[0] != '.' && s[0] != '-';
}

static enum MHD_Result store_failed(struct http_request *req)
{
	return http_problem(req, MHD_HTTP_SERVICE_UNAVAILABLE, "store-error",
			    "Database error", "the config store failed; see "
			    "the daemon log");
}

static enum MHD_Result not_found(struct http_request *req, const char *name)
{
	return http_problem(req, MHD_HTTP_NOT_FOUND, "config-not-found",
			    "No such config", "no config named '%s'", name);
}

static json_t *metadata(const struct store_config *c)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I}",
			 "name", c->name, "kind", c->kind, "arch", c->arch,
			 "cell_name", c->cell_name, "etag", c->etag,
			 "created", c->created, "updated", c->updated,
			 "compiled_size", (json_int_t)c->compiled_size);
}

static void announce(const char *what, const char *name, const char *kind,
		     const char *etag)
{
	sse_publish(what, etag ?
		    json_pack("{s:s, s:s, s:s}", "name", name, "kind", kind,
			      "etag", etag) :
		    json_pack("{s:s}", "name", name));
}

enum MHD_Result api_configs_list(struct http_request *req)
{
	json_t *arr;

	if (store_config_list(&arr))
		return store_failed(req);
	return http_json(req, MHD_HTTP_OK, json_pack("{s:o}", "configs", arr));
}

enum MHD_Result api_configs_validate(struct http_request *req)
{
	struct config_upload up;
	enum MHD_Result ret;
	int n;

	if (config_upload_read(req, &up, &ret))
		goto out;
	n = config_upload_check(req, &up, &ret);
	if (n >= 0)
		ret = http_json(req, MHD_HTTP_OK, json_pack(
			"{s:b, s:o, s:o}", "valid", n == 0,
			"errors", config_upload_errors(&up),
			"summary", config_upload_summary(&up)));
out:
	config_upload_free(&up);
	return ret;
}

/*
 * Read, check and turn an upload into a row for the store. Returns 0, or
 * -1 with the problem (400, 415, 422, ...) queued into *ret.
 */
static int prepare(struct http_request *req, struct config_upload *up,
		   struct store_config *row, enum MHD_Result *ret)
{
	int n;

	if (config_upload_read(req, up, ret))
		return -1;
	n = config_upload_check(req, up, ret);
	if (n < 0)
		return -1;
	if (n > 0) {
		*ret = http_problem_ext(req, MHD_HTTP_UNPROCESSABLE_CONTENT,
			"validation-failed", "Invalid config",
			json_pack("{s:o, s:o}",
				  "errors", config_upload_errors(up),
				  "summary", config_upload_summary(up)),
			"%d finding(s); see errors[]; nothing was stored", n);
		return -1;
	}
	memset(row, 0, sizeof(*row));
	snprintf(row->kind, sizeof(row->kind), "%s", config_upload_kind(up));
	snprintf(row->arch, sizeof(row->arch), "%s", config_upload_arch(up));
	config_upload_cell_name(up, row->cell_name, sizeof(row->cell_name));
	row->json = up->json;
	row->json_len = up->json_len;
	row->compiled = up->bin;
	row->compiled_size = up->bin_size;
	return 0;
}

/* Answer with the stored config's metadata as it now is. */
static enum MHD_Result answer(struct http_request *req, unsigned int status,
			      const char *name)
{
	char location[128];
	struct store_config c;
	enum MHD_Result ret;

	if (store_config_get(name, &c))
		return store_failed(req);
	snprintf(location, sizeof(location), "/api/v1/configs/%s", name);
	ret = http_json_hdr(req, status, metadata(&c), c.etag,
			    status == MHD_HTTP_CREATED ? location : NULL);
	store_config_free(&c);
	return ret;
}

static int pick_name(struct http_request *req, struct store_config *row,
		     enum MHD_Result *ret)
{
	const char *q = http_query(req, "name");
	const char *name = q ? q : row->cell_name;

	if (!name_ok(name)) {
		*ret = http_problem(req, MHD_HTTP_BAD_REQUEST,
				    "invalid-parameter", "Invalid config name",
				    "%s'%s' is not 1-64 characters of A-Z a-z "
				    "0-9 . _ - starting with a letter or digit",
				    q ? "name=" : "the config's cell name ",
				    name);
		return -1;
	}
	snprintf(row->name, sizeof(row->name), "%s", name);
	return 0;
}

enum MHD_Result api_configs_create(struct http_request *req)
{
	struct config_upload up;
	struct store_config row;
	enum store_result r;
	enum MHD_Result ret;

	if (prepare(req, &up, &row, &ret) || pick_name(req, &row, &ret))
		goto out;
	r = store_config_create(&row);
	if (r == STORE_EXISTS) {
		ret = http_problem(req, MHD_HTTP_CONFLICT, "config-exists",
				   "Config exists", "a config named '%s' "
				   "exists; PUT /api/v1/configs/%s replaces "
				   "it", row.name, row.name);
	} else if (r) {
		ret = store_failed(req);
	} else {
		announce("config.created", row.name, row.kind, row.etag);
		ret = answer(req, MHD_HTTP_CREATED, row.name);
	}
out:
	config_upload_free(&up);
	return ret;
}

static enum MHD_Result send_binary(struct http_request *req,
				   struct store_config *c)
{
	struct MHD_Response *r;

	r = MHD_create_response_from_buffer(c->compiled_size, c->compiled,
					    MHD_RESPMEM_MUST_FREE);
	if (!r)
		return MHD_NO;
	c->compiled = NULL;	/* now the response's */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
				"application/octet-stream");
	MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept");
	return http_queue(req, MHD_HTTP_OK, r, c->etag);
}

static enum MHD_Result send_json(struct http_request *req,
				 struct store_config *c)
{
	struct MHD_Response *r;

	r = MHD_create_response_from_buffer(c->json_len, c->json,
					    MHD_RESPMEM_MUST_FREE);
	if (!r)
		return MHD_NO;
	c->json = NULL;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
				"application/json");
	MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept");
	return http_queue(req, MHD_HTTP_OK, r, c->etag);
}

/*
 * The document by default; the compiled binary when the client names
 * application/octet-stream and not application/json.
 */
enum MHD_Result api_configs_get(struct http_request *req)
{
	int bin = http_accept_names(req, "application/octet-stream") &&
		  !http_accept_names(req, "application/json");
	struct store_config c;
	enum store_result r;
	enum MHD_Result ret;

	if (!bin && !http_accepts(req, "application/json"))
		return http_problem(req, MHD_HTTP_NOT_ACCEPTABLE,
				    "not-acceptable", "Not acceptable",
				    "a config is served as application/json "
				    "or application/octet-stream");
	r = store_config_get(req->params[0], &c);
	if (r == STORE_NOT_FOUND)
		return not_found(req, req->params[0]);
	if (r)
		return store_failed(req);
	ret = bin ? send_binary(req, &c) : send_json(req, &c);
	store_config_free(&c);
	return ret;
}

enum MHD_Result api_configs_replace(struct http_request *req)
{
	char want[80], hint[128];
	struct config_upload up;
	struct store_config row;
	enum store_result r;
	enum MHD_Result ret;
	int any;

	snprintf(hint, sizeof(hint), "/api/v1/configs/%s", req->params[0]);
	any = http_if_match(req, want, sizeof(want), hint, &ret);
	if (any < 0)
		return ret;
	if (prepare(req, &up, &row, &ret))
		goto out;
	snprintf(row.name, sizeof(row.name), "%s", req->params[0]);
	r = store_config_replace(&row, any ? NULL : want);
	if (r == STORE_NOT_FOUND)
		ret = not_found(req, row.name);
	else if (r == STORE_CONFLICT)
		ret = http_problem(req, MHD_HTTP_PRECONDITION_FAILED,
				   "etag-mismatch", "Precondition failed",
				   "config '%s' changed since ETag \"%s\"; "
				   "GET it again and reapply", row.name, want);
	else if (r)
		ret = store_failed(req);
	else {
		announce("config.updated", row.name, row.kind, row.etag);
		ret = answer(req, MHD_HTTP_OK, row.name);
	}
out:
	config_upload_free(&up);
	return ret;
}

enum MHD_Result api_configs_delete(struct http_request *req)
{
	enum store_result r = store_config_delete(req->params[0]);

	if (r == STORE_NOT_FOUND)
		return not_found(req, req->params[0]);
	if (r)
		return store_failed(req);
	announce("config.deleted", req->params[0], NULL, NULL);
	return http_empty(req, MHD_HTTP_NO_CONTENT);
}
