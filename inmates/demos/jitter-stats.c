// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Window statistics for timer-jitter; runs in the timer interrupt, so
 * adding a sample is a handful of compares and one histogram increment.
 */
#include "jitter-stats.h"

void jitter_window_reset(struct jitter_window *w, __u64 seq)
{
	*w = (struct jitter_window){ .seq = seq, .min_ns = ~0ULL,
				     .min_ticks = ~0ULL };
}

unsigned int jitter_bucket(__u64 ns)
{
	unsigned int k = 0;

	while (k < JITTER_BUCKETS - 1 && ns >= (JITTER_BUCKET0_NS << k))
		k++;
	return k;
}

void jitter_add(struct jitter_window *w, __u64 ticks, __u64 ns)
{
	w->samples++;
	w->cur_ns = ns;
	w->cur_ticks = ticks;
	w->sum_ns += ns;
	if (ns < w->min_ns)
		w->min_ns = ns;
	if (ns > w->max_ns)
		w->max_ns = ns;
	if (ticks < w->min_ticks)
		w->min_ticks = ticks;
	if (ticks > w->max_ticks)
		w->max_ticks = ticks;
	w->hist[jitter_bucket(ns)]++;
}

/* Rounded down; the console line and shared memory both report this. */
__u64 jitter_avg_ns(const struct jitter_window *w)
{
	return w->samples ? w->sum_ns / w->samples : 0;
}

void jitter_print(const struct jitter_window *w, __u64 period_ns)
{
	char hist[JITTER_BUCKETS * 11 + 1];
	unsigned long len = 0;
	unsigned int k;

	if (!w->samples)
		return;
	for (k = 0; k < JITTER_BUCKETS; k++)
		len += snprintk(hist + len, sizeof(hist) - len, "%s%u",
				k ? "," : "", w->hist[k]);
	printk("JITTER v1 seq=%llu samples=%llu period_ns=%llu cur_ns=%llu "
	       "min_ns=%llu avg_ns=%llu max_ns=%llu overruns=%llu "
	       "cur_ticks=%llu min_ticks=%llu max_ticks=%llu hist=%s\n",
	       w->seq, w->samples, period_ns, w->cur_ns, w->min_ns,
	       jitter_avg_ns(w), w->max_ns, w->overruns,
	       w->cur_ticks, w->min_ticks, w->max_ticks, hist);
}
