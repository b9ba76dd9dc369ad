/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * timer-jitter's windows published into its ivshmem output section
 * (include/bulkhead/jitter.h, docs/inmates.md).
 */
#ifndef _JITTER_SHM_H
#define _JITTER_SHM_H

#include <inmate.h>
#include "jitter-stats.h"

struct jitter_shm {
	struct ivshmem dev;
	unsigned long base;		/* the output section, 0 = none */
};

/*
 * Finds the cell's ivshmem link, prepares the section and announces it
 * (state BULKHEAD_JITTER_STATE); prints where the statistics go. false:
 * console only (no link, section too small, or console_only asked).
 */
bool jitter_shm_init(struct jitter_shm *shm, bool console_only,
		     __u64 period_ns);
void jitter_shm_publish(struct jitter_shm *shm, const struct jitter_window *w);
/* The section is no longer live: state back to 0. */
void jitter_shm_stop(struct jitter_shm *shm);

#endif
