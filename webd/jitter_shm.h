/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shared-memory jitter source: one thread that reads timer-jitter's
 * sections (include/bulkhead/jitter.h) through the root cell's ivshmem
 * endpoints while the hypervisor is enabled, and publishes every window
 * of a cell it can name (jitter.h) with "source": "shmem".
 */
#ifndef WEBD_JITTER_SHM_H
#define WEBD_JITTER_SHM_H

/* poll_ms bounds every wait: rescans, state checks, missed doorbells. */
int jitter_shm_start(unsigned int poll_ms);
void jitter_shm_stop(void);

/* Are cell id's windows read from shared memory now? */
int jitter_shm_serving(unsigned int id);

#endif
