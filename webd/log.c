// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

static enum log_level current = LOG_LVL_INFO;
static int journal = -1;	/* stderr is journald's: prefix priorities */

/* "<N>" prefixes are syslog priorities that journald understands. */
static const struct {
	const char *name;
	const char *prefix;
} levels[] = {
	[LOG_LVL_ERROR] = { "error", "<3>" },
	[LOG_LVL_WARN] = { "warn", "<4>" },
	[LOG_LVL_INFO] = { "info", "<6>" },
	[LOG_LVL_DEBUG] = { "debug", "<7>" },
};

void log_set_level(enum log_level level)
{
	current = level;
}

int log_parse_level(const char *name, enum log_level *level)
{
	unsigned int i;

	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		if (!strcmp(levels[i].name, name)) {
			*level = i;
			return 0;
		}
	}
	return -1;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	if (level > current)
		return;
	if (journal < 0)
		journal = getenv("JOURNAL_STREAM") != NULL;
	fprintf(stderr, "%sbulkhead-webd: %s: ",
		journal ? levels[level].prefix : "", levels[level].name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
