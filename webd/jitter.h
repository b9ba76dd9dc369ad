/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The jitter producer: timer-jitter's windows become "jitter" events on
 * the jitter stream, tagged with the cell's id. Two sources: the cell's
 * "JITTER ..." console lines, parsed strictly (jitter_parse.c), and its
 * shared-memory section (jitter_shm.c). A cell whose section is read is
 * served from there alone: its console lines are then superseded (not
 * published), so no window reaches a subscriber twice. Rejected lines are
 * counted and logged, never published half-parsed.
 */
#ifndef WEBD_JITTER_H
#define WEBD_JITTER_H

#include <stdint.h>

#include <libbulkhead/jitter.h>

enum jitter_source {
	JITTER_CONSOLE,
	JITTER_SHMEM,
};

/* text: the line after its "[cell:NAME] " tag. id: the cell's id. */
void jitter_feed(const char *cell, unsigned int id, const char *text);

/* Publish one window of cell id, from source. */
void jitter_publish(const char *cell, unsigned int id,
		    const struct bh_jitter_window *w, enum jitter_source src);

/* Windows of a shared-memory section that could not be read. */
void jitter_count_lost(uint64_t n);

struct jitter_counts {
	uint64_t console, shmem;	/* reports published, by source */
	uint64_t rejected;		/* console lines refused */
	uint64_t superseded;		/* console lines of shmem cells */
	uint64_t lost;			/* shared-memory windows lost */
};
void jitter_get_counts(struct jitter_counts *c);

#endif
