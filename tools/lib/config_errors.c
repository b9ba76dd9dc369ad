// SPDX-License-Identifier: GPL-2.0
/*
 * The list of config findings. Every finding is kept (callers show all of
 * them at once, webd returns them as a list), so adding never fails loudly:
 * on allocation failure the finding is dropped and the list stays valid.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/config.h>

void bh_config_errors_init(struct bh_config_errors *errs)
{
	memset(errs, 0, sizeof(*errs));
}

void bh_config_errors_free(struct bh_config_errors *errs)
{
	size_t i;

	for (i = 0; i < errs->count; i++) {
		free(errs->list[i].document);
		free(errs->list[i].pointer);
		free(errs->list[i].rule);
		free(errs->list[i].message);
	}
	free(errs->list);
	bh_config_errors_init(errs);
}

static bool errors_grow(struct bh_config_errors *errs)
{
	size_t cap = errs->capacity ? errs->capacity * 2 : 8;
	struct bh_config_error *list;

	if (errs->count < errs->capacity)
		return true;
	list = realloc(errs->list, cap * sizeof(*list));
	if (!list)
		return false;
	errs->list = list;
	errs->capacity = cap;
	return true;
}

void bh_config_error_add(struct bh_config_errors *errs, const char *pointer,
			 const char *rule, const char *fmt, ...)
{
	struct bh_config_error *e;
	va_list ap;
	int ret;

	if (!errors_grow(errs))
		return;
	e = &errs->list[errs->count];
	memset(e, 0, sizeof(*e));
	va_start(ap, fmt);
	ret = vasprintf(&e->message, fmt, ap);
	va_end(ap);
	e->pointer = strdup(pointer);
	e->rule = strdup(rule);
	if (errs->document)
		e->document = strdup(errs->document);
	if (ret < 0 || !e->pointer || !e->rule ||
	    (errs->document && !e->document)) {
		if (ret >= 0)
			free(e->message);
		free(e->pointer);
		free(e->rule);
		free(e->document);
		return;
	}
	errs->count++;
}

void bh_config_error_format(const struct bh_config_error *err, char *buf,
			    size_t size)
{
	snprintf(buf, size, "%s%s%s: %s [%s]",
		 err->document ? err->document : "",
		 err->document ? ":" : "",
		 err->pointer[0] ? err->pointer : "/", err->message, err->rule);
}

json_t *bh_config_errors_to_json(const struct bh_config_errors *errs)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < errs->count; i++) {
		const struct bh_config_error *e = &errs->list[i];
		json_t *o = json_pack("{s:s, s:s, s:s}", "pointer", e->pointer,
				      "rule", e->rule, "message", e->message);

		if (o && e->document)
			json_object_set_new(o, "document",
					    json_string(e->document));
		if (!o || json_array_append_new(arr, o)) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}
