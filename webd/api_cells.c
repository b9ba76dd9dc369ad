// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/cells: the cells the hypervisor runs. Until the driver offers
 * cell management, that is the root cell while the hypervisor is enabled;
 * the body comes from hv.c's cache.
 */
#include "hv.h"
#include "routes.h"

enum MHD_Result api_cells_list(struct http_request *req)
{
	size_t len = 0;
	char *text = hv_cells_json(&len);

	return api_send_cached(req, text, len);
}
