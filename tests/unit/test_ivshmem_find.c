// SPDX-License-Identifier: GPL-2.0
/*
 * libbulkhead's ivshmem device discovery against a scratch uio class
 * directory laid out as the kernel does it (name file, device link to the
 * PCI function, map sizes); opening and mapping the real devices is
 * exercised in tests/qemu.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <libbulkhead/ivshmem.h>

static char dir[64];

static void put(const char *rel, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* uioN named name, its device the PCI function pci (NULL: no link). */
static void add_uio(const char *uio, const char *name, const char *pci)
{
	char path[PATH_MAX], target[PATH_MAX], rel[64];

	snprintf(path, sizeof(path), "%s/%s", dir, uio);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(rel, sizeof(rel), "%s/name", uio);
	put(rel, name);
	if (pci) {
		snprintf(path, sizeof(path), "%s/%s/device", dir, uio);
		snprintf(target, sizeof(target),
			 "../../../devices/bulkhead/pci0001:00/%s", pci);
		assert_int_equal(symlink(target, path), 0);
	}
}

static int setup(void **state)
{
	char path[PATH_MAX];

	(void)state;
	strcpy(dir, "/tmp/bh-uio-XXXXXX");
	assert_non_null(mkdtemp(dir));
	/* Two links as on the reference machine, numbered out of order. */
	add_uio("uio3", "bulkhead-ivshmem\n", "0001:00:01.0");
	add_uio("uio1", "bulkhead-ivshmem\n", "0001:00:00.0");
	add_uio("uio2", "some-other-uio\n", "0000:00:02.0");
	add_uio("uio10", "bulkhead-ivshmem\n", NULL);
	snprintf(path, sizeof(path), "%s/uio3/maps", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/uio3/maps/map3", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	put("uio3/maps/map3/size", "0x0000000000080000\n");
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void lists_ours_by_number(void **state)
{
	struct bh_ivshmem_dev *list;
	size_t n;

	(void)state;
	assert_int_equal(bh_ivshmem_list(dir, &list, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(list[0].uio, 1);
	assert_string_equal(list[0].path, "/dev/uio1");
	assert_string_equal(list[0].pci, "0001:00:00.0");
	assert_int_equal(list[0].bdf, 0x00);
	assert_int_equal(list[1].uio, 3);
	assert_string_equal(list[1].pci, "0001:00:01.0");
	assert_int_equal(list[1].bdf, 0x08);
	assert_int_equal(list[2].uio, 10);
	assert_string_equal(list[2].pci, "");
	assert_int_equal(list[2].bdf, -1);
	free(list);
}

static void finds_by_spec(void **state)
{
	struct bh_ivshmem_dev d;

	(void)state;
	assert_int_equal(bh_ivshmem_find(dir, NULL, &d), 0);
	assert_int_equal(d.uio, 1);	/* the first, as before two links */
	assert_int_equal(bh_ivshmem_find(dir, "00:01.0", &d), 0);
	assert_int_equal(d.uio, 3);
	assert_int_equal(bh_ivshmem_find(dir, "0001:00:01.0", &d), 0);
	assert_int_equal(d.uio, 3);
	assert_int_equal(bh_ivshmem_find(dir, "/dev/uio10", &d), 0);
	assert_int_equal(d.uio, 10);
	assert_int_equal(bh_ivshmem_find(dir, "uio1", &d), 0);
	assert_int_equal(d.uio, 1);
	assert_int_equal(bh_ivshmem_map_size(&d, 3), 0);
	assert_int_equal(bh_ivshmem_find(dir, "uio3", &d), 0);
	assert_int_equal(bh_ivshmem_map_size(&d, 3), 0x80000);
	/* Not ours, not there, or another domain. */
	assert_int_equal(bh_ivshmem_find(dir, "uio2", &d), -ENODEV);
	assert_int_equal(bh_ivshmem_find(dir, "00:02.0", &d), -ENODEV);
	assert_int_equal(bh_ivshmem_find(dir, "0000:00:01.0", &d), -ENODEV);
	assert_int_equal(bh_ivshmem_find(dir, "eth0", &d), -EINVAL);
	assert_int_equal(bh_ivshmem_find(dir, "00:32.0", &d), -EINVAL);
	assert_int_equal(bh_ivshmem_find(dir, "00:01.8", &d), -EINVAL);
	assert_int_equal(bh_ivshmem_find(dir, "00:01.0x", &d), -EINVAL);
}

static void empty_and_absent(void **state)
{
	struct bh_ivshmem_dev *list, d;
	char none[PATH_MAX];
	size_t n;

	(void)state;
	snprintf(none, sizeof(none), "%s/absent", dir);
	assert_int_equal(bh_ivshmem_list(none, &list, &n), 0);
	assert_int_equal(n, 0);
	assert_null(list);
	assert_int_equal(bh_ivshmem_find(none, NULL, &d), -ENODEV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lists_ours_by_number),
		cmocka_unit_test(finds_by_spec),
		cmocka_unit_test(empty_and_absent),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
