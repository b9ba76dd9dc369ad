// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/whoami: the caller's token name and role, so that a client (the
 * dashboard) can check a token and show only the actions it may take.
 */
#include "routes.h"

enum MHD_Result api_whoami_get(struct http_request *req)
{
	return http_json(req, MHD_HTTP_OK,
			 json_pack("{s:s, s:s}", "name", req->who,
				   "role", role_name(req->role)));
}
