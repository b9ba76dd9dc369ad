/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hypervisor as webd sees it: the state last read from the driver
 * (kept serialized, so reads cost no driver access and no JSON building),
 * enable/disable through libbulkhead serialised among webd's requests,
 * and the watcher thread that notices changes made by anyone (the CLI,
 * another process) and publishes them as "system.state" events.
 */
#ifndef WEBD_HV_H
#define WEBD_HV_H

#include <stddef.h>

#include <libbulkhead/driver.h>

/* poll_ms: how often the watcher reads the driver's state. */
int hv_init(unsigned int poll_ms);
void hv_shutdown(void);

/* Read the driver now; publish an event if the state changed. */
void hv_refresh(void);

enum bh_hv_state hv_state(void);

/* Copy of the cached GET /system body (malloc'ed). */
char *hv_system_json(size_t *len);
/* The stored system config webd enabled with ("" if none or disabled). */
void hv_config_name(char *buf, size_t size);

/*
 * Enable with a compiled system config (name: its stored name, reported
 * in the state). Returns 0 or a negative errno with the driver's reason.
 */
int hv_enable(const void *config, size_t size, const char *name,
	      char *reason, size_t reason_size);
int hv_disable(char *reason, size_t reason_size);

#endif
