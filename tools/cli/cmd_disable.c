// SPDX-License-Identifier: GPL-2.0
/* bulkhead disable: give the machine back to Linux. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <bulkhead/ioctl.h>
#include <libbulkhead/driver.h>
#include <libbulkhead/hypervisor.h>

#include "cli.h"

int cmd_disable(int argc, char **argv)
{
	char reason[BULKHEAD_REASON_SIZE];
	enum bh_hv_state state;
	int err;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: bulkhead disable\n"
		       "Stops the hypervisor; Linux runs on bare metal again. "
		       "Exits 4 when it was not enabled.\n");
		return EXIT_OK;
	}
	if (argc != 1)
		return cli_usage_error("disable takes no arguments");
	if (bh_hv_state(&state) == 0 && state == BH_HV_ABSENT) {
		fprintf(stderr, "bulkhead: the driver is not loaded\n");
		return EXIT_NO_DRIVER;
	}
	err = bh_disable(reason, sizeof(reason));
	if (err) {
		fprintf(stderr, "bulkhead: disable failed: %s (%s)\n", reason,
			strerror(-err));
		if (bh_hv_state(&state) == 0 && state == BH_HV_DISABLED)
			return EXIT_NOT_ENABLED;
		return EXIT_FAILED;
	}
	return EXIT_OK;
}
