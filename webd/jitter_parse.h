/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The strict parser of timer-jitter's "JITTER v1" lines (docs/inmates.md):
 * a line is accepted whole or not at all. Its only dependency is
 * libbulkhead's jitter.c (the window and its consistency rules, shared
 * with the shared-memory reader), so host unit tests compile the two
 * alone.
 */
#ifndef WEBD_JITTER_PARSE_H
#define WEBD_JITTER_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include <libbulkhead/jitter.h>

#define JITTER_PREFIX		"JITTER "

/* Does the line claim to be a jitter report (of any version)? */
int jitter_line_claims(const char *line);

/*
 * Parse one line (without its newline). 0 with *out filled, or -1 with
 * *why (a static text) and *pos (byte offset in line where it went wrong);
 * *out is not touched then.
 */
int jitter_parse(const char *line, struct bh_jitter_window *out,
		 const char **why, size_t *pos);

#endif
