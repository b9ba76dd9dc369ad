/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libbulkhead's client of the kernel driver: whether the driver is loaded,
 * whether the hypervisor is enabled, and (later) the ioctl calls.
 */
#ifndef LIBBULKHEAD_DRIVER_H
#define LIBBULKHEAD_DRIVER_H

enum bh_hv_state {
	BH_HV_ABSENT,	/* driver not loaded: no /dev/bulkhead */
	BH_HV_DISABLED,	/* driver loaded, hypervisor not running */
	BH_HV_ENABLED,	/* hypervisor running, Linux is the root cell */
};

/*
 * Where the driver's files are; tests point these at a scratch tree.
 * NULL restores the defaults (/dev/bulkhead, /sys/devices/bulkhead).
 */
void bh_driver_set_paths(const char *dev, const char *sysfs);
const char *bh_driver_dev_path(void);
const char *bh_driver_sysfs_path(void);

/* Current state; errno-style negative value if the state can't be read. */
int bh_hv_state(enum bh_hv_state *state);
const char *bh_hv_state_name(enum bh_hv_state state);

#endif
