/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SSE hub: connected clients, the backlog of recent events, fan-out.
 * One hub per stream (events, console, jitter), each with its own ids and
 * backlog, so a chatty console cannot push state changes out of the
 * events backlog. Producers (boards, configs, the driver watcher, the
 * console reader, the jitter parser) call sse_publish*() from any thread;
 * they know nothing about clients.
 */
#ifndef WEBD_SSE_H
#define WEBD_SSE_H

#include <stdint.h>

#include <jansson.h>
#include <microhttpd.h>

enum sse_stream {
	SSE_EVENTS,	/* /api/v1/events: state and config changes */
	SSE_CONSOLE,	/* /api/v1/console: hypervisor console lines */
	SSE_JITTER,	/* /api/v1/cells/{id}/jitter, tagged by cell id */
	SSE_STREAMS
};

/* A client's filter that takes every event of its stream. */
#define SSE_ANY		UINT32_MAX

struct sse_options {
	uint32_t epoch;		/* event ids are epoch << 32 | sequence */
	unsigned int backlog;	/* events kept for Last-Event-ID resume */
	unsigned int client_queue; /* events a client may lag before drop */
	unsigned int heartbeat_s;
};

struct sse_stats {
	unsigned int clients;
	uint64_t published, sent, dropped;
};

int sse_hub_init(const struct sse_options *opt);
/* Close every stream (clients see a clean end) and stop the heartbeat. */
void sse_hub_shutdown(void);
void sse_hub_free(void);

/* Publish an event on the events stream; takes over data. */
void sse_publish(const char *event, json_t *data);
/*
 * Publish on stream s with a tag (e.g. a cell id): clients whose filter is
 * the tag or SSE_ANY get it. Takes over data.
 */
void sse_publish_to(enum sse_stream s, uint32_t tag, const char *event,
		    json_t *data);

/*
 * A streaming response of stream s for conn. resume: the client sent
 * Last-Event-ID (last_id); events after it are replayed if still in the
 * backlog, otherwise the stream starts with a "resync" event. filter: the
 * tag the client wants, or SSE_ANY.
 */
struct MHD_Response *sse_attach(enum sse_stream s,
				struct MHD_Connection *conn, int resume,
				uint64_t last_id, uint32_t filter);

/* Totals over all streams. */
void sse_get_stats(struct sse_stats *st);

#endif
