/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The jitter producer: a cell's "JITTER ..." console line, parsed strictly
 * (jitter_parse.c), becomes a "jitter" event on the jitter stream tagged
 * with the cell's id. Rejected lines are counted and logged, never
 * published half-parsed.
 */
#ifndef WEBD_JITTER_H
#define WEBD_JITTER_H

#include <stdint.h>

/* text: the line after its "[cell:NAME] " tag. id: the cell's id. */
void jitter_feed(const char *cell, unsigned int id, const char *text);

struct jitter_counts {
	uint64_t reports, rejected;
};
void jitter_get_counts(struct jitter_counts *c);

#endif
