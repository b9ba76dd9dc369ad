/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The store: webd's only user of SQLite. Every SQL statement lives in the
 * store*.c files, is prepared once at open and reused; every mutation runs
 * in a transaction. Calls are serialised by one mutex, so any thread may
 * use the store.
 */
#ifndef WEBD_STORE_H
#define WEBD_STORE_H

#include <stdint.h>

#include <jansson.h>

enum store_result {
	STORE_OK = 0,
	STORE_NOT_FOUND,
	STORE_EXISTS,
	STORE_CONFLICT,		/* If-Match did not match the current ETag */
	STORE_ERROR,		/* SQLite failed; logged with the reason */
};

#define STORE_ETAG_LEN	32	/* hex characters, without quotes */

int store_open(const char *path);
void store_close(void);

/* A new number per process start, for event ids that survive restarts. */
int store_next_epoch(uint32_t *epoch);

/* Board profiles; a board is a JSON object (see api_boards.c). */
enum store_result store_board_list(json_t **out);
enum store_result store_board_get(const char *name, json_t **out);
enum store_result store_board_create(json_t *board, char *etag);
enum store_result store_board_replace(const char *name, json_t *board,
				      const char *if_match, char *etag);
enum store_result store_board_delete(const char *name);

/*
 * Configs: the document as JSON text, its compiled binary, and what it is
 * (kind "system" or "cell", architecture, the cell's own name). Callers
 * hand in validated and compiled configs; the ETag hashes the JSON text.
 */
struct store_config {
	char name[72];
	char kind[8];
	char arch[16];
	char cell_name[40];
	char etag[STORE_ETAG_LEN + 1];
	char created[32], updated[32];
	char *json;		/* malloc'ed by store_config_get */
	void *compiled;		/* malloc'ed by store_config_get */
	size_t json_len, compiled_size;
};

void store_config_free(struct store_config *c);
/* [{name, kind, arch, cell_name, etag, created, updated, compiled_size}] */
enum store_result store_config_list(json_t **out);
enum store_result store_config_get(const char *name, struct store_config *out);
/* Names of the stored system configs, as a JSON array of strings. */
enum store_result store_config_systems(json_t **out);
/* Writes c->etag; name, kind, arch, cell_name, json and compiled in. */
enum store_result store_config_create(struct store_config *c);
enum store_result store_config_replace(struct store_config *c,
				       const char *if_match);
enum store_result store_config_delete(const char *name);

/* Tokens, known by the SHA-256 of their secret (hex). */
enum token_role { ROLE_NONE, ROLE_VIEWER, ROLE_OPERATOR, ROLE_ADMIN };

const char *role_name(enum token_role role);
int role_parse(const char *name, enum token_role *role);

enum store_result store_token_add(const char *hash, const char *name,
				  enum token_role role);
enum store_result store_token_lookup(const char *hash, enum token_role *role,
				     char *name, size_t name_size);
enum store_result store_token_list(json_t **out);
enum store_result store_token_revoke(const char *name);

/* Audit log. */
enum store_result store_audit_add(const char *who, const char *action,
				  const char *target, int status);
enum store_result store_audit_list(int64_t before, int limit, json_t **out);

#endif
