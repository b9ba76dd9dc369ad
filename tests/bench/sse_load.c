// SPDX-License-Identifier: GPL-2.0
/*
 * SSE fan-out load client: N streams on /api/v1/events read by one epoll
 * thread, while a second thread creates boards named "fanout-K" one every
 * INTERVAL ms. Each event's arrival on each stream is timestamped right
 * after the recv() that brought it, against two moments of the POST that
 * caused it: when it was sent (t0) and when its response arrived (t1).
 * webd publishes the event while handling the POST, so arrival - t0 is an
 * upper bound of the fan-out delay (it includes the POST's JSON parsing
 * and SQLite commit) and arrival - t1 a lower one. The spread (arrival -
 * the event's first arrival on any stream) is the fan-out alone: how long
 * webd takes from the first to the last of the N streams.
 *
 *   sse_load PORT TOKEN [CLIENTS (1000)] [EVENTS (20)] [INTERVAL_MS (100)]
 *
 * Prints p50/p99/max of both, in ms, and the POST round trips.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define TAG		"fanout-"
/* Bytes kept between reads, in which a tag may have been split. */
#define CARRY		64

struct stream {
	int fd;
	int connected;
	size_t len;
	char buf[4096 + CARRY];
};

static int port, n_clients = 1000, n_events = 20, interval_ms = 100;
static const char *token;
static struct stream *streams;
static double *t_sent, *t_done;	/* per event, ms; 0 = not yet */
static double *arrival;		/* [event * n_clients + client], ms */
static atomic_int posting_done;

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static int connect_local(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)))
		die("connect");
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

static void send_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);

		if (n <= 0)
			die("write");
		s += n;
		len -= (size_t)n;
	}
}

/* Every "fanout-K\"" in the buffer is an arrival of event K. */
static void scan(struct stream *s, int client, double t)
{
	char *p = s->buf, *end = s->buf + s->len, *q;
	long k;

	s->buf[s->len] = '\0';
	if (!s->connected && strstr(s->buf, ": connected"))
		s->connected = 1;
	while ((q = memmem(p, (size_t)(end - p), TAG, strlen(TAG)))) {
		char *num = q + strlen(TAG), *stop;

		k = strtol(num, &stop, 10);
		if (stop == end)
			break;	/* the tag continues in the next read */
		if (*stop == '"' && k >= 0 && k < n_events &&
		    !arrival[k * n_clients + client])
			arrival[k * n_clients + client] = t;
		p = stop;
	}
	/* Keep a tail in which a tag may have begun. */
	if (end - p > CARRY)
		p = end - CARRY;
	s->len = (size_t)(end - p);
	memmove(s->buf, p, s->len);
}

static void read_stream(int i)
{
	struct stream *s = &streams[i];
	ssize_t n = read(s->fd, s->buf + s->len, sizeof(s->buf) - 1 - s->len);
	double t = now_ms();

	if (n <= 0) {
		fprintf(stderr, "stream %d closed (%s)\n", i,
			n ? strerror(errno) : "EOF");
		exit(1);
	}
	s->len += (size_t)n;
	scan(s, i, t);
}

static int count_connected(void)
{
	int i, c = 0;

	for (i = 0; i < n_clients; i++)
		c += streams[i].connected;
	return c;
}

/* One POST on a keep-alive connection; the response is read whole. */
static void post_board(int fd, int k)
{
	char body[96], req[512], resp[8192];
	int blen = snprintf(body, sizeof(body), "{\"name\":\"" TAG "%d\","
			    "\"architecture\":\"arm64\"}", k);
	int rlen = snprintf(req, sizeof(req), "POST /api/v1/boards HTTP/1.1\r\n"
			    "Host: x\r\nAuthorization: Bearer %s\r\n"
			    "Content-Type: application/json\r\n"
			    "Content-Length: %d\r\n\r\n%s", token, blen, body);
	size_t got = 0;
	char *hdr_end = NULL;
	long clen = -1;

	t_sent[k] = now_ms();
	send_all(fd, req, (size_t)rlen);
	while (!hdr_end || got < (size_t)(hdr_end - resp) + 4 + (size_t)clen) {
		ssize_t n = read(fd, resp + got, sizeof(resp) - 1 - got);

		if (n <= 0)
			die("read response");
		got += (size_t)n;
		resp[got] = '\0';
		if (!hdr_end && (hdr_end = strstr(resp, "\r\n\r\n"))) {
			char *cl = strcasestr(resp, "Content-Length:");

			clen = cl ? strtol(cl + 15, NULL, 10) : 0;
		}
	}
	t_done[k] = now_ms();
	if (strncmp(resp, "HTTP/1.1 201", 12)) {
		fprintf(stderr, "POST %d: %.60s\n", k, resp);
		exit(1);
	}
}

static void *poster(void *arg)
{
	struct timespec gap = { interval_ms / 1000,
				(interval_ms % 1000) * 1000000L };
	int fd = connect_local(), k;

	(void)arg;
	for (k = 0; k < n_events; k++) {
		post_board(fd, k);
		nanosleep(&gap, NULL);
	}
	close(fd);
	posting_done = 1;
	return NULL;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *what, double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp);
	printf("%-34s p50 %7.2f  p99 %7.2f  max %7.2f ms\n", what, v[n / 2],
	       v[(size_t)((double)n * 0.99)], v[n - 1]);
}

static void results(void)
{
	size_t total = (size_t)n_events * (size_t)n_clients, got = 0, i;
	double *up = calloc(total, sizeof(double));
	double *low = calloc(total, sizeof(double));
	double *spread = calloc(total, sizeof(double));
	double *first = calloc((size_t)n_events, sizeof(double));
	double rtt[4096];
	int k;

	/* The first stream to see an event marks when fan-out began. */
	for (i = 0; i < total; i++) {
		k = (int)(i / (size_t)n_clients);
		if (arrival[i] && (!first[k] || arrival[i] < first[k]))
			first[k] = arrival[i];
	}
	for (i = 0; i < total; i++) {
		k = (int)(i / (size_t)n_clients);
		if (!arrival[i])
			continue;
		up[got] = arrival[i] - t_sent[k];
		spread[got] = arrival[i] - first[k];
		low[got++] = arrival[i] - t_done[k];
	}
	for (k = 0; k < n_events && k < 4096; k++)
		rtt[k] = t_done[k] - t_sent[k];
	printf("clients %d, events %d every %d ms: %zu of %zu deliveries\n",
	       n_clients, n_events, interval_ms, got, total);
	if (!got)
		return;
	report("arrival - POST sent (upper bound)", up, got);
	report("arrival - POST answered (lower)", low, got);
	report("arrival - first arrival (spread)", spread, got);
	report("POST round trip", rtt, (size_t)(k < 4096 ? k : 4096));
	free(up);
	free(low);
	free(spread);
	free(first);
}

static void open_streams(int ep)
{
	char req[256];
	int rlen = snprintf(req, sizeof(req), "GET /api/v1/events HTTP/1.1\r\n"
			    "Host: x\r\nAuthorization: Bearer %s\r\n\r\n",
			    token);
	struct epoll_event ev = { .events = EPOLLIN };
	int i;

	for (i = 0; i < n_clients; i++) {
		streams[i].fd = connect_local();
		send_all(streams[i].fd, req, (size_t)rlen);
		ev.data.u32 = (uint32_t)i;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, streams[i].fd, &ev))
			die("epoll_ctl");
	}
}

/* Read until cond holds or timeout_ms passes; returns cond's last value. */
static int pump(int ep, int (*cond)(void), double timeout_ms)
{
	struct epoll_event evs[256];
	double end = now_ms() + timeout_ms;
	int n, i;

	while (!cond() && now_ms() < end) {
		n = epoll_wait(ep, evs, 256, 50);
		for (i = 0; i < n; i++)
			read_stream((int)evs[i].data.u32);
	}
	return cond();
}

static int all_connected(void)
{
	return count_connected() == n_clients;
}

static int all_arrived(void)
{
	size_t i, total = (size_t)n_events * (size_t)n_clients;

	if (!posting_done)
		return 0;
	for (i = 0; i < total; i++)
		if (!arrival[i])
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	struct rlimit rl;
	pthread_t th;
	int ep;

	if (argc < 3) {
		fprintf(stderr, "usage: %s PORT TOKEN [CLIENTS] [EVENTS] "
			"[INTERVAL_MS]\n", argv[0]);
		return 2;
	}
	port = atoi(argv[1]);
	token = argv[2];
	if (argc > 3)
		n_clients = atoi(argv[3]);
	if (argc > 4)
		n_events = atoi(argv[4]);
	if (argc > 5)
		interval_ms = atoi(argv[5]);
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	streams = calloc((size_t)n_clients, sizeof(*streams));
	t_sent = calloc((size_t)n_events, sizeof(double));
	t_done = calloc((size_t)n_events, sizeof(double));
	arrival = calloc((size_t)n_events * (size_t)n_clients,
			 sizeof(double));
	ep = epoll_create1(0);
	if (!streams || !t_sent || !t_done || !arrival || ep < 0)
		die("setup");
	open_streams(ep);
	if (!pump(ep, all_connected, 60000)) {
		fprintf(stderr, "only %d of %d streams connected\n",
			count_connected(), n_clients);
		return 1;
	}
	if (pthread_create(&th, NULL, poster, NULL))
		die("pthread_create");
	pump(ep, all_arrived, (double)n_events * interval_ms + 30000);
	pthread_join(th, NULL);
	results();
	return all_arrived() ? 0 : 1;
}
