// SPDX-License-Identifier: GPL-2.0
/*
 * Rules across a system config and the cells meant to run on it: a cell
 * may only take what the root cell owns, no CPU, interrupt line or memory
 * goes to two cells, and the hypervisor's memory is in no cell.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"

struct set_check {
	const struct bh_config *sys;
	const struct bh_config *const *cells;
	const char *const *names;
	struct bh_config_errors *errs;
	size_t found;
};

#define REPORT(s, rule, ptr, ...) do {					\
	bh_config_error_add((s)->errs, ptr, rule, __VA_ARGS__);		\
	(s)->found++;							\
} while (0)

static const char *cell_label(const struct set_check *s, size_t i)
{
	return s->names && s->names[i] ? s->names[i] :
	       s->cells[i]->cell.desc.name;
}

/* Is [start, start+size) covered by the union of the cell's regions? */
static bool covered(const struct bh_cell_config *cell, __u64 start, __u64 size)
{
	__u64 pos = start, end = start + size;
	const struct bulkhead_memory *m;
	bool advanced = true;
	__u32 i;

	while (pos < end && advanced) {
		advanced = false;
		for (i = 0; i < cell->desc.num_memory_regions; i++) {
			m = &cell->memory_regions[i];
			if (pos >= m->phys_start &&
			    pos - m->phys_start < m->size) {
				pos = m->phys_start + m->size;
				advanced = true;
			}
		}
	}
	return pos >= end;
}

/* Interrupt lines of a cell as one set. */
static void cell_lines(const struct bh_cell_config *cell,
		       __u64 set[BH_SET_WORDS])
{
	const struct bulkhead_irqchip *chip;
	unsigned int n, line;
	__u32 i;

	memset(set, 0, BH_SET_WORDS * sizeof(*set));
	for (i = 0; i < cell->desc.num_irqchips; i++) {
		chip = &cell->irqchips[i];
		for (n = 0; n < BULKHEAD_IRQCHIP_PINS; n++) {
			line = chip->pin_base + n;
			if ((chip->pin_bitmap[n / 32] >> (n % 32)) & 1 &&
			    line < BH_SET_BITS)
				set[line / 64] |= 1ULL << (line % 64);
		}
	}
}

static void check_header(struct set_check *s, size_t i)
{
	const struct bulkhead_cell_desc *d = &s->cells[i]->cell.desc;
	const struct bulkhead_system *sys = &s->sys->sys;

	if (s->cells[i]->is_system)
		REPORT(s, "type", "/type", "a system config cannot run as a "
		       "cell");
	if (d->arch != sys->arch)
		REPORT(s, "arch", "/arch", "cell architecture %s does not "
		       "match the system's %s", bh_config_arch_name(d->arch),
		       bh_config_arch_name(sys->arch));
	if (d->revision != sys->revision)
		REPORT(s, "revision", "/revision", "cell revision %u does not "
		       "match the system's %u", d->revision, sys->revision);
}

static void check_cpus(struct set_check *s, size_t i)
{
	const struct bulkhead_cell_desc *d = &s->cells[i]->cell.desc;
	const struct bulkhead_cell_desc *root = &s->sys->cell.desc;
	__u32 num_cpus = s->sys->sys.platform.num_cpus;
	unsigned int cpu;
	size_t j;

	for (cpu = 0; cpu < BULKHEAD_MAX_CPUS; cpu++) {
		if (!bulkhead_cell_has_cpu(d, cpu))
			continue;
		if (cpu >= num_cpus)
			REPORT(s, "cpu-range", "/cpus", "CPU %u is beyond the "
			       "machine's %u CPUs", cpu, num_cpus);
		else if (!bulkhead_cell_has_cpu(root, cpu))
			REPORT(s, "not-owned-by-root", "/cpus", "CPU %u is "
			       "not the root cell's to give", cpu);
		for (j = 0; j < i; j++)
			if (bulkhead_cell_has_cpu(&s->cells[j]->cell.desc,
						  cpu))
				REPORT(s, "cpu-conflict", "/cpus", "CPU %u is "
				       "also in cell %s", cpu,
				       cell_label(s, j));
	}
}

static void check_lines(struct set_check *s, size_t i)
{
	__u64 mine[BH_SET_WORDS], root[BH_SET_WORDS], other[BH_SET_WORDS];
	unsigned int line;
	size_t j;

	cell_lines(&s->cells[i]->cell, mine);
	cell_lines(&s->sys->cell, root);
	for (line = 0; line < BH_SET_BITS; line++) {
		if (!bh_set_test(mine, line))
			continue;
		if (!bh_set_test(root, line))
			REPORT(s, "not-owned-by-root", "/irqchips", "interrupt "
			       "line %u is not the root cell's to give", line);
		for (j = 0; j < i; j++) {
			cell_lines(&s->cells[j]->cell, other);
			if (bh_set_test(other, line))
				REPORT(s, "irq-conflict", "/irqchips",
				       "interrupt line %u is also in cell %s",
				       line, cell_label(s, j));
		}
	}
}

static void check_region_vs_cells(struct set_check *s, size_t i, __u32 r,
				  const char *at)
{
	const struct bulkhead_memory *m = &s->cells[i]->cell.memory_regions[r];
	const struct bh_cell_config *other;
	__u32 k;
	size_t j;

	for (j = 0; j < i; j++) {
		other = &s->cells[j]->cell;
		for (k = 0; k < other->desc.num_memory_regions; k++) {
			const struct bulkhead_memory *o =
				&other->memory_regions[k];

			if ((o->flags & BULKHEAD_MEM_COMM_REGION) ||
			    !(m->phys_start < o->phys_start + o->size &&
			      o->phys_start < m->phys_start + m->size))
				continue;
			/* Shared on purpose: both sides say so. */
			if ((m->flags & o->flags) & BULKHEAD_MEM_ROOTSHARED)
				continue;
			REPORT(s, "memory-conflict", at, "0x%llx+0x%llx "
			       "overlaps cell %s's /memory_regions/%u "
			       "(0x%llx+0x%llx); only regions rootshared in "
			       "both cells may", (unsigned long long)
			       m->phys_start, (unsigned long long)m->size,
			       cell_label(s, j), k,
			       (unsigned long long)o->phys_start,
			       (unsigned long long)o->size);
		}
	}
}

static void check_memory(struct set_check *s, size_t i)
{
	const struct bh_cell_config *cell = &s->cells[i]->cell;
	const struct bulkhead_memory *hv = &s->sys->sys.hypervisor_memory;
	const struct bulkhead_memory *m;
	char at[BH_PTR_SIZE];
	__u32 r;

	for (r = 0; r < cell->desc.num_memory_regions; r++) {
		m = &cell->memory_regions[r];
		if (m->flags & BULKHEAD_MEM_COMM_REGION)
			continue;
		bh_ptr(at, "/memory_regions/%u", r);
		if (m->phys_start < hv->phys_start + hv->size &&
		    hv->phys_start < m->phys_start + m->size)
			REPORT(s, "hypervisor-memory", at, "0x%llx+0x%llx "
			       "overlaps the hypervisor memory "
			       "(0x%llx+0x%llx)",
			       (unsigned long long)m->phys_start,
			       (unsigned long long)m->size,
			       (unsigned long long)hv->phys_start,
			       (unsigned long long)hv->size);
		else if (!covered(&s->sys->cell, m->phys_start, m->size))
			REPORT(s, "not-owned-by-root", at, "0x%llx+0x%llx is "
			       "not (entirely) in the root cell's memory "
			       "regions", (unsigned long long)m->phys_start,
			       (unsigned long long)m->size);
		check_region_vs_cells(s, i, r, at);
	}
}

size_t bh_config_validate_set(const struct bh_config *system,
			      const struct bh_config *const *cells,
			      const char *const *names, size_t count,
			      struct bh_config_errors *errs)
{
	struct set_check s = {
		.sys = system, .cells = cells, .names = names, .errs = errs,
	};
	const char *saved = errs->document;
	size_t i;

	if (!system->is_system) {
		REPORT(&s, "type", "/type", "expected a system config");
		return s.found;
	}
	s.found += bh_config_validate(system, errs);
	for (i = 0; i < count; i++) {
		errs->document = names ? names[i] : NULL;
		s.found += bh_config_validate(cells[i], errs);
		check_header(&s, i);
		check_cpus(&s, i);
		check_lines(&s, i);
		check_memory(&s, i);
	}
	errs->document = saved;
	return s.found;
}
