// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/events: the event stream (see sse.c for the hub), and the
 * attach step every stream shares (console, jitter).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "routes.h"
#include "sse.h"

enum MHD_Result api_stream(struct http_request *req, int stream,
			   uint32_t filter)
{
	const char *last = http_header(req, "Last-Event-ID");
	unsigned long long id = 0;
	char *end;

	if (last) {
		errno = 0;
		id = strtoull(last, &end, 10);
		if (errno || !*last || *end || *last == '-')
			return http_problem(req, MHD_HTTP_BAD_REQUEST,
					    "invalid-last-event-id",
					    "Invalid Last-Event-ID",
					    "'%s' is not an event id (a "
					    "decimal number)", last);
	}
	return http_queue(req, MHD_HTTP_OK,
			  sse_attach((enum sse_stream)stream, req->conn,
				     last != NULL, id, filter), NULL);
}

enum MHD_Result api_events_stream(struct http_request *req)
{
	return api_stream(req, SSE_EVENTS, SSE_ANY);
}
