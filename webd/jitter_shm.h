/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shared-memory jitter source: one thread that reads timer-jitter's
 * sections (include/bulkhead/jitter.h) through the root cell's ivshmem
 * endpoints while the hypervisor is enabled, and publishes every window
 * of a cell it can name (jitter.h) with "source": "shmem". It keeps those
 * endpoints open, so it also answers what they look like now
 * (jitter_shm_links, for GET /api/v1/ivshmem).
 */
#ifndef WEBD_JITTER_SHM_H
#define WEBD_JITTER_SHM_H

#include <stddef.h>
#include <stdint.h>

#include <libbulkhead/ivshmem.h>

#define JITTER_SHM_DEVICES_MAX	8	/* endpoints of the root cell served */

/* One endpoint of the root cell as its state table shows it now. */
struct jitter_shm_link {
	struct bh_ivshmem_dev dev;
	uint32_t id, peers;	/* the root's peer number, MAX_PEERS */
	uint32_t state[BH_IVSHMEM_PEERS_MAX];	/* the state table */
};

/* poll_ms bounds every wait: rescans, state checks, missed doorbells. */
int jitter_shm_start(unsigned int poll_ms);
void jitter_shm_stop(void);

/* Are cell id's windows read from shared memory now? */
int jitter_shm_serving(unsigned int id);

/*
 * The endpoints open now (at most max, in no particular order) into out;
 * how many. They follow the devices within --driver-poll-ms: none right
 * after an enable, gone when the driver removes them.
 */
size_t jitter_shm_links(struct jitter_shm_link *out, size_t max);

#endif
