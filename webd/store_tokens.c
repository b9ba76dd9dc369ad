// SPDX-License-Identifier: GPL-2.0
/*
 * API tokens. Only the SHA-256 of a token is stored: a copy of the
 * database does not hand out access.
 */
#include <stdio.h>
#include <string.h>

#include "store_internal.h"

static sqlite3_stmt *st_add, *st_lookup, *st_touch, *st_list, *st_revoke;

static const char *const roles[] = {
	[ROLE_NONE] = "none",
	[ROLE_VIEWER] = "viewer",
	[ROLE_OPERATOR] = "operator",
	[ROLE_ADMIN] = "admin",
};

const char *role_name(enum token_role role)
{
	return roles[role];
}

int role_parse(const char *name, enum token_role *role)
{
	unsigned int i;

	for (i = ROLE_VIEWER; i <= ROLE_ADMIN; i++) {
		if (!strcmp(roles[i], name)) {
			*role = i;
			return 0;
		}
	}
	return -1;
}

int store_prepare_tokens(void)
{
	st_add = store_prepare(
		"INSERT INTO tokens (hash, name, role, created)"
		" VALUES (?1, ?2, ?3, ?4)");
	/* last_used is refreshed at most once a minute: reads stay reads. */
	st_lookup = store_prepare(
		"SELECT name, role, last_used IS NULL OR"
		" last_used < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-60 seconds')"
		" FROM tokens WHERE hash = ?1");
	st_touch = store_prepare(
		"UPDATE tokens SET last_used = ?2 WHERE hash = ?1");
	st_list = store_prepare(
		"SELECT id, name, role, created, last_used FROM tokens"
		" ORDER BY id");
	st_revoke = store_prepare("DELETE FROM tokens WHERE name = ?1");
	return st_add && st_lookup && st_touch && st_list && st_revoke ?
	       0 : -1;
}

/* A write statement in its own transaction, left ready for reuse. */
static enum store_result write_step(sqlite3_stmt *st, const char *what)
{
	enum store_result r = store_write_one(st, what);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return r;
}

enum store_result store_token_add(const char *hash, const char *name,
				  enum token_role role)
{
	enum store_result r;
	char now[32];

	store_now(now, sizeof(now));
	pthread_mutex_lock(&store_lock);
	sqlite3_bind_text(st_add, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st_add, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st_add, 3, role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st_add, 4, now, -1, SQLITE_STATIC);
	r = write_step(st_add, "adding token");
	pthread_mutex_unlock(&store_lock);
	return r;
}

enum store_result store_token_lookup(const char *hash, enum token_role *role,
				     char *name, size_t name_size)
{
	enum store_result r = STORE_NOT_FOUND;
	int rc, stale = 0;
	char now[32];

	pthread_mutex_lock(&store_lock);
	sqlite3_bind_text(st_lookup, 1, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st_lookup);
	if (rc == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st_lookup, 0);
		const char *ro = (const char *)sqlite3_column_text(st_lookup, 1);

		snprintf(name, name_size, "%s", n ? n : "");
		r = ro && !role_parse(ro, role) ? STORE_OK : STORE_ERROR;
		stale = sqlite3_column_int(st_lookup, 2);
	} else if (rc != SQLITE_DONE) {
		r = store_fail("looking up token");
	}
	sqlite3_reset(st_lookup);
	sqlite3_clear_bindings(st_lookup);
	if (r == STORE_OK && stale) {
		store_now(now, sizeof(now));
		sqlite3_bind_text(st_touch, 1, hash, -1, SQLITE_STATIC);
		sqlite3_bind_text(st_touch, 2, now, -1, SQLITE_STATIC);
		write_step(st_touch, "recording token use");
	}
	pthread_mutex_unlock(&store_lock);
	return r;
}

enum store_result store_token_list(json_t **out)
{
	json_t *arr = json_array();
	int rc;

	pthread_mutex_lock(&store_lock);
	while ((rc = sqlite3_step(st_list)) == SQLITE_ROW) {
		const unsigned char *used = sqlite3_column_text(st_list, 4);

		json_array_append_new(arr, json_pack(
			"{s:I, s:s, s:s, s:s, s:o}",
			"id", (json_int_t)sqlite3_column_int64(st_list, 0),
			"name", sqlite3_column_text(st_list, 1),
			"role", sqlite3_column_text(st_list, 2),
			"created", sqlite3_column_text(st_list, 3),
			"last_used", used ? json_string((const char *)used) :
					    json_null()));
	}
	sqlite3_reset(st_list);
	pthread_mutex_unlock(&store_lock);
	if (rc != SQLITE_DONE) {
		json_decref(arr);
		return store_fail("listing tokens");
	}
	*out = arr;
	return STORE_OK;
}

enum store_result store_token_revoke(const char *name)
{
	enum store_result r;

	pthread_mutex_lock(&store_lock);
	sqlite3_bind_text(st_revoke, 1, name, -1, SQLITE_STATIC);
	r = write_step(st_revoke, "revoking token");
	pthread_mutex_unlock(&store_lock);
	return r;
}
