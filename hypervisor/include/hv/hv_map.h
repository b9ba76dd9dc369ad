/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hypervisor's own address space: an identity map (VA = PA) of its
 * memory region (code read-only and executable, everything else
 * read-write, never executable) and of the debug console's registers.
 * Identity so that the MMU can be switched on and off under running code
 * and the image, linked at 0, needs no relocation.
 */
#ifndef _HV_HV_MAP_H
#define _HV_HV_MAP_H

#include <hv/paging.h>

extern struct paging hv_paging;
/*
 * Root table for CPUs entering after the first. Written before the first
 * CPU's MMU goes on, so later CPUs read it correctly with theirs still off.
 */
extern u64 hv_mmu_root;

/* Build the map from the system config. 0 or a negative BULKHEAD_E*. */
int hv_map_setup(void);

#endif
