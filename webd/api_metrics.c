// SPDX-License-Identifier: GPL-2.0
/* /metrics: Prometheus text exposition format 0.0.4. */
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "routes.h"

enum MHD_Result api_metrics_get(struct http_request *req)
{
	enum MHD_Result ret;
	char *text = metrics_render();

	if (!text)
		return MHD_NO;
	ret = http_text(req, MHD_HTTP_OK, "text/plain; version=0.0.4",
			text, strlen(text));
	free(text);
	return ret;
}
