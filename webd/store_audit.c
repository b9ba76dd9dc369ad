// SPDX-License-Identifier: GPL-2.0
/* The audit log: append-only record of every mutation and its result. */
#include "store_internal.h"

static sqlite3_stmt *st_add, *st_list;

int store_prepare_audit(void)
{
	st_add = store_prepare(
		"INSERT INTO audit (time, who, action, target, status)"
		" VALUES (?1, ?2, ?3, ?4, ?5)");
	st_list = store_prepare(
		"SELECT id, time, who, action, target, status FROM audit"
		" WHERE id < ?1 ORDER BY id DESC LIMIT ?2");
	return st_add && st_list ? 0 : -1;
}

enum store_result store_audit_add(const char *who, const char *action,
				  const char *target, int status)
{
	enum store_result r = STORE_OK;
	char now[32];

	store_now(now, sizeof(now));
	pthread_mutex_lock(&store_lock);
	sqlite3_bind_text(st_add, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st_add, 2, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(st_add, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st_add, 4, target, -1, SQLITE_STATIC);
	sqlite3_bind_int(st_add, 5, status);
	if (store_begin() || sqlite3_step(st_add) != SQLITE_DONE ||
	    store_commit()) {
		r = store_fail("writing audit record");
		store_rollback();
	}
	sqlite3_reset(st_add);
	sqlite3_clear_bindings(st_add);
	pthread_mutex_unlock(&store_lock);
	return r;
}

enum store_result store_audit_list(int64_t before, int limit, json_t **out)
{
	json_t *arr = json_array();
	int rc;

	pthread_mutex_lock(&store_lock);
	sqlite3_bind_int64(st_list, 1, before);
	sqlite3_bind_int(st_list, 2, limit);
	while ((rc = sqlite3_step(st_list)) == SQLITE_ROW)
		json_array_append_new(arr, json_pack(
			"{s:I, s:s, s:s, s:s, s:s, s:i}",
			"id", (json_int_t)sqlite3_column_int64(st_list, 0),
			"time", sqlite3_column_text(st_list, 1),
			"who", sqlite3_column_text(st_list, 2),
			"action", sqlite3_column_text(st_list, 3),
			"target", sqlite3_column_text(st_list, 4),
			"status", sqlite3_column_int(st_list, 5)));
	sqlite3_reset(st_list);
	sqlite3_clear_bindings(st_list);
	pthread_mutex_unlock(&store_lock);
	if (rc != SQLITE_DONE) {
		json_decref(arr);
		return store_fail("listing audit records");
	}
	*out = arr;
	return STORE_OK;
}
