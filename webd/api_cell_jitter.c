// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/cells/{id}/jitter: the jitter reports of one cell as an event
 * stream (jitter.c produces them, tagged with the cell's id). {id} may
 * be the name; the stream follows the id it names now.
 */
#include "cell_request.h"
#include "routes.h"
#include "sse.h"

enum MHD_Result api_cells_jitter(struct http_request *req)
{
	struct cells_entry e;
	enum MHD_Result ret;
	int r = cell_request_resolve(req, &e, &ret);

	if (r < 0)
		return ret;
	if (r == 0)
		return http_problem(req, MHD_HTTP_NOT_FOUND, "cell-not-found",
				    "No such cell", "the root cell (id 0) has "
				    "no jitter stream; non-root cells running "
				    "timer-jitter have");
	return api_stream(req, SSE_JITTER, e.info.id);
}
