// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/bulkhead/cpu_exits: a header "cpu REASON..." and one line
 * "CPU COUNT..." per CPU the hypervisor runs on (driver/main.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/driver.h>
#include <libbulkhead/exits.h>
#include <libbulkhead/util.h>

#define EXITS_FILE_MAX	(64 * 1024)

static int parse_header(char *line, struct bh_cpu_exits *out)
{
	char *save, *tok = strtok_r(line, " ", &save);

	if (!tok || strcmp(tok, "cpu"))
		return -EPROTO;
	while ((tok = strtok_r(NULL, " ", &save))) {
		if (out->n_reasons == BH_EXIT_REASONS_MAX ||
		    strlen(tok) >= BH_EXIT_NAME_MAX)
			return -EPROTO;
		strcpy(out->reason[out->n_reasons++], tok);
	}
	return out->n_reasons ? 0 : -EPROTO;
}

/* One decimal number, nothing else. */
static int number(const char *tok, unsigned long long *v)
{
	char *end;

	if (!tok || *tok < '0' || *tok > '9')
		return -EPROTO;
	errno = 0;
	*v = strtoull(tok, &end, 10);
	return errno || *end ? -EPROTO : 0;
}

static int parse_row(char *line, const struct bh_cpu_exits *ex,
		     struct bh_cpu_exit_row *row)
{
	char *save, *tok = strtok_r(line, " ", &save);
	unsigned long long v;
	size_t i;

	if (number(tok, &v) || v > 0xffffffffULL)
		return -EPROTO;
	row->cpu = (unsigned int)v;
	for (i = 0; i < ex->n_reasons; i++) {
		if (number(strtok_r(NULL, " ", &save), &v))
			return -EPROTO;
		row->count[i] = v;
	}
	return strtok_r(NULL, " ", &save) ? -EPROTO : 0;
}

static int parse(char *text, struct bh_cpu_exits *out)
{
	struct bh_cpu_exit_row *grown;
	char *save, *line = strtok_r(text, "\n", &save);
	int err;

	if (!line || parse_header(line, out))
		return -EPROTO;
	while ((line = strtok_r(NULL, "\n", &save))) {
		grown = realloc(out->cpus, (out->n_cpus + 1) * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		out->cpus = grown;
		err = parse_row(line, out, &out->cpus[out->n_cpus]);
		if (err)
			return err;
		out->n_cpus++;
	}
	return 0;
}

int bh_cpu_exits_read(struct bh_cpu_exits *out)
{
	char path[512], *text;
	size_t size;
	int err;

	memset(out, 0, sizeof(*out));
	snprintf(path, sizeof(path), "%s/cpu_exits", bh_driver_sysfs_path());
	err = bh_read_file_max(path, EXITS_FILE_MAX, &text, &size);
	if (err)
		return err;
	err = parse(text, out);
	free(text);
	if (err)
		bh_cpu_exits_free(out);
	return err;
}

void bh_cpu_exits_free(struct bh_cpu_exits *exits)
{
	free(exits->cpus);
	exits->cpus = NULL;
	exits->n_cpus = 0;
}

bool bh_cpu_list_has(const char *list, unsigned int cpu)
{
	unsigned long lo, hi;
	char *end;

	while (*list >= '0' && *list <= '9') {
		lo = hi = strtoul(list, &end, 10);
		if (*end == '-')
			hi = strtoul(end + 1, &end, 10);
		if (cpu >= lo && cpu <= hi)
			return true;
		if (*end != ',')
			break;
		list = end + 1;
	}
	return false;
}
