// SPDX-License-Identifier: GPL-2.0
/*
 * timer-jitter's windows: the consistency rules and the JITTER v1 line
 * (docs/inmates.md), shared by webd's console parser, the shared-memory
 * reader and the CLI, so every source is held to the same rules.
 */
#include <inttypes.h>
#include <stdio.h>

#include <libbulkhead/jitter.h>

const char *bh_jitter_window_inconsistency(const struct bh_jitter_window *w)
{
	uint64_t sum = 0;
	size_t i;

	if (!w->samples)
		return "samples is 0";
	if (w->min_ns > w->avg_ns || w->avg_ns > w->max_ns)
		return "not min_ns <= avg_ns <= max_ns";
	if (w->cur_ns < w->min_ns || w->cur_ns > w->max_ns)
		return "cur_ns outside min_ns..max_ns";
	if (w->cur_ticks < w->min_ticks || w->cur_ticks > w->max_ticks)
		return "cur_ticks outside min_ticks..max_ticks";
	for (i = 0; i < BH_JITTER_BUCKETS; i++) {
		if (w->hist[i] > UINT64_MAX - sum)
			return "hist counts overflow";
		sum += w->hist[i];
	}
	if (sum != w->samples)
		return "hist counts do not sum to samples";
	return NULL;
}

int bh_jitter_format(const struct bh_jitter_window *w, char *buf,
		     size_t size)
{
	int len, n;
	size_t i;

	len = snprintf(buf, size, "JITTER v1 seq=%" PRIu64 " samples=%" PRIu64
		       " period_ns=%" PRIu64 " cur_ns=%" PRIu64 " min_ns=%"
		       PRIu64 " avg_ns=%" PRIu64 " max_ns=%" PRIu64
		       " overruns=%" PRIu64 " cur_ticks=%" PRIu64
		       " min_ticks=%" PRIu64 " max_ticks=%" PRIu64 " hist=",
		       w->seq, w->samples, w->period_ns, w->cur_ns, w->min_ns,
		       w->avg_ns, w->max_ns, w->overruns, w->cur_ticks,
		       w->min_ticks, w->max_ticks);
	for (i = 0; i < BH_JITTER_BUCKETS && len >= 0; i++) {
		n = snprintf(buf + ((size_t)len < size ? (size_t)len : size),
			     (size_t)len < size ? size - (size_t)len : 0,
			     "%s%" PRIu64, i ? "," : "", w->hist[i]);
		len = n < 0 ? n : len + n;
	}
	return len;
}
