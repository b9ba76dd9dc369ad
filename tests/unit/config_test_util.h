/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the config unit tests (header-only, static). */
#ifndef BH_CONFIG_TEST_UTIL_H
#define BH_CONFIG_TEST_UTIL_H

#include <stdio.h>
#include <string.h>

#include <libbulkhead/config.h>

static json_t *load_shipped(const char *name)
{
	char path[512];
	json_error_t err;
	json_t *doc;

	snprintf(path, sizeof(path), "%s/%s.json", BH_CONFIGS_DIR, name);
	doc = json_load_file(path, 0, &err);
	if (!doc)
		fprintf(stderr, "%s: %s\n", path, err.text);
	assert_non_null(doc);
	return doc;
}

static void print_errors(const struct bh_config_errors *errs)
{
	char line[1024];
	size_t i;

	for (i = 0; i < errs->count; i++) {
		bh_config_error_format(&errs->list[i], line, sizeof(line));
		fprintf(stderr, "  %s\n", line);
	}
}

/* Is there a finding with this pointer and rule whose message has text? */
static bool has_error(const struct bh_config_errors *errs,
		      const char *document, const char *pointer,
		      const char *rule, const char *text)
{
	const struct bh_config_error *e;
	size_t i;

	for (i = 0; i < errs->count; i++) {
		e = &errs->list[i];
		if (!strcmp(e->pointer, pointer) && !strcmp(e->rule, rule) &&
		    strstr(e->message, text) &&
		    (!document ||
		     (e->document && !strcmp(e->document, document))))
			return true;
	}
	fprintf(stderr, "expected %s%s%s [%s] \"...%s...\", got:\n",
		document ? document : "", document ? ":" : "", pointer, rule,
		text);
	print_errors(errs);
	return false;
}

#endif
