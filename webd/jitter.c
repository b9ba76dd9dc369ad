// SPDX-License-Identifier: GPL-2.0
/* Jitter reports from both sources to the jitter stream (see jitter.h). */
#include <stdatomic.h>

#include "jitter.h"
#include "jitter_parse.h"
#include "jitter_shm.h"
#include "log.h"
#include "sse.h"

/* Rejections are logged up to this many times, then only counted. */
#define REJECT_LOG_MAX	20

static atomic_ulong reports[2], rejected, superseded, lost;

static const char *const source_name[] = {
	[JITTER_CONSOLE] = "console",
	[JITTER_SHMEM] = "shmem",
};

static json_t *report_json(const char *cell, unsigned int id,
			   const struct bh_jitter_window *r,
			   enum jitter_source src)
{
	json_t *hist = json_array();
	size_t i;

	for (i = 0; i < BH_JITTER_BUCKETS; i++)
		json_array_append_new(hist,
				      json_integer((json_int_t)r->hist[i]));
	return json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I,"
			 " s:I, s:I, s:I, s:o, s:s}",
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
			 "hist", hist, "source", source_name[src]);
}

void jitter_publish(const char *cell, unsigned int id,
		    const struct bh_jitter_window *w, enum jitter_source src)
{
	atomic_fetch_add(&reports[src], 1);
	sse_publish_to(SSE_JITTER, id, "jitter", report_json(cell, id, w, src));
}

void jitter_feed(const char *cell, unsigned int id, const char *text)
{
	struct bh_jitter_window r;
	const char *why;
	size_t pos;
	unsigned long n;

	/* The same windows come from shared memory: not twice. */
	if (jitter_shm_serving(id)) {
		atomic_fetch_add(&superseded, 1);
		return;
	}
	if (jitter_parse(text, &r, &why, &pos)) {
		n = atomic_fetch_add(&rejected, 1);
		if (n < REJECT_LOG_MAX)
			log_warn("cell \"%s\": JITTER line rejected at byte "
				 "%zu: %s: %s", cell, pos, why, text);
		return;
	}
	jitter_publish(cell, id, &r, JITTER_CONSOLE);
}

void jitter_count_lost(uint64_t n)
{
	atomic_fetch_add(&lost, n);
}

void jitter_get_counts(struct jitter_counts *c)
{
	c->console = atomic_load(&reports[JITTER_CONSOLE]);
	c->shmem = atomic_load(&reports[JITTER_SHMEM]);
	c->rejected = atomic_load(&rejected);
	c->superseded = atomic_load(&superseded);
	c->lost = atomic_load(&lost);
}
