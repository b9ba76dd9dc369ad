// SPDX-License-Identifier: GPL-2.0
/*
 * Every shipped config parses, validates, compiles, and comes back
 * unchanged through the binary reader and the JSON writer; the binary
 * reader refuses damaged input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "config_test_util.h"

static const char *const shipped[] = {
	"qemu-arm64", "qemu-arm64-demo", "qemu-arm64-demo2",
};

static void compile_json(json_t *doc, struct bh_config *cfg, void **bin,
			 size_t *size)
{
	struct bh_config_errors errs;

	bh_config_errors_init(&errs);
	if (bh_config_from_json(doc, cfg, &errs) ||
	    bh_config_validate(cfg, &errs))
		print_errors(&errs);
	assert_int_equal(errs.count, 0);
	assert_int_equal(bh_config_compile(cfg, bin, size), 0);
	bh_config_errors_free(&errs);
}

static void test_round_trip(void **state)
{
	struct bh_config a, b, c;
	struct bh_config_errors errs;
	json_t *doc, *back, *again;
	void *bin1, *bin2;
	size_t size1, size2, i;

	for (i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
		doc = load_shipped(shipped[i]);
		compile_json(doc, &a, &bin1, &size1);
		assert_int_equal(size1, bulkhead_cell_config_size(
					 &a.cell.desc) +
				 (a.is_system ? sizeof(a.sys) -
				  sizeof(a.sys.root_cell) : 0));

		bh_config_errors_init(&errs);
		assert_int_equal(bh_config_from_binary(bin1, size1, &b, &errs),
				 0);
		back = bh_config_to_json(&b);
		assert_non_null(back);
		compile_json(back, &c, &bin2, &size2);
		assert_int_equal(size1, size2);
		assert_memory_equal(bin1, bin2, size1);
		/* The canonical JSON is a fixed point. */
		again = bh_config_to_json(&c);
		assert_true(json_equal(back, again));

		json_decref(doc);
		json_decref(back);
		json_decref(again);
		free(bin1);
		free(bin2);
		bh_config_free(&a);
		bh_config_free(&b);
		bh_config_free(&c);
		bh_config_errors_free(&errs);
	}
}

static void expect_binary_error(const void *bin, size_t size,
				const char *text)
{
	struct bh_config_errors errs;
	struct bh_config cfg;

	bh_config_errors_init(&errs);
	assert_int_not_equal(bh_config_from_binary(bin, size, &cfg, &errs), 0);
	assert_true(has_error(&errs, NULL, "", "binary", text));
	bh_config_errors_free(&errs);
}

static void test_binary_damage(void **state)
{
	struct bh_config cfg;
	json_t *doc = load_shipped("qemu-arm64");
	struct bulkhead_system *sys;
	size_t size;
	void *bin;

	compile_json(doc, &cfg, &bin, &size);
	sys = bin;
	expect_binary_error(bin, size - 1, "does not match");
	expect_binary_error(bin, 100, "too short");
	sys->root_cell.num_memory_regions = 0xffffffff;
	expect_binary_error(bin, size, "does not match");
	sys->root_cell.num_memory_regions = cfg.cell.desc.num_memory_regions;
	sys->revision = 2;
	expect_binary_error(bin, size, "revision 2");
	sys->revision = 1;
	sys->root_cell.signature[0] = 'X';
	expect_binary_error(bin, size, "signature");
	free(bin);
	bh_config_free(&cfg);
	json_decref(doc);
}

static void test_value_forms(void **state)
{
	static const char text[] =
		"{\"type\": \"cell\", \"revision\": 1, \"arch\": \"arm64\","
		" \"name\": \"v\", \"cpus\": [1, \"2-3\"],"
		" \"memory_regions\": [{\"phys_start\": 1879048192,"
		" \"virt_start\": \"0x1000\", \"size\": \"2M\"},"
		" {\"phys_start\": \"0x70400000\", \"size\": \"0x3000\"}]}";
	struct bh_config_errors errs;
	struct bh_config cfg;

	bh_config_errors_init(&errs);
	assert_int_equal(bh_config_parse_text(text, sizeof(text) - 1, &cfg,
					      &errs), 0);
	assert_int_equal(cfg.cell.desc.cpu_set[0], 0xe);
	assert_int_equal(cfg.cell.memory_regions[0].phys_start, 0x70000000);
	assert_int_equal(cfg.cell.memory_regions[0].virt_start, 0x1000);
	assert_int_equal(cfg.cell.memory_regions[0].size, 0x200000);
	/* virt_start defaults to phys_start. */
	assert_int_equal(cfg.cell.memory_regions[1].virt_start, 0x70400000);
	assert_int_equal(cfg.cell.memory_regions[1].size, 0x3000);
	bh_config_free(&cfg);
	bh_config_errors_free(&errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_binary_damage),
		cmocka_unit_test(test_value_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
