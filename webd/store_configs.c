// SPDX-License-Identifier: GPL-2.0
/*
 * Configs in SQLite: the document (JSON text), its compiled binary and the
 * columns needed to list them and to find the system configs without
 * parsing anything. Validation and compilation happen before the store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "store_internal.h"

static sqlite3_stmt *st_list, *st_get, *st_insert, *st_update, *st_delete,
		    *st_etag, *st_systems;

int store_prepare_configs(void)
{
	st_list = store_prepare(
		"SELECT name, kind, arch, cell_name, etag, created, updated,"
		" length(compiled) FROM configs ORDER BY name");
	st_get = store_prepare(
		"SELECT name, kind, arch, cell_name, etag, created, updated,"
		" json, compiled FROM configs WHERE name = ?1");
	st_insert = store_prepare(
		"INSERT INTO configs (name, kind, arch, cell_name, json,"
		" compiled, etag, created, updated)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
	st_update = store_prepare(
		"UPDATE configs SET kind = ?2, arch = ?3, cell_name = ?4,"
		" json = ?5, compiled = ?6, etag = ?7, updated = ?8"
		" WHERE name = ?1");
	st_delete = store_prepare("DELETE FROM configs WHERE name = ?1");
	st_etag = store_prepare("SELECT etag FROM configs WHERE name = ?1");
	st_systems = store_prepare(
		"SELECT name FROM configs WHERE kind = 'system' ORDER BY name");
	return st_list && st_get && st_insert && st_update && st_delete &&
	       st_etag && st_systems ? 0 : -1;
}

void store_config_free(struct store_config *c)
{
	free(c->json);
	free(c->compiled);
	c->json = NULL;
	c->compiled = NULL;
}

static void done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

enum store_result store_config_list(json_t **out)
{
	json_t *arr = json_array();
	int rc;

	pthread_mutex_lock(&store_lock);
	while ((rc = sqlite3_step(st_list)) == SQLITE_ROW)
		json_array_append_new(arr, json_pack(
			"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I}",
			"name", store_col(st_list, 0),
			"kind", store_col(st_list, 1),
			"arch", store_col(st_list, 2),
			"cell_name", store_col(st_list, 3),
			"etag", store_col(st_list, 4),
			"created", store_col(st_list, 5),
			"updated", store_col(st_list, 6),
			"compiled_size",
			(json_int_t)sqlite3_column_int64(st_list, 7)));
	sqlite3_reset(st_list);
	pthread_mutex_unlock(&store_lock);
	if (rc != SQLITE_DONE) {
		json_decref(arr);
		return store_fail("listing configs");
	}
	*out = arr;
	return STORE_OK;
}

static void copy_col(char *dst, size_t size, sqlite3_stmt *st, int i)
{
	snprintf(dst, size, "%s", store_col(st, i));
}

/* Lock held, st_get on a row. */
static int read_row(struct store_config *c)
{
	int jl = sqlite3_column_bytes(st_get, 7);
	int bl = sqlite3_column_bytes(st_get, 8);

	copy_col(c->name, sizeof(c->name), st_get, 0);
	copy_col(c->kind, sizeof(c->kind), st_get, 1);
	copy_col(c->arch, sizeof(c->arch), st_get, 2);
	copy_col(c->cell_name, sizeof(c->cell_name), st_get, 3);
	copy_col(c->etag, sizeof(c->etag), st_get, 4);
	copy_col(c->created, sizeof(c->created), st_get, 5);
	copy_col(c->updated, sizeof(c->updated), st_get, 6);
	c->json = malloc((size_t)jl + 1);
	c->compiled = malloc(bl ? (size_t)bl : 1);
	if (!c->json || !c->compiled) {
		store_config_free(c);
		return -1;
	}
	memcpy(c->json, store_col(st_get, 7), (size_t)jl);
	c->json[jl] = '\0';
	c->json_len = (size_t)jl;
	if (bl)
		memcpy(c->compiled, sqlite3_column_blob(st_get, 8), (size_t)bl);
	c->compiled_size = (size_t)bl;
	return 0;
}

enum store_result store_config_get(const char *name, struct store_config *out)
{
	enum store_result r = STORE_NOT_FOUND;
	int rc;

	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&store_lock);
	sqlite3_bind_text(st_get, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st_get);
	if (rc == SQLITE_ROW)
		r = read_row(out) ? STORE_ERROR : STORE_OK;
	else if (rc != SQLITE_DONE)
		r = store_fail("reading config");
	done(st_get);
	pthread_mutex_unlock(&store_lock);
	return r;
}

enum store_result store_config_systems(json_t **out)
{
	json_t *arr = json_array();
	int rc;

	pthread_mutex_lock(&store_lock);
	while ((rc = sqlite3_step(st_systems)) == SQLITE_ROW)
		json_array_append_new(arr,
				      json_string(store_col(st_systems, 0)));
	sqlite3_reset(st_systems);
	pthread_mutex_unlock(&store_lock);
	if (rc != SQLITE_DONE) {
		json_decref(arr);
		return store_fail("listing system configs");
	}
	*out = arr;
	return STORE_OK;
}

/* Bind ?1..?8 (insert and update use the same numbering). */
static int bind_config(sqlite3_stmt *st, struct store_config *c,
		       const char *now)
{
	char hex[SHA256_HEX_LEN + 1];

	if (sha256_hex(c->json, c->json_len, hex))
		return -1;
	/* 128 bits of the hash, as for boards. */
	memcpy(c->etag, hex, STORE_ETAG_LEN);
	c->etag[STORE_ETAG_LEN] = '\0';
	sqlite3_bind_text(st, 1, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->arch, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->cell_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->json, (int)c->json_len, SQLITE_STATIC);
	sqlite3_bind_blob(st, 6, c->compiled, (int)c->compiled_size,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 7, c->etag, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
	return 0;
}

enum store_result store_config_create(struct store_config *c)
{
	enum store_result r = STORE_ERROR;
	char now[32];

	store_now(now, sizeof(now));
	pthread_mutex_lock(&store_lock);
	if (!bind_config(st_insert, c, now))
		r = store_write_one(st_insert, "creating config");
	done(st_insert);
	pthread_mutex_unlock(&store_lock);
	return r;
}

/* if_match NULL: any version. Lock held, transaction open. */
static enum store_result check_etag(const char *name, const char *if_match)
{
	enum store_result r = STORE_NOT_FOUND;

	sqlite3_bind_text(st_etag, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st_etag) == SQLITE_ROW)
		r = if_match && strcmp(store_col(st_etag, 0), if_match) ?
			STORE_CONFLICT : STORE_OK;
	done(st_etag);
	return r;
}

enum store_result store_config_replace(struct store_config *c,
				       const char *if_match)
{
	enum store_result r = STORE_ERROR;
	char now[32];

	store_now(now, sizeof(now));
	pthread_mutex_lock(&store_lock);
	if (bind_config(st_update, c, now))
		goto out;
	/* Compare and write in one transaction: no lost update. */
	if (store_begin()) {
		r = store_fail("replacing config");
		goto out;
	}
	r = check_etag(c->name, if_match);
	if (r == STORE_OK && sqlite3_step(st_update) != SQLITE_DONE)
		r = store_fail("replacing config");
	if (r == STORE_OK && store_commit())
		r = store_fail("replacing config");
	if (r != STORE_OK)
		store_rollback();
out:
	done(st_update);
	pthread_mutex_unlock(&store_lock);
	return r;
}

enum store_result store_config_delete(const char *name)
{
	enum store_result r;

	pthread_mutex_lock(&store_lock);
	sqlite3_bind_text(st_delete, 1, name, -1, SQLITE_STATIC);
	r = store_write_one(st_delete, "deleting config");
	done(st_delete);
	pthread_mutex_unlock(&store_lock);
	return r;
}
