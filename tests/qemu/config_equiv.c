// SPDX-License-Identifier: GPL-2.0
/*
 * config_equiv REFERENCE.json GENERATED.json [--allow-extra START+SIZE]...
 *
 * Decides whether a generated system config is equivalent to a reference
 * one, and prints the difference when it is not. Equivalent means: both
 * validate; after each is compiled to the binary and read back, their
 * canonical JSON is identical once
 *   - the root cell's name is taken from the reference, and
 *   - memory regions are sorted and neighbours with identical flags are
 *     merged (the same pages with the same rights: where one region ends
 *     and the next begins does not change the root cell's stage 2), and
 *   - regions of the generated config listed with --allow-extra (exact
 *     start and size) are dropped, so every tolerated difference is named
 *     on the command line of the test.
 * Exit 0 equivalent, 1 not, 2 usage or unreadable input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/config.h>

struct extra {
	unsigned long long start, size;
};

static int load(const char *path, struct bh_config *cfg)
{
	struct bh_config_errors errs;
	struct bh_config tmp;
	char line[1024];
	size_t i, size;
	void *bin;
	int ret = -1;

	bh_config_errors_init(&errs);
	errs.document = path;
	if (!bh_config_parse_file(path, &tmp, &errs)) {
		if (!bh_config_validate(&tmp, &errs) &&
		    !bh_config_compile(&tmp, &bin, &size)) {
			ret = bh_config_from_binary(bin, size, cfg, &errs);
			free(bin);
		}
		bh_config_free(&tmp);
	}
	for (i = 0; i < errs.count; i++) {
		bh_config_error_format(&errs.list[i], line, sizeof(line));
		fprintf(stderr, "config_equiv: %s\n", line);
	}
	bh_config_errors_free(&errs);
	return ret;
}

static int by_start(const void *a, const void *b)
{
	const struct bulkhead_memory *x = a, *y = b;

	return x->phys_start < y->phys_start ? -1 :
	       x->phys_start > y->phys_start;
}

static bool allowed(const struct bulkhead_memory *m, const struct extra *ex,
		    int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (m->phys_start == ex[i].start && m->size == ex[i].size)
			return true;
	return false;
}

static void normalise(struct bh_config *cfg, const char *name,
		      const struct extra *ex, int n_ex)
{
	struct bulkhead_memory *r = cfg->cell.memory_regions;
	__u32 i, n = 0;

	snprintf(cfg->cell.desc.name, sizeof(cfg->cell.desc.name), "%s",
		 name);
	qsort(r, cfg->cell.desc.num_memory_regions, sizeof(*r), by_start);
	for (i = 0; i < cfg->cell.desc.num_memory_regions; i++) {
		if (allowed(&r[i], ex, n_ex)) {
			printf("config_equiv: tolerated extra region "
			       "0x%llx+0x%llx\n",
			       (unsigned long long)r[i].phys_start,
			       (unsigned long long)r[i].size);
			continue;
		}
		if (n && r[n - 1].flags == r[i].flags &&
		    r[n - 1].phys_start + r[n - 1].size == r[i].phys_start) {
			r[n - 1].size += r[i].size;
			continue;
		}
		r[n++] = r[i];
	}
	cfg->cell.desc.num_memory_regions = n;
}

static char *canonical(const struct bh_config *cfg)
{
	json_t *doc = bh_config_to_json(cfg);
	char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	json_decref(doc);
	return text;
}

int main(int argc, char **argv)
{
	struct extra ex[16];
	struct bh_config ref, gen;
	char *a, *b;
	int n_ex = 0, i, same;

	for (i = 3; i + 1 < argc && n_ex < 16; i += 2) {
		if (strcmp(argv[i], "--allow-extra") ||
		    sscanf(argv[i + 1], "%llx+%llx", &ex[n_ex].start,
			   &ex[n_ex].size) != 2)
			break;
		n_ex++;
	}
	if (argc < 3 || i != argc) {
		fprintf(stderr, "usage: config_equiv REFERENCE.json "
			"GENERATED.json [--allow-extra HEXSTART+HEXSIZE]...\n");
		return 2;
	}
	if (load(argv[1], &ref) || load(argv[2], &gen))
		return 2;
	normalise(&ref, ref.cell.desc.name, NULL, 0);
	normalise(&gen, ref.cell.desc.name, ex, n_ex);
	a = canonical(&ref);
	b = canonical(&gen);
	same = a && b && !strcmp(a, b);
	if (!same)
		printf("config_equiv: NOT equivalent\n--- reference "
		       "(normalised)\n%s\n--- generated (normalised)\n%s\n",
		       a, b);
	else
		printf("config_equiv: equivalent\n");
	free(a);
	free(b);
	bh_config_free(&ref);
	bh_config_free(&gen);
	return same ? 0 : 1;
}
