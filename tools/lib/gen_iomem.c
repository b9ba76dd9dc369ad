// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/iomem: "START-END : NAME" lines, nested by two spaces of indent.
 * Read as root; as another user the kernel prints zeros, which we refuse
 * rather than build a config from.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/generator.h>

static int add(struct bh_iomem *out, const struct bh_iomem_entry *e)
{
	struct bh_iomem_entry *grown;

	if (out->count == out->capacity) {
		size_t cap = out->capacity ? out->capacity * 2 : 64;

		grown = realloc(out->list, cap * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		out->list = grown;
		out->capacity = cap;
	}
	out->list[out->count++] = *e;
	return 0;
}

/* One line; returns false on a malformed one (message in errs). */
static bool parse_line(const char *line, size_t len, unsigned int lineno,
		       struct bh_iomem_entry *e, struct bh_config_errors *errs)
{
	char pos[16], *end;
	size_t indent = 0;
	const char *p;

	snprintf(pos, sizeof(pos), "%u", lineno);
	while (indent < len && line[indent] == ' ')
		indent++;
	p = line + indent;
	e->start = strtoull(p, &end, 16);
	if (end == p || *end != '-')
		goto bad;
	p = end + 1;
	e->end = strtoull(p, &end, 16);
	if (end == p || strncmp(end, " : ", 3))
		goto bad;
	if (indent % 2) {
		bh_config_error_add(errs, pos, "iomem", "odd indentation "
				    "(%zu spaces): nesting is 2 per level",
				    indent);
		return false;
	}
	if (e->end < e->start) {
		bh_config_error_add(errs, pos, "iomem", "range ends before it "
				    "starts (0x%llx-0x%llx)",
				    (unsigned long long)e->start,
				    (unsigned long long)e->end);
		return false;
	}
	e->depth = indent / 2;
	end += 3;
	e->name = strndup(end, line + len - end);
	return true;
bad:
	bh_config_error_add(errs, pos, "iomem", "expected \"START-END : NAME\" "
			    "with hexadecimal addresses, got \"%.*s\"",
			    (int)(len > 60 ? 60 : len), line);
	return false;
}

int bh_iomem_parse(const char *text, struct bh_iomem *out,
		   struct bh_config_errors *errs)
{
	struct bh_iomem_entry e;
	unsigned int lineno = 0;
	bool bad = false, nonzero = false;
	const char *nl;
	size_t len;

	memset(out, 0, sizeof(*out));
	for (; *text; text = nl ? nl + 1 : text + len) {
		nl = strchr(text, '\n');
		len = nl ? (size_t)(nl - text) : strlen(text);
		lineno++;
		if (!len)
			continue;
		if (!parse_line(text, len, lineno, &e, errs)) {
			bad = true;
			continue;
		}
		nonzero |= e.end != 0;
		if (!e.name || add(out, &e)) {
			free(e.name);
			bh_iomem_free(out);
			return -ENOMEM;
		}
	}
	if (!bad && out->count && !nonzero) {
		bh_config_error_add(errs, "", "iomem", "every range is 0-0: "
				    "the kernel hides addresses from non-root "
				    "users; read /proc/iomem as root");
		bad = true;
	}
	if (bad)
		bh_iomem_free(out);
	return bad ? -EINVAL : 0;
}

void bh_iomem_free(struct bh_iomem *iomem)
{
	size_t i;

	for (i = 0; i < iomem->count; i++)
		free(iomem->list[i].name);
	free(iomem->list);
	memset(iomem, 0, sizeof(*iomem));
}
