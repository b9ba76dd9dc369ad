/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SSE hub: connected clients, the backlog of recent events, fan-out.
 * Producers (board changes; later driver events, console, jitter) call
 * sse_publish() from any thread; they know nothing about clients.
 */
#ifndef WEBD_SSE_H
#define WEBD_SSE_H

#include <stdint.h>

#include <jansson.h>
#include <microhttpd.h>

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

/* Publish an event to every client; takes over data. */
void sse_publish(const char *event, json_t *data);

/*
 * A streaming response for conn. resume: the client sent Last-Event-ID
 * (last_id); events after it are replayed if still in the backlog,
 * otherwise the stream starts with a "resync" event.
 */
struct MHD_Response *sse_attach(struct MHD_Connection *conn, int resume,
				uint64_t last_id);

void sse_get_stats(struct sse_stats *st);

#endif
