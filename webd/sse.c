// SPDX-License-Identifier: GPL-2.0
/*
 * SSE hub. Events are formatted once into a ring (the backlog); a client's
 * queue is just its cursor into that ring, so fan-out costs no copies and
 * memory does not grow with the number of clients. A client that lags more
 * than client_queue events (or falls out of the ring) is dropped: its
 * socket is shut down, which never waits on that client.
 *
 * Idle clients are suspended in MHD (no polling, no busy loop) and resumed
 * by the next event or heartbeat. Each stream is its own hub, all of a
 * hub's state under its mutex; one heartbeat thread serves them all.
 *
 * Events carry a tag; a client with a filter (the jitter stream of one
 * cell) skips the others. A suspended client that is not interested in
 * a new event just moves its cursor past it, so other cells' events
 * never count as its lag.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "log.h"
#include "sse.h"

/* Kernel send buffer per stream: bounds memory and makes lag visible. */
#define SSE_SNDBUF	(16 * 1024)

struct sse_event {
	char *text;
	size_t len;
	uint32_t tag;
};

struct sse_hub;

struct sse_client {
	struct sse_client *prev, *next;
	struct sse_hub *hub;
	struct MHD_Connection *conn;
	int fd;
	uint64_t next_id;	/* next event to send */
	uint32_t filter;	/* tag wanted, or SSE_ANY */
	size_t off;		/* bytes of that event already sent */
	char pre[192];		/* prelude: retry, resync */
	size_t pre_len, pre_off;
	int suspended, dropped, heartbeat;
};

struct sse_hub {
	pthread_mutex_t lock;
	struct sse_event *ring;
	uint64_t first_id, next_id;	/* ids in the ring: [first, next) */
	uint64_t id_base;		/* epoch << 32 */
	struct sse_client *clients;
	unsigned int n_clients;
	uint64_t sent, dropped;
	int closing;
};

static struct sse_options opts;
static struct sse_hub hubs[SSE_STREAMS];

/* The heartbeat thread's sleep, and shutdown. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	int closing, started;
} beat = { .lock = PTHREAD_MUTEX_INITIALIZER,
	   .wake = PTHREAD_COND_INITIALIZER };

static struct sse_event *slot(struct sse_hub *hub, uint64_t id)
{
	/* Ids are consecutive, so a window of backlog ids never collides. */
	return &hub->ring[id % opts.backlog];
}

static int wants(const struct sse_client *c, uint32_t tag)
{
	return c->filter == SSE_ANY || c->filter == tag;
}

static void resume(struct sse_client *c)
{
	if (c->suspended) {
		c->suspended = 0;
		MHD_resume_connection(c->conn);
	}
}

static void drop(struct sse_hub *hub, struct sse_client *c, const char *why)
{
	if (c->dropped)
		return;
	c->dropped = 1;
	hub->dropped++;
	log_info("sse: dropping client (%s)", why);
	/* The fd stays MHD's; shutdown only makes its next I/O fail. */
	shutdown(c->fd, SHUT_RDWR);
	resume(c);
}

/*
 * Take a suspended client out of the suspended state under the lock, to be
 * resumed after it: each MHD_resume_connection() writes to MHD's eventfd,
 * and a worker thread whose clients are resumed starts sending at once;
 * were the lock held over all resumes, its readers would wait for the
 * last one. A claimed client stays suspended in MHD until resumed, so it
 * cannot be read or released in between, and no one else resumes it
 * (suspended is already 0).
 */
static struct MHD_Connection *claim(struct sse_client *c)
{
	c->suspended = 0;
	return c->conn;
}

static void resume_claimed(struct MHD_Connection **wake, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		MHD_resume_connection(wake[i]);
	free(wake);
}

/* Put the formatted event into the ring (lock held); its id. */
static uint64_t append(struct sse_hub *hub, char *text, size_t len,
		       uint32_t tag)
{
	struct sse_event *e;

	if (hub->next_id - hub->first_id == opts.backlog) {
		free(slot(hub, hub->first_id)->text);
		hub->first_id++;
	}
	e = slot(hub, hub->next_id);
	e->text = text;
	e->len = len;
	e->tag = tag;
	return hub->next_id++;
}

void sse_publish_to(enum sse_stream s, uint32_t tag, const char *event,
		    json_t *data)
{
	struct sse_hub *hub = &hubs[s];
	struct MHD_Connection **wake;
	struct sse_client *c;
	char *json = json_dumps(data, JSON_COMPACT);
	unsigned int n;
	uint64_t id;
	char *text;
	int len;

	json_decref(data);
	if (!json || !hub->ring) {
		free(json);
		return;
	}
	pthread_mutex_lock(&hub->lock);
	/* Without memory for the list, resume under the lock as before. */
	wake = malloc((hub->n_clients + 1) * sizeof(*wake));
	len = asprintf(&text, "id: %" PRIu64 "\nevent: %s\ndata: %s\n\n",
		       hub->next_id, event, json);
	free(json);
	if (len < 0) {
		pthread_mutex_unlock(&hub->lock);
		free(wake);
		return;
	}
	id = append(hub, text, (size_t)len, tag);
	n = 0;
	for (c = hub->clients; c; c = c->next) {
		if (!wants(c, tag) && c->suspended && c->next_id == id)
			c->next_id++;	/* nothing pending, nothing to send */
		else if (c->next_id < hub->first_id ||
			 hub->next_id - c->next_id > opts.client_queue)
			drop(hub, c, "too slow");
		else if (!wants(c, tag))
			continue;	/* busy: it skips the event itself */
		else if (c->suspended && wake)
			wake[n++] = claim(c);
		else
			resume(c);
	}
	pthread_mutex_unlock(&hub->lock);
	resume_claimed(wake, n);
}

void sse_publish(const char *event, json_t *data)
{
	sse_publish_to(SSE_EVENTS, 0, event, data);
}

static size_t copy(char *buf, size_t max, const char *src, size_t len,
		   size_t *off)
{
	size_t n = len - *off < max ? len - *off : max;

	memcpy(buf, src + *off, n);
	*off += n;
	return n;
}

/* Fill buf from the prelude and the ring; called with the lock held. */
static size_t fill(struct sse_hub *hub, struct sse_client *c, char *buf,
		   size_t max)
{
	size_t n = 0;

	if (c->pre_off < c->pre_len)
		n += copy(buf, max, c->pre, c->pre_len, &c->pre_off);
	while (n < max && c->next_id < hub->next_id) {
		struct sse_event *e = slot(hub, c->next_id);

		if (!c->off && !wants(c, e->tag)) {
			c->next_id++;
			continue;
		}
		n += copy(buf + n, max - n, e->text, e->len, &c->off);
		if (c->off == e->len) {
			c->off = 0;
			c->next_id++;
			hub->sent++;
		}
	}
	if (!n && c->heartbeat && max >= 2) {
		/* A comment: keeps proxies open, exposes dead peers. */
		memcpy(buf, ":\n", 2);
		n = 2;
	}
	c->heartbeat = 0;
	return n;
}

static ssize_t reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct sse_client *c = cls;
	struct sse_hub *hub = c->hub;
	ssize_t n;

	(void)pos;
	pthread_mutex_lock(&hub->lock);
	if (c->dropped || c->next_id < hub->first_id) {
		pthread_mutex_unlock(&hub->lock);
		return MHD_CONTENT_READER_END_WITH_ERROR;
	}
	n = (ssize_t)fill(hub, c, buf, max);
	if (!n && hub->closing) {
		pthread_mutex_unlock(&hub->lock);
		return MHD_CONTENT_READER_END_OF_STREAM;
	}
	if (!n) {
		/* Under the lock: a publish cannot slip in between. */
		c->suspended = 1;
		MHD_suspend_connection(c->conn);
	}
	pthread_mutex_unlock(&hub->lock);
	return n;
}

static void release(void *cls)
{
	struct sse_client *c = cls;
	struct sse_hub *hub = c->hub;

	pthread_mutex_lock(&hub->lock);
	if (c->prev)
		c->prev->next = c->next;
	else
		hub->clients = c->next;
	if (c->next)
		c->next->prev = c->prev;
	hub->n_clients--;
	pthread_mutex_unlock(&hub->lock);
	free(c);
}

/* Where a new client starts; called with the lock held. */
static void position(struct sse_hub *hub, struct sse_client *c,
		     int resume_req, uint64_t last)
{
	int n = snprintf(c->pre, sizeof(c->pre), "retry: 3000\n: connected\n\n");

	c->next_id = hub->next_id;
	if (!resume_req)
		goto out;
	if (last + 1 >= hub->first_id && last + 1 <= hub->next_id) {
		c->next_id = last + 1;
		goto out;
	}
	/* Missed events are gone (or the id is from another run). */
	n += snprintf(c->pre + n, sizeof(c->pre) - n,
		      "event: resync\ndata: {\"last_event_id\":%" PRIu64
		      ",\"oldest_available\":%" PRIu64 "}\n\n",
		      last, hub->first_id);
out:
	c->pre_len = (size_t)n;
}

static void tune_socket(struct sse_client *c)
{
	const union MHD_ConnectionInfo *ci;
	int size = SSE_SNDBUF;

	ci = MHD_get_connection_info(c->conn,
				     MHD_CONNECTION_INFO_CONNECTION_FD);
	c->fd = ci ? ci->connect_fd : -1;
	if (c->fd >= 0)
		setsockopt(c->fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
}

struct MHD_Response *sse_attach(enum sse_stream s,
				struct MHD_Connection *conn, int resume_req,
				uint64_t last_id, uint32_t filter)
{
	struct sse_hub *hub = &hubs[s];
	struct MHD_Response *r;
	struct sse_client *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->conn = conn;
	c->hub = hub;
	c->filter = filter;
	tune_socket(c);
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, reader,
					      c, release);
	if (!r) {
		free(c);
		return NULL;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
				"text/event-stream");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	/* A stream that ends (shutdown) should also end the connection. */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	pthread_mutex_lock(&hub->lock);
	position(hub, c, resume_req, last_id);
	c->next = hub->clients;
	if (c->next)
		c->next->prev = c;
	hub->clients = c;
	hub->n_clients++;
	pthread_mutex_unlock(&hub->lock);
	return r;
}

static void heartbeat(struct sse_hub *hub)
{
	struct sse_client *c;

	pthread_mutex_lock(&hub->lock);
	for (c = hub->clients; c; c = c->next) {
		c->heartbeat = 1;
		resume(c);
	}
	pthread_mutex_unlock(&hub->lock);
}

static void *heartbeat_main(void *arg)
{
	struct timespec t;
	unsigned int s;

	(void)arg;
	pthread_mutex_lock(&beat.lock);
	while (!beat.closing) {
		clock_gettime(CLOCK_REALTIME, &t);
		t.tv_sec += opts.heartbeat_s;
		if (pthread_cond_timedwait(&beat.wake, &beat.lock, &t) == 0)
			continue;	/* woken: re-check closing */
		for (s = 0; s < SSE_STREAMS; s++)
			heartbeat(&hubs[s]);
	}
	pthread_mutex_unlock(&beat.lock);
	return NULL;
}

int sse_hub_init(const struct sse_options *opt)
{
	unsigned int s;

	opts = *opt;
	for (s = 0; s < SSE_STREAMS; s++) {
		struct sse_hub *hub = &hubs[s];

		pthread_mutex_init(&hub->lock, NULL);
		hub->ring = calloc(opt->backlog, sizeof(*hub->ring));
		if (!hub->ring)
			return -1;
		hub->id_base = (uint64_t)opt->epoch << 32;
		hub->first_id = hub->next_id = hub->id_base + 1;
	}
	if (pthread_create(&beat.thread, NULL, heartbeat_main, NULL))
		return -1;
	beat.started = 1;
	return 0;
}

static void close_hub(struct sse_hub *hub)
{
	struct sse_client *c;

	pthread_mutex_lock(&hub->lock);
	hub->closing = 1;
	for (c = hub->clients; c; c = c->next)
		resume(c);
	pthread_mutex_unlock(&hub->lock);
}

void sse_hub_shutdown(void)
{
	unsigned int s;

	for (s = 0; s < SSE_STREAMS; s++)
		close_hub(&hubs[s]);
	pthread_mutex_lock(&beat.lock);
	beat.closing = 1;
	pthread_cond_broadcast(&beat.wake);
	pthread_mutex_unlock(&beat.lock);
	if (beat.started)
		pthread_join(beat.thread, NULL);
	beat.started = 0;
}

void sse_hub_free(void)
{
	unsigned int s;
	uint64_t id;

	for (s = 0; s < SSE_STREAMS; s++) {
		struct sse_hub *hub = &hubs[s];

		if (!hub->ring)
			continue;
		for (id = hub->first_id; id < hub->next_id; id++)
			free(slot(hub, id)->text);
		free(hub->ring);
		hub->ring = NULL;
	}
}

void sse_get_stats(struct sse_stats *st)
{
	unsigned int s;

	memset(st, 0, sizeof(*st));
	for (s = 0; s < SSE_STREAMS; s++) {
		struct sse_hub *hub = &hubs[s];

		pthread_mutex_lock(&hub->lock);
		st->clients += hub->n_clients;
		if (hub->ring)
			st->published += hub->next_id - hub->id_base - 1;
		st->sent += hub->sent;
		st->dropped += hub->dropped;
		pthread_mutex_unlock(&hub->lock);
	}
}
