// SPDX-License-Identifier: GPL-2.0
/*
 * The cell cache and its events (see cells.h).
 *
 * The driver does not notify cell changes (no sysfs_notify on the state
 * attributes), so the driver watcher calls cells_refresh() at its poll
 * interval; webd's own lifecycle calls refresh at once, so their events
 * and answers never wait for the watcher.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/config.h>
#include <libbulkhead/exits.h>

#include "cells.h"
#include "hv.h"
#include "log.h"
#include "sse.h"

static struct {
	pthread_mutex_t refresh;	/* one read-and-apply at a time */
	pthread_mutex_t lock;		/* the fields below */
	struct cells_entry *list;
	size_t n;
	char *json;
	size_t json_len;
	/* Config names noted by webd's create, until the cell shows up. */
	struct { unsigned int id; char config[CELLS_CONFIG_NAME_MAX]; } note;
	int noted;
	atomic_ulong generation;	/* bumped when the list changes */
} cells = {
	.refresh = PTHREAD_MUTEX_INITIALIZER,
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

/* The driver's CPU list as a JSON array of numbers. */
static json_t *cpu_array(const char *list)
{
	json_t *a = json_array();
	unsigned int cpu;

	for (cpu = 0; cpu < BULKHEAD_MAX_CPUS; cpu++)
		if (bh_cpu_list_has(list, cpu))
			json_array_append_new(a, json_integer(cpu));
	return a;
}

json_t *cells_entry_json(const struct cells_entry *e)
{
	return json_pack("{s:I, s:s, s:b, s:s, s:o, s:s*}",
			 "id", (json_int_t)e->info.id, "name", e->info.name,
			 "root", 0, "state", e->info.state,
			 "cpus", cpu_array(e->info.cpus),
			 "config", e->config[0] ? e->config : NULL);
}

/* The GET /cells body (lock held). */
static void rebuild(enum bh_hv_state state)
{
	char cfg[CELLS_CONFIG_NAME_MAX];
	json_t *list = json_array(), *body;
	char *text;
	size_t i;

	hv_config_name(cfg, sizeof(cfg));
	/* The root cell exists exactly while the hypervisor runs. */
	if (state == BH_HV_ENABLED)
		json_array_append_new(list, json_pack("{s:i, s:b, s:s, s:s*}",
			"id", 0, "root", 1, "state", "running",
			"config", cfg[0] ? cfg : NULL));
	for (i = 0; i < cells.n; i++)
		json_array_append_new(list, cells_entry_json(&cells.list[i]));
	body = json_pack("{s:s, s:o}", "state", bh_hv_state_name(state),
			 "cells", list);
	text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	if (!text)
		return;		/* keep the previous body */
	free(cells.json);
	cells.json = text;
	cells.json_len = strlen(text);
}

static const struct cells_entry *old_entry(unsigned int id)
{
	size_t i;

	for (i = 0; i < cells.n; i++)
		if (cells.list[i].info.id == id)
			return &cells.list[i];
	return NULL;
}

static int same_cell(const struct cells_entry *e,
		     const struct bh_cell_info *c)
{
	return e && e->info.id == c->id && !strcmp(e->info.name, c->name);
}

/* The new cache from the driver's list, carrying config names over. */
static struct cells_entry *merge(const struct bh_cell_info *now, size_t n)
{
	struct cells_entry *list = calloc(n ? n : 1, sizeof(*list));
	const struct cells_entry *old;
	size_t i;

	if (!list)
		return NULL;
	for (i = 0; i < n; i++) {
		list[i].info = now[i];
		old = old_entry(now[i].id);
		if (same_cell(old, &now[i]))
			memcpy(list[i].config, old->config,
			       sizeof(list[i].config));
		else if (cells.noted && cells.note.id == now[i].id)
			memcpy(list[i].config, cells.note.config,
			       sizeof(list[i].config));
	}
	return list;
}

/*
 * The differences between the cache and list (lock held): logged, and
 * published as events.
 */
static void announce(const struct cells_entry *list, size_t n)
{
	const struct cells_entry *old;
	size_t i, j, changes = 0;

	for (i = 0; i < cells.n; i++) {
		old = &cells.list[i];
		for (j = 0; j < n && !same_cell(old, &list[j].info); j++)
			;
		if (j < n)
			continue;
		changes++;
		log_info("cell %u \"%s\" gone", old->info.id, old->info.name);
		sse_publish("cell.destroyed", json_pack("{s:I, s:s}",
			"id", (json_int_t)old->info.id,
			"name", old->info.name));
	}
	for (i = 0; i < n; i++) {
		old = old_entry(list[i].info.id);
		if (!same_cell(old, &list[i].info)) {
			changes++;
			log_info("cell %u \"%s\" appeared (%s)",
				 list[i].info.id, list[i].info.name,
				 list[i].info.state);
			sse_publish("cell.created", cells_entry_json(&list[i]));
		} else if (strcmp(old->info.state, list[i].info.state)) {
			changes++;
			log_info("cell %u \"%s\" %s -> %s", list[i].info.id,
				 list[i].info.name, old->info.state,
				 list[i].info.state);
			sse_publish("cell.state", json_pack(
				"{s:I, s:s, s:s, s:s}",
				"id", (json_int_t)list[i].info.id,
				"name", list[i].info.name,
				"state", list[i].info.state,
				"previous", old->info.state));
		}
	}
	if (changes)
		atomic_fetch_add(&cells.generation, 1);
}

void cells_refresh(void)
{
	enum bh_hv_state state;
	struct bh_cell_info *now = NULL;
	struct cells_entry *list;
	size_t n = 0;

	pthread_mutex_lock(&cells.refresh);
	state = hv_state();
	/* Without the hypervisor there are no cells (and no cells dir). */
	if (state == BH_HV_ENABLED && bh_cell_list(&now, &n)) {
		now = NULL;
		n = 0;
	}
	list = merge(now, n);
	free(now);
	pthread_mutex_lock(&cells.lock);
	if (list) {
		announce(list, n);
		free(cells.list);
		cells.list = list;
		cells.n = n;
	}
	rebuild(state);
	pthread_mutex_unlock(&cells.lock);
	pthread_mutex_unlock(&cells.refresh);
}

char *cells_list_json(size_t *len)
{
	char *c = NULL;

	pthread_mutex_lock(&cells.lock);
	if (cells.json) {
		c = strdup(cells.json);
		*len = cells.json_len;
	}
	pthread_mutex_unlock(&cells.lock);
	return c;
}

int cells_snapshot(struct cells_entry **list, size_t *n,
		   unsigned long *generation)
{
	int err = 0;

	pthread_mutex_lock(&cells.lock);
	*list = malloc((cells.n ? cells.n : 1) * sizeof(**list));
	if (*list) {
		memcpy(*list, cells.list, cells.n * sizeof(**list));
		*n = cells.n;
	} else {
		err = -ENOMEM;
	}
	*generation = atomic_load(&cells.generation);
	pthread_mutex_unlock(&cells.lock);
	return err;
}

unsigned long cells_generation(void)
{
	return atomic_load(&cells.generation);
}

static int matches(const struct cells_entry *e, const char *name_or_id)
{
	char *end;
	unsigned long id = strtoul(name_or_id, &end, 10);

	if (!strcmp(e->info.name, name_or_id))
		return 1;
	return name_or_id[0] >= '0' && name_or_id[0] <= '9' && !*end &&
	       e->info.id == id;
}

int cells_find(const char *name_or_id, struct cells_entry *out)
{
	int err = -ENOENT;
	size_t i;

	pthread_mutex_lock(&cells.lock);
	for (i = 0; i < cells.n && err; i++)
		if (matches(&cells.list[i], name_or_id)) {
			*out = cells.list[i];
			err = 0;
		}
	pthread_mutex_unlock(&cells.lock);
	return err;
}

int cells_id_of(const char *name, unsigned int *id)
{
	struct cells_entry e;

	/* A cell that just appeared may not be cached yet. */
	if (cells_find(name, &e)) {
		cells_refresh();
		if (cells_find(name, &e))
			return -ENOENT;
	}
	if (strcmp(e.info.name, name))
		return -ENOENT;	/* matched as an id, not by name */
	*id = e.info.id;
	return 0;
}

void cells_note_config(unsigned int id, const char *config)
{
	pthread_mutex_lock(&cells.lock);
	cells.note.id = id;
	snprintf(cells.note.config, sizeof(cells.note.config), "%s", config);
	cells.noted = 1;
	pthread_mutex_unlock(&cells.lock);
}

/* Exits per CPU and reason since enable, while the hypervisor runs. */
static void render_exits(FILE *f)
{
	struct bh_cpu_exits ex;
	size_t i, r;

	if (hv_state() != BH_HV_ENABLED || bh_cpu_exits_read(&ex))
		return;
	fprintf(f, "# HELP bulkhead_exits_total Hypervisor exits since "
		"enable, by CPU and reason.\n"
		"# TYPE bulkhead_exits_total counter\n");
	for (i = 0; i < ex.n_cpus; i++)
		for (r = 0; r < ex.n_reasons; r++)
			fprintf(f, "bulkhead_exits_total{cpu=\"%u\","
				"reason=\"%s\"} %llu\n", ex.cpus[i].cpu,
				ex.reason[r],
				(unsigned long long)ex.cpus[i].count[r]);
	bh_cpu_exits_free(&ex);
}

void cells_render_metrics(FILE *f)
{
	static const char *const known[] = {
		"shut down", "running", "running/locked", "failed",
	};
	size_t i, j, n;

	fprintf(f, "# HELP bulkhead_cells Non-root cells by state.\n"
		"# TYPE bulkhead_cells gauge\n");
	pthread_mutex_lock(&cells.lock);
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		for (j = n = 0; j < cells.n; j++)
			n += !strcmp(cells.list[j].info.state, known[i]);
		fprintf(f, "bulkhead_cells{state=\"%s\"} %zu\n", known[i], n);
	}
	pthread_mutex_unlock(&cells.lock);
	render_exits(f);
}

void cells_free(void)
{
	pthread_mutex_lock(&cells.lock);
	free(cells.list);
	free(cells.json);
	cells.list = NULL;
	cells.json = NULL;
	cells.n = 0;
	pthread_mutex_unlock(&cells.lock);
}
