// SPDX-License-Identifier: GPL-2.0
/*
 * Route table and matcher. New resources add their rows here.
 */
#include <string.h>

#include "routes.h"

static const struct route routes[] = {
	{ "GET", "/api/v1/system", api_system_get },
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

enum MHD_Result routes_dispatch(struct http_request *req)
{
	int path_known = 0;
	unsigned int i;

	for (i = 0; i < N_ROUTES; i++) {
		if (!match(routes[i].pattern, req->path, req))
			continue;
		path_known = 1;
		if (!strcmp(routes[i].method, req->method))
			return routes[i].handler(req);
	}
	if (path_known)
		return http_problem(req, MHD_HTTP_METHOD_NOT_ALLOWED,
				    "method-not-allowed", "Method not allowed",
				    "%s is not allowed on %s", req->method,
				    req->path);
	return http_problem(req, MHD_HTTP_NOT_FOUND, "not-found",
			    "Not found", "no resource at %s", req->path);
}
