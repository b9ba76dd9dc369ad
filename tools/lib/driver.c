// SPDX-License-Identifier: GPL-2.0
/*
 * Client side of /dev/bulkhead and /sys/devices/bulkhead.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <libbulkhead/driver.h>
#include <libbulkhead/util.h>

#define DEFAULT_DEV	"/dev/bulkhead"
#define DEFAULT_SYSFS	"/sys/devices/bulkhead"

static const char *dev_path = DEFAULT_DEV;
static const char *sysfs_path = DEFAULT_SYSFS;

void bh_driver_set_paths(const char *dev, const char *sysfs)
{
	dev_path = dev ? dev : DEFAULT_DEV;
	sysfs_path = sysfs ? sysfs : DEFAULT_SYSFS;
}

const char *bh_driver_dev_path(void)
{
	return dev_path;
}

const char *bh_driver_sysfs_path(void)
{
	return sysfs_path;
}

int bh_hv_state(enum bh_hv_state *state)
{
	char path[512], value[16];
	struct stat st;
	int err;

	if (stat(dev_path, &st) != 0) {
		if (errno != ENOENT)
			return -errno;
		*state = BH_HV_ABSENT;
		return 0;
	}
	snprintf(path, sizeof(path), "%s/enabled", sysfs_path);
	err = bh_read_line(path, value, sizeof(value));
	if (err)
		return err;
	*state = strcmp(value, "1") == 0 ? BH_HV_ENABLED : BH_HV_DISABLED;
	return 0;
}

const char *bh_hv_state_name(enum bh_hv_state state)
{
	switch (state) {
	case BH_HV_ABSENT:
		return "absent";
	case BH_HV_DISABLED:
		return "disabled";
	case BH_HV_ENABLED:
		return "enabled";
	}
	return "unknown";
}
