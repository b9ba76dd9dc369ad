// SPDX-License-Identifier: GPL-2.0
/* The token cache (token_cache.h): a few entries, oldest replaced. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hash.h"
#include "token_cache.h"

#define ENTRIES		32	/* distinct clients within a second */

static struct entry {
	char hash[SHA256_HEX_LEN + 1];
	char who[64];
	enum token_role role;
	long long expires_ms;
} entries[ENTRIES];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

bool token_cache_get(const char *hash, enum token_role *role, char *who,
		     size_t who_size)
{
	long long now = now_ms();
	bool found = false;
	int n;

	pthread_mutex_lock(&lock);
	for (n = 0; n < ENTRIES && !found; n++) {
		if (entries[n].expires_ms <= now ||
		    strcmp(entries[n].hash, hash))
			continue;
		*role = entries[n].role;
		snprintf(who, who_size, "%s", entries[n].who);
		found = true;
	}
	pthread_mutex_unlock(&lock);
	return found;
}

void token_cache_put(const char *hash, enum token_role role,
		     const char *who)
{
	struct entry *e = &entries[0];
	int n;

	pthread_mutex_lock(&lock);
	for (n = 1; n < ENTRIES; n++)
		if (entries[n].expires_ms < e->expires_ms)
			e = &entries[n];
	snprintf(e->hash, sizeof(e->hash), "%s", hash);
	snprintf(e->who, sizeof(e->who), "%s", who);
	e->role = role;
	e->expires_ms = now_ms() + TOKEN_CACHE_TTL_MS;
	pthread_mutex_unlock(&lock);
}
