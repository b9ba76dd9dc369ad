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

/*
 * Passing views of other physical memory (a comm region page uncached,
 * cell RAM for cache maintenance) live at HV_ALIAS + phys: far above any
 * RAM of the supported machines, inside the 39-bit map, and never on the
 * identity part, where the hypervisor and the ivshmem state tables are.
 */
#define HV_ALIAS		(1ULL << 38)

/* Build the map from the system config. 0 or a negative BULKHEAD_E*. */
int hv_map_setup(void);

#endif
