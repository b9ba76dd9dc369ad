// SPDX-License-Identifier: GPL-2.0
/*
 * Route table and matcher. New resources add their rows here, and to
 * openapi.json (a test keeps the two equal).
 */
#include <string.h>

#include "auth.h"
#include "log.h"
#include "routes.h"

static const struct route routes[] = {
	{ "GET", "/api/v1/health", ROLE_NONE, api_health_get },
	{ "GET", "/api/v1/openapi.json", ROLE_NONE, api_openapi_get },
	{ "GET", "/api/v1/system", ROLE_VIEWER, api_system_get },
	{ "POST", "/api/v1/system/enable", ROLE_OPERATOR, api_system_enable },
	{ "POST", "/api/v1/system/disable", ROLE_OPERATOR,
	  api_system_disable },
	{ "GET", "/api/v1/cells", ROLE_VIEWER, api_cells_list },
	{ "POST", "/api/v1/cells", ROLE_OPERATOR, api_cells_create },
	{ "GET", "/api/v1/cells/{id}", ROLE_VIEWER, api_cells_get },
	{ "POST", "/api/v1/cells/{id}/load", ROLE_OPERATOR, api_cells_load },
	{ "POST", "/api/v1/cells/{id}/start", ROLE_OPERATOR, api_cells_start },
	{ "POST", "/api/v1/cells/{id}/shutdown", ROLE_OPERATOR,
	  api_cells_shutdown },
	{ "POST", "/api/v1/cells/{id}/destroy", ROLE_OPERATOR,
	  api_cells_destroy },
	{ "GET", "/api/v1/cells/{id}/jitter", ROLE_VIEWER, api_cells_jitter },
	{ "GET", "/api/v1/ivshmem", ROLE_VIEWER, api_ivshmem_list },
	{ "GET", "/api/v1/console", ROLE_VIEWER, api_console_stream },
	{ "GET", "/api/v1/boards", ROLE_VIEWER, api_boards_list },
	{ "POST", "/api/v1/boards", ROLE_OPERATOR, api_boards_create },
	{ "GET", "/api/v1/boards/{name}", ROLE_VIEWER, api_boards_get },
	{ "PUT", "/api/v1/boards/{name}", ROLE_OPERATOR, api_boards_replace },
	{ "DELETE", "/api/v1/boards/{name}", ROLE_ADMIN, api_boards_delete },
	{ "GET", "/api/v1/configs", ROLE_VIEWER, api_configs_list },
	{ "POST", "/api/v1/configs", ROLE_OPERATOR, api_configs_create },
	{ "POST", "/api/v1/configs/validate", ROLE_VIEWER,
	  api_configs_validate },
	{ "GET", "/api/v1/configs/{name}", ROLE_VIEWER, api_configs_get },
	{ "PUT", "/api/v1/configs/{name}", ROLE_OPERATOR,
	  api_configs_replace },
	{ "DELETE", "/api/v1/configs/{name}", ROLE_ADMIN, api_configs_delete },
	{ "POST", "/api/v1/generator", ROLE_VIEWER, api_generator_upload },
	{ "POST", "/api/v1/generator/live", ROLE_VIEWER, api_generator_live },
	{ "GET", "/api/v1/audit", ROLE_ADMIN, api_audit_list },
	{ "GET", "/api/v1/events", ROLE_VIEWER, api_events_stream },
	{ "GET", "/api/v1/whoami", ROLE_VIEWER, api_whoami_get },
	{ "GET", "/metrics", ROLE_VIEWER, api_metrics_get },
	/* The dashboard's static files (static.c): public. */
	{ "GET", "/", ROLE_NONE, static_index },
	{ "GET", "/ui/{file}", ROLE_NONE, static_file },
	{ "GET", "/ui/{dir}/{file}", ROLE_NONE, static_file_in_dir },
};

#define N_ROUTES (sizeof(routes) / sizeof(routes[0]))

/* Match path against pattern, binding "{x}" segments into params. */
static int match(const char *pattern, const char *path,
		 struct http_request *req)
{
	static __thread char seg[4][128];
	unsigned int n = 0;

	while (*pattern && *path) {
		if (*pattern == '{') {
			size_t len = strcspn(path, "/");

			if (n == 4 || len == 0 || len >= sizeof(seg[0]))
				return 0;
			memcpy(seg[n], path, len);
			seg[n][len] = '\0';
			req->params[n] = seg[n];
			n++;
			path += len;
			pattern = strchr(pattern, '}') + 1;
			continue;
		}
		if (*pattern++ != *path++)
			return 0;
	}
	return *pattern == '\0' && *path == '\0';
}

static int is_mutation(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD");
}

static enum MHD_Result run(const struct route *rt, struct http_request *req)
{
	enum MHD_Result ret;
	char action[96];

	if (!auth_filter(req, rt->role, &ret))
		ret = rt->handler(req);
	if (is_mutation(req->method)) {
		/* Refused attempts are recorded too: that is the point. */
		snprintf(action, sizeof(action), "%s %s", req->method,
			 rt->pattern);
		if (store_audit_add(req->who, action, req->path, req->status))
			log_error("audit record lost: %s %s by %s -> %u",
				  action, req->path, req->who, req->status);
	}
	return ret;
}

enum MHD_Result routes_dispatch(struct http_request *req)
{
	int path_known = 0;
	unsigned int i;

	for (i = 0; i < N_ROUTES; i++) {
		if (!match(routes[i].pattern, req->path, req))
			continue;
		path_known = 1;
		if (!strcmp(routes[i].method, req->method))
			return run(&routes[i], req);
	}
	if (path_known)
		return http_problem(req, MHD_HTTP_METHOD_NOT_ALLOWED,
				    "method-not-allowed", "Method not allowed",
				    "%s is not allowed on %s", req->method,
				    req->path);
	return http_problem(req, MHD_HTTP_NOT_FOUND, "not-found",
			    "Not found", "no resource at %s", req->path);
}

/*
 * Captures (a 1 MiB .dtb as base64) and cell images need more than
 * --max-body. Called before the URL is decoded: a spelling that differs
 * only by escapes gets --max-body and, at worst, a 413.
 */
enum body_kind routes_body_kind(const char *method, const char *path)
{
	struct http_request req = { 0 };

	if (strcmp(method, "POST"))
		return BODY_NORMAL;
	if (!strcmp(path, "/api/v1/generator"))
		return BODY_UPLOAD;
	if (match("/api/v1/cells/{id}/load", path, &req))
		return BODY_IMAGE;
	return BODY_NORMAL;
}

void routes_print(FILE *out)
{
	unsigned int i;

	for (i = 0; i < N_ROUTES; i++)
		fprintf(out, "%s %s %s\n", routes[i].method,
			routes[i].pattern, role_name(routes[i].role));
}
