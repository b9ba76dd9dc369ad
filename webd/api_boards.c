// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/boards: board profiles (name, architecture, captured inputs for
 * the generator, generated config, notes). Bodies are validated here in
 * full; every error names its JSON Pointer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "boards.h"
#include "routes.h"
#include "sse.h"

static const char *const capture_keys[] = {
	"iomem", "lspci", "cpuinfo", "device_tree",
};

static void add_error(json_t *errs, const char *pointer, const char *fmt,
		      ...) __attribute__((format(printf, 3, 4)));

static void add_error(json_t *errs, const char *pointer, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_array_append_new(errs, json_pack("{s:s, s:s}", "pointer",
					      pointer, "message", msg));
}

/* RFC 6901: "~" and "/" in a member name become "~0" and "~1". */
static void pointer_to(char *buf, size_t size, const char *base,
		       const char *key)
{
	size_t n = (size_t)snprintf(buf, size, "%s/", base);

	for (; *key && n + 3 < size; key++) {
		if (*key == '~' || *key == '/') {
			buf[n++] = '~';
			buf[n++] = *key == '~' ? '0' : '1';
		} else {
			buf[n++] = *key;
		}
	}
	buf[n] = '\0';
}

int boards_name_ok(const char *s)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
				  "opqrstuvwxyz0123456789._-";
	size_t len = strlen(s);

	return len >= 1 && len <= 64 && strspn(s, set) == len &&
	       s[0] != '.' && s[0] != '-';
}

static int is_capture_key(const char *k)
{
	unsigned int i;

	for (i = 0; i < sizeof(capture_keys) / sizeof(capture_keys[0]); i++)
		if (!strcmp(k, capture_keys[i]))
			return 1;
	return 0;
}

static void check_captures(json_t *c, json_t *errs)
{
	char ptr[160];
	const char *k;
	json_t *v;

	if (!json_is_object(c)) {
		add_error(errs, "/captures", "must be an object of captured "
			  "texts (iomem, lspci, cpuinfo, device_tree)");
		return;
	}
	json_object_foreach(c, k, v) {
		pointer_to(ptr, sizeof(ptr), "/captures", k);
		if (!is_capture_key(k))
			add_error(errs, ptr, "unknown capture '%s' (known: "
				  "iomem, lspci, cpuinfo, device_tree)", k);
		else if (!json_is_string(v))
			add_error(errs, ptr, "must be a string (device_tree "
				  "as base64)");
	}
}

static void check_name(json_t *b, const char *path_name, json_t *errs)
{
	json_t *n = json_object_get(b, "name");

	if (!n && path_name)
		return;
	if (!json_is_string(n))
		add_error(errs, "/name", n ? "must be a string" :
			  "is required");
	else if (!boards_name_ok(json_string_value(n)))
		add_error(errs, "/name", "'%s' is not 1-64 characters of "
			  "A-Z a-z 0-9 . _ - starting with a letter or digit",
			  json_string_value(n));
	else if (path_name && strcmp(json_string_value(n), path_name))
		add_error(errs, "/name", "'%s' differs from the name in the "
			  "URL ('%s'); renaming is not supported",
			  json_string_value(n), path_name);
}

static void check_members(json_t *b, const char *path_name, json_t *errs)
{
	static const char *const known[] = {
		"name", "architecture", "captures", "generated_config",
		"notes",
	};
	json_t *a = json_object_get(b, "architecture");
	json_t *g = json_object_get(b, "generated_config");
	json_t *nt = json_object_get(b, "notes");
	json_t *c = json_object_get(b, "captures");
	char ptr[160];
	const char *k;
	unsigned int i;
	json_t *v;

	json_object_foreach(b, k, v) {
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (!strcmp(k, known[i]))
				break;
		pointer_to(ptr, sizeof(ptr), "", k);
		if (i == sizeof(known) / sizeof(known[0]))
			add_error(errs, ptr, "unknown member '%s'%s", k,
				  !strcmp(k, "etag") || !strcmp(k, "created") ||
				  !strcmp(k, "updated") ? " (read-only)" : "");
	}
	check_name(b, path_name, errs);
	if (!json_is_string(a) ||
	    (strcmp(json_string_value(a), "arm64") &&
	     strcmp(json_string_value(a), "x86_64")))
		add_error(errs, "/architecture", a ?
			  "must be \"arm64\" or \"x86_64\"" : "is required");
	if (c)
		check_captures(c, errs);
	if (g && !json_is_object(g) && !json_is_null(g))
		add_error(errs, "/generated_config", "must be an object (a "
			  "cell config) or null");
	if (nt && !json_is_string(nt))
		add_error(errs, "/notes", "must be a string");
	else if (nt && json_string_length(nt) > BOARD_NOTES_MAX)
		add_error(errs, "/notes", "is %zu bytes; at most %d",
			  json_string_length(nt), BOARD_NOTES_MAX);
}

/*
 * Validate and normalise (every member present). Returns the new board, or
 * NULL with the 422 problem queued into *ret.
 */
static json_t *validate(struct http_request *req, json_t *b,
			const char *path_name, enum MHD_Result *ret)
{
	json_t *errs = json_array(), *out, *v;

	if (!json_is_object(b))
		add_error(errs, "", "the board must be a JSON object");
	else
		check_members(b, path_name, errs);
	if (json_array_size(errs)) {
		*ret = http_problem_ext(req, MHD_HTTP_UNPROCESSABLE_CONTENT,
			"validation-failed", "Invalid board profile",
			json_pack("{s:o}", "errors", errs),
			"%zu error(s); see errors[]", json_array_size(errs));
		return NULL;
	}
	json_decref(errs);
	out = json_pack("{s:s, s:O, s:o, s:O, s:s}",
		"name", path_name ? path_name :
			json_string_value(json_object_get(b, "name")),
		"architecture", json_object_get(b, "architecture"),
		"captures", json_object_get(b, "captures") ?
			json_deep_copy(json_object_get(b, "captures")) :
			json_object(),
		"generated_config", (v = json_object_get(b,
			"generated_config")) ? v : json_null(),
		"notes", json_object_get(b, "notes") ?
			json_string_value(json_object_get(b, "notes")) : "");
	return out;
}

static enum MHD_Result store_failed(struct http_request *req)
{
	return http_problem(req, MHD_HTTP_SERVICE_UNAVAILABLE, "store-error",
			    "Database error", "the board store failed; see "
			    "the daemon log");
}

static enum MHD_Result not_found(struct http_request *req, const char *name)
{
	return http_problem(req, MHD_HTTP_NOT_FOUND, "board-not-found",
			    "No such board", "no board profile named '%s'",
			    name);
}

static void announce(const char *what, const char *name, const char *etag)
{
	sse_publish(what, etag ?
		    json_pack("{s:s, s:s}", "name", name, "etag", etag) :
		    json_pack("{s:s}", "name", name));
}

enum MHD_Result api_boards_list(struct http_request *req)
{
	json_t *arr;

	if (store_board_list(&arr))
		return store_failed(req);
	return http_json(req, MHD_HTTP_OK, json_pack("{s:o}", "boards", arr));
}

enum MHD_Result api_boards_get(struct http_request *req)
{
	enum store_result r;
	char etag[STORE_ETAG_LEN + 1];
	json_t *b;

	r = store_board_get(req->params[0], &b);
	if (r == STORE_NOT_FOUND)
		return not_found(req, req->params[0]);
	if (r)
		return store_failed(req);
	snprintf(etag, sizeof(etag), "%s",
		 json_string_value(json_object_get(b, "etag")));
	return http_json_hdr(req, MHD_HTTP_OK, b, etag, NULL);
}

/* Answer with the stored board as it now is. */
static enum MHD_Result answer_board(struct http_request *req,
				    unsigned int status, const char *name,
				    const char *etag)
{
	char location[192];
	json_t *b;

	if (store_board_get(name, &b))
		return store_failed(req);
	snprintf(location, sizeof(location), "/api/v1/boards/%s", name);
	return http_json_hdr(req, status, b, etag,
			     status == MHD_HTTP_CREATED ? location : NULL);
}

int boards_add(struct http_request *req, json_t *body, char *etag,
	       enum MHD_Result *ret)
{
	enum store_result r;
	const char *name;
	json_t *b;

	b = validate(req, body, NULL, ret);
	if (!b)
		return -1;
	name = json_string_value(json_object_get(b, "name"));
	r = store_board_create(b, etag);
	if (r == STORE_EXISTS)
		*ret = http_problem(req, MHD_HTTP_CONFLICT, "board-exists",
				    "Board exists", "a board named '%s' exists; "
				    "PUT /api/v1/boards/%s replaces it", name,
				    name);
	else if (r)
		*ret = store_failed(req);
	else
		announce("board.created", name, etag);
	json_decref(b);
	return r ? -1 : 0;
}

enum MHD_Result api_boards_create(struct http_request *req)
{
	char etag[STORE_ETAG_LEN + 1], name[80];
	enum MHD_Result ret;
	json_t *body;
	int r;

	body = http_body_json(req, &ret);
	if (!body)
		return ret;
	r = boards_add(req, body, etag, &ret);
	if (!r)
		snprintf(name, sizeof(name), "%s",
			 json_string_value(json_object_get(body, "name")));
	json_decref(body);
	return r ? ret : answer_board(req, MHD_HTTP_CREATED, name, etag);
}

enum MHD_Result api_boards_replace(struct http_request *req)
{
	const char *name = req->params[0];
	char etag[STORE_ETAG_LEN + 1], want[80], hint[128];
	enum store_result r;
	enum MHD_Result ret;
	json_t *body, *b;
	int any;

	snprintf(hint, sizeof(hint), "/api/v1/boards/%s", name);
	any = http_if_match(req, want, sizeof(want), hint, &ret);
	if (any < 0)
		return ret;
	body = http_body_json(req, &ret);
	if (!body)
		return ret;
	b = validate(req, body, name, &ret);
	json_decref(body);
	if (!b)
		return ret;
	r = store_board_replace(name, b, any ? NULL : want, etag);
	json_decref(b);
	if (r == STORE_NOT_FOUND)
		return not_found(req, name);
	if (r == STORE_CONFLICT)
		return http_problem(req, MHD_HTTP_PRECONDITION_FAILED,
				    "etag-mismatch", "Precondition failed",
				    "board '%s' changed since ETag \"%s\"; GET "
				    "it again and reapply", name, want);
	if (r)
		return store_failed(req);
	announce("board.updated", name, etag);
	return answer_board(req, MHD_HTTP_OK, name, etag);
}

enum MHD_Result api_boards_delete(struct http_request *req)
{
	enum store_result r = store_board_delete(req->params[0]);

	if (r == STORE_NOT_FOUND)
		return not_found(req, req->params[0]);
	if (r)
		return store_failed(req);
	announce("board.deleted", req->params[0], NULL);
	return http_empty(req, MHD_HTTP_NO_CONTENT);
}
