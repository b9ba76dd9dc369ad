/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * timer-jitter's statistics in shared memory (docs/inmates.md, "Jitter
 * over shared memory"): the same windows its JITTER v1 console lines
 * report, published into the cell's own output section of an ivshmem
 * link, so the root cell reads numbers instead of parsing text.
 *
 * Layout of the output section: one struct bulkhead_jitter_shm. The cell
 * fills the header, then sets its ivshmem state to BULKHEAD_JITTER_STATE
 * (the state change interrupts the other peers). For every finished
 * window n it writes ring[n % BULKHEAD_JITTER_RING] under that record's
 * sequence lock, then sets head = n + 1, then rings peer 0's doorbell.
 *
 * A reader (libbulkhead's bh_jitter_shm_read) trusts the section only
 * while the peer's state is BULKHEAD_JITTER_STATE and magic, version and
 * sizes match: the state table is written by the hypervisor alone, so a
 * stale section (the cell gone or running another program) is never
 * mistaken for a live one. It copies a record, then checks that the lock
 * is even and unchanged and that the record's seq is the window it
 * wanted; otherwise the cell overwrote it meanwhile and the window is
 * lost (counted), never half-read. The reader cannot write here (the
 * section is the cell's alone), so the ring is lossy by design: a reader
 * that falls BULKHEAD_JITTER_RING windows behind skips the oldest.
 *
 * All fields are little-endian and naturally aligned; the cell writes
 * them as single aligned stores (valid on Device memory too). The cell
 * must map the section Normal Write-Back inner shareable, as the root
 * cell does (the inmate library's ivshmem_init() does): an uncached
 * writer is not coherent with a cached reader on hardware.
 */
#ifndef _BULKHEAD_JITTER_H
#define _BULKHEAD_JITTER_H

#include <bulkhead/types.h>

#define BULKHEAD_JITTER_MAGIC		0x5254494aU	/* "JITR" */
#define BULKHEAD_JITTER_VERSION		1
/* The publishing cell's ivshmem state ("jit1"). */
#define BULKHEAD_JITTER_STATE		0x3174696aU
#define BULKHEAD_JITTER_RING		16
#define BULKHEAD_JITTER_BUCKETS		16	/* as in a JITTER v1 line */

/* One window of samples; the fields of a JITTER v1 line. */
struct bulkhead_jitter_record {
	__u32 lock;		/* odd while the cell writes the record */
	__u32 reserved;
	__u64 seq;		/* window number, 0 for the first */
	__u64 samples, overruns;
	__u64 cur_ns, min_ns, avg_ns, max_ns;
	__u64 cur_ticks, min_ticks, max_ticks;
	__u32 hist[BULKHEAD_JITTER_BUCKETS];
};

struct bulkhead_jitter_shm {
	__u32 magic;		/* BULKHEAD_JITTER_MAGIC */
	__u32 version;		/* BULKHEAD_JITTER_VERSION */
	__u32 record_size;	/* sizeof(struct bulkhead_jitter_record) */
	__u32 ring_size;	/* BULKHEAD_JITTER_RING */
	__u64 period_ns;	/* the timer period */
	__u64 timer_hz;		/* the counter's frequency */
	__u64 head;		/* windows published so far */
	__u64 reserved[3];
	struct bulkhead_jitter_record ring[BULKHEAD_JITTER_RING];
};

/* The layout is ABI: changing it means a new BULKHEAD_JITTER_VERSION. */
_Static_assert(sizeof(struct bulkhead_jitter_record) == 152, "record");
_Static_assert(__builtin_offsetof(struct bulkhead_jitter_shm, head) == 32,
	       "jitter head");
_Static_assert(__builtin_offsetof(struct bulkhead_jitter_shm, ring) == 64,
	       "jitter ring");

#endif
