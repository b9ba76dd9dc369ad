/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The system config the driver copied right behind the image's core
 * (image + bss) in the hypervisor's memory region.
 */
#ifndef _HV_SYSTEM_CONFIG_H
#define _HV_SYSTEM_CONFIG_H

#include <bulkhead/config.h>
#include <hv/types.h>

extern const struct bulkhead_system *system_config;

/*
 * Check the config where it lies (start: its address, base: where the
 * hypervisor's region starts; the region must hold at least a page behind
 * the core) and make it the current one. Returns 0 or a negative
 * BULKHEAD_E* code after printing why.
 */
int system_config_init(const void *start, u64 base);

#endif
