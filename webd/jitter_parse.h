/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The strict parser of timer-jitter's "JITTER v1" lines (docs/inmates.md):
 * a line is accepted whole or not at all. No dependencies, so host unit
 * tests compile it alone.
 */
#ifndef WEBD_JITTER_PARSE_H
#define WEBD_JITTER_PARSE_H

#include <stddef.h>
#include <stdint.h>

#define JITTER_HIST_BUCKETS	16
#define JITTER_PREFIX		"JITTER "

struct jitter_report {
	uint64_t seq, samples, period_ns;
	uint64_t cur_ns, min_ns, avg_ns, max_ns;
	uint64_t overruns;
	uint64_t cur_ticks, min_ticks, max_ticks;
	uint64_t hist[JITTER_HIST_BUCKETS];
};

/* Does the line claim to be a jitter report (of any version)? */
int jitter_line_claims(const char *line);

/*
 * Parse one line (without its newline). 0 with *out filled, or -1 with
 * *why (a static text) and *pos (byte offset in line where it went wrong);
 * *out is not touched then.
 */
int jitter_parse(const char *line, struct jitter_report *out,
		 const char **why, size_t *pos);

#endif
