// SPDX-License-Identifier: GPL-2.0
/* Jitter reports from console lines to the jitter stream (see jitter.h). */
#include <stdatomic.h>

#include "jitter.h"
#include "jitter_parse.h"
#include "log.h"
#include "sse.h"

/* Rejections are logged up to this many times, then only counted. */
#define REJECT_LOG_MAX	20

static atomic_ulong reports, rejected;

static json_t *report_json(const char *cell, unsigned int id,
			   const struct jitter_report *r)
{
	json_t *hist = json_array();
	size_t i;

	for (i = 0; i < JITTER_HIST_BUCKETS; i++)
		json_array_append_new(hist, json_integer((json_int_t)r->hist[i]));
	return json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I,"
			 " s:I, s:I, s:I, s:o}",
			 "cell_id", (json_int_t)id, "cell", cell,
			 "seq", (json_int_t)r->seq,
			 "samples", (json_int_t)r->samples,
			 "period_ns", (json_int_t)r->period_ns,
			 "cur_ns", (json_int_t)r->cur_ns,
			 "min_ns", (json_int_t)r->min_ns,
			 "avg_ns", (json_int_t)r->avg_ns,
			 "max_ns", (json_int_t)r->max_ns,
			 "overruns", (json_int_t)r->overruns,
			 "cur_ticks", (json_int_t)r->cur_ticks,
			 "min_ticks", (json_int_t)r->min_ticks,
			 "max_ticks", (json_int_t)r->max_ticks,
			 "hist", hist);
}

void jitter_feed(const char *cell, unsigned int id, const char *text)
{
	struct jitter_report r;
	const char *why;
	size_t pos;
	unsigned long n;

	if (jitter_parse(text, &r, &why, &pos)) {
		n = atomic_fetch_add(&rejected, 1);
		if (n < REJECT_LOG_MAX)
			log_warn("cell \"%s\": JITTER line rejected at byte "
				 "%zu: %s: %s", cell, pos, why, text);
		return;
	}
	atomic_fetch_add(&reports, 1);
	sse_publish_to(SSE_JITTER, id, "jitter", report_json(cell, id, &r));
}

void jitter_get_counts(struct jitter_counts *c)
{
	c->reports = atomic_load(&reports);
	c->rejected = atomic_load(&rejected);
}
