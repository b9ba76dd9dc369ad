// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's formatter (hypervisor/format.c), compiled for the host:
 * what the banner and fault reports are made of.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <hv/format.h>

static void expect(const char *want, const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = format_v(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
}

static void test_conversions(void **state)
{
	expect("CPU 3 at EL2", "CPU %u at EL%u", 3u, 2u);
	expect("MPIDR 0x80000001", "MPIDR 0x%lx", 0x80000001ul);
	expect("-42 42", "%d %d", -42, 42);
	expect("ffffffffffffffff", "%llx", ~0ull);
	expect("9223372036854775807", "%ld", (long)INT64_MAX);
	expect("-9223372036854775808", "%lld", (long long)INT64_MIN);
	expect("a b%", "%c %s%%", 'a', "b");
	expect("(null)", "%s", (char *)NULL);
	expect("0x1000", "%p", (void *)0x1000);
}

static void test_width_and_padding(void **state)
{
	expect("0000002a", "%08x", 0x2au);
	expect("   7", "%4u", 7u);
	expect("-007", "%04d", -7);
	expect("  -7", "%4d", -7);
	expect("  ab", "%4s", "ab");
}

static void test_odd_formats(void **state)
{
	expect("50%", "50%");
	expect("%q", "%q");
}

static void test_truncation(void **state)
{
	char buf[8];

	assert_int_equal(format(buf, sizeof(buf), "%s", "0123456789"), 10);
	assert_string_equal(buf, "0123456");
	assert_int_equal(format(buf, 1, "abc"), 3);
	assert_string_equal(buf, "");
	assert_int_equal(format(NULL, 0, "abc%u", 12u), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conversions),
		cmocka_unit_test(test_width_and_padding),
		cmocka_unit_test(test_odd_formats),
		cmocka_unit_test(test_truncation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
