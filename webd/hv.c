// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor state cache, enable/disable and the driver watcher.
 *
 * Why the watcher polls: the driver (driver/main.c) does not call
 * sysfs_notify() on /sys/devices/bulkhead/enabled, and inotify never
 * reports sysfs attribute changes. The watcher nevertheless waits in
 * poll() for POLLPRI on the attribute, with the poll interval as timeout:
 * once the driver notifies, changes arrive at once with no change here;
 * until then the interval bounds how late an outside change is seen.
 * Changes made through webd itself are published immediately. The same
 * thread re-reads the cells (cells.c) at every turn.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bulkhead/config.h>
#include <bulkhead/version.h>
#include <libbulkhead/hypervisor.h>
#include <libbulkhead/util.h>

#include "cells.h"
#include "hv.h"
#include "log.h"
#include "sse.h"
#include "worker.h"

static struct {
	pthread_mutex_t lock;	/* the fields below */
	pthread_mutex_t op;	/* one enable/disable at a time */
	enum bh_hv_state state;
	int known;		/* state has been read once */
	int read_failed;	/* last read failed (logged once) */
	char config[72];	/* stored config webd enabled with */
	unsigned long long pool_used, pool_total;	/* 0/0: unknown */
	char *system_json;
	size_t system_len;
	struct worker w;
	unsigned int poll_ms;
} hv = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.op = PTHREAD_MUTEX_INITIALIZER,
	.w = WORKER_INIT("the driver watcher"),
};

static void replace_text(char **dst, size_t *len, json_t *j)
{
	char *t = j ? json_dumps(j, JSON_COMPACT) : NULL;

	json_decref(j);
	if (!t)
		return;		/* keep the previous text */
	free(*dst);
	*dst = t;
	*len = strlen(t);
}

/* The driver's version attribute, when the driver is there to ask. */
static void driver_version(char *buf, size_t size)
{
	char path[512];

	buf[0] = '\0';
	if (hv.state == BH_HV_ABSENT)
		return;
	snprintf(path, sizeof(path), "%s/version", bh_driver_sysfs_path());
	if (bh_read_line(path, buf, size))
		buf[0] = '\0';
}

/*
 * The hypervisor's page pool (pages used, pages in all) while enabled;
 * 0/0 when unknown. Outside the lock: the driver may take a while.
 */
static void read_pool(unsigned long long *used, unsigned long long *total)
{
	char path[512], line[64];

	*used = *total = 0;
	snprintf(path, sizeof(path), "%s/mem_pool", bh_driver_sysfs_path());
	if (bh_read_line(path, line, sizeof(line)) ||
	    sscanf(line, "%llu %llu", used, total) != 2)
		*used = *total = 0;
}

/*
 * Rebuild the cached bodies (lock held). Only what the driver reports is
 * included: it exposes no CPU or memory figures yet, so those members are
 * absent rather than guessed.
 */
static void rebuild(void)
{
	int on = hv.state == BH_HV_ENABLED;
	const char *cfg = on && hv.config[0] ? hv.config : NULL;
	char version[64];
	json_t *sys;

	driver_version(version, sizeof(version));
	sys = json_pack("{s:s, s:b, s:b, s:s}",
			"state", bh_hv_state_name(hv.state),
			"driver_loaded", hv.state != BH_HV_ABSENT,
			"enabled", on, "webd_version", BULKHEAD_VERSION);
	if (sys && version[0])
		json_object_set_new(sys, "driver_version", json_string(version));
	if (sys && cfg)
		json_object_set_new(sys, "config", json_string(cfg));
	if (sys && on && hv.pool_total)
		json_object_set_new(sys, "page_pool", json_pack(
			"{s:I, s:I, s:I}", "used", (json_int_t)hv.pool_used,
			"total", (json_int_t)hv.pool_total,
			"page_size", (json_int_t)BULKHEAD_CONFIG_PAGE_SIZE));
	replace_text(&hv.system_json, &hv.system_len, sys);
}

void hv_refresh(void)
{
	enum bh_hv_state now, before;
	unsigned long long used = 0, total = 0;
	int err = bh_hv_state(&now);

	if (!err && now == BH_HV_ENABLED)
		read_pool(&used, &total);
	pthread_mutex_lock(&hv.lock);
	if (err) {
		if (!hv.read_failed)
			log_warn("cannot read the driver's state under %s: "
				 "%s", bh_driver_sysfs_path(), strerror(-err));
		hv.read_failed = 1;
		pthread_mutex_unlock(&hv.lock);
		return;
	}
	hv.read_failed = 0;
	before = hv.state;
	if (used != hv.pool_used || total != hv.pool_total) {
		hv.pool_used = used;
		hv.pool_total = total;
		rebuild();
	}
	if (hv.known && now == before) {
		pthread_mutex_unlock(&hv.lock);
		return;
	}
	hv.state = now;
	if (now != BH_HV_ENABLED)
		hv.config[0] = '\0';
	rebuild();
	if (hv.known) {
		log_info("hypervisor %s -> %s", bh_hv_state_name(before),
			 bh_hv_state_name(now));
		sse_publish("system.state", json_pack("{s:s, s:s, s:s*}",
			"state", bh_hv_state_name(now),
			"previous", bh_hv_state_name(before),
			"config", hv.config[0] ? hv.config : NULL));
	}
	hv.known = 1;
	pthread_mutex_unlock(&hv.lock);
	/* The cell list follows the hypervisor (root cell, no cells). */
	cells_refresh();
}

enum bh_hv_state hv_state(void)
{
	enum bh_hv_state s;

	pthread_mutex_lock(&hv.lock);
	s = hv.state;
	pthread_mutex_unlock(&hv.lock);
	return s;
}

static char *copy(const char *text, size_t len, size_t *out_len)
{
	char *c = malloc(len + 1);

	if (c) {
		memcpy(c, text, len + 1);
		*out_len = len;
	}
	return c;
}

char *hv_system_json(size_t *len)
{
	char *c;

	pthread_mutex_lock(&hv.lock);
	c = hv.system_json ? copy(hv.system_json, hv.system_len, len) : NULL;
	pthread_mutex_unlock(&hv.lock);
	return c;
}

void hv_config_name(char *buf, size_t size)
{
	pthread_mutex_lock(&hv.lock);
	snprintf(buf, size, "%s", hv.state == BH_HV_ENABLED ? hv.config : "");
	pthread_mutex_unlock(&hv.lock);
}

int hv_enable(const void *config, size_t size, const char *name,
	      char *reason, size_t reason_size)
{
	int err;

	pthread_mutex_lock(&hv.op);
	err = bh_enable(config, size, reason, reason_size);
	if (!err) {
		/* Named before the refresh so the event carries it. */
		pthread_mutex_lock(&hv.lock);
		snprintf(hv.config, sizeof(hv.config), "%s", name);
		if (hv.state == BH_HV_ENABLED)	/* the watcher was first */
			rebuild();
		pthread_mutex_unlock(&hv.lock);
		cells_refresh();
	}
	hv_refresh();
	pthread_mutex_unlock(&hv.op);
	return err;
}

int hv_disable(char *reason, size_t reason_size)
{
	int err;

	pthread_mutex_lock(&hv.op);
	err = bh_disable(reason, reason_size);
	hv_refresh();
	pthread_mutex_unlock(&hv.op);
	return err;
}

/*
 * Wait for the attribute to signal a change (POLLPRI, after sysfs_notify),
 * for the interval to pass, or for hv_shutdown(). Returns 1 on shutdown.
 */
static int wait_change(void)
{
	struct pollfd p[2] = {
		{ .fd = worker_stop_fd(&hv.w), .events = POLLIN },
		{ .fd = -1, .events = POLLPRI },
	};
	char path[512], buf[16];
	int stop;

	snprintf(path, sizeof(path), "%s/enabled", bh_driver_sysfs_path());
	p[1].fd = open(path, O_RDONLY | O_CLOEXEC);
	/* sysfs arms POLLPRI for the reader that has read the value. */
	if (p[1].fd >= 0 && read(p[1].fd, buf, sizeof(buf)) < 0) {
		close(p[1].fd);
		p[1].fd = -1;
	}
	poll(p, 2, (int)hv.poll_ms);
	stop = p[0].revents != 0;
	if (p[1].fd >= 0)
		close(p[1].fd);
	return stop;
}

static void *watch(void *arg)
{
	(void)arg;
	while (!wait_change()) {
		hv_refresh();
		/* Cell states change without the hypervisor's. */
		if (hv_state() == BH_HV_ENABLED)
			cells_refresh();
	}
	return NULL;
}

int hv_init(unsigned int poll_ms)
{
	hv.poll_ms = poll_ms;
	hv_refresh();
	return worker_start(&hv.w, watch);
}

void hv_shutdown(void)
{
	worker_stop(&hv.w);
	free(hv.system_json);
	hv.system_json = NULL;
	cells_free();
}
