// SPDX-License-Identifier: GPL-2.0
/*
 * The generator's notes: what it could not determine and what the user has
 * to change, kept as data so the CLI and webd can show them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/generator.h>

void bh_gen_note_add(struct bh_gen_notes *notes, const char *what,
		     const char *fix, const char *fmt, ...)
{
	struct bh_gen_note *n, *grown;
	va_list ap;
	int ret;

	if (notes->count == notes->capacity) {
		size_t cap = notes->capacity ? notes->capacity * 2 : 8;

		grown = realloc(notes->list, cap * sizeof(*grown));
		if (!grown)
			return;	/* out of memory: the note is lost, not more */
		notes->list = grown;
		notes->capacity = cap;
	}
	n = &notes->list[notes->count];
	va_start(ap, fmt);
	ret = vasprintf(&n->why, fmt, ap);
	va_end(ap);
	if (ret < 0)
		return;
	n->what = strdup(what);
	n->fix = fix ? strdup(fix) : NULL;
	notes->count++;
}

void bh_gen_notes_free(struct bh_gen_notes *notes)
{
	size_t i;

	for (i = 0; i < notes->count; i++) {
		free(notes->list[i].what);
		free(notes->list[i].why);
		free(notes->list[i].fix);
	}
	free(notes->list);
	memset(notes, 0, sizeof(*notes));
}

json_t *bh_gen_notes_to_json(const struct bh_gen_notes *notes)
{
	json_t *arr = json_array(), *o;
	size_t i;

	for (i = 0; arr && i < notes->count; i++) {
		const struct bh_gen_note *n = &notes->list[i];

		o = json_pack("{s:s?, s:s?, s:s?}", "what", n->what,
			      "why", n->why, "fix", n->fix);
		json_array_append_new(arr, o);
	}
	return arr;
}
