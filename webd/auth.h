/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Auth filter: runs before every route handler. Bearer tokens with roles
 * viewer < operator < admin.
 */
#ifndef WEBD_AUTH_H
#define WEBD_AUTH_H

#include "http.h"

#define AUTH_TOKEN_LEN	46	/* "bh_" + 43 base64url characters */

/* Development only: every request acts as admin "no-auth". */
void auth_disable(void);

/*
 * Returns 0 if the request may proceed (req->who and req->role set);
 * otherwise the 401/403 problem is queued into *ret and 1 is returned.
 */
int auth_filter(struct http_request *req, enum token_role need,
		enum MHD_Result *ret);

/* The request carries a known token (or auth is disabled); no answer. */
int auth_known(struct http_request *req);

/* A new random token and its hash; buffers of AUTH_TOKEN_LEN + 1 and 65. */
int auth_token_new(char *token, char *hash);
int auth_token_hash(const char *token, char *hash);

/* bulkhead-webd token create|list|revoke ...; returns the exit code. */
int token_main(int argc, char **argv, const char *db_path);

#endif
