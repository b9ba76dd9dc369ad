/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tokens recently found in the store, by hash. Every request carries one,
 * and the store lookup (SQLite, under the store's lock) is most of what an
 * authenticated request costs. Tokens are added and revoked by another
 * process (bulkhead-webd token ...), which this one cannot hear of: an
 * entry lives TOKEN_CACHE_TTL_MS, so a revoked token is refused at most
 * that much later.
 */
#ifndef WEBD_TOKEN_CACHE_H
#define WEBD_TOKEN_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

#define TOKEN_CACHE_TTL_MS	1000

/* true (role and who set) if hash was found in the store lately. */
bool token_cache_get(const char *hash, enum token_role *role, char *who,
		     size_t who_size);
void token_cache_put(const char *hash, enum token_role role,
		     const char *who);

#endif
