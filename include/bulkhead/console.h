/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * The hypervisor's console ring: everything the hypervisor prints, and what
 * cells print through BULKHEAD_HC_DEBUG_CONSOLE_PUTC, one line at a time.
 * It lives in hypervisor memory; the root cell may read it (its stage 2
 * maps it read-only), the driver exposes it as /dev/bulkhead's read().
 *
 * Every line starts with a tag naming its source:
 *   "[hv] "          the hypervisor itself
 *   "[cell:NAME] "   a cell, by its config name
 *
 * Single writer at a time (the hypervisor's console lock), any number of
 * readers, no reader state in the ring. write_pos counts every byte ever
 * written and never wraps in practice (64 bits); byte n sits at
 * data[n % size]. The writer stores the data, then publishes write_pos
 * with a release barrier. A reader at position pos:
 *   1. reads write_pos (acquire);
 *   2. if write_pos - pos > size, skips to write_pos - size (lost data);
 *   3. copies data[pos % size .. write_pos % size];
 *   4. re-reads write_pos and drops what it copied below new - size: the
 *      writer may have overwritten it meanwhile.
 */
#ifndef _BULKHEAD_CONSOLE_H
#define _BULKHEAD_CONSOLE_H

#include <bulkhead/types.h>

#define BULKHEAD_CONSOLE_SIGNATURE	0x4e4f434842ULL	/* "BHCON" */
#define BULKHEAD_CONSOLE_RING_BYTES	(16 * 1024)	/* incl. header */
#define BULKHEAD_CONSOLE_HV_TAG		"[hv] "
#define BULKHEAD_CONSOLE_CELL_TAG	"[cell:"	/* then NAME "] " */

struct bulkhead_console_ring {
	__u64 signature;	/* BULKHEAD_CONSOLE_SIGNATURE */
	__u64 write_pos;	/* bytes written since enable */
	__u32 size;		/* bytes in data[] */
	__u32 reserved;
	char data[];
};

#define BULKHEAD_CONSOLE_DATA_BYTES \
	(BULKHEAD_CONSOLE_RING_BYTES - sizeof(struct bulkhead_console_ring))

#endif
