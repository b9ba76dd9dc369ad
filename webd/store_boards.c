// SPDX-License-Identifier: GPL-2.0
/*
 * Board profiles in SQLite. Callers hand in validated JSON objects; the
 * store only maps them to columns. The ETag is a hash of the content, so
 * it changes exactly when the profile does.
 */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "store_internal.h"

static sqlite3_stmt *st_list, *st_get, *st_insert, *st_update, *st_delete,
		    *st_etag;

int store_prepare_boards(void)
{
	st_list = store_prepare(
		"SELECT name, architecture, notes, etag, created, updated,"
		" generated_config IS NOT NULL FROM boards ORDER BY name");
	st_get = store_prepare(
		"SELECT name, architecture, captures, generated_config, notes,"
		" etag, created, updated FROM boards WHERE name = ?1");
	st_insert = store_prepare(
		"INSERT INTO boards (name, architecture, captures,"
		" generated_config, notes, etag, created, updated)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
	st_update = store_prepare(
		"UPDATE boards SET architecture = ?2, captures = ?3,"
		" generated_config = ?4, notes = ?5, etag = ?6, updated = ?7"
		" WHERE name = ?1");
	st_delete = store_prepare("DELETE FROM boards WHERE name = ?1");
	st_etag = store_prepare("SELECT etag FROM boards WHERE name = ?1");
	return st_list && st_get && st_insert && st_update && st_delete &&
	       st_etag ? 0 : -1;
}

static const char *col(sqlite3_stmt *st, int i)
{
	return store_col(st, i);
}

enum store_result store_board_list(json_t **out)
{
	json_t *arr = json_array();
	int rc;

	pthread_mutex_lock(&store_lock);
	while ((rc = sqlite3_step(st_list)) == SQLITE_ROW)
		json_array_append_new(arr, json_pack(
			"{s:s, s:s, s:s, s:s, s:s, s:s, s:b}",
			"name", col(st_list, 0),
			"architecture", col(st_list, 1),
			"notes", col(st_list, 2), "etag", col(st_list, 3),
			"created", col(st_list, 4), "updated", col(st_list, 5),
			"has_generated_config",
			sqlite3_column_int(st_list, 6)));
	sqlite3_reset(st_list);
	pthread_mutex_unlock(&store_lock);
	if (rc != SQLITE_DONE) {
		json_decref(arr);
		return store_fail("listing boards");
	}
	*out = arr;
	return STORE_OK;
}

static json_t *load_json(const char *text)
{
	json_t *j = json_loads(text, 0, NULL);

	return j ? j : json_null();
}

enum store_result store_board_get(const char *name, json_t **out)
{
	enum store_result r = STORE_NOT_FOUND;
	int rc;

	pthread_mutex_lock(&store_lock);
	sqlite3_bind_text(st_get, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st_get);
	if (rc == SQLITE_ROW) {
		*out = json_pack("{s:s, s:s, s:o, s:o, s:s, s:s, s:s, s:s}",
			"name", col(st_get, 0), "architecture", col(st_get, 1),
			"captures", load_json(col(st_get, 2)),
			"generated_config",
			sqlite3_column_type(st_get, 3) == SQLITE_NULL ?
				json_null() : load_json(col(st_get, 3)),
			"notes", col(st_get, 4), "etag", col(st_get, 5),
			"created", col(st_get, 6), "updated", col(st_get, 7));
		r = STORE_OK;
	} else if (rc != SQLITE_DONE) {
		r = store_fail("reading board");
	}
	sqlite3_reset(st_get);
	sqlite3_clear_bindings(st_get);
	pthread_mutex_unlock(&store_lock);
	return r;
}

/*
 * Bind ?1..?7 from a validated, normalised board (all members present);
 * the dumped texts are freed by the caller.
 */
static int bind_board(sqlite3_stmt *st, json_t *b, char **cap, char **gen,
		      char *etag, const char *now)
{
	json_t *g = json_object_get(b, "generated_config");
	json_t *c = json_object_get(b, "captures");
	const char *notes = json_string_value(json_object_get(b, "notes"));
	char hex[SHA256_HEX_LEN + 1];
	char *all;

	*cap = json_dumps(c, JSON_COMPACT | JSON_SORT_KEYS);
	*gen = g && !json_is_null(g) ?
		json_dumps(g, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	all = json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS);
	if (!*cap || !all || (g && !json_is_null(g) && !*gen) ||
	    sha256_hex(all, strlen(all), hex)) {
		free(all);
		return -1;
	}
	free(all);
	/* 128 bits of the hash: collisions are not a practical concern. */
	memcpy(etag, hex, STORE_ETAG_LEN);
	etag[STORE_ETAG_LEN] = '\0';
	sqlite3_bind_text(st, 1,
		json_string_value(json_object_get(b, "name")), -1,
		SQLITE_STATIC);
	sqlite3_bind_text(st, 2,
		json_string_value(json_object_get(b, "architecture")), -1,
		SQLITE_STATIC);
	sqlite3_bind_text(st, 3, *cap, -1, SQLITE_STATIC);
	if (*gen)
		sqlite3_bind_text(st, 4, *gen, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_text(st, 5, notes ? notes : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, etag, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_STATIC);
	return 0;
}

enum store_result store_board_create(json_t *board, char *etag)
{
	enum store_result r = STORE_ERROR;
	char *cap = NULL, *gen = NULL;
	char now[32];

	store_now(now, sizeof(now));
	pthread_mutex_lock(&store_lock);
	if (!bind_board(st_insert, board, &cap, &gen, etag, now))
		r = store_write_one(st_insert, "creating board");
	sqlite3_reset(st_insert);
	sqlite3_clear_bindings(st_insert);
	pthread_mutex_unlock(&store_lock);
	free(cap);
	free(gen);
	return r;
}

/* if_match NULL: any version. Lock held, transaction open. */
static enum store_result check_etag(const char *name, const char *if_match)
{
	enum store_result r = STORE_NOT_FOUND;

	sqlite3_bind_text(st_etag, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st_etag) == SQLITE_ROW)
		r = if_match && strcmp(col(st_etag, 0), if_match) ?
			STORE_CONFLICT : STORE_OK;
	sqlite3_reset(st_etag);
	sqlite3_clear_bindings(st_etag);
	return r;
}

enum store_result store_board_replace(const char *name, json_t *board,
				      const char *if_match, char *etag)
{
	enum store_result r = STORE_ERROR;
	char *cap = NULL, *gen = NULL;
	char now[32];

	store_now(now, sizeof(now));
	pthread_mutex_lock(&store_lock);
	if (bind_board(st_update, board, &cap, &gen, etag, now))
		goto out;
	/* Compare and write in one transaction: no lost update. */
	if (store_begin()) {
		r = store_fail("replacing board");
		goto out;
	}
	r = check_etag(name, if_match);
	if (r == STORE_OK && sqlite3_step(st_update) != SQLITE_DONE)
		r = store_fail("replacing board");
	if (r == STORE_OK && store_commit())
		r = store_fail("replacing board");
	if (r != STORE_OK)
		store_rollback();
out:
	sqlite3_reset(st_update);
	sqlite3_clear_bindings(st_update);
	pthread_mutex_unlock(&store_lock);
	free(cap);
	free(gen);
	return r;
}

enum store_result store_board_delete(const char *name)
{
	enum store_result r;

	pthread_mutex_lock(&store_lock);
	sqlite3_bind_text(st_delete, 1, name, -1, SQLITE_STATIC);
	r = store_write_one(st_delete, "deleting board");
	sqlite3_reset(st_delete);
	sqlite3_clear_bindings(st_delete);
	pthread_mutex_unlock(&store_lock);
	return r;
}
