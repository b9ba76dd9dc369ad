// SPDX-License-Identifier: GPL-2.0
/*
 * The detailed cell view (see cell_view.h).
 *
 * A cell's memory regions and ivshmem links come from the config it
 * runs, as the driver keeps it (cells/N/config): authoritative whoever
 * created the cell. "config" names the stored config it came from: the
 * one webd created it from, else the only stored cell config with its
 * cell name; null when there is none: never guessed. A driver without
 * the attribute (older) falls back to that stored config.
 */
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/cell.h>
#include <libbulkhead/config.h>
#include <libbulkhead/exits.h>

#include "cell_view.h"
#include "hv.h"
#include "jitter_shm.h"
#include "store.h"

/* The one stored cell config for cell_name, into out; 0 if exactly one. */
static int config_by_cell_name(const char *cell_name, char *out, size_t size)
{
	json_t *list, *c;
	size_t i, found = 0;

	if (store_config_list(&list))
		return -1;
	json_array_foreach(list, i, c) {
		if (strcmp(json_string_value(json_object_get(c, "kind")),
			   "cell") ||
		    strcmp(json_string_value(json_object_get(c, "cell_name")),
			   cell_name))
			continue;
		if (!found++)
			snprintf(out, size, "%s", json_string_value(
				 json_object_get(c, "name")));
	}
	json_decref(list);
	return found == 1 ? 0 : -1;
}

/* A stored config's compiled form, parsed; 0 or -1. bh_config_free it. */
static int cell_config_load(const char *name, struct bh_config *cfg)
{
	struct bh_config_errors errs;
	struct store_config sc;
	int err;

	if (store_config_get(name, &sc))
		return -1;
	bh_config_errors_init(&errs);
	err = bh_config_from_binary(sc.compiled, sc.compiled_size, cfg, &errs);
	bh_config_errors_free(&errs);
	store_config_free(&sc);
	return err ? -1 : 0;
}

/* The canonical JSON of a stored config's compiled form. */
static json_t *stored_config_json(const char *name)
{
	struct bh_config cfg;
	json_t *j;

	if (cell_config_load(name, &cfg))
		return NULL;
	j = bh_config_to_json(&cfg);
	bh_config_free(&cfg);
	return j;
}

static int config_from_driver(unsigned int id, struct bh_config *cfg)
{
	struct bh_config_errors errs;
	size_t size;
	void *data;
	int err;

	if (bh_cell_config(id, &data, &size))
		return -1;
	bh_config_errors_init(&errs);
	err = bh_config_from_binary(data, size, cfg, &errs);
	bh_config_errors_free(&errs);
	free(data);
	return err || cfg->is_system ? -1 : 0;
}


/*
 * The stored config cell e came from: the one webd created it from, else
 * the only stored cell config with its cell name. 0, or -1 if not known.
 */
static int cell_config_name(const struct cells_entry *e, char *out,
			    size_t size)
{
	if (e->config[0]) {
		snprintf(out, size, "%s", e->config);
		return 0;
	}
	return config_by_cell_name(e->info.name, out, size);
}

int cell_config_running(const struct cells_entry *e, struct bh_config *cfg)
{
	char config[CELLS_CONFIG_NAME_MAX];

	if (!config_from_driver(e->info.id, cfg))
		return 0;
	if (cell_config_name(e, config, sizeof(config)) ||
	    cell_config_load(config, cfg))
		return -1;
	if (cfg->is_system) {
		bh_config_free(cfg);
		return -1;
	}
	return 0;
}

/* Does the config's cell have ivshmem endpoint bdf as peer number peer? */
static int has_endpoint(const struct bh_config *cfg, int bdf,
			unsigned int peer)
{
	const struct bulkhead_pci_device *p = cfg->cell.pci_devices;
	size_t i;

	for (i = 0; i < cfg->cell.desc.num_pci_devices; i++)
		if (p[i].type == BULKHEAD_PCI_TYPE_IVSHMEM &&
		    p[i].bdf == bdf && p[i].shmem_dev_id == peer)
			return 1;
	return 0;
}

int cell_of_peer(int bdf, unsigned int peer, struct cells_entry *out,
		 unsigned long *generation)
{
	struct cells_entry *list;
	struct bh_config cfg;
	unsigned long gen;
	size_t n, i, found = 0;

	if (bdf < 0 || cells_snapshot(&list, &n, &gen))
		return -1;
	if (generation)
		*generation = gen;
	for (i = 0; i < n; i++) {
		if (cell_config_running(&list[i], &cfg))
			continue;
		if (has_endpoint(&cfg, bdf, peer) && !found++)
			*out = list[i];
		bh_config_free(&cfg);
	}
	free(list);
	return found == 1 ? 0 : -1;
}

static void set_memory(json_t *view, json_t *cell)
{
	json_t *mem = json_object_get(cell, "memory_regions");

	if (mem)
		json_object_set(view, "memory_regions", mem);
}

/* Exits of the CPUs wanted(cpu) selects: per CPU and summed by reason. */
static json_t *statistics(int (*wanted)(unsigned int cpu, const void *arg),
			  const void *arg)
{
	struct bh_cpu_exits ex;
	json_t *per_cpu = json_array(), *total = json_object(), *row;
	uint64_t sum[BH_EXIT_REASONS_MAX] = { 0 };
	size_t i, r;

	if (bh_cpu_exits_read(&ex)) {
		json_decref(per_cpu);
		json_decref(total);
		return json_null();	/* the driver did not say */
	}
	for (i = 0; i < ex.n_cpus; i++) {
		if (!wanted(ex.cpus[i].cpu, arg))
			continue;
		row = json_pack("{s:I}", "cpu", (json_int_t)ex.cpus[i].cpu);
		for (r = 0; r < ex.n_reasons; r++) {
			json_object_set_new(row, ex.reason[r], json_integer(
				(json_int_t)ex.cpus[i].count[r]));
			sum[r] += ex.cpus[i].count[r];
		}
		json_array_append_new(per_cpu, row);
	}
	for (r = 0; r < ex.n_reasons; r++)
		json_object_set_new(total, ex.reason[r],
				    json_integer((json_int_t)sum[r]));
	bh_cpu_exits_free(&ex);
	return json_pack("{s:o, s:o}", "exits", total, "exits_per_cpu",
			 per_cpu);
}

static int in_list(unsigned int cpu, const void *arg)
{
	return bh_cpu_list_has(arg, cpu);
}

json_t *cell_view(const struct cells_entry *e)
{
	char config[CELLS_CONFIG_NAME_MAX] = "";
	json_t *v = cells_entry_json(e), *j;
	struct bh_config cfg;

	if (cell_config_name(e, config, sizeof(config)))
		config[0] = '\0';
	json_object_set_new(v, "config", config[0] ? json_string(config) :
			    json_null());
	if (!cell_config_running(e, &cfg)) {
		j = bh_config_to_json(&cfg);
		bh_config_free(&cfg);
		set_memory(v, j);
		json_decref(j);
	}
	json_object_set_new(v, "statistics", statistics(in_list,
							e->info.cpus));
	json_object_set_new(v, "jitter_source", json_string(
		jitter_shm_serving(e->info.id) ? "shmem" : "console"));
	return v;
}

/* Root CPUs: those no non-root cell holds. */
static int not_in_cells(unsigned int cpu, const void *arg)
{
	const json_t *cells = arg, *c, *n;
	size_t i, j;

	json_array_foreach(cells, i, c)
		json_array_foreach(json_object_get(c, "cpus"), j, n)
			if (json_integer_value(n) == cpu)
				return 0;
	return 1;
}

json_t *cell_view_root(void)
{
	char config[CELLS_CONFIG_NAME_MAX];
	size_t len;
	char *text = cells_list_json(&len);
	json_t *list = text ? json_loads(text, 0, NULL) : NULL;
	json_t *cells = json_object_get(list, "cells"), *v, *j;

	free(text);
	hv_config_name(config, sizeof(config));
	v = json_pack("{s:i, s:b, s:s, s:s?}", "id", 0, "root", 1,
		      "state", "running", "config", config[0] ? config : NULL);
	j = config[0] ? stored_config_json(config) : NULL;
	set_memory(v, json_object_get(j, "root_cell"));
	json_decref(j);
	json_object_set_new(v, "statistics", statistics(not_in_cells, cells));
	json_decref(list);
	return v;
}
