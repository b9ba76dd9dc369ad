// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead status: driver and hypervisor state, for people and scripts.
 */
#include <stdio.h>
#include <string.h>

#include <libbulkhead/driver.h>

#include "cli.h"

int cmd_status(int argc, char **argv)
{
	enum bh_hv_state state;
	int err;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: bulkhead status\n"
		       "Prints 'absent', 'disabled' or 'enabled'; exits 3 when "
		       "the driver is not loaded, 4 when it is loaded but the "
		       "hypervisor is not enabled.\n");
		return EXIT_OK;
	}
	if (argc > 1)
		return cli_usage_error("status takes no arguments");
	err = bh_hv_state(&state);
	if (err) {
		fprintf(stderr, "bulkhead: cannot read the driver state: %s\n",
			strerror(-err));
		return EXIT_FAILED;
	}
	printf("%s\n", bh_hv_state_name(state));
	if (state == BH_HV_ABSENT)
		return EXIT_NO_DRIVER;
	return state == BH_HV_ENABLED ? EXIT_OK : EXIT_NOT_ENABLED;
}
