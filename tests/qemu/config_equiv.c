// SPDX-License-Identifier: GPL-2.0
/*
 * config_equiv REFERENCE.json GENERATED.json [--no-ivshmem]
 *              [--allow-extra START+SIZE]...
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
 *     on the command line of the test, and
 *   - with --no-ivshmem, the reference's ivshmem links are left out: they
 *     are written by hand (which cells talk, through which memory), no
 *     generator input describes them. Their devices, shared regions and
 *     the virtual PCI settings (vpci_ecam_base, vpci_irq_base) leave the
 *     reference, and the shared regions' ranges are cut out of the
 *     generated regions (the RAM they were carved from).
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
		if (!r[i].size)
			continue;
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

#define MAX_CARVE	64

/* Drop the ivshmem links of cfg; their shared ranges go to carve[]. */
static int take_ivshmem(struct bh_config *cfg, struct extra *carve)
{
	struct bh_cell_config *cell = &cfg->cell;
	struct bulkhead_memory *r = cell->memory_regions;
	bool *drop = calloc(cell->desc.num_memory_regions + 1, sizeof(*drop));
	__u32 i, k, n = 0, first, count;
	int n_carve = 0;

	for (i = 0; drop && i < cell->desc.num_pci_devices; i++) {
		if (cell->pci_devices[i].type != BULKHEAD_PCI_TYPE_IVSHMEM)
			continue;
		first = cell->pci_devices[i].shmem_regions_start;
		count = 2U + cell->pci_devices[i].shmem_peers;
		for (k = first; k < first + count &&
		     k < cell->desc.num_memory_regions; k++)
			drop[k] = true;
	}
	for (i = 0; drop && i < cell->desc.num_memory_regions; i++) {
		if (!drop[i]) {
			r[n++] = r[i];
			continue;
		}
		if (n_carve < MAX_CARVE) {
			carve[n_carve].start = r[i].phys_start;
			carve[n_carve++].size = r[i].size;
		}
	}
	free(drop);
	cell->desc.num_memory_regions = n;
	for (i = 0, n = 0; i < cell->desc.num_pci_devices; i++)
		if (cell->pci_devices[i].type != BULKHEAD_PCI_TYPE_IVSHMEM)
			cell->pci_devices[n++] = cell->pci_devices[i];
	cell->desc.num_pci_devices = n;
	cell->desc.vpci_irq_base = 0;
	cfg->sys.platform.vpci_ecam_base = 0;
	return n_carve;
}

/* Cut [c.start, c.start + c.size) out of every region of cfg. */
static void carve_out(struct bh_config *cfg, const struct extra *c)
{
	struct bh_cell_config *cell = &cfg->cell;
	struct bulkhead_memory *r, *grown;
	__u64 end = c->start + c->size, r_end;
	__u32 i;

	for (i = 0; i < cell->desc.num_memory_regions; i++) {
		r = &cell->memory_regions[i];
		r_end = r->phys_start + r->size;
		if (end <= r->phys_start || c->start >= r_end)
			continue;
		if (c->start > r->phys_start && end < r_end) {
			/* Split: the part after the cut is a new region. */
			grown = realloc(cell->memory_regions,
					(cell->desc.num_memory_regions + 1) *
					sizeof(*grown));
			if (!grown)
				return;
			cell->memory_regions = grown;
			r = &grown[i];
			grown[cell->desc.num_memory_regions] = *r;
			grown[cell->desc.num_memory_regions].phys_start = end;
			grown[cell->desc.num_memory_regions].virt_start =
				r->virt_start + (end - r->phys_start);
			grown[cell->desc.num_memory_regions].size = r_end - end;
			cell->desc.num_memory_regions++;
			r->size = c->start - r->phys_start;
		} else if (c->start > r->phys_start) {
			r->size = c->start - r->phys_start;
		} else if (end < r_end) {
			r->virt_start += end - r->phys_start;
			r->size = r_end - end;
			r->phys_start = end;
		} else {
			r->size = 0;	/* dropped by normalise() */
		}
	}
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
	struct extra ex[16], carve[MAX_CARVE];
	struct bh_config ref, gen;
	bool no_ivshmem = false;
	char *a, *b;
	int n_ex = 0, n_carve = 0, i, same;

	i = 3;
	if (i < argc && !strcmp(argv[i], "--no-ivshmem")) {
		no_ivshmem = true;
		i++;
	}
	for (; i + 1 < argc && n_ex < 16; i += 2) {
		if (strcmp(argv[i], "--allow-extra") ||
		    sscanf(argv[i + 1], "%llx+%llx", &ex[n_ex].start,
			   &ex[n_ex].size) != 2)
			break;
		n_ex++;
	}
	if (argc < 3 || i != argc) {
		fprintf(stderr, "usage: config_equiv REFERENCE.json "
			"GENERATED.json [--no-ivshmem] "
			"[--allow-extra HEXSTART+HEXSIZE]...\n");
		return 2;
	}
	if (load(argv[1], &ref) || load(argv[2], &gen))
		return 2;
	if (no_ivshmem) {
		n_carve = take_ivshmem(&ref, carve);
		for (i = 0; i < n_carve; i++) {
			printf("config_equiv: ivshmem region 0x%llx+0x%llx "
			       "left out\n", carve[i].start, carve[i].size);
			carve_out(&gen, &carve[i]);
		}
	}
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
