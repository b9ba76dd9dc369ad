// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead cell create|load|start|shutdown|destroy|list|stats: non-root
 * cells, Jailhouse's grammar. Cells are named by name or id.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/ioctl.h>
#include <libbulkhead/cell.h>
#include <libbulkhead/driver.h>
#include <libbulkhead/exits.h>
#include <libbulkhead/util.h>

#include "cli.h"

/* Images larger than this are not cell images (demo cells have 1 MiB). */
#define MAX_FILE	(256UL * 1024 * 1024)

static const char usage_text[] =
	"usage: bulkhead cell create CELL.cell\n"
	"       bulkhead cell load NAME|ID IMAGE [-a ADDR] [IMAGE [-a ADDR]]...\n"
	"       bulkhead cell start NAME|ID\n"
	"       bulkhead cell shutdown NAME|ID [--force]\n"
	"       bulkhead cell destroy NAME|ID\n"
	"       bulkhead cell list\n"
	"       bulkhead cell stats NAME|ID\n"
	"ADDR is the guest-physical load address (default 0), inside a\n"
	"loadable region of the cell. Exit codes as for every command.\n";

static int read_file(const char *path, void **data, size_t *size)
{
	char *buf;
	int err = bh_read_file_max(path, MAX_FILE, &buf, size);

	if (!err)
		*data = buf;
	return err;
}

/* 0 when the hypervisor runs, else the exit code to give up with. */
static int need_enabled(void)
{
	enum bh_hv_state state;

	if (bh_hv_state(&state)) {
		fprintf(stderr, "bulkhead: cannot read the driver state\n");
		return EXIT_FAILED;
	}
	if (state == BH_HV_ABSENT) {
		fprintf(stderr, "bulkhead: the driver is not loaded\n");
		return EXIT_NO_DRIVER;
	}
	if (state != BH_HV_ENABLED) {
		fprintf(stderr, "bulkhead: the hypervisor is not enabled\n");
		return EXIT_NOT_ENABLED;
	}
	return 0;
}

static int failed(const char *what, const char *cell, const char *reason,
		  int err)
{
	fprintf(stderr, "bulkhead: cell %s %s failed: %s (%s)\n", what, cell,
		reason, strerror(-err));
	return EXIT_FAILED;
}

static int find(const char *name, struct bh_cell_info *info)
{
	int err = bh_cell_find(name, info);

	if (err)
		fprintf(stderr, "bulkhead: no cell named '%s'%s\n", name,
			err == -ENOENT ? "" : " (cannot read the cell list)");
	return err ? EXIT_FAILED : 0;
}

static int cell_create(int argc, char **argv)
{
	char reason[BULKHEAD_REASON_SIZE];
	unsigned int id;
	void *config;
	size_t size;
	int err;

	if (argc != 2)
		return cli_usage_error("cell create takes one CELL.cell file");
	err = read_file(argv[1], &config, &size);
	if (err) {
		fprintf(stderr, "bulkhead: cannot read %s: %s\n", argv[1],
			strerror(-err));
		return EXIT_FAILED;
	}
	err = bh_cell_create(config, size, &id, reason, sizeof(reason));
	free(config);
	if (err)
		return failed("create", argv[1], reason, err);
	printf("created cell %u\n", id);
	return EXIT_OK;
}

static int load_one(const struct bh_cell_info *cell, const char *path,
		    uint64_t addr)
{
	char reason[BULKHEAD_REASON_SIZE];
	void *image;
	size_t size;
	int err;

	err = read_file(path, &image, &size);
	if (err) {
		fprintf(stderr, "bulkhead: cannot read %s: %s\n", path,
			strerror(-err));
		return EXIT_FAILED;
	}
	err = bh_cell_load(cell->id, image, size, addr, reason,
			   sizeof(reason));
	free(image);
	return err ? failed("load", cell->name, reason, err) : EXIT_OK;
}

static int cell_load(int argc, char **argv)
{
	struct bh_cell_info cell;
	uint64_t addr;
	char *end;
	int i, rc;

	if (argc < 3)
		return cli_usage_error("cell load takes a cell and an image");
	for (i = 2; i < argc; i++)
		if (!strcmp(argv[i], "-a") &&
		    (i + 1 >= argc || i == 2 || !strcmp(argv[i - 1], "-a")))
			return cli_usage_error("-a ADDR follows an IMAGE");
	rc = find(argv[1], &cell);
	for (i = 2; !rc && i < argc; i++) {
		addr = 0;
		if (i + 2 < argc && !strcmp(argv[i + 1], "-a")) {
			errno = 0;
			addr = strtoull(argv[i + 2], &end, 0);
			if (errno || *end || !*argv[i + 2])
				return cli_usage_error("bad address '%s'",
						       argv[i + 2]);
		}
		rc = load_one(&cell, argv[i], addr);
		if (i + 2 < argc && !strcmp(argv[i + 1], "-a"))
			i += 2;
	}
	return rc;
}

static int cell_simple(int argc, char **argv)
{
	char reason[BULKHEAD_REASON_SIZE];
	struct bh_cell_info cell;
	int force = 0, err, rc;

	if (argc == 3 && !strcmp(argv[0], "shutdown") &&
	    !strcmp(argv[2], "--force"))
		force = 1;
	else if (argc != 2)
		return cli_usage_error("cell %s takes a cell name or id%s",
				       argv[0], strcmp(argv[0], "shutdown") ?
				       "" : " and maybe --force");
	rc = find(argv[1], &cell);
	if (rc)
		return rc;
	if (!strcmp(argv[0], "start"))
		err = bh_cell_start(cell.id, reason, sizeof(reason));
	else if (!strcmp(argv[0], "shutdown"))
		err = bh_cell_shutdown(cell.id, force, reason, sizeof(reason));
	else
		err = bh_cell_destroy(cell.id, reason, sizeof(reason));
	return err ? failed(argv[0], cell.name, reason, err) : EXIT_OK;
}

static int cell_list(int argc, char **argv)
{
	struct bh_cell_info *cells;
	size_t n, i;
	int err;

	(void)argv;
	if (argc != 1)
		return cli_usage_error("cell list takes no arguments");
	err = bh_cell_list(&cells, &n);
	if (err) {
		fprintf(stderr, "bulkhead: cannot list cells: %s\n",
			strerror(-err));
		return EXIT_FAILED;
	}
	printf("%-4s %-24s %-16s %s\n", "ID", "NAME", "STATE", "CPUS");
	for (i = 0; i < n; i++)
		printf("%-4u %-24s %-16s %s\n", cells[i].id, cells[i].name,
		       cells[i].state, cells[i].cpus);
	free(cells);
	return EXIT_OK;
}

/* The exit counters of the cell's CPUs (per CPU, since enable). */
static int cell_stats(int argc, char **argv)
{
	struct bh_cell_info cell;
	char path[512], line[256];
	FILE *f;
	int rc, first = 1;

	if (argc != 2)
		return cli_usage_error("cell stats takes a cell name or id");
	rc = find(argv[1], &cell);
	if (rc)
		return rc;
	printf("cell %u \"%s\": %s, CPUs %s\n", cell.id, cell.name,
	       cell.state, cell.cpus);
	snprintf(path, sizeof(path), "%s/cpu_exits", bh_driver_sysfs_path());
	f = fopen(path, "re");
	if (!f) {
		fprintf(stderr, "bulkhead: cannot read %s: %s\n", path,
			strerror(errno));
		return EXIT_FAILED;
	}
	while (fgets(line, sizeof(line), f)) {
		if (first || bh_cpu_list_has(cell.cpus, strtoul(line, NULL, 10)))
			fputs(line, stdout);
		first = 0;
	}
	fclose(f);
	return EXIT_OK;
}

int cmd_cell(int argc, char **argv)
{
	int rc;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage_text, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	argc--;
	argv++;
	if (strcmp(argv[0], "create") && strcmp(argv[0], "load") &&
	    strcmp(argv[0], "start") && strcmp(argv[0], "shutdown") &&
	    strcmp(argv[0], "destroy") && strcmp(argv[0], "list") &&
	    strcmp(argv[0], "stats"))
		return cli_usage_error("unknown cell command '%s'", argv[0]);
	rc = need_enabled();
	if (rc)
		return rc;
	if (!strcmp(argv[0], "create"))
		return cell_create(argc, argv);
	if (!strcmp(argv[0], "load"))
		return cell_load(argc, argv);
	if (!strcmp(argv[0], "list"))
		return cell_list(argc, argv);
	if (!strcmp(argv[0], "stats"))
		return cell_stats(argc, argv);
	return cell_simple(argc, argv);
}
