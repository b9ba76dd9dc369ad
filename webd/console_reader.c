// SPDX-License-Identifier: GPL-2.0
/*
 * The console reader thread (see console_reader.h).
 *
 * The device is opened non-blocking and waited on with poll() next to a
 * stop pipe, so shutdown never waits for console output. It is opened
 * only while the hypervisor is enabled: an open /dev/bulkhead would keep
 * the driver from being unloaded, and there is no ring to read otherwise.
 * Each open starts at the ring's oldest retained byte (the driver's
 * reader protocol), so a webd started after the cells replays what the
 * ring still holds.
 *
 * A scratch driver tree (tests) has a regular file as its device: it
 * polls readable forever. When poll() said readable and the read found
 * nothing, the thread waits the poll interval instead of the descriptor
 * until data comes again.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include <libbulkhead/console.h>

#include "cells.h"
#include "console_line.h"
#include "console_reader.h"
#include "hv.h"
#include "jitter.h"
#include "jitter_parse.h"
#include "log.h"
#include "sse.h"
#include "worker.h"

/* Longer lines are published in pieces ("truncated": true). */
#define LINE_MAX_BYTES	1024

static struct {
	struct worker w;
	unsigned int poll_ms;
	int fd;
	char line[LINE_MAX_BYTES + 1];
	size_t len;
	int continued;		/* the line is the rest of a cut one */
	int open_failed;
	atomic_ulong lines;
} rd = { .w = WORKER_INIT("the console reader"), .fd = -1 };

static void publish(const char *text, int truncated)
{
	struct console_line cl;
	unsigned int id = 0;
	int known = 0;
	json_t *ev;

	console_line_parse(text, &cl);
	if (rd.continued)	/* a cut line's rest has no tag of its own */
		cl.source = CONSOLE_UNTAGGED, cl.text = text;
	if (cl.source == CONSOLE_CELL)
		known = cells_id_of(cl.cell, &id) == 0;
	ev = json_pack("{s:s, s:s?}", "line", cl.text, "source",
		       cl.source == CONSOLE_HV ? "hv" :
		       cl.source == CONSOLE_CELL ? cl.cell : NULL);
	if (known)
		json_object_set_new(ev, "cell_id", json_integer(id));
	if (truncated)
		json_object_set_new(ev, "truncated", json_true());
	atomic_fetch_add(&rd.lines, 1);
	sse_publish_to(SSE_CONSOLE, 0, "console", ev);
	if (known && !truncated && !rd.continued &&
	    jitter_line_claims(cl.text))
		jitter_feed(cl.cell, id, cl.text);
}

static void end_line(int truncated)
{
	if (rd.len && rd.line[rd.len - 1] == '\r')
		rd.len--;
	rd.line[rd.len] = '\0';
	publish(rd.line, truncated);
	rd.continued = truncated;
	rd.len = 0;
}

static void feed(const char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			end_line(0);
			continue;
		}
		if (buf[i] == '\0')
			continue;	/* not text; would cut the JSON string */
		if (rd.len == LINE_MAX_BYTES)
			end_line(1);
		rd.line[rd.len++] = buf[i];
	}
}

static void close_console(void)
{
	if (rd.fd < 0)
		return;
	close(rd.fd);
	rd.fd = -1;
	if (rd.len)
		end_line(0);	/* what the ring held of its last line */
	rd.continued = 0;
	log_info("console: closed");
}

/* How the last waits went, to tell a real wait from a spurious one. */
struct wait_state {
	int readable;	/* the last poll() said the device was readable */
	int spurious;	/* ... and the read after it found nothing */
};

/*
 * Wait for data on fd (if >= 0), the interval, or stop: 1 on stop.
 * ws (may be NULL) records whether fd polled readable.
 */
static int wait_for(int fd, struct wait_state *ws)
{
	struct pollfd p[2] = {
		{ .fd = worker_stop_fd(&rd.w), .events = POLLIN },
		{ .fd = fd, .events = POLLIN },
	};

	poll(p, 2, (int)rd.poll_ms);
	if (ws)
		ws->readable = fd >= 0 && (p[1].revents & POLLIN);
	return p[0].revents != 0;
}

/* One turn of the loop; returns 1 to stop. */
static int turn(struct wait_state *ws)
{
	char buf[4096];
	ssize_t n;

	if (hv_state() != BH_HV_ENABLED) {
		close_console();
		return wait_for(-1, NULL);
	}
	if (rd.fd < 0) {
		rd.fd = bh_console_open(false);
		if (rd.fd < 0) {
			if (!rd.open_failed)	/* once, not every interval */
				log_warn("console: cannot open: %s",
					 strerror(-rd.fd));
			rd.open_failed = 1;
			return wait_for(-1, NULL);
		}
		rd.open_failed = 0;
		log_info("console: following the hypervisor console");
		ws->readable = ws->spurious = 0;
	}
	n = bh_console_read(rd.fd, buf, sizeof(buf));
	if (n > 0) {
		feed(buf, (size_t)n);
		ws->readable = ws->spurious = 0;
		return 0;
	}
	if (n != -EAGAIN) {
		log_warn("console: read failed: %s", strerror((int)-n));
		close_console();
		return wait_for(-1, NULL);
	}
	if (ws->readable)
		ws->spurious = 1;
	return wait_for(ws->spurious ? -1 : rd.fd, ws);
}

static void *reader_main(void *arg)
{
	struct wait_state ws = { 0 };

	(void)arg;
	while (!turn(&ws))
		;
	close_console();
	return NULL;
}

int console_reader_start(unsigned int poll_ms)
{
	rd.poll_ms = poll_ms;
	return worker_start(&rd.w, reader_main);
}

void console_reader_stop(void)
{
	worker_stop(&rd.w);
}

uint64_t console_reader_lines(void)
{
	return atomic_load(&rd.lines);
}
