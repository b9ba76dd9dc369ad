/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Latency statistics of one window of timer-jitter samples and the JITTER
 * v1 line that reports them (format: docs/inmates.md).
 */
#ifndef _JITTER_STATS_H
#define _JITTER_STATS_H

#include <inmate.h>

/*
 * Histogram: bucket 0 counts latencies below JITTER_BUCKET0_NS, bucket k
 * (1..14) those in [250 << (k - 1), 250 << k) ns, bucket 15 all from
 * 250 << 14 ns = 4.096 ms up.
 */
#define JITTER_BUCKETS		16
#define JITTER_BUCKET0_NS	250ULL

struct jitter_window {
	__u64 seq;			/* 0 for the first window */
	__u64 samples, overruns;
	__u64 cur_ns, min_ns, max_ns, sum_ns;
	__u64 cur_ticks, min_ticks, max_ticks;
	__u32 hist[JITTER_BUCKETS];
};

void jitter_window_reset(struct jitter_window *w, __u64 seq);
void jitter_add(struct jitter_window *w, __u64 ticks, __u64 ns);
unsigned int jitter_bucket(__u64 ns);
__u64 jitter_avg_ns(const struct jitter_window *w);
void jitter_print(const struct jitter_window *w, __u64 period_ns);

#endif
