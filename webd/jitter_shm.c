// SPDX-License-Identifier: GPL-2.0
/*
 * The shared-memory jitter source (see jitter_shm.h).
 *
 * The ivshmem UIO devices exist only while the hypervisor is enabled, and
 * an open one pins the driver module: the thread opens them (read-only:
 * webd never writes a register or a section) only while the hypervisor
 * is enabled, and closes one the moment poll() reports it gone (the
 * driver removes the devices before disable), so a disable or an rmmod is
 * never held up by webd. Without the hypervisor, or without devices, the
 * thread just waits on its stop pipe.
 *
 * It sleeps in poll() on the devices' descriptors (a doorbell after each
 * window, a state change when a cell starts or goes) with --driver-poll-ms
 * as the bound; each timeout also rescans the devices and re-reads every
 * section, which covers an interrupt that came while a device was being
 * opened.
 *
 * Which cell is a peer is never guessed (cell_of_peer). A peer that
 * publishes but names no cell is not served; its console lines keep their
 * path.
 *
 * GET /api/v1/ivshmem reads the state tables through these same mappings
 * (jitter_shm_links) rather than opening the devices per request: a
 * request then never pins the module, and never reads a register (which
 * would trap to a hypervisor that may be going away), only the state
 * table, which is RAM. dev_lock keeps a mapping from being closed while
 * a request copies from it.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libbulkhead/jitter.h>

#include "cell_view.h"
#include "cells.h"
#include "hv.h"
#include "jitter.h"
#include "jitter_shm.h"
#include "log.h"
#include "worker.h"

#define MAX_DEVICES	JITTER_SHM_DEVICES_MAX

struct peer {
	struct bh_jitter_reader r;
	uint64_t lost, bad;	/* of r, already counted */
	int serving;		/* windows published for cell_id */
	int resolved;		/* cell_id/cell name a cell (generation) */
	unsigned long generation;
	unsigned int cell_id;
	char cell[BH_CELL_NAME_MAX];
	int complained;		/* a bad section logged once per run */
};

struct device {
	struct bh_ivshmem l;
	int open;		/* l mapped; both changed under dev_lock */
	struct peer peers[BH_IVSHMEM_PEERS_MAX];
};

static struct {
	struct worker w;
	unsigned int poll_ms;
	struct device dev[MAX_DEVICES];
	int scan_failed;
	/* The cells served now, for jitter_feed (another thread). */
	pthread_mutex_t lock;
	unsigned int served[MAX_DEVICES * BH_IVSHMEM_PEERS_MAX];
	size_t n_served;
	/*
	 * Held by the thread while it opens or closes a device, and by
	 * jitter_shm_links (another thread) while it reads one; the thread
	 * reads its own devices without it.
	 */
	pthread_mutex_t dev_lock;
} js = {
	.w = WORKER_INIT("the shared-memory jitter source"),
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.dev_lock = PTHREAD_MUTEX_INITIALIZER,
};

int jitter_shm_serving(unsigned int id)
{
	size_t i;
	int found = 0;

	pthread_mutex_lock(&js.lock);
	for (i = 0; i < js.n_served && !found; i++)
		found = js.served[i] == id;
	pthread_mutex_unlock(&js.lock);
	return found;
}

/* The served set from the peers (after any change of a peer's serving). */
static void update_served(void)
{
	size_t d, p, n = 0;

	pthread_mutex_lock(&js.lock);
	for (d = 0; d < MAX_DEVICES; d++)
		for (p = 0; p < BH_IVSHMEM_PEERS_MAX; p++)
			if (js.dev[d].open && js.dev[d].peers[p].serving)
				js.served[n++] = js.dev[d].peers[p].cell_id;
	js.n_served = n;
	pthread_mutex_unlock(&js.lock);
}

static void set_serving(struct device *d, struct peer *pr, int on)
{
	if (pr->serving == on)
		return;
	pr->serving = on;
	log_info("jitter: cell %u \"%s\" %s shared memory (%s peer %u)",
		 pr->cell_id, pr->cell,
		 on ? "read from" : "no longer read from", d->l.dev.pci,
		 (unsigned int)(pr - d->peers));
	update_served();
}

static void close_device(struct device *d, const char *why)
{
	if (!d->open)
		return;
	log_info("jitter: closing %s (%s): %s", d->l.dev.path, d->l.dev.pci,
		 why);
	pthread_mutex_lock(&js.dev_lock);
	bh_ivshmem_close(&d->l);
	d->open = 0;
	pthread_mutex_unlock(&js.dev_lock);
	memset(d->peers, 0, sizeof(d->peers));
	update_served();
}

static void close_all(const char *why)
{
	size_t i;

	for (i = 0; i < MAX_DEVICES; i++)
		close_device(&js.dev[i], why);
}

/* The one cached cell that is peer of d, into pr; 0 or -1. */
static int resolve(const struct device *d, unsigned int peer,
		   struct peer *pr)
{
	struct cells_entry e;

	pr->resolved = !cell_of_peer(d->l.dev.bdf, peer, &e,
				     &pr->generation);
	if (pr->resolved) {
		pr->cell_id = e.info.id;
		snprintf(pr->cell, sizeof(pr->cell), "%s", e.info.name);
	}
	return pr->resolved ? 0 : -1;
}

/* Count what the reader had to skip since the last look. */
static void account(struct device *d, struct peer *pr, unsigned int peer)
{
	if (pr->r.lost > pr->lost)
		jitter_count_lost(pr->r.lost - pr->lost);
	if (pr->r.bad > pr->bad)
		log_warn("jitter: %s peer %u: %llu inconsistent records "
			 "refused", d->l.dev.pci, peer,
			 (unsigned long long)(pr->r.bad - pr->bad));
	pr->lost = pr->r.lost;
	pr->bad = pr->r.bad;
}

/* Read peer's section; publish its new windows. rescan: a timeout turn. */
static void serve_peer(struct device *d, unsigned int peer, int rescan)
{
	struct bh_jitter_window w[BULKHEAD_JITTER_RING];
	struct peer *pr = &d->peers[peer];
	uint32_t state = bh_ivshmem_peer_state(&d->l, peer);
	const char *why = NULL;
	int was_live = pr->r.live, n, i;

	n = bh_jitter_shm_read(&pr->r, bh_ivshmem_section(&d->l, peer),
			       d->l.section_size, state, w,
			       BULKHEAD_JITTER_RING, &why);
	account(d, pr, peer);
	if (n < 0) {
		/* A publisher's state with a section we cannot trust. */
		if (n != -ENODATA && !pr->complained)
			log_warn("jitter: %s peer %u: %s", d->l.dev.pci, peer,
				 why);
		pr->complained = n != -ENODATA;
		set_serving(d, pr, 0);
		return;
	}
	pr->complained = 0;
	/*
	 * Name the cell when a run starts (so the switch from its console
	 * lines comes before its first window), when the cells changed, and
	 * at each rescan while no cell could be named (a config stored late).
	 */
	if (!was_live || pr->generation != cells_generation() ||
	    (!pr->resolved && rescan)) {
		if (resolve(d, peer, pr))
			set_serving(d, pr, 0);
	}
	if (!pr->resolved)
		return;
	set_serving(d, pr, 1);
	for (i = 0; i < n; i++)
		jitter_publish(pr->cell, pr->cell_id, &w[i], JITTER_SHMEM);
}

static void serve_all(int rescan)
{
	unsigned int d, p;

	for (d = 0; d < MAX_DEVICES; d++)
		for (p = 0; js.dev[d].open && p < js.dev[d].l.peers &&
		     p < BH_IVSHMEM_PEERS_MAX; p++)
			if (p != js.dev[d].l.id)
				serve_peer(&js.dev[d], p, rescan);
}

static struct device *device_of(unsigned int uio)
{
	size_t i;

	for (i = 0; i < MAX_DEVICES; i++)
		if (js.dev[i].open && js.dev[i].l.dev.uio == uio)
			return &js.dev[i];
	return NULL;
}

/* Open the devices that appeared; close those that are gone. */
static void rescan(void)
{
	struct bh_ivshmem_dev *list;
	struct bh_ivshmem l;
	struct device *d;
	size_t n, i, k;
	int err = bh_ivshmem_list(NULL, &list, &n);

	if (err) {
		if (!js.scan_failed)
			log_warn("jitter: cannot list ivshmem devices: %s",
				 strerror(-err));
		js.scan_failed = 1;
		return;
	}
	js.scan_failed = 0;
	for (k = 0; k < MAX_DEVICES; k++) {
		for (i = 0; i < n && js.dev[k].open &&
		     list[i].uio != js.dev[k].l.dev.uio; i++)
			;
		if (js.dev[k].open && i == n)
			close_device(&js.dev[k], "device gone");
	}
	for (i = 0; i < n; i++) {
		if (device_of(list[i].uio))
			continue;
		for (k = 0; k < MAX_DEVICES && js.dev[k].open; k++)
			;
		if (k == MAX_DEVICES)
			break;	/* more endpoints than we serve */
		d = &js.dev[k];
		err = bh_ivshmem_open(&list[i], BH_IVSHMEM_RDONLY, &l);
		if (err) {
			log_warn("jitter: cannot open %s: %s", list[i].path,
				 strerror(-err));
			continue;
		}
		memset(d->peers, 0, sizeof(d->peers));
		pthread_mutex_lock(&js.dev_lock);
		d->l = l;
		d->open = 1;
		pthread_mutex_unlock(&js.dev_lock);
		log_info("jitter: watching %s (%s, peer %u of %u)",
			 d->l.dev.path, d->l.dev.pci, d->l.id, d->l.peers);
	}
	free(list);
}

/*
 * Wait for an interrupt on any device, the bound, or stop: 1 on stop.
 * Consumes the interrupts seen.
 */
static int wait_events(void)
{
	struct pollfd p[MAX_DEVICES + 1] = {
		{ .fd = worker_stop_fd(&js.w), .events = POLLIN },
	};
	uint32_t count;
	size_t i;
	int r;

	for (i = 0; i < MAX_DEVICES; i++) {
		p[i + 1].fd = js.dev[i].open ? js.dev[i].l.fd : -1;
		p[i + 1].events = POLLIN;
	}
	r = poll(p, MAX_DEVICES + 1, (int)js.poll_ms);
	if (p[0].revents)
		return 1;
	for (i = 0; i < MAX_DEVICES && r > 0; i++) {
		if (!p[i + 1].revents)
			continue;
		/* Gone (disable): let go of the module now. */
		if (bh_ivshmem_wait(&js.dev[i].l, 0, &count) < 0)
			close_device(&js.dev[i], "removed");
	}
	return 0;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void *shm_main(void *arg)
{
	uint64_t next_scan = 0, now;
	int due;

	(void)arg;
	do {
		if (hv_state() != BH_HV_ENABLED) {
			close_all("hypervisor not enabled");
			next_scan = 0;
			continue;
		}
		/* Doorbells may come faster than the bound: scan by time. */
		now = now_ms();
		due = now >= next_scan;
		if (due) {
			rescan();
			next_scan = now + js.poll_ms;
		}
		serve_all(due);
	} while (!wait_events());
	close_all("stopping");
	return NULL;
}

size_t jitter_shm_links(struct jitter_shm_link *out, size_t max)
{
	const struct bh_ivshmem *l;
	size_t d, p, n = 0;

	pthread_mutex_lock(&js.dev_lock);
	for (d = 0; d < MAX_DEVICES && n < max; d++) {
		if (!js.dev[d].open)
			continue;
		l = &js.dev[d].l;
		out[n].dev = l->dev;
		out[n].id = l->id;
		out[n].peers = l->peers < BH_IVSHMEM_PEERS_MAX ? l->peers :
			       BH_IVSHMEM_PEERS_MAX;
		for (p = 0; p < out[n].peers; p++)
			out[n].state[p] = bh_ivshmem_peer_state(l, p);
		n++;
	}
	pthread_mutex_unlock(&js.dev_lock);
	return n;
}

int jitter_shm_start(unsigned int poll_ms)
{
	js.poll_ms = poll_ms;
	return worker_start(&js.w, shm_main);
}

void jitter_shm_stop(void)
{
	worker_stop(&js.w);
}
