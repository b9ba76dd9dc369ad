// SPDX-License-Identifier: GPL-2.0
/* bulkhead enable SYSTEM.cell: start the hypervisor with a system config. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/ioctl.h>
#include <libbulkhead/driver.h>
#include <libbulkhead/hypervisor.h>
#include <libbulkhead/util.h>

#include "cli.h"

/* Larger files are not system configs; the driver has the same bound. */
#define MAX_CONFIG_FILE	(1024 * 1024)

static int read_file(const char *path, void **data, size_t *size)
{
	char *buf;
	int err = bh_read_file_max(path, MAX_CONFIG_FILE, &buf, size);

	if (!err)
		*data = buf;
	return err;
}

int cmd_enable(int argc, char **argv)
{
	char reason[BULKHEAD_REASON_SIZE];
	enum bh_hv_state state;
	void *config = NULL;
	size_t size = 0;
	int err;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: bulkhead enable SYSTEM.cell\n"
		       "Starts the hypervisor under the running Linux with the "
		       "compiled system config SYSTEM.cell.\n");
		return EXIT_OK;
	}
	if (argc != 2)
		return cli_usage_error("enable takes one SYSTEM.cell file");
	if (bh_hv_state(&state) == 0 && state == BH_HV_ABSENT) {
		fprintf(stderr, "bulkhead: the driver is not loaded\n");
		return EXIT_NO_DRIVER;
	}
	err = read_file(argv[1], &config, &size);
	if (err) {
		fprintf(stderr, "bulkhead: cannot read %s: %s\n", argv[1],
			strerror(-err));
		return EXIT_FAILED;
	}
	err = bh_enable(config, size, reason, sizeof(reason));
	free(config);
	if (err) {
		fprintf(stderr, "bulkhead: enable failed: %s (%s)\n", reason,
			strerror(-err));
		return EXIT_FAILED;
	}
	return EXIT_OK;
}
