// SPDX-License-Identifier: GPL-2.0
/*
 * One test per config rule: start from the shipped (valid) configs, break
 * one thing, and check the finding's JSON Pointer, rule and values. The
 * unbroken configs must pass, alone and as a set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "config_test_util.h"

struct docs {
	json_t *sys, *demo, *demo2;
	struct bh_config_errors errs;
};

static int setup(void **state)
{
	struct docs *d = calloc(1, sizeof(*d));

	d->sys = load_shipped("qemu-arm64");
	d->demo = load_shipped("qemu-arm64-demo");
	d->demo2 = load_shipped("qemu-arm64-demo2");
	bh_config_errors_init(&d->errs);
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	struct docs *d = *state;

	json_decref(d->sys);
	json_decref(d->demo);
	json_decref(d->demo2);
	bh_config_errors_free(&d->errs);
	free(d);
	return 0;
}

/* Parse and, when that worked, validate one document. */
static struct bh_config_errors *single(struct docs *d, json_t *doc)
{
	struct bh_config cfg;

	if (!bh_config_from_json(doc, &cfg, &d->errs)) {
		bh_config_validate(&cfg, &d->errs);
		bh_config_free(&cfg);
	}
	return &d->errs;
}

/* The system config with both demo cells. */
static struct bh_config_errors *set(struct docs *d)
{
	static const char *const names[] = { "demo", "demo2" };
	struct bh_config sys, cells[2];
	const struct bh_config *ptrs[2] = { &cells[0], &cells[1] };

	assert_int_equal(bh_config_from_json(d->sys, &sys, &d->errs), 0);
	assert_int_equal(bh_config_from_json(d->demo, &cells[0], &d->errs), 0);
	assert_int_equal(bh_config_from_json(d->demo2, &cells[1], &d->errs),
			 0);
	bh_config_validate_set(&sys, ptrs, names, 2, &d->errs);
	bh_config_free(&sys);
	bh_config_free(&cells[0]);
	bh_config_free(&cells[1]);
	return &d->errs;
}

static json_t *region(json_t *cell, size_t i)
{
	return json_array_get(json_object_get(cell, "memory_regions"), i);
}

static json_t *root(struct docs *d)
{
	return json_object_get(d->sys, "root_cell");
}

static void set_str(json_t *obj, const char *key, const char *value)
{
	assert_int_equal(json_object_set_new(obj, key, json_string(value)),
			 0);
}

static void set_json(json_t *obj, const char *key, const char *text)
{
	json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);

	assert_non_null(v);
	assert_int_equal(json_object_set_new(obj, key, v), 0);
}

static void add_region(json_t *cell, const char *text)
{
	json_t *v = json_loads(text, 0, NULL);

	assert_non_null(v);
	json_array_append_new(json_object_get(cell, "memory_regions"), v);
}

#define EXPECT(errs, doc, ptr, rule, text) \
	assert_true(has_error(errs, doc, ptr, rule, text))

static void test_valid_configs_pass(void **state)
{
	struct docs *d = *state;

	single(d, d->sys);
	single(d, d->demo);
	single(d, d->demo2);
	set(d);
	if (d->errs.count)
		print_errors(&d->errs);
	assert_int_equal(d->errs.count, 0);
}

static void test_syntax(void **state)
{
	struct docs *d = *state;
	struct bh_config cfg;

	assert_int_not_equal(bh_config_parse_text("{\"a\":", 5, &cfg,
						  &d->errs), 0);
	EXPECT(&d->errs, NULL, "", "syntax", "line 1");
}

static void test_unknown_field(void **state)
{
	struct docs *d = *state;

	set_str(d->demo, "colour", "red");
	set_str(region(d->demo, 1), "cache", "off");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "", "unknown-field", "\"colour\"");
	EXPECT(&d->errs, NULL, "/memory_regions/1", "unknown-field",
	       "\"cache\"");
}

static void test_required(void **state)
{
	struct docs *d = *state;

	json_object_del(d->demo, "cpus");
	json_object_del(region(d->demo, 0), "size");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "", "required", "\"cpus\"");
	EXPECT(&d->errs, NULL, "/memory_regions/0", "required", "\"size\"");
}

static void test_bad_value(void **state)
{
	struct docs *d = *state;

	set_str(region(d->demo, 0), "size", "12Q");
	set_json(region(d->demo, 1), "flags", "[\"read\", \"fly\"]");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/memory_regions/0/size", "type", "\"12Q\"");
	EXPECT(&d->errs, NULL, "/memory_regions/1/flags/1", "type",
	       "\"fly\"");
}

static void test_revision(void **state)
{
	struct docs *d = *state;

	set_json(d->demo, "revision", "2");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/revision", "revision", "revision 2");
}

static void test_arch_unknown(void **state)
{
	struct docs *d = *state;

	set_str(d->demo, "arch", "riscv64");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/arch", "type", "\"riscv64\"");
}

static void test_arch_mismatch(void **state)
{
	struct docs *d = *state;

	set_str(d->demo2, "arch", "x86_64");
	set(d);
	EXPECT(&d->errs, "demo2", "/arch", "arch",
	       "x86_64 does not match the system's arm64");
}

static void test_name(void **state)
{
	struct docs *d = *state;

	set_str(d->demo, "name", "bad name");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/name", "name", "' ' in \"bad name\"");
}

static void test_alignment(void **state)
{
	struct docs *d = *state;

	set_str(region(d->demo, 0), "size", "0x1800");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/memory_regions/0", "alignment",
	       "0x70000000->0x0+0x1800 is not aligned");
}

static void test_size_zero(void **state)
{
	struct docs *d = *state;

	set_str(region(d->demo, 0), "size", "0");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/memory_regions/0", "size", "size is 0");
}

static void test_overlap(void **state)
{
	struct docs *d = *state;

	add_region(d->demo, "{\"phys_start\": \"0x700f0000\", \"virt_start\":"
		   " \"0x200000\", \"size\": \"4K\", \"flags\": [\"read\"]}");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/memory_regions/7", "overlap",
	       "overlaps /memory_regions/0 (0x700f0000+0x1000 vs "
	       "0x70000000+0x100000)");
}

static void test_guest_overlap(void **state)
{
	struct docs *d = *state;

	add_region(d->demo, "{\"phys_start\": \"0x70200000\", \"virt_start\":"
		   " \"0x80000\", \"size\": \"4K\", \"flags\": [\"read\"]}");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/memory_regions/7", "overlap",
	       "guest range overlaps /memory_regions/0 (0x80000+0x1000 vs "
	       "0x0+0x100000)");
}

static void test_no_cpus(void **state)
{
	struct docs *d = *state;

	set_json(d->demo, "cpus", "[]");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/cpus", "cpus", "at least one CPU");
}

static void test_cpu_range(void **state)
{
	struct docs *d = *state;

	set_json(root(d), "cpus", "[\"0-4\"]");
	set_json(d->demo, "cpus", "[5]");
	set(d);
	EXPECT(&d->errs, NULL, "/root_cell/cpus", "cpu-range",
	       "CPU 4 is beyond the machine's 4 CPUs");
	EXPECT(&d->errs, "demo", "/cpus", "cpu-range", "CPU 5 is beyond");
}

static void test_cpu_conflict(void **state)
{
	struct docs *d = *state;

	set_json(d->demo2, "cpus", "[3]");
	set(d);
	EXPECT(&d->errs, "demo2", "/cpus", "cpu-conflict",
	       "CPU 3 is also in cell demo");
}

static void test_cpu_not_owned(void **state)
{
	struct docs *d = *state;

	set_json(root(d), "cpus", "[\"0-2\"]");
	set(d);
	EXPECT(&d->errs, "demo", "/cpus", "not-owned-by-root",
	       "CPU 3 is not the root cell's");
}

static void test_irq_conflict(void **state)
{
	struct docs *d = *state;
	static const char chip[] = "[{\"address\": \"0x08000000\", "
				   "\"pin_base\": 32, \"pins\": [40]}]";

	set_json(d->demo, "irqchips", chip);
	set_json(d->demo2, "irqchips", chip);
	set(d);
	EXPECT(&d->errs, "demo2", "/irqchips", "irq-conflict",
	       "line 40 is also in cell demo");
}

static void test_irq_not_owned(void **state)
{
	struct docs *d = *state;

	set_json(json_array_get(json_object_get(root(d), "irqchips"), 0),
		 "pins", "[\"32-39\"]");
	set_json(d->demo, "irqchips", "[{\"address\": \"0x08000000\", "
		 "\"pin_base\": 32, \"pins\": [40]}]");
	set(d);
	EXPECT(&d->errs, "demo", "/irqchips", "not-owned-by-root",
	       "line 40 is not the root cell's");
}

static void test_irq_pins_range(void **state)
{
	struct docs *d = *state;

	set_json(d->demo, "irqchips", "[{\"address\": \"0x08000000\", "
		 "\"pin_base\": 32, \"pins\": [200]}]");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/irqchips/0/pins", "range",
	       "line 200 is outside this entry's lines 32-159");
}

static void test_irqchip_rules(void **state)
{
	struct docs *d = *state;
	json_t *chip = json_array_get(json_object_get(root(d), "irqchips"), 0);

	set_json(chip, "pin_base", "16");
	set_json(chip, "pins", "[20]");
	set_str(chip, "address", "0x08010000");
	single(d, d->sys);
	EXPECT(&d->errs, NULL, "/root_cell/irqchips/0/pin_base", "irqchip",
	       "pin_base 16");
	EXPECT(&d->errs, NULL, "/root_cell/irqchips/0/address", "irqchip",
	       "0x8010000 is not the distributor");
}

static void test_memory_not_owned(void **state)
{
	struct docs *d = *state;

	set_str(region(d->demo, 0), "phys_start", "0x80000000");
	set(d);
	EXPECT(&d->errs, "demo", "/memory_regions/0", "not-owned-by-root",
	       "0x80000000+0x100000 is not");
}

static void test_memory_conflict(void **state)
{
	struct docs *d = *state;

	set_str(region(d->demo2, 0), "phys_start", "0x70080000");
	set(d);
	EXPECT(&d->errs, "demo2", "/memory_regions/0", "memory-conflict",
	       "0x70080000+0x100000 overlaps cell demo's /memory_regions/0 "
	       "(0x70000000+0x100000)");
}

static void test_hypervisor_memory_in_cell(void **state)
{
	struct docs *d = *state;

	set_str(region(d->demo, 0), "phys_start", "0x7f800000");
	set(d);
	EXPECT(&d->errs, "demo", "/memory_regions/0", "hypervisor-memory",
	       "0x7f800000+0x100000 overlaps the hypervisor memory "
	       "(0x7f000000+0x1000000)");
}

static void test_hypervisor_memory_in_root(void **state)
{
	struct docs *d = *state;

	set_str(region(root(d), 0), "size", "1G");
	single(d, d->sys);
	EXPECT(&d->errs, NULL, "/root_cell/memory_regions/0",
	       "hypervisor-memory", "0x40000000+0x40000000 overlaps");
}

static void test_comm_region(void **state)
{
	struct docs *d = *state;

	set_str(region(d->demo, 2), "size", "8K");
	add_region(d->demo, "{\"phys_start\": 0, \"virt_start\": "
		   "\"0x90000000\", \"size\": \"4K\", "
		   "\"flags\": [\"read\", \"write\", \"comm_region\"]}");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/memory_regions/2", "comm-region",
	       "one 4K page (size 0x2000)");
	EXPECT(&d->errs, NULL, "/memory_regions/7", "comm-region",
	       "at most one");
}

static void test_comm_region_in_root(void **state)
{
	struct docs *d = *state;

	/*
	 * Above everything the reference root cell has, so it overlaps none;
	 * it comes after the root's 17 regions (configs/qemu-arm64.json).
	 */
	add_region(root(d), "{\"phys_start\": \"0x8000000000\", "
		   "\"size\": \"4K\", "
		   "\"flags\": [\"read\", \"write\", \"comm_region\"]}");
	single(d, d->sys);
	EXPECT(&d->errs, NULL, "/root_cell/memory_regions/17", "comm-region",
	       "the root cell has no comm region");
}

static void test_root_identity(void **state)
{
	struct docs *d = *state;

	set_str(region(root(d), 2), "virt_start", "0x1000");
	single(d, d->sys);
	EXPECT(&d->errs, NULL, "/root_cell/memory_regions/2", "identity",
	       "virt_start 0x1000 differs from phys_start 0x9000000");
}

static void test_console_outside(void **state)
{
	struct docs *d = *state;

	set_str(json_object_get(d->demo, "console"), "address", "0x09010000");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/console", "console",
	       "0x9010000+0x1000 is not inside");
}

static void test_platform(void **state)
{
	struct docs *d = *state;
	json_t *plat = json_object_get(d->sys, "platform");

	set_json(json_object_get(plat, "arm64"), "gic_version", "4");
	set_json(json_object_get(plat, "arm64"), "maintenance_irq", "33");
	set_str(json_object_get(plat, "pci"), "ecam_size", "128M");
	single(d, d->sys);
	EXPECT(&d->errs, NULL, "/platform/arm64/gic_version", "platform",
	       "GIC version 4");
	EXPECT(&d->errs, NULL, "/platform/arm64/maintenance_irq", "platform",
	       "INTID 33 is not a PPI");
	EXPECT(&d->errs, NULL, "/platform/pci/ecam_size", "platform",
	       "0x8000000 does not match buses 0-255");
}

static json_t *pci(json_t *cell, size_t i)
{
	return json_array_get(json_object_get(cell, "pci_devices"), i);
}

/* Demo cell: regions 3..6 are state table, rw, root's and own output. */
static void test_ivshmem_rights(void **state)
{
	struct docs *d = *state;

	set_json(region(d->demo, 3), "flags", "[\"read\", \"write\", "
		 "\"rootshared\"]");
	set_json(region(d->demo, 5), "flags", "[\"read\", \"write\", "
		 "\"rootshared\"]");
	set_json(region(d->demo, 4), "flags", "[\"read\", \"write\"]");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/memory_regions/3", "ivshmem",
	       "the state table of /pci_devices/0 must not be writable");
	EXPECT(&d->errs, NULL, "/memory_regions/5", "ivshmem",
	       "another peer's output section of /pci_devices/0 must not be "
	       "writable (peer 1");
	EXPECT(&d->errs, NULL, "/memory_regions/4", "ivshmem",
	       "must be rootshared in a non-root cell");
}

static void test_ivshmem_layout(void **state)
{
	struct docs *d = *state;

	set_str(region(d->demo, 6), "virt_start", "0x7f000000");
	set_str(region(d->demo, 5), "size", "128K");
	set_json(region(d->demo, 3), "flags", "[\"read\", \"io\", "
		 "\"rootshared\"]");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/memory_regions/6", "ivshmem",
	       "must be contiguous: 0x7f000000 does not follow "
	       "0x7ef80000+0x20000");
	EXPECT(&d->errs, NULL, "/memory_regions/6", "ivshmem",
	       "output sections of /pci_devices/0 differ in size (0x40000 "
	       "vs 0x20000)");
	EXPECT(&d->errs, NULL, "/memory_regions/3", "ivshmem",
	       "must be readable RAM");
}

static void test_ivshmem_device(void **state)
{
	struct docs *d = *state;
	json_t *dev = pci(d->demo, 0);

	set_str(dev, "bdf", "01:00.0");
	set_json(dev, "bar_mask", "[\"0xffffff00\", 0, 0, 0, 0, 0]");
	set_json(dev, "num_msix_vectors", "2");
	set_json(d->demo, "vpci_irq_base", "1019");
	json_array_append(json_object_get(d->demo, "pci_devices"), dev);
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/pci_devices/0/bdf", "ivshmem",
	       "bus 0 of the virtual host (bus 0x01)");
	EXPECT(&d->errs, NULL, "/pci_devices/1/bdf", "ivshmem",
	       "BDF also used by /pci_devices/0");
	EXPECT(&d->errs, NULL, "/pci_devices/0/bar_mask", "ivshmem",
	       "bar_mask must be [0xfffff000, 0, 0, 0, 0, 0]");
	EXPECT(&d->errs, NULL, "/pci_devices/0/num_msix_vectors", "ivshmem",
	       "MSI-X is not emulated (2 vectors)");
	set_json(d->demo, "vpci_irq_base", "20");
	bh_config_errors_free(&d->errs);
	bh_config_errors_init(&d->errs);
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/vpci_irq_base", "ivshmem",
	       "vpci_irq_base 20 + device 0 is not an SPI");
}

static void test_ivshmem_peers(void **state)
{
	struct docs *d = *state;

	set_json(pci(d->demo, 0), "shmem_peers", "4");
	single(d, d->demo);
	EXPECT(&d->errs, NULL, "/pci_devices/0", "pci",
	       "shmem regions 3..8 do not exist (the cell has 7 memory "
	       "regions)");
}

static void test_vpci_window(void **state)
{
	struct docs *d = *state;
	json_t *plat = json_object_get(d->sys, "platform");

	set_str(json_object_get(plat, "pci"), "vpci_ecam_base", "0x09000000");
	single(d, d->sys);
	EXPECT(&d->errs, NULL, "/root_cell/memory_regions/2", "vpci",
	       "0x9000000+0x1000 overlaps the virtual PCI window");
	set_str(json_object_get(plat, "pci"), "vpci_ecam_base",
		"0x100000000");
	bh_config_errors_free(&d->errs);
	bh_config_errors_init(&d->errs);
	single(d, d->sys);
	EXPECT(&d->errs, NULL, "/platform/pci/vpci_ecam_base", "vpci",
	       "must be 2 MiB aligned and below 4 GiB");
}

static void test_errors_as_json(void **state)
{
	struct docs *d = *state;
	json_t *list, *first;

	set_str(d->demo, "colour", "red");
	single(d, d->demo);
	list = bh_config_errors_to_json(&d->errs);
	assert_int_equal(json_array_size(list), d->errs.count);
	first = json_array_get(list, 0);
	assert_string_equal(json_string_value(json_object_get(first, "rule")),
			    "unknown-field");
	assert_string_equal(json_string_value(json_object_get(first,
							      "pointer")), "");
	json_decref(list);
}

#define RULE_TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		RULE_TEST(test_valid_configs_pass),
		RULE_TEST(test_syntax),
		RULE_TEST(test_unknown_field),
		RULE_TEST(test_required),
		RULE_TEST(test_bad_value),
		RULE_TEST(test_revision),
		RULE_TEST(test_arch_unknown),
		RULE_TEST(test_arch_mismatch),
		RULE_TEST(test_name),
		RULE_TEST(test_alignment),
		RULE_TEST(test_size_zero),
		RULE_TEST(test_overlap),
		RULE_TEST(test_guest_overlap),
		RULE_TEST(test_no_cpus),
		RULE_TEST(test_cpu_range),
		RULE_TEST(test_cpu_conflict),
		RULE_TEST(test_cpu_not_owned),
		RULE_TEST(test_irq_conflict),
		RULE_TEST(test_irq_not_owned),
		RULE_TEST(test_irq_pins_range),
		RULE_TEST(test_irqchip_rules),
		RULE_TEST(test_memory_not_owned),
		RULE_TEST(test_memory_conflict),
		RULE_TEST(test_hypervisor_memory_in_cell),
		RULE_TEST(test_hypervisor_memory_in_root),
		RULE_TEST(test_comm_region),
		RULE_TEST(test_comm_region_in_root),
		RULE_TEST(test_root_identity),
		RULE_TEST(test_console_outside),
		RULE_TEST(test_platform),
		RULE_TEST(test_ivshmem_rights),
		RULE_TEST(test_ivshmem_layout),
		RULE_TEST(test_ivshmem_device),
		RULE_TEST(test_ivshmem_peers),
		RULE_TEST(test_vpci_window),
		RULE_TEST(test_errors_as_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
