// SPDX-License-Identifier: GPL-2.0
/*
 * JSON values of the config format: numbers as integers, "0x" hex or
 * decimal strings, sizes with binary units ("64K", "16M", "1G"), named
 * enumerations, flag arrays, and sets written as numbers and "a-b" ranges.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "config_internal.h"

bool bh_json_fields(json_t *obj, const char *ptr, const char *const *allowed,
		    struct bh_config_errors *errs)
{
	const char *key, *const *a;
	bool ok = true;
	json_t *v;

	if (!json_is_object(obj)) {
		bh_config_error_add(errs, ptr, "type", "expected an object");
		return false;
	}
	json_object_foreach(obj, key, v) {
		for (a = allowed; *a && strcmp(*a, key); a++)
			;
		if (!*a) {
			bh_config_error_add(errs, ptr, "unknown-field",
					    "unknown field \"%s\"", key);
			ok = false;
		}
	}
	return ok;
}

/* Binary unit suffix -> shift, -1 if c is none. */
static int unit_shift(char c)
{
	switch (c) {
	case 'K': case 'k': return 10;
	case 'M': case 'm': return 20;
	case 'G': case 'g': return 30;
	case 'T': case 't': return 40;
	}
	return -1;
}

static bool parse_number(const char *s, __u64 *out)
{
	unsigned int base = 10, digit;
	__u64 value = 0;
	const char *p = s;
	int shift;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (!*p)
		return false;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digit = *p - '0';
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			digit = *p - 'a' + 10;
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			digit = *p - 'A' + 10;
		else
			break;
		if (value > (UINT64_MAX - digit) / base)
			return false;
		value = value * base + digit;
	}
	if (p == s || (base == 16 && p == s + 2))
		return false;
	if (*p) {
		/* Units only after decimal digits: "0x1K" is a typo. */
		shift = unit_shift(*p);
		if (base != 10 || shift < 0 || p[1])
			return false;
		if (value > (UINT64_MAX >> shift))
			return false;
		value <<= shift;
	}
	*out = value;
	return true;
}

bool bh_json_u64(json_t *v, const char *ptr, __u64 max, __u64 *out,
		 struct bh_config_errors *errs)
{
	__u64 value;

	if (json_is_integer(v)) {
		if (json_integer_value(v) < 0) {
			bh_config_error_add(errs, ptr, "range",
					    "negative value %" JSON_INTEGER_FORMAT,
					    json_integer_value(v));
			return false;
		}
		value = (__u64)json_integer_value(v);
	} else if (json_is_string(v)) {
		if (!parse_number(json_string_value(v), &value)) {
			bh_config_error_add(errs, ptr, "type",
					    "\"%s\" is not a number (use 123, "
					    "\"0x7b\" or a size like \"64K\")",
					    json_string_value(v));
			return false;
		}
	} else {
		bh_config_error_add(errs, ptr, "type",
				    "expected a number or a string");
		return false;
	}
	if (value > max) {
		bh_config_error_add(errs, ptr, "range",
				    "0x%llx exceeds the maximum 0x%llx",
				    (unsigned long long)value,
				    (unsigned long long)max);
		return false;
	}
	*out = value;
	return true;
}

static void name_choices(const struct bh_name *table, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (; table->name && len < size; table++)
		len += snprintf(buf + len, size - len, "%s%s",
				len ? ", " : "", table->name);
}

bool bh_json_name(json_t *v, const char *ptr, const struct bh_name *table,
		  __u64 *out, struct bh_config_errors *errs)
{
	const struct bh_name *n;
	char choices[128];

	if (json_is_string(v))
		for (n = table; n->name; n++)
			if (!strcmp(n->name, json_string_value(v))) {
				*out = n->value;
				return true;
			}
	name_choices(table, choices, sizeof(choices));
	if (json_is_string(v))
		bh_config_error_add(errs, ptr, "type",
				    "unknown value \"%s\" (expected one of: %s)",
				    json_string_value(v), choices);
	else
		bh_config_error_add(errs, ptr, "type",
				    "expected a string, one of: %s", choices);
	return false;
}

bool bh_json_flags(json_t *v, const char *ptr, const struct bh_name *table,
		   __u64 *out, struct bh_config_errors *errs)
{
	char item[BH_PTR_SIZE];
	__u64 flags = 0, one;
	bool ok = true;
	size_t i;
	json_t *e;

	if (!json_is_array(v)) {
		bh_config_error_add(errs, ptr, "type",
				    "expected an array of flag names");
		return false;
	}
	json_array_foreach(v, i, e) {
		bh_ptr(item, "%s/%zu", ptr, i);
		if (bh_json_name(e, item, table, &one, errs))
			flags |= one;
		else
			ok = false;
	}
	if (ok)
		*out = flags;
	return ok;
}

/* "a" or "a-b" as a string. */
static bool parse_range(const char *s, __u64 *first, __u64 *last)
{
	char buf[48];
	char *dash;

	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	dash = strchr(buf, '-');
	if (!dash)
		return parse_number(buf, first) && (*last = *first, true);
	*dash = '\0';
	return parse_number(buf, first) && parse_number(dash + 1, last) &&
	       *first <= *last;
}

bool bh_json_set(json_t *v, const char *ptr, unsigned int limit,
		 __u64 set[BH_SET_WORDS], struct bh_config_errors *errs)
{
	__u64 result[BH_SET_WORDS] = { 0 }, first, last, n;
	char item[BH_PTR_SIZE];
	bool ok = true;
	size_t i;
	json_t *e;

	if (!json_is_array(v)) {
		bh_config_error_add(errs, ptr, "type",
				    "expected an array of numbers and "
				    "\"first-last\" ranges");
		return false;
	}
	json_array_foreach(v, i, e) {
		bh_ptr(item, "%s/%zu", ptr, i);
		if (json_is_integer(e) && json_integer_value(e) >= 0) {
			first = last = (__u64)json_integer_value(e);
		} else if (!json_is_string(e) ||
			   !parse_range(json_string_value(e), &first, &last)) {
			bh_config_error_add(errs, item, "type",
					    "expected a number or a "
					    "\"first-last\" range");
			ok = false;
			continue;
		}
		if (last >= limit) {
			bh_config_error_add(errs, item, "range",
					    "%llu is beyond the last allowed "
					    "%u", (unsigned long long)last,
					    limit - 1);
			ok = false;
			continue;
		}
		for (n = first; n <= last; n++)
			result[n / 64] |= 1ULL << (n % 64);
	}
	if (ok)
		memcpy(set, result, sizeof(result));
	return ok;
}

json_t *bh_json_hex(__u64 value)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)value);
	return json_string(buf);
}

json_t *bh_json_size(__u64 value)
{
	static const char units[] = "TGMK";
	char buf[24];
	int i;

	for (i = 0; value && i < 4; i++) {
		int shift = 40 - 10 * i;

		if (!(value & ((1ULL << shift) - 1))) {
			snprintf(buf, sizeof(buf), "%llu%c",
				 (unsigned long long)(value >> shift),
				 units[i]);
			return json_string(buf);
		}
	}
	return bh_json_hex(value);
}

json_t *bh_json_flag_list(__u64 flags, const struct bh_name *table)
{
	json_t *arr = json_array();

	for (; arr && table->name; table++)
		if ((flags & table->value) &&
		    json_array_append_new(arr, json_string(table->name))) {
			json_decref(arr);
			return NULL;
		}
	return arr;
}

json_t *bh_json_set_list(const __u64 *set, unsigned int bits)
{
	json_t *arr = json_array();
	unsigned int n = 0, first;
	char buf[24];
	json_t *e;

	while (arr && n < bits) {
		if (!bh_set_test(set, n)) {
			n++;
			continue;
		}
		for (first = n; n < bits && bh_set_test(set, n); n++)
			;
		if (n - first == 1) {
			e = json_integer(first);
		} else {
			snprintf(buf, sizeof(buf), "%u-%u", first, n - 1);
			e = json_string(buf);
		}
		if (json_array_append_new(arr, e)) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}
