/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Enable and disable the hypervisor. Both return 0 or a negative errno
 * (-EBUSY: already enabled, -EINVAL: bad config or not enabled, -ENODEV: no
 * usable EL2, ...) and on failure put a one-line reason into reason
 * (BULKHEAD_REASON_SIZE bytes are enough).
 */
#ifndef LIBBULKHEAD_HYPERVISOR_H
#define LIBBULKHEAD_HYPERVISOR_H

#include <stddef.h>

int bh_enable(const void *config, size_t size, char *reason,
	      size_t reason_size);
int bh_disable(char *reason, size_t reason_size);

#endif
