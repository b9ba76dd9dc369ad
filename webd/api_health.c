// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/health: public liveness probe for supervisors and tests. Says
 * nothing about the hypervisor (that is /system, behind auth).
 */
#include "routes.h"

enum MHD_Result api_health_get(struct http_request *req)
{
	return http_json(req, MHD_HTTP_OK, json_pack("{s:s}", "status", "ok"));
}
