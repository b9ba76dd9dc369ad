// SPDX-License-Identifier: GPL-2.0
/*
 * Settings shared by the command line and the config file: one table, so
 * the two cannot drift apart.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "options.h"
#include "static.h"

void options_defaults(struct webd_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	/* Loopback by default: exposing webd on the LAN is a decision. */
	cfg->http.address = "127.0.0.1";
	cfg->http.port = 8080;
	cfg->http.max_body = 1 << 20;
	/* A QEMU virt .dtb is padded to 1 MiB: 1.4 MB as base64. */
	cfg->http.max_upload = 4 << 20;
	cfg->http.max_image = 16 << 20;
	cfg->http.max_json_depth = 32;
	cfg->http.connection_limit = 1100;
	cfg->http.threads = 2;
	cfg->http.timeout_s = 30;
	cfg->sse.backlog = 1024;
	cfg->sse.client_queue = 256;
	cfg->sse.heartbeat_s = 15;
	cfg->db = WEBD_DEFAULT_DB;
	cfg->webui = WEBD_DEFAULT_WEBUI;
	cfg->grace_s = 5;
	cfg->driver_poll_ms = 500;
}

static int number(const char *s, unsigned long min, unsigned long max,
		  unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 10);
	return errno || !*s || *end || *s == '-' || *out < min || *out > max ?
	       -1 : 0;
}

struct num_opt {
	const char *key;
	unsigned long min, max;
	size_t offset;
	size_t size;
};

#define NUM(k, lo, hi, field) { k, lo, hi, \
	offsetof(struct webd_config, field), \
	sizeof(((struct webd_config *)0)->field) }

static const struct num_opt numbers[] = {
	NUM("port", 0, 65535, http.port),
	NUM("max-body", 1024, 1UL << 30, http.max_body),
	NUM("max-upload", 1024, 1UL << 30, http.max_upload),
	NUM("max-image", 1024, 1UL << 30, http.max_image),
	NUM("max-json-depth", 2, 1000, http.max_json_depth),
	NUM("connection-limit", 4, 100000, http.connection_limit),
	NUM("timeout", 1, 3600, http.timeout_s),
	NUM("threads", 1, 64, http.threads),
	NUM("sse-backlog", 16, 1000000, sse.backlog),
	NUM("sse-client-queue", 1, 1000000, sse.client_queue),
	NUM("heartbeat", 1, 3600, sse.heartbeat_s),
	NUM("grace", 0, 600, grace_s),
	NUM("driver-poll-ms", 10, 60000, driver_poll_ms),
};

static void store_num(struct webd_config *cfg, const struct num_opt *o,
		      unsigned long v)
{
	char *p = (char *)cfg + o->offset;

	if (o->size == sizeof(unsigned short))
		*(unsigned short *)p = (unsigned short)v;
	else if (o->size == sizeof(unsigned int))
		*(unsigned int *)p = (unsigned int)v;
	else
		*(size_t *)p = v;
}

static int set_string(struct webd_config *cfg, const char *key,
		      const char *value)
{
	enum log_level level;
	char *copy;

	if (!strcmp(key, "log-level")) {
		if (log_parse_level(value, &level))
			return -1;
		log_set_level(level);
		return 0;
	}
	copy = strdup(value);	/* lives as long as the process */
	if (!copy)
		return -1;
	if (!strcmp(key, "listen"))
		cfg->http.address = copy;
	else if (!strcmp(key, "db"))
		cfg->db = copy;
	else if (!strcmp(key, "port-file"))
		cfg->port_file = copy;
	else if (!strcmp(key, "driver-dev"))
		cfg->driver_dev = copy;
	else if (!strcmp(key, "driver-sysfs"))
		cfg->driver_sysfs = copy;
	else if (!strcmp(key, "tls-cert"))
		cfg->http.tls_cert = copy;
	else if (!strcmp(key, "tls-key"))
		cfg->http.tls_key = copy;
	else if (!strcmp(key, "webui"))
		cfg->webui = copy;
	else
		return free(copy), -2;
	return 0;
}

int options_set(struct webd_config *cfg, const char *key, const char *value,
		const char *where)
{
	unsigned long v;
	unsigned int i;
	int r;

	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		if (strcmp(key, numbers[i].key))
			continue;
		if (number(value, numbers[i].min, numbers[i].max, &v)) {
			fprintf(stderr, "bulkhead-webd: %s: %s '%s' is not a "
				"number in %lu-%lu\n", where, key, value,
				numbers[i].min, numbers[i].max);
			return -1;
		}
		store_num(cfg, &numbers[i], v);
		return 0;
	}
	if (!strcmp(key, "no-auth")) {
		cfg->no_auth = !strcmp(value, "true") || !strcmp(value, "1");
		return 0;
	}
	r = set_string(cfg, key, value);
	if (r == -2)
		fprintf(stderr, "bulkhead-webd: %s: unknown setting '%s'\n",
			where, key);
	else if (r)
		fprintf(stderr, "bulkhead-webd: %s: invalid %s '%s'\n", where,
			key, value);
	return r ? -1 : 0;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && strchr(" \t\r\n", e[-1]))
		*--e = '\0';
	return s;
}

int options_load_file(struct webd_config *cfg, const char *path)
{
	char line[1024], where[PATH_MAX + 32];
	unsigned int lineno = 0;
	int ret = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "bulkhead-webd: cannot read config %s: %s\n",
			path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *s = trim(line), *eq;

		lineno++;
		snprintf(where, sizeof(where), "%s:%u", path, lineno);
		if (!*s || *s == '#')
			continue;
		eq = strchr(s, '=');
		if (!eq) {
			fprintf(stderr, "bulkhead-webd: %s: expected "
				"key=value\n", where);
			ret = -1;
			continue;
		}
		*eq = '\0';
		if (options_set(cfg, trim(s), trim(eq + 1), where))
			ret = -1;
	}
	fclose(f);
	return ret;
}

int options_check(const struct webd_config *cfg)
{
	/* A client must be dropped before its cursor leaves the ring. */
	if (cfg->sse.client_queue >= cfg->sse.backlog) {
		fprintf(stderr, "bulkhead-webd: sse-client-queue (%u) must be "
			"smaller than sse-backlog (%u)\n",
			cfg->sse.client_queue, cfg->sse.backlog);
		return -1;
	}
	if (!cfg->http.tls_cert != !cfg->http.tls_key) {
		fprintf(stderr, "bulkhead-webd: TLS needs both --tls-cert and "
			"--tls-key\n");
		return -1;
	}
	return 0;
}
