// SPDX-License-Identifier: GPL-2.0
/*
 * The generator's input readers: each form they accept, and bad input
 * answered with the line, what and why.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "gen_test_util.h"

static void expect_error(struct bh_config_errors *errs, const char *pointer,
			 const char *rule, const char *text)
{
	assert_int_equal(errs->count, 1);
	assert_string_equal(errs->list[0].pointer, pointer);
	assert_string_equal(errs->list[0].rule, rule);
	if (!strstr(errs->list[0].message, text))
		fail_msg("message \"%s\" lacks \"%s\"",
			 errs->list[0].message, text);
}

static void test_iomem_nesting(void **state)
{
	struct bh_config_errors errs;
	struct bh_iomem io;
	(void)state;

	bh_config_errors_init(&errs);
	assert_int_equal(bh_iomem_parse("40000000-6fffffff : System RAM\n"
		"  40210000-4185ffff : Kernel code\n"
		"4010000000-401fffffff : PCI ECAM 0000 [bus 00-ff]\n",
		&io, &errs), 0);
	assert_int_equal(io.count, 3);
	assert_int_equal(io.list[1].depth, 1);
	assert_int_equal(io.list[2].start, 0x4010000000);
	assert_string_equal(io.list[2].name, "PCI ECAM 0000 [bus 00-ff]");
	bh_iomem_free(&io);
	bh_config_errors_free(&errs);
}

static void test_iomem_bad_line(void **state)
{
	struct bh_config_errors errs;
	struct bh_iomem io;
	(void)state;

	bh_config_errors_init(&errs);
	assert_int_equal(bh_iomem_parse("40000000-6fffffff : System RAM\n"
		"4000zz00-6fffffff : bad\n", &io, &errs), -EINVAL);
	expect_error(&errs, "2", "iomem", "START-END : NAME");
	bh_config_errors_free(&errs);

	bh_config_errors_init(&errs);
	assert_int_equal(bh_iomem_parse("6fffffff-40000000 : x\n", &io,
					&errs), -EINVAL);
	expect_error(&errs, "1", "iomem", "ends before it starts");
	bh_config_errors_free(&errs);

	bh_config_errors_init(&errs);
	assert_int_equal(bh_iomem_parse("00000000-00000000 : System RAM\n"
		"00000000-00000000 : PCI\n", &io, &errs), -EINVAL);
	expect_error(&errs, "", "iomem", "as root");
	bh_config_errors_free(&errs);
}

static void test_cpuinfo(void **state)
{
	struct bh_config_errors errs;
	struct bh_cpuinfo ci;
	char *text;
	(void)state;

	bh_config_errors_init(&errs);
	text = capture("qemu-arm64-gicv3", "cpuinfo", NULL);
	assert_int_equal(bh_cpuinfo_parse(text, &ci, &errs), 0);
	assert_int_equal(ci.num_cpus, 4);
	assert_int_equal(ci.arch, BULKHEAD_ARCH_ARM64);
	free(text);
	text = capture("devhost", "cpuinfo", NULL);
	assert_int_equal(bh_cpuinfo_parse(text, &ci, &errs), 0);
	assert_int_equal(ci.arch, BULKHEAD_ARCH_X86_64);
	free(text);
	assert_int_equal(bh_cpuinfo_parse("processor : 0\nprocessor : 2\n",
					  &ci, &errs), -EINVAL);
	expect_error(&errs, "2", "cpuinfo", "processor : 1");
	bh_config_errors_free(&errs);
	bh_config_errors_init(&errs);
	assert_int_equal(bh_cpuinfo_parse("hello\n", &ci, &errs), -EINVAL);
	expect_error(&errs, "", "cpuinfo", "not /proc/cpuinfo");
	bh_config_errors_free(&errs);
}

static void parse_lspci_file(const char *machine, const char *file,
			     struct bh_pci_list *pci)
{
	struct bh_config_errors errs;
	char *text = capture(machine, file, NULL);

	assert_non_null(text);
	bh_config_errors_init(&errs);
	assert_int_equal(bh_lspci_parse(text, pci, &errs), 0);
	assert_int_equal(errs.count, 0);
	bh_config_errors_free(&errs);
	free(text);
}

static void same_functions(const struct bh_pci_list *a,
			   const struct bh_pci_list *b)
{
	size_t i;

	assert_int_equal(a->count, b->count);
	for (i = 0; i < a->count; i++) {
		assert_int_equal(a->list[i].bdf, b->list[i].bdf);
		assert_int_equal(a->list[i].class_code, b->list[i].class_code);
		assert_int_equal(a->list[i].vendor, b->list[i].vendor);
		assert_int_equal(a->list[i].device, b->list[i].device);
	}
}

/* Every capture form gives the same functions, classes and IDs. */
static void test_lspci_forms_agree(void **state)
{
	static const char *const machines[] = {
		"devhost", "qemu-arm64-pci", "qemu-x86-q35", "qemu-x86-pc" };
	static const char *const forms[][2] = {
		{ "lspci-nn.txt", "lspci-vmmnnk.txt" },
		{ "lspci-nn.txt", "lspci-vmmnn.txt" },
		{ "lspci-nn.txt", "lspci-vmmnn.txt" },
		{ "lspci-nn.txt", "lspci-vmmnn.txt" },
	};
	struct bh_pci_list ref, other;
	size_t m;
	(void)state;

	for (m = 0; m < 4; m++) {
		parse_lspci_file(machines[m], "lspci-vvvnn.txt", &ref);
		assert_true(ref.count >= 3);
		parse_lspci_file(machines[m], forms[m][0], &other);
		same_functions(&ref, &other);
		bh_pci_list_free(&other);
		parse_lspci_file(machines[m], forms[m][1], &other);
		same_functions(&ref, &other);
		bh_pci_list_free(&other);
		parse_lspci_file(machines[m], "lspci-xxx.txt", &other);
		same_functions(&ref, &other);
		bh_pci_list_free(&other);
		bh_pci_list_free(&ref);
	}
}

/* BARs: from -vvv "Region" lines, from the -xxx dump, from sysfs. */
static void test_pci_bars(void **state)
{
	struct bh_config_errors errs;
	struct bh_pci_list vvv, xxx, sys;
	(void)state;

	parse_lspci_file("qemu-arm64-pci", "lspci-vvvnn.txt", &vvv);
	parse_lspci_file("qemu-arm64-pci", "lspci-xxx.txt", &xxx);
	bh_config_errors_init(&errs);
	assert_int_equal(bh_sysfs_pci_read(capture_path("qemu-arm64-pci",
				"sysfs-pci"), &sys, &errs), 0);
	same_functions(&vvv, &sys);
	/* e1000: BAR0 memory at 0x10000000 (128K), BAR1 I/O */
	assert_true(vvv.list[1].bars[0].present);
	assert_int_equal(vvv.list[1].bars[0].address, 0x10000000);
	assert_true(vvv.list[1].bars[1].io);
	assert_int_equal(xxx.list[1].bars[0].address, 0x10000000);
	assert_int_equal(sys.list[1].bars[0].address, 0x10000000);
	assert_int_equal(sys.list[1].bars[0].size, 0x20000);
	/* virtio-rng: 64-bit prefetchable BAR4 at 0x8000000000 */
	assert_int_equal(vvv.list[2].bars[4].address, 0x8000000000);
	assert_int_equal(xxx.list[2].bars[4].address, 0x8000000000);
	assert_int_equal(sys.list[2].bars[4].address, 0x8000000000);
	assert_false(vvv.list[2].bars[5].present);	/* <unassigned> */
	bh_pci_list_free(&vvv);
	bh_pci_list_free(&xxx);
	bh_pci_list_free(&sys);
	bh_config_errors_free(&errs);
}

/* sysfs (the live path) and lspci agree on every captured QEMU machine. */
static void test_sysfs_agrees(void **state)
{
	static const char *const machines[] = {
		"qemu-arm64-gicv3", "qemu-arm64-pci", "qemu-x86-q35",
		"qemu-x86-pc" };
	struct bh_config_errors errs;
	struct bh_pci_list vvv, sys;
	size_t m;
	(void)state;

	for (m = 0; m < 4; m++) {
		parse_lspci_file(machines[m], "lspci-vvvnn.txt", &vvv);
		bh_config_errors_init(&errs);
		assert_int_equal(bh_sysfs_pci_read(capture_path(machines[m],
					"sysfs-pci"), &sys, &errs), 0);
		same_functions(&vvv, &sys);
		bh_pci_list_free(&vvv);
		bh_pci_list_free(&sys);
		bh_config_errors_free(&errs);
	}
}

static void test_lspci_errors(void **state)
{
	struct bh_config_errors errs;
	struct bh_pci_list pci;
	(void)state;

	bh_config_errors_init(&errs);
	assert_int_equal(bh_lspci_parse("00:01.0 Ethernet controller [0200]: "
		"X [8086:100e]\nthis is not lspci\n", &pci, &errs), -EINVAL);
	expect_error(&errs, "2", "lspci", "not a form of lspci");
	bh_config_errors_free(&errs);

	bh_config_errors_init(&errs);
	assert_int_equal(bh_lspci_parse("00: 86 80 0e 10\n", &pci, &errs),
			 -EINVAL);
	expect_error(&errs, "1", "lspci", "before any function");
	bh_config_errors_free(&errs);

	bh_config_errors_init(&errs);
	assert_int_equal(bh_lspci_parse("Slot:\t00:1z.0\n", &pci, &errs),
			 -EINVAL);
	expect_error(&errs, "1", "lspci", "Slot: expected");
	bh_config_errors_free(&errs);
}

static void test_fdt_errors(void **state)
{
	struct bh_config_errors errs;
	struct bh_gen_notes notes = { 0 };
	struct bh_fdt_info *info = calloc(1, sizeof(*info));
	char *dts = capture("qemu-arm64-gicv3", "fdt.dts", NULL);
	size_t len;
	void *dtb = capture("qemu-arm64-gicv3", "fdt.dtb", &len);
	(void)state;

	bh_config_errors_init(&errs);
	assert_int_equal(bh_fdt_parse(dts, strlen(dts), info, &notes, &errs),
			 -EINVAL);
	expect_error(&errs, "", "fdt", "dtc -I dts -O dtb");
	bh_config_errors_free(&errs);
	bh_config_errors_init(&errs);
	assert_int_equal(bh_fdt_parse(dtb, len / 2, info, &notes, &errs),
			 -EINVAL);
	expect_error(&errs, "", "fdt", "not a usable .dtb");
	bh_config_errors_free(&errs);
	free(dts);
	free(dtb);
	free(info);
	bh_gen_notes_free(&notes);
}

/* A DT without a GIC: no config, and the note says what is missing. */
static void test_fdt_without_gic(void **state)
{
	struct bh_config_errors errs;
	struct bh_gen_input in = { 0 };
	struct bh_gen_result res;
	char blob[1024];
	size_t i;
	bool noted = false;
	(void)state;

	assert_int_equal(fdt_create_empty_tree(blob, sizeof(blob)), 0);
	in.fdt = blob;
	in.fdt_size = sizeof(blob);
	in.iomem = "40000000-6fffffff : System RAM\n";
	in.cpuinfo = "processor : 0\nCPU architecture: 8\n";
	bh_config_errors_init(&errs);
	assert_int_equal(bh_generate(&in, &res, &errs), 0);
	assert_false(res.complete);
	for (i = 0; i < res.notes.count; i++)
		noted |= strstr(res.notes.list[i].why, "no GICv2 or GICv3") !=
			 NULL;
	assert_true(noted);
	bh_gen_result_free(&res);
	bh_config_errors_free(&errs);
}

static void set_cells(void *fdt, int node, const char *name,
		      const uint32_t *v, int n)
{
	fdt32_t be[8];
	int i;

	for (i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(v[i]);
	assert_int_equal(fdt_setprop(fdt, node, name, be, n * 4), 0);
}

/* A GICv3 DT with one device; spi is its SPI number (INTID - 32). */
static void gic_tree(void *fdt, size_t size, uint32_t spi)
{
	static const uint32_t gic_reg[] = { 0x08000000, 0x10000,
					    0x080a0000, 0xf60000 };
	static const uint32_t mnt[] = { 1, 9, 4 };
	static const uint32_t uart_reg[] = { 0x09000000, 0x1000 };
	uint32_t irq[] = { 0, spi, 4 };
	int gic, dev;

	assert_int_equal(fdt_create_empty_tree(fdt, size), 0);
	set_cells(fdt, 0, "#address-cells", (uint32_t[]){ 1 }, 1);
	set_cells(fdt, 0, "#size-cells", (uint32_t[]){ 1 }, 1);
	gic = fdt_add_subnode(fdt, 0, "intc@8000000");
	assert_true(gic >= 0);
	assert_int_equal(fdt_setprop_string(fdt, gic, "compatible",
					    "arm,gic-v3"), 0);
	set_cells(fdt, gic, "reg", gic_reg, 4);
	set_cells(fdt, gic, "interrupts", mnt, 3);
	dev = fdt_add_subnode(fdt, 0, "pl011@9000000");
	assert_true(dev >= 0);
	assert_int_equal(fdt_setprop_string(fdt, dev, "compatible",
					    "arm,pl011"), 0);
	set_cells(fdt, dev, "reg", uart_reg, 2);
	set_cells(fdt, dev, "interrupts", irq, 3);
}

static void generate_tree(void *fdt, struct bh_gen_result *res)
{
	struct bh_config_errors errs;
	struct bh_gen_input in = { 0 };

	in.fdt = fdt;
	in.fdt_size = fdt_totalsize(fdt);
	in.cpuinfo = "processor : 0\nCPU architecture: 8\n";
	in.iomem = "40000000-6fffffff : System RAM\n";
	bh_config_errors_init(&errs);
	assert_int_equal(bh_generate(&in, res, &errs), 0);
	bh_config_errors_free(&errs);
}

/* SPIs up to INTID 1019 fit the format (last entry at 896 at most). */
static void test_fdt_high_spi(void **state)
{
	struct bh_gen_result res;
	char fdt[4096];
	const struct bulkhead_irqchip *last;
	(void)state;

	gic_tree(fdt, sizeof(fdt), 987);		/* INTID 1019 */
	generate_tree(fdt, &res);
	assert_int_equal(res.cfg.cell.desc.num_irqchips, 8);
	last = &res.cfg.cell.irqchips[7];
	assert_int_equal(last->pin_base, 896);
	assert_int_equal(last->pin_bitmap[0], 0);
	assert_int_equal(last->pin_bitmap[3], 0xffffffff);
	bh_gen_result_free(&res);

	gic_tree(fdt, sizeof(fdt), 5000);		/* no such SPI */
	generate_tree(fdt, &res);
	assert_int_equal(res.cfg.cell.desc.num_irqchips, 1);
	bh_gen_result_free(&res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iomem_nesting),
		cmocka_unit_test(test_iomem_bad_line),
		cmocka_unit_test(test_cpuinfo),
		cmocka_unit_test(test_lspci_forms_agree),
		cmocka_unit_test(test_pci_bars),
		cmocka_unit_test(test_sysfs_agrees),
		cmocka_unit_test(test_lspci_errors),
		cmocka_unit_test(test_fdt_errors),
		cmocka_unit_test(test_fdt_without_gic),
		cmocka_unit_test(test_fdt_high_spi),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
