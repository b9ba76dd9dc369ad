// SPDX-License-Identifier: GPL-2.0
/*
 * Store core: opening the database, statement cache, transactions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "store_internal.h"

sqlite3 *store_db;
pthread_mutex_t store_lock = PTHREAD_MUTEX_INITIALIZER;

#define MAX_STMTS	64

static sqlite3_stmt *stmts[MAX_STMTS];
static unsigned int n_stmts;
static sqlite3_stmt *st_begin, *st_commit, *st_rollback;
static sqlite3_stmt *st_epoch_bump, *st_epoch_get;

sqlite3_stmt *store_prepare(const char *sql)
{
	sqlite3_stmt *st;

	if (n_stmts == MAX_STMTS) {
		log_error("store: more than %d statements", MAX_STMTS);
		return NULL;
	}
	if (sqlite3_prepare_v3(store_db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &st, NULL) != SQLITE_OK) {
		log_error("store: cannot prepare '%s': %s", sql,
			  sqlite3_errmsg(store_db));
		return NULL;
	}
	stmts[n_stmts++] = st;
	return st;
}

static int step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_begin(void)
{
	/* IMMEDIATE: take the write lock now, not at the first write. */
	return step_done(st_begin);
}

int store_commit(void)
{
	return step_done(st_commit);
}

void store_rollback(void)
{
	step_done(st_rollback);
}

enum store_result store_fail(const char *what)
{
	log_error("store: %s: %s", what, sqlite3_errmsg(store_db));
	return STORE_ERROR;
}

const char *store_col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

/* Run one write statement inside its own transaction. */
enum store_result store_write_one(sqlite3_stmt *st, const char *what)
{
	enum store_result r = STORE_OK;
	int rc;

	if (store_begin())
		return store_fail(what);
	rc = sqlite3_step(st);
	if (rc == SQLITE_CONSTRAINT)
		r = STORE_EXISTS;
	else if (rc != SQLITE_DONE)
		r = store_fail(what);
	else if (sqlite3_changes(store_db) == 0)
		r = STORE_NOT_FOUND;
	if (r == STORE_OK && store_commit())
		r = store_fail(what);
	if (r != STORE_OK)
		store_rollback();
	return r;
}

void store_now(char *buf, size_t size)
{
	struct timespec ts;
	struct tm tm;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, size - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

static int exec(const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(store_db, sql, NULL, NULL, &err) != SQLITE_OK) {
		log_error("store: '%s': %s", sql, err ? err : "?");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

static int prepare_core(void)
{
	st_begin = store_prepare("BEGIN IMMEDIATE");
	st_commit = store_prepare("COMMIT");
	st_rollback = store_prepare("ROLLBACK");
	st_epoch_bump = store_prepare(
		"UPDATE meta SET value = value + 1 WHERE key = 'event_epoch'");
	st_epoch_get = store_prepare(
		"SELECT value FROM meta WHERE key = 'event_epoch'");
	return st_begin && st_commit && st_rollback && st_epoch_bump &&
	       st_epoch_get ? 0 : -1;
}

int store_open(const char *path)
{
	if (sqlite3_open_v2(path, &store_db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
			    NULL) != SQLITE_OK) {
		log_error("cannot open database %s: %s", path,
			  store_db ? sqlite3_errmsg(store_db) : "out of memory");
		sqlite3_close(store_db);
		store_db = NULL;
		return -1;
	}
	sqlite3_busy_timeout(store_db, 5000);
	/*
	 * WAL so readers never block the writer; synchronous=FULL so an
	 * acknowledged write survives power loss, not only a crash.
	 */
	if (exec("PRAGMA journal_mode=WAL") ||
	    exec("PRAGMA synchronous=FULL") ||
	    exec("PRAGMA foreign_keys=ON") || store_migrate() ||
	    prepare_core() || store_prepare_boards() ||
	    store_prepare_tokens() || store_prepare_audit() ||
	    store_prepare_configs()) {
		store_close();
		return -1;
	}
	return 0;
}

void store_close(void)
{
	unsigned int i;

	for (i = 0; i < n_stmts; i++)
		sqlite3_finalize(stmts[i]);
	n_stmts = 0;
	if (store_db)
		sqlite3_close(store_db);
	store_db = NULL;
}

int store_next_epoch(uint32_t *epoch)
{
	int ret = -1;

	pthread_mutex_lock(&store_lock);
	if (store_begin())
		goto out;
	if (step_done(st_epoch_bump)) {
		store_rollback();
		goto out;
	}
	if (sqlite3_step(st_epoch_get) == SQLITE_ROW) {
		*epoch = (uint32_t)sqlite3_column_int64(st_epoch_get, 0);
		ret = 0;
	}
	sqlite3_reset(st_epoch_get);
	if (ret || store_commit()) {
		store_rollback();
		ret = -1;
	}
out:
	pthread_mutex_unlock(&store_lock);
	if (ret)
		store_fail("event epoch");
	return ret;
}
