// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead config check|compile|decompile: the config tool chain for
 * people (messages on stderr) and for scripts (--json on stdout).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/config.h>
#include <libbulkhead/util.h>

#include "cli.h"

static const char config_usage[] =
"usage: bulkhead config check [--json] CONFIG [CELL...]\n"
"       bulkhead config compile [--json] CONFIG.json -o OUT.cell\n"
"       bulkhead config decompile [--json] CONFIG.cell [-o OUT.json]\n"
"       bulkhead config create [OPTIONS]   (see config create --help)\n"
"\n"
"check      validate CONFIG (JSON or binary); with CELLs, CONFIG is a\n"
"           system config and the cells are checked against it and\n"
"           against each other\n"
"compile    validate and write the binary config\n"
"decompile  write a binary config back as JSON (stdout without -o)\n"
"create     generate a root-cell system config from this machine or\n"
"           from captured /proc/iomem, lspci, /proc/cpuinfo, DT\n"
"\n"
"--json     print {\"ok\": bool, \"errors\": [{document, pointer, rule,\n"
"           message}]} on stdout instead of messages on stderr\n"
"Exit codes: 0 valid/done, 1 invalid config or failed, 2 usage.\n";

struct opts {
	bool json;
	const char *output;
	int first;		/* index of the first file argument */
};

/* JSON or binary, told apart by the signature. */
static int load(const char *path, struct bh_config *cfg,
		struct bh_config_errors *errs)
{
	size_t len;
	char *data = bh_read_file(path, &len);
	int ret;

	if (!data) {
		bh_config_error_add(errs, "", "io", "cannot read %s: %s", path,
				    strerror(errno));
		return -EIO;
	}
	if (len >= BULKHEAD_SIGNATURE_SIZE &&
	    (!memcmp(data, BULKHEAD_SYSTEM_SIGNATURE, 8) ||
	     !memcmp(data, BULKHEAD_CELL_SIGNATURE, 8)))
		ret = bh_config_from_binary(data, len, cfg, errs);
	else
		ret = bh_config_parse_text(data, len, cfg, errs);
	free(data);
	return ret;
}

static int report(const struct opts *o, struct bh_config_errors *errs)
{
	char line[1024];
	json_t *out;
	size_t i;

	if (o->json) {
		out = json_pack("{s:b, s:o}", "ok", errs->count == 0,
				"errors", bh_config_errors_to_json(errs));
		if (out)
			json_dumpf(out, stdout, JSON_INDENT(2) |
				   JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(out);
	} else {
		for (i = 0; i < errs->count; i++) {
			bh_config_error_format(&errs->list[i], line,
					       sizeof(line));
			fprintf(stderr, "%s\n", line);
		}
	}
	return errs->count ? EXIT_FAILED : EXIT_OK;
}

static int parse_opts(int argc, char **argv, struct opts *o, bool output)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((c = getopt_long(argc, argv, "jo:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o->json = true;
			break;
		case 'o':
			if (!output)
				return cli_usage_error("%s takes no -o",
						       argv[0]);
			o->output = optarg;
			break;
		case 'h':
			fputs(config_usage, stdout);
			return -1;
		default:
			return EXIT_USAGE;
		}
	}
	o->first = optind;
	return 0;
}

static int config_check(int argc, char **argv)
{
	struct bh_config_errors errs;
	struct bh_config *cfgs;
	const struct bh_config **cells;
	struct opts o;
	int ret = parse_opts(argc, argv, &o, false), i, n;
	bool loaded = true;

	if (ret)
		return ret < 0 ? EXIT_OK : ret;
	n = argc - o.first;
	if (n < 1)
		return cli_usage_error("config check needs a config file");
	cfgs = calloc(n, sizeof(*cfgs));
	cells = calloc(n, sizeof(*cells));
	if (!cfgs || !cells) {
		free(cfgs);
		free(cells);
		fprintf(stderr, "bulkhead: out of memory\n");
		return EXIT_FAILED;
	}
	bh_config_errors_init(&errs);
	for (i = 0; i < n; i++) {
		errs.document = argv[o.first + i];
		if (load(argv[o.first + i], &cfgs[i], &errs))
			loaded = false;
		cells[i] = &cfgs[i];
	}
	errs.document = n > 1 ? argv[o.first] : NULL;
	if (loaded && n == 1)
		bh_config_validate(&cfgs[0], &errs);
	else if (loaded)
		bh_config_validate_set(&cfgs[0], cells + 1,
				       (const char *const *)argv + o.first + 1,
				       n - 1, &errs);
	ret = report(&o, &errs);
	for (i = 0; i < n; i++)
		bh_config_free(&cfgs[i]);
	free(cfgs);
	free(cells);
	bh_config_errors_free(&errs);
	return ret;
}

static int write_all(const char *path, const void *data, size_t size,
		     struct bh_config_errors *errs)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, size, f) != size || fclose(f)) {
		bh_config_error_add(errs, "", "io", "cannot write %s: %s",
				    path, strerror(errno));
		if (f)
			fclose(f);
		remove(path);
		return -EIO;
	}
	return 0;
}

static int config_compile(int argc, char **argv)
{
	struct bh_config_errors errs;
	struct bh_config cfg;
	struct opts o;
	int ret = parse_opts(argc, argv, &o, true);
	size_t size;
	void *bin;

	if (ret)
		return ret < 0 ? EXIT_OK : ret;
	if (argc - o.first != 1 || !o.output)
		return cli_usage_error("config compile needs one CONFIG.json "
				       "and -o OUT.cell");
	bh_config_errors_init(&errs);
	errs.document = argv[o.first];
	if (!load(argv[o.first], &cfg, &errs) &&
	    !bh_config_validate(&cfg, &errs)) {
		errs.document = NULL;
		if (bh_config_compile(&cfg, &bin, &size)) {
			bh_config_error_add(&errs, "", "memory",
					    "out of memory");
		} else {
			write_all(o.output, bin, size, &errs);
			free(bin);
		}
	}
	bh_config_free(&cfg);
	ret = report(&o, &errs);
	bh_config_errors_free(&errs);
	return ret;
}

static int config_decompile(int argc, char **argv)
{
	struct bh_config_errors errs;
	struct bh_config cfg;
	struct opts o;
	int ret = parse_opts(argc, argv, &o, true);
	json_t *doc = NULL;
	char *text = NULL;

	if (ret)
		return ret < 0 ? EXIT_OK : ret;
	if (argc - o.first != 1)
		return cli_usage_error("config decompile needs one "
				       "CONFIG.cell");
	bh_config_errors_init(&errs);
	errs.document = argv[o.first];
	if (!load(argv[o.first], &cfg, &errs)) {
		errs.document = NULL;
		doc = bh_config_to_json(&cfg);
		text = doc ? json_dumps(doc, JSON_INDENT(8) |
					JSON_PRESERVE_ORDER) : NULL;
		if (!text)
			bh_config_error_add(&errs, "", "memory",
					    "out of memory");
		else if (o.output)
			write_all(o.output, text, strlen(text), &errs);
		else if (!o.json)
			printf("%s\n", text);
		bh_config_free(&cfg);
	}
	if (o.json && !errs.count && !o.output) {
		/* The document itself is the machine-readable result. */
		printf("%s\n", text);
		ret = EXIT_OK;
	} else {
		ret = report(&o, &errs);
	}
	free(text);
	json_decref(doc);
	bh_config_errors_free(&errs);
	return ret;
}

int cmd_config(int argc, char **argv)
{
	if (argc < 2) {
		fputs(config_usage, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(config_usage, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "check"))
		return config_check(argc - 1, argv + 1);
	if (!strcmp(argv[1], "compile"))
		return config_compile(argc - 1, argv + 1);
	if (!strcmp(argv[1], "decompile"))
		return config_decompile(argc - 1, argv + 1);
	if (!strcmp(argv[1], "create"))
		return config_create(argc - 1, argv + 1);
	return cli_usage_error("unknown config command '%s'", argv[1]);
}
