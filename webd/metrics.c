// SPDX-License-Identifier: GPL-2.0
/*
 * /metrics counters. Responses are counted per status code in a fixed
 * array of atomics: no lock on the request path.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "cells.h"
#include "console_reader.h"
#include "jitter.h"
#include "metrics.h"
#include "sse.h"

#define CODE_MIN	100
#define CODE_MAX	599

static atomic_ulong responses[CODE_MAX - CODE_MIN + 1];

void metrics_http_response(unsigned int status)
{
	if (status >= CODE_MIN && status <= CODE_MAX)
		atomic_fetch_add_explicit(&responses[status - CODE_MIN], 1,
					  memory_order_relaxed);
}

static void render_streams(FILE *f)
{
	struct jitter_counts jc;

	jitter_get_counts(&jc);
	fprintf(f,
		"# HELP bulkhead_console_lines_total Hypervisor console lines "
		"read.\n"
		"# TYPE bulkhead_console_lines_total counter\n"
		"bulkhead_console_lines_total %llu\n"
		"# HELP bulkhead_jitter_reports_total Jitter windows "
		"published, by source (console lines, shared memory).\n"
		"# TYPE bulkhead_jitter_reports_total counter\n"
		"bulkhead_jitter_reports_total{source=\"console\"} %llu\n"
		"bulkhead_jitter_reports_total{source=\"shmem\"} %llu\n"
		"# HELP bulkhead_jitter_lines_rejected_total JITTER lines the "
		"strict parser refused.\n"
		"# TYPE bulkhead_jitter_lines_rejected_total counter\n"
		"bulkhead_jitter_lines_rejected_total %llu\n"
		"# HELP bulkhead_jitter_lines_superseded_total JITTER lines "
		"not published: their cell is read from shared memory.\n"
		"# TYPE bulkhead_jitter_lines_superseded_total counter\n"
		"bulkhead_jitter_lines_superseded_total %llu\n"
		"# HELP bulkhead_jitter_windows_lost_total Shared-memory "
		"windows overwritten before webd could read them.\n"
		"# TYPE bulkhead_jitter_windows_lost_total counter\n"
		"bulkhead_jitter_windows_lost_total %llu\n",
		(unsigned long long)console_reader_lines(),
		(unsigned long long)jc.console,
		(unsigned long long)jc.shmem,
		(unsigned long long)jc.rejected,
		(unsigned long long)jc.superseded,
		(unsigned long long)jc.lost);
}

char *metrics_render(void)
{
	struct sse_stats st;
	char *text = NULL;
	size_t size = 0;
	unsigned int i;
	FILE *f = open_memstream(&text, &size);

	if (!f)
		return NULL;
	fprintf(f, "# HELP bulkhead_http_responses_total HTTP responses "
		"by status code.\n"
		"# TYPE bulkhead_http_responses_total counter\n");
	for (i = 0; i <= CODE_MAX - CODE_MIN; i++) {
		unsigned long n = atomic_load_explicit(&responses[i],
						       memory_order_relaxed);

		if (n)
			fprintf(f, "bulkhead_http_responses_total"
				"{code=\"%u\"} %lu\n", i + CODE_MIN, n);
	}
	sse_get_stats(&st);
	fprintf(f,
		"# HELP bulkhead_sse_clients Connected event-stream clients.\n"
		"# TYPE bulkhead_sse_clients gauge\n"
		"bulkhead_sse_clients %u\n"
		"# HELP bulkhead_sse_events_published_total Events published.\n"
		"# TYPE bulkhead_sse_events_published_total counter\n"
		"bulkhead_sse_events_published_total %llu\n"
		"# HELP bulkhead_sse_events_sent_total Events delivered to "
		"clients (one per client).\n"
		"# TYPE bulkhead_sse_events_sent_total counter\n"
		"bulkhead_sse_events_sent_total %llu\n"
		"# HELP bulkhead_sse_clients_dropped_total Clients dropped "
		"for lagging.\n"
		"# TYPE bulkhead_sse_clients_dropped_total counter\n"
		"bulkhead_sse_clients_dropped_total %llu\n",
		st.clients, (unsigned long long)st.published,
		(unsigned long long)st.sent, (unsigned long long)st.dropped);
	render_streams(f);
	cells_render_metrics(f);
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}
