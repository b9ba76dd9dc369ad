// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/audit: newest first; ?limit=N (1-1000, default 100) and
 * ?before=ID to page back.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "routes.h"

static int parse_num(const char *s, long long min, long long max,
		     long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno || !*s || *end || *out < min || *out > max ? -1 : 0;
}

enum MHD_Result api_audit_list(struct http_request *req)
{
	const char *ls = http_query(req, "limit");
	const char *bs = http_query(req, "before");
	long long limit = 100, before = INT64_MAX;
	json_t *arr;

	if (ls && parse_num(ls, 1, 1000, &limit))
		return http_problem(req, MHD_HTTP_BAD_REQUEST,
				    "invalid-parameter", "Invalid parameter",
				    "limit '%s' is not a number in 1-1000",
				    ls);
	if (bs && parse_num(bs, 1, INT64_MAX, &before))
		return http_problem(req, MHD_HTTP_BAD_REQUEST,
				    "invalid-parameter", "Invalid parameter",
				    "before '%s' is not a positive record id",
				    bs);
	if (store_audit_list(before, (int)limit, &arr))
		return http_problem(req, MHD_HTTP_SERVICE_UNAVAILABLE,
				    "store-error", "Database error",
				    "the audit log could not be read");
	return http_json(req, MHD_HTTP_OK, json_pack("{s:o}", "records", arr));
}
