// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/system: the hypervisor's state as the driver reports it.
 */
#include <string.h>

#include <bulkhead/version.h>
#include <libbulkhead/driver.h>

#include "routes.h"

enum MHD_Result api_system_get(struct http_request *req)
{
	enum bh_hv_state state;
	int err = bh_hv_state(&state);

	if (err)
		return http_problem(req, MHD_HTTP_INTERNAL_SERVER_ERROR,
				    "driver-error", "Cannot read driver state",
				    "reading %s failed: %s",
				    bh_driver_sysfs_path(), strerror(-err));
	return http_json(req, MHD_HTTP_OK,
			 json_pack("{s:s, s:b, s:b, s:s}",
				   "state", bh_hv_state_name(state),
				   "driver_loaded", state != BH_HV_ABSENT,
				   "enabled", state == BH_HV_ENABLED,
				   "webd_version", BULKHEAD_VERSION));
}
