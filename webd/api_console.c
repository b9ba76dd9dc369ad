// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/console: the hypervisor console as an event stream, one
 * "console" event per line (console_reader.c produces them).
 */
#include "routes.h"
#include "sse.h"

enum MHD_Result api_console_stream(struct http_request *req)
{
	return api_stream(req, SSE_CONSOLE, SSE_ANY);
}
