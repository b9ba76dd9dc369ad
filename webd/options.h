/* SPDX-License-Identifier: GPL-2.0 */
/*
 * webd's settings: defaults, the --config file (key=value, the keys are the
 * long option names) and the command line, applied in that order.
 */
#ifndef WEBD_OPTIONS_H
#define WEBD_OPTIONS_H

#include "http.h"
#include "sse.h"

#define WEBD_DEFAULT_DB	"/var/lib/bulkhead/webd.db"

struct webd_config {
	struct http_options http;
	struct sse_options sse;
	const char *db;
	const char *port_file;
	const char *driver_dev, *driver_sysfs;	/* NULL: the defaults */
	unsigned int driver_poll_ms;
	const char *webui;	/* the dashboard's directory */
	unsigned int grace_s;
	int no_auth;
	int print_routes;
};

void options_defaults(struct webd_config *cfg);
/* Apply one setting; on error prints what, where and why, returns -1. */
int options_set(struct webd_config *cfg, const char *key, const char *value,
		const char *where);
int options_load_file(struct webd_config *cfg, const char *path);
int options_check(const struct webd_config *cfg);

#endif
