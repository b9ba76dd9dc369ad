// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/cpuinfo: the number of CPUs ("processor : N" lines, which both
 * arm64 and x86 print) and the architecture (arm64 prints "CPU
 * architecture: 8", x86 prints "vendor_id" and "flags").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/generator.h>

/* "key<tabs/spaces>: value" -> key length and value, false if no colon. */
static bool split(const char *line, size_t len, size_t *klen,
		  const char **value)
{
	const char *colon = memchr(line, ':', len);

	if (!colon)
		return false;
	*klen = colon - line;
	while (*klen && (line[*klen - 1] == ' ' || line[*klen - 1] == '\t'))
		(*klen)--;
	*value = colon + 1;
	while (**value == ' ')
		(*value)++;
	return true;
}

static bool key_is(const char *line, size_t klen, const char *key)
{
	return klen == strlen(key) && !strncmp(line, key, klen);
}

int bh_cpuinfo_parse(const char *text, struct bh_cpuinfo *out,
		     struct bh_config_errors *errs)
{
	unsigned int lineno = 0;
	const char *nl, *value;
	char pos[16];
	size_t len, klen;

	memset(out, 0, sizeof(*out));
	for (; *text; text = nl ? nl + 1 : text + len) {
		nl = strchr(text, '\n');
		len = nl ? (size_t)(nl - text) : strlen(text);
		lineno++;
		if (!len || !split(text, len, &klen, &value))
			continue;
		if (key_is(text, klen, "processor")) {
			char *end;
			unsigned long n = strtoul(value, &end, 10);

			if (end == value || n != out->num_cpus) {
				snprintf(pos, sizeof(pos), "%u", lineno);
				bh_config_error_add(errs, pos, "cpuinfo",
					"expected \"processor : %u\" (CPUs "
					"numbered from 0 in order), got "
					"\"%.*s\"", out->num_cpus,
					(int)(len > 40 ? 40 : len), text);
				return -EINVAL;
			}
			out->num_cpus++;
		} else if (key_is(text, klen, "CPU architecture")) {
			if (!strncmp(value, "8", 1) || !strncmp(value,
								"AArch64", 7))
				out->arch = BULKHEAD_ARCH_ARM64;
		} else if (key_is(text, klen, "vendor_id")) {
			out->arch = BULKHEAD_ARCH_X86_64;
		}
	}
	if (!out->num_cpus) {
		bh_config_error_add(errs, "", "cpuinfo", "no \"processor : N\" "
				    "line: this is not /proc/cpuinfo");
		return -EINVAL;
	}
	return 0;
}
