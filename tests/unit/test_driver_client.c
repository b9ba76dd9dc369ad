// SPDX-License-Identifier: GPL-2.0
/*
 * libbulkhead's driver client against scratch files standing in for the
 * paths the driver creates (the real driver is exercised in tests/qemu).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <libbulkhead/driver.h>
#include <libbulkhead/util.h>

struct scratch {
	char dir[64], dev[96], sysfs[96], enabled[128];
};

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	struct scratch *s = calloc(1, sizeof(*s));

	strcpy(s->dir, "/tmp/bh-unit-XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	snprintf(s->dev, sizeof(s->dev), "%s/dev", s->dir);
	snprintf(s->sysfs, sizeof(s->sysfs), "%s/sys", s->dir);
	snprintf(s->enabled, sizeof(s->enabled), "%s/enabled", s->sysfs);
	assert_int_equal(mkdir(s->sysfs, 0700), 0);
	bh_driver_set_paths(s->dev, s->sysfs);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct scratch *s = *state;

	unlink(s->dev);
	unlink(s->enabled);
	rmdir(s->sysfs);
	rmdir(s->dir);
	bh_driver_set_paths(NULL, NULL);
	free(s);
	return 0;
}

static void absent_without_device(void **state)
{
	enum bh_hv_state st = BH_HV_ENABLED;

	assert_int_equal(bh_hv_state(&st), 0);
	assert_int_equal(st, BH_HV_ABSENT);
	assert_string_equal(bh_hv_state_name(st), "absent");
}

static void disabled_and_enabled(void **state)
{
	struct scratch *s = *state;
	enum bh_hv_state st;

	write_file(s->dev, "");
	write_file(s->enabled, "0\n");
	assert_int_equal(bh_hv_state(&st), 0);
	assert_int_equal(st, BH_HV_DISABLED);
	write_file(s->enabled, "1\n");
	assert_int_equal(bh_hv_state(&st), 0);
	assert_int_equal(st, BH_HV_ENABLED);
}

static void unreadable_state_is_an_error(void **state)
{
	struct scratch *s = *state;
	enum bh_hv_state st;

	write_file(s->dev, "");
	/* Device present but no sysfs attribute: a broken driver. */
	assert_int_equal(bh_hv_state(&st), -ENOENT);
}

static void read_line_limits(void **state)
{
	struct scratch *s = *state;
	char buf[4];

	write_file(s->enabled, "abc\n");
	assert_int_equal(bh_read_line(s->enabled, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "abc");
	write_file(s->enabled, "abcdef\n");
	assert_int_equal(bh_read_line(s->enabled, buf, sizeof(buf)),
			 -EOVERFLOW);
	write_file(s->enabled, "");
	assert_int_equal(bh_read_line(s->enabled, buf, sizeof(buf)),
			 -ENODATA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(absent_without_device,
						setup, teardown),
		cmocka_unit_test_setup_teardown(disabled_and_enabled,
						setup, teardown),
		cmocka_unit_test_setup_teardown(unreadable_state_is_an_error,
						setup, teardown),
		cmocka_unit_test_setup_teardown(read_line_limits,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
