// SPDX-License-Identifier: GPL-2.0
/*
 * Schema migrations. PRAGMA user_version is the number of migrations
 * applied; each runs in its own transaction together with the version bump,
 * so a crash leaves the schema at one version or the next, never between.
 * Append new migrations; never edit a released one.
 */
#include <stdio.h>

#include "log.h"
#include "store_internal.h"

static const char *const migrations[] = {
	/* 1: initial schema */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value INTEGER NOT NULL);"
	"INSERT INTO meta (key, value) VALUES ('event_epoch', 0);"
	"CREATE TABLE boards ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  architecture TEXT NOT NULL,"
	"  captures TEXT NOT NULL DEFAULT '{}',"	/* JSON object */
	"  generated_config TEXT,"			/* JSON or NULL */
	"  notes TEXT NOT NULL DEFAULT '',"
	"  etag TEXT NOT NULL,"
	"  created TEXT NOT NULL,"
	"  updated TEXT NOT NULL);"
	"CREATE TABLE tokens ("
	"  id INTEGER PRIMARY KEY,"
	"  hash TEXT NOT NULL UNIQUE,"			/* SHA-256, hex */
	"  name TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN"
	"    ('viewer', 'operator', 'admin')),"
	"  created TEXT NOT NULL,"
	"  last_used TEXT);"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  time TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  target TEXT NOT NULL,"
	"  status INTEGER NOT NULL);"
	"CREATE TABLE configs ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  json TEXT NOT NULL,"
	"  compiled BLOB,"
	"  etag TEXT NOT NULL,"
	"  created TEXT NOT NULL,"
	"  updated TEXT NOT NULL);",
	/*
	 * 2: what a config is, kept beside the document so that listing and
	 * finding the system config need no parsing
	 */
	"ALTER TABLE configs ADD COLUMN kind TEXT NOT NULL DEFAULT 'cell'"
	"  CHECK (kind IN ('system', 'cell'));"
	"ALTER TABLE configs ADD COLUMN arch TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE configs ADD COLUMN cell_name TEXT NOT NULL DEFAULT '';",
};

#define N_MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

static int user_version(void)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(store_db, "PRAGMA user_version", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * Apply migration `index` unless another process (webd and its `token`
 * command share the file) got there first: the version is read again under
 * the write lock, so two processes starting together never apply one
 * migration twice. Returns 0 when the schema is at least index + 1.
 */
static int apply(int index)
{
	char sql[64];
	char *err = NULL;
	int v;

	if (sqlite3_exec(store_db, "BEGIN IMMEDIATE", NULL, NULL, &err))
		goto fail;
	v = user_version();
	if (v < 0)
		goto fail;
	if (v > index) {
		if (sqlite3_exec(store_db, "COMMIT", NULL, NULL, &err))
			goto fail;
		return 0;
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", index + 1);
	if (sqlite3_exec(store_db, migrations[index], NULL, NULL, &err) ||
	    sqlite3_exec(store_db, sql, NULL, NULL, &err) ||
	    sqlite3_exec(store_db, "COMMIT", NULL, NULL, &err))
		goto fail;
	log_info("store: schema migrated to version %d", index + 1);
	return 0;
fail:
	log_error("store: migration %d failed: %s", index + 1,
		  err ? err : sqlite3_errmsg(store_db));
	sqlite3_free(err);
	sqlite3_exec(store_db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int store_migrate(void)
{
	int v = user_version();

	if (v < 0)
		return store_fail("reading schema version"), -1;
	if (v > N_MIGRATIONS) {
		log_error("store: database schema version %d is newer than "
			  "this webd knows (%d); refusing to touch it",
			  v, N_MIGRATIONS);
		return -1;
	}
	for (; v < N_MIGRATIONS; v++)
		if (apply(v))
			return -1;
	return 0;
}
