/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the store*.c files only. */
#ifndef WEBD_STORE_INTERNAL_H
#define WEBD_STORE_INTERNAL_H

#include <pthread.h>

#include <sqlite3.h>

#include "store.h"

extern sqlite3 *store_db;
extern pthread_mutex_t store_lock;

/* Prepare once; the statement lives until store_close(). */
sqlite3_stmt *store_prepare(const char *sql);
int store_begin(void);
int store_commit(void);
void store_rollback(void);
/* Logs the SQLite error of a failed step and returns STORE_ERROR. */
enum store_result store_fail(const char *what);
/* Current time as ISO 8601 UTC text, for created/updated columns. */
void store_now(char *buf, size_t size);

int store_migrate(void);
int store_prepare_boards(void);
int store_prepare_tokens(void);
int store_prepare_audit(void);
int store_prepare_configs(void);
/* One write statement in its own transaction (lock held). */
enum store_result store_write_one(sqlite3_stmt *st, const char *what);
const char *store_col(sqlite3_stmt *st, int i);

#endif
