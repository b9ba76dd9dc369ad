// SPDX-License-Identifier: GPL-2.0
/* /api/v1/openapi.json: the API description, embedded in the binary. */
#include "openapi.h"
#include "routes.h"

enum MHD_Result api_openapi_get(struct http_request *req)
{
	struct MHD_Response *r;

	r = MHD_create_response_from_buffer(openapi_json_len,
					    (void *)openapi_json,
					    MHD_RESPMEM_PERSISTENT);
	if (r)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
					"application/json");
	return http_queue(req, MHD_HTTP_OK, r, NULL);
}
