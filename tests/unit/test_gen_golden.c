// SPDX-License-Identifier: GPL-2.0
/*
 * Generator golden tests: the report for each captured machine equals its
 * tests/captures/MACHINE/expected.json (regen.sh writes those; review its
 * diff), the complete configs validate and compile, and the reference
 * machine's config has the numbers of DESIGN.md's memory plan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "gen_test_util.h"

static void golden(const char *machine, bool complete)
{
	struct gen_run r;
	json_t *report, *expected;
	json_error_t jerr;
	char *a, *b;

	gen_load(&r, machine);
	assert_non_null(r.in.iomem);
	gen_run(&r);
	assert_int_equal(r.ret, 0);
	assert_int_equal(r.res.complete, complete);
	report = bh_gen_report_json(&r.res);
	expected = json_load_file(capture_path(machine, "expected.json"), 0,
				  &jerr);
	assert_non_null(expected);
	if (!json_equal(report, expected)) {
		a = json_dumps(report, JSON_INDENT(1) | JSON_SORT_KEYS);
		b = json_dumps(expected, JSON_INDENT(1) | JSON_SORT_KEYS);
		print_error("%s: generated\n%s\nexpected\n%s\n", machine, a, b);
		free(a);
		free(b);
		fail_msg("%s: report differs from expected.json", machine);
	}
	json_decref(report);
	json_decref(expected);
	gen_done(&r);
}

static void test_gicv3(void **state)
{
	(void)state;
	golden("qemu-arm64-gicv3", true);
}

static void test_gicv2(void **state)
{
	(void)state;
	golden("qemu-arm64-gicv2", true);
}

static void test_pci(void **state)
{
	(void)state;
	golden("qemu-arm64-pci", true);
}

static void test_devhost(void **state)
{
	(void)state;
	golden("devhost", false);
}

static void test_x86_q35(void **state)
{
	(void)state;
	golden("qemu-x86-q35", false);
}

static void test_x86_pc(void **state)
{
	(void)state;
	golden("qemu-x86-pc", false);
}

/* What a complete config must be: valid, compilable, round trip exact. */
static void check_usable(const char *machine)
{
	struct bh_config_errors errs;
	struct bh_config back;
	struct gen_run r;
	size_t size;
	void *bin;

	gen_load(&r, machine);
	gen_run(&r);
	assert_true(r.res.complete);
	bh_config_errors_init(&errs);
	assert_int_equal(bh_config_validate(&r.res.cfg, &errs), 0);
	assert_int_equal(bh_config_compile(&r.res.cfg, &bin, &size), 0);
	assert_int_equal(bh_config_from_binary(bin, size, &back, &errs), 0);
	assert_int_equal(back.cell.desc.num_memory_regions,
			 r.res.cfg.cell.desc.num_memory_regions);
	free(bin);
	bh_config_free(&back);
	bh_config_errors_free(&errs);
	gen_done(&r);
}

static void test_usable(void **state)
{
	(void)state;
	check_usable("qemu-arm64-gicv3");
	check_usable("qemu-arm64-gicv2");
	check_usable("qemu-arm64-pci");
}

static const struct bulkhead_memory *region_at(const struct bh_config *cfg,
					       __u64 start)
{
	__u32 i;

	for (i = 0; i < cfg->cell.desc.num_memory_regions; i++)
		if (cfg->cell.memory_regions[i].phys_start == start)
			return &cfg->cell.memory_regions[i];
	return NULL;
}

/* DESIGN.md: -m 1G mem=768M; hypervisor in the top 16 MiB. */
static void test_reference_numbers(void **state)
{
	const struct bulkhead_arm64_platform *g;
	const struct bulkhead_memory *ram;
	struct gen_run r;
	(void)state;

	gen_load(&r, "qemu-arm64-gicv3");
	gen_run(&r);
	assert_int_equal(r.res.cfg.sys.hypervisor_memory.phys_start,
			 0x7f000000);
	assert_int_equal(r.res.cfg.sys.hypervisor_memory.size, 16 << 20);
	ram = region_at(&r.res.cfg, 0x40000000);
	assert_non_null(ram);
	assert_int_equal(ram->size, 0x3f000000);
	g = &r.res.cfg.sys.platform.arch.arm64;
	assert_int_equal(g->gic_version, 3);
	assert_int_equal(g->maintenance_irq, 25);
	assert_int_equal(g->gicd_base, 0x08000000);
	assert_int_equal(g->gicr_base, 0x080a0000);
	assert_int_equal(g->gicr_stride, 0x20000);
	assert_int_equal(r.res.cfg.sys.platform.num_cpus, 4);
	assert_int_equal(r.res.cfg.sys.debug_console.address, 0x09000000);
	assert_int_equal(r.res.cfg.sys.platform.pci_ecam_base, 0x4010000000);
	assert_int_equal(r.res.cfg.cell.desc.num_irqchips, 1);
	assert_int_equal(r.res.cfg.cell.irqchips[0].pin_base, 32);
	/* GICD/GICR are in iomem but emulated: never a root region. */
	assert_null(region_at(&r.res.cfg, 0x08000000));
	assert_null(region_at(&r.res.cfg, 0x080a0000));
	/* The empty 64-bit PCI window is left out, and that is noted. */
	assert_null(region_at(&r.res.cfg, 0x8000000000));
	gen_done(&r);
}

/* GICv2 with 2 CPUs, 2G, mem=1792M: other bases, other hidden RAM. */
static void test_gicv2_numbers(void **state)
{
	const struct bulkhead_arm64_platform *g;
	struct gen_run r;
	(void)state;

	gen_load(&r, "qemu-arm64-gicv2");
	gen_run(&r);
	g = &r.res.cfg.sys.platform.arch.arm64;
	assert_int_equal(g->gic_version, 2);
	assert_int_equal(g->gicc_base, 0x08010000);
	assert_int_equal(g->gich_base, 0x08030000);
	assert_int_equal(g->gicv_base, 0x08040000);
	assert_int_equal(g->gicr_base, 0);
	assert_int_equal(r.res.cfg.sys.platform.num_cpus, 2);
	assert_int_equal(r.res.cfg.sys.hypervisor_memory.phys_start,
			 0xbf000000);
	/* The GICv2m MSI frame is Linux's. */
	assert_non_null(region_at(&r.res.cfg, 0x08020000));
	gen_done(&r);
}

/* A BAR in the 64-bit window makes the generator keep it. */
static void test_pci_numbers(void **state)
{
	struct gen_run r;
	(void)state;

	gen_load(&r, "qemu-arm64-pci");
	gen_run(&r);
	assert_non_null(region_at(&r.res.cfg, 0x8000000000));
	/* Host bridge left out, e1000 and virtio-rng listed. */
	assert_int_equal(r.res.cfg.cell.desc.num_pci_devices, 2);
	assert_int_equal(r.res.cfg.cell.pci_devices[0].bdf, 0x08);
	assert_int_equal(r.res.cfg.cell.pci_devices[1].bdf, 0x10);
	assert_int_equal(r.res.cfg.sys.platform.num_cpus, 3);
	gen_done(&r);
}

static bool has_note(const struct bh_gen_notes *n, const char *what,
		     const char *text)
{
	size_t i;

	for (i = 0; i < n->count; i++)
		if (!strcmp(n->list[i].what, what) &&
		    ((n->list[i].fix && strstr(n->list[i].fix, text)) ||
		     strstr(n->list[i].why, text)))
			return true;
	return false;
}

/* x86: no platform block, and it says why; memory and PCI are found. */
static void test_devhost_says_why(void **state)
{
	struct gen_run r;
	json_t *report;
	(void)state;

	gen_load(&r, "devhost");
	gen_run(&r);
	assert_false(r.res.complete);
	assert_true(has_note(&r.res.notes, "platform", "x86-64"));
	assert_true(has_note(&r.res.notes, "hypervisor_memory", "mem="));
	report = bh_gen_report_json(&r.res);
	assert_true(json_is_null(json_object_get(report, "config")));
	assert_true(json_array_size(json_object_get(json_object_get(report,
		"found"), "pci")) > 0);
	json_decref(report);
	gen_done(&r);
}

/* Linux using all RAM: no hypervisor memory, and the fix is mem=. */
static void test_no_hidden_ram(void **state)
{
	struct gen_run r;
	char *p;
	(void)state;

	gen_load(&r, "qemu-arm64-gicv3");
	p = strstr(r.bufs.iomem, "40000000-6fffffff : System RAM");
	assert_non_null(p);
	memcpy(p, "40000000-7fffffff", 17);
	gen_run(&r);
	assert_int_equal(r.ret, 0);
	assert_false(r.res.complete);
	assert_true(has_note(&r.res.notes, "hypervisor_memory", "mem=768M"));
	gen_done(&r);
}

/* --hypervisor: used as given, hidden RAM around it stays the root's. */
static void test_hypervisor_given(void **state)
{
	struct gen_run r;
	(void)state;

	gen_load(&r, "qemu-arm64-gicv3");
	r.in.have_hypervisor = true;
	r.in.hv_start = 0x78000000;
	r.in.hv_size = 32 << 20;
	gen_run(&r);
	assert_true(r.res.complete);
	assert_int_equal(r.res.cfg.sys.hypervisor_memory.phys_start,
			 0x78000000);
	assert_int_equal(region_at(&r.res.cfg, 0x40000000)->size, 0x38000000);
	assert_int_equal(region_at(&r.res.cfg, 0x7a000000)->size, 0x6000000);
	gen_done(&r);
}

/* A hypervisor region inside Linux's RAM is refused by the validator. */
static void test_hypervisor_in_linux_ram(void **state)
{
	struct gen_run r;
	(void)state;

	gen_load(&r, "qemu-arm64-gicv3");
	r.in.have_hypervisor = true;
	r.in.hv_start = 0x50000000;
	r.in.hv_size = 16 << 20;
	gen_run(&r);
	assert_false(r.res.complete);
	assert_true(has_note(&r.res.notes, "validation",
			     "[hypervisor-memory]"));
	gen_done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gicv3),
		cmocka_unit_test(test_gicv2),
		cmocka_unit_test(test_pci),
		cmocka_unit_test(test_devhost),
		cmocka_unit_test(test_x86_q35),
		cmocka_unit_test(test_x86_pc),
		cmocka_unit_test(test_usable),
		cmocka_unit_test(test_reference_numbers),
		cmocka_unit_test(test_gicv2_numbers),
		cmocka_unit_test(test_pci_numbers),
		cmocka_unit_test(test_devhost_says_why),
		cmocka_unit_test(test_no_hidden_ram),
		cmocka_unit_test(test_hypervisor_given),
		cmocka_unit_test(test_hypervisor_in_linux_ram),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
