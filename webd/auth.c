// SPDX-License-Identifier: GPL-2.0
/*
 * Bearer-token authentication and role checks. 401 means "who are you?"
 * (no, malformed or unknown token); 403 means "known, but not allowed".
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "auth.h"
#include "hash.h"
#include "log.h"
#include "token_cache.h"

static int disabled;

void auth_disable(void)
{
	disabled = 1;
}

int auth_token_hash(const char *token, char *hash)
{
	return sha256_hex(token, strlen(token), hash);
}

int auth_token_new(char *token, char *hash)
{
	static const char b64url[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789-_";
	unsigned char rnd[32];
	unsigned int i, bit = 0;
	char *p = token;

	if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd))
		return -1;
	p += sprintf(p, "bh_");
	/* 256 random bits as 43 base64url digits, 6 bits each. */
	for (i = 0; i < 43; i++, bit += 6) {
		unsigned int byte = bit / 8, shift = bit % 8;
		unsigned int v = rnd[byte] << 8;

		if (byte + 1 < sizeof(rnd))
			v |= rnd[byte + 1];
		*p++ = b64url[(v >> (10 - shift)) & 0x3f];
	}
	*p = '\0';
	return auth_token_hash(token, hash);
}

static int unauthorized(struct http_request *req, enum MHD_Result *ret,
			const char *why)
{
	*ret = http_problem(req, MHD_HTTP_UNAUTHORIZED, "unauthorized",
			    "Authentication required", "%s", why);
	return 1;
}

/* Token syntax check before hashing: junk never reaches the store. */
static int token_syntax_ok(const char *t)
{
	return strlen(t) == AUTH_TOKEN_LEN && !strncmp(t, "bh_", 3) &&
	       strspn(t + 3, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
			     "qrstuvwxyz0123456789-_") == AUTH_TOKEN_LEN - 3;
}

/*
 * Who sends the request: NULL when the token is known (req->role and
 * req->who set), else why not; *store_failed if the store could not say.
 */
static const char *token_problem(struct http_request *req, int *store_failed)
{
	const char *h = http_header(req, MHD_HTTP_HEADER_AUTHORIZATION);
	char hash[SHA256_HEX_LEN + 1];
	enum store_result r;

	*store_failed = 0;
	if (!h)
		return "no Authorization header; send "
		       "'Authorization: Bearer TOKEN'";
	if (strncasecmp(h, "Bearer ", 7))
		return "the Authorization scheme must be Bearer";
	h += 7;
	while (*h == ' ')
		h++;
	if (!token_syntax_ok(h))
		return "malformed token (expected bh_ followed by 43 "
		       "base64url characters)";
	if (auth_token_hash(h, hash))
		return "cannot hash the token";
	if (token_cache_get(hash, &req->role, req->who, sizeof(req->who)))
		return NULL;
	r = store_token_lookup(hash, &req->role, req->who, sizeof(req->who));
	if (r == STORE_OK)
		token_cache_put(hash, req->role, req->who);
	if (r == STORE_NOT_FOUND)
		return "unknown or revoked token";
	if (r != STORE_OK) {
		*store_failed = 1;
		return "the token could not be checked";
	}
	return NULL;
}

static int identify(struct http_request *req, enum MHD_Result *ret)
{
	int store_failed;
	const char *why = token_problem(req, &store_failed);

	if (!why)
		return 0;
	if (store_failed) {
		*ret = http_problem(req, MHD_HTTP_SERVICE_UNAVAILABLE,
				    "store-error", "Token store unavailable",
				    "%s", why);
		return 1;
	}
	return unauthorized(req, ret, why);
}

int auth_known(struct http_request *req)
{
	int store_failed;

	return disabled || !token_problem(req, &store_failed);
}

int auth_filter(struct http_request *req, enum token_role need,
		enum MHD_Result *ret)
{
	snprintf(req->who, sizeof(req->who), "anonymous");
	req->role = ROLE_NONE;
	if (disabled) {
		snprintf(req->who, sizeof(req->who), "no-auth");
		req->role = ROLE_ADMIN;
		return 0;
	}
	if (need == ROLE_NONE)
		return 0;
	if (identify(req, ret))
		return 1;
	if (req->role < need) {
		*ret = http_problem(req, MHD_HTTP_FORBIDDEN, "forbidden",
				    "Insufficient role",
				    "%s %s needs role %s; token '%s' has %s",
				    req->method, req->path, role_name(need),
				    req->who, role_name(req->role));
		return 1;
	}
	return 0;
}
