// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead config create: a root-cell system config from the live system
 * or from captured files, with what could not be determined reported.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libbulkhead/generator.h>
#include <libbulkhead/util.h>

#include "cli.h"

static const char create_usage[] =
"usage: bulkhead config create [--iomem F] [--lspci F] [--cpuinfo F]\n"
"                              [--dtb F | --dts F] [--hypervisor ADDR+SIZE]\n"
"                              [--name NAME] [--json] [-o OUT.json]\n"
"\n"
"Builds a root-cell system config. Without any input file it reads the\n"
"live system (as root): /proc/iomem, /proc/cpuinfo, /sys/firmware/fdt and\n"
"/sys/bus/pci/devices. With input files it reads only those (captures).\n"
"\n"
"--iomem F       /proc/iomem captured as root\n"
"--lspci F       lspci output (-nn, -vvvnn, -vmmnnk or -xxx)\n"
"--cpuinfo F     /proc/cpuinfo\n"
"--dtb F         flattened device tree (/sys/firmware/fdt)\n"
"--dts F         device tree source; compiled with dtc (must be installed)\n"
"--hypervisor A+S  hypervisor memory (default: the top 16M of the RAM the\n"
"                DT declares but Linux does not use, e.g. hidden by mem=)\n"
"--name NAME     root cell name (default root)\n"
"--json          print {ok, complete, config, notes, found, errors}\n"
"-o OUT.json     write the config there (stdout without -o and --json)\n"
"\n"
"Notes on what could not be determined, and what to change, go to\n"
"stderr. Exit codes: 0 complete config, 1 incomplete or bad input,\n"
"2 usage.\n";

struct create_opts {
	const char *iomem, *lspci, *cpuinfo, *dtb, *dts, *output, *hv;
	struct bh_gen_input in;
	bool json;
};

/* "ADDR+SIZE", numbers in C syntax, SIZE may end in K, M or G. */
static bool parse_region(const char *s, __u64 *start, __u64 *size)
{
	char *end;

	errno = 0;
	*start = strtoull(s, &end, 0);
	if (end == s || *end != '+')
		return false;
	s = end + 1;
	*size = strtoull(s, &end, 0);
	if (end == s || errno)
		return false;
	switch (*end) {
	case 'K': *size <<= 10; end++; break;
	case 'M': *size <<= 20; end++; break;
	case 'G': *size <<= 30; end++; break;
	}
	return !*end && *size;
}

static int parse_create_opts(int argc, char **argv, struct create_opts *o)
{
	static const struct option longopts[] = {
		{ "iomem", required_argument, NULL, 'i' },
		{ "lspci", required_argument, NULL, 'l' },
		{ "cpuinfo", required_argument, NULL, 'c' },
		{ "dtb", required_argument, NULL, 'd' },
		{ "dts", required_argument, NULL, 's' },
		{ "hypervisor", required_argument, NULL, 'H' },
		{ "name", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': o->iomem = optarg; break;
		case 'l': o->lspci = optarg; break;
		case 'c': o->cpuinfo = optarg; break;
		case 'd': o->dtb = optarg; break;
		case 's': o->dts = optarg; break;
		case 'H': o->hv = optarg; break;
		case 'n': o->in.name = optarg; break;
		case 'j': o->json = true; break;
		case 'o': o->output = optarg; break;
		case 'h':
			fputs(create_usage, stdout);
			return -1;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage_error("config create takes no arguments, "
				       "only options ('%s')", argv[optind]);
	if (o->dtb && o->dts)
		return cli_usage_error("give --dtb or --dts, not both");
	if (o->hv && !parse_region(o->hv, &o->in.hv_start, &o->in.hv_size))
		return cli_usage_error("--hypervisor wants ADDR+SIZE, e.g. "
				       "0x7f000000+16M, got '%s'", o->hv);
	o->in.have_hypervisor = o->hv != NULL;
	return 0;
}

/* A .dts through dtc into memory; NULL with the reason in errs. */
static void *compile_dts(const char *path, size_t *len,
			 struct bh_config_errors *errs)
{
	char tmpl[] = "/tmp/bulkhead-dtb.XXXXXX", *cmd = NULL;
	void *data = NULL;
	int fd = mkstemp(tmpl), rc = -1;

	if (fd >= 0 && asprintf(&cmd, "dtc -q -I dts -O dtb -o '%s' '%s'",
				tmpl, path) > 0 && !strchr(path, '\''))
		rc = system(cmd);
	if (rc == 0)
		data = bh_read_file(tmpl, len);
	else
		bh_config_error_add(errs, "", "fdt", "dtc could not compile "
				    "it (is device-tree-compiler installed? "
				    "or compile it yourself and give --dtb)");
	free(cmd);
	if (fd >= 0) {
		close(fd);
		unlink(tmpl);
	}
	return data;
}

static char *load_text(const char *path, struct bh_config_errors *errs)
{
	char *text = bh_read_file(path, NULL);

	if (!text)
		bh_config_error_add(errs, "", "io", "cannot read %s: %s", path,
				    strerror(errno));
	return text;
}

/* Captured files, or the live system when none was given. */
static void load_inputs(struct create_opts *o, struct bh_gen_buffers *b,
			struct bh_config_errors *errs)
{
	struct bh_gen_input *in = &o->in;
	size_t len = 0;

	if (!o->iomem && !o->lspci && !o->cpuinfo && !o->dtb && !o->dts) {
		bh_gen_input_live(in, b);
		return;
	}
	errs->document = o->iomem;
	if (o->iomem)
		in->iomem = b->iomem = load_text(o->iomem, errs);
	errs->document = o->cpuinfo;
	if (o->cpuinfo)
		in->cpuinfo = b->cpuinfo = load_text(o->cpuinfo, errs);
	errs->document = o->lspci;
	if (o->lspci)
		in->lspci = b->lspci = load_text(o->lspci, errs);
	errs->document = o->dtb ? o->dtb : o->dts;
	if (o->dtb) {
		b->fdt = bh_read_file(o->dtb, &len);
		if (!b->fdt)
			bh_config_error_add(errs, "", "io", "cannot read %s: "
					    "%s", o->dtb, strerror(errno));
	} else if (o->dts) {
		b->fdt = compile_dts(o->dts, &len, errs);
	}
	in->fdt = b->fdt;
	in->fdt_size = len;
	in->iomem_name = o->iomem;
	in->cpuinfo_name = o->cpuinfo;
	in->lspci_name = o->lspci;
	in->fdt_name = errs->document;
	errs->document = NULL;
}

static void print_notes(const struct bh_gen_notes *notes)
{
	size_t i;

	for (i = 0; i < notes->count; i++) {
		fprintf(stderr, "bulkhead: note: %s: %s\n",
			notes->list[i].what, notes->list[i].why);
		if (notes->list[i].fix)
			fprintf(stderr, "  change: %s\n", notes->list[i].fix);
	}
}

static void print_errors(const struct bh_config_errors *errs)
{
	char line[1024];
	size_t i;

	for (i = 0; i < errs->count; i++) {
		bh_config_error_format(&errs->list[i], line, sizeof(line));
		fprintf(stderr, "%s\n", line);
	}
}

static int write_config(const struct bh_gen_result *res, const char *path,
			bool to_stdout, struct bh_config_errors *errs)
{
	json_t *doc = bh_config_to_json(&res->cfg);
	char *text = doc ? json_dumps(doc, JSON_INDENT(8) |
				      JSON_PRESERVE_ORDER) : NULL;
	FILE *f = NULL;
	int ret = 0;

	json_decref(doc);
	if (!text) {
		bh_config_error_add(errs, "", "memory", "out of memory");
		return -ENOMEM;
	}
	if (path) {
		f = fopen(path, "w");
		if (!f || fprintf(f, "%s\n", text) < 0 || fclose(f)) {
			bh_config_error_add(errs, "", "io", "cannot write "
					    "%s: %s", path, strerror(errno));
			ret = -EIO;
		}
	} else if (to_stdout) {
		printf("%s\n", text);
	}
	free(text);
	return ret;
}

static void print_json(const struct bh_gen_result *res, bool generated,
		       const struct bh_config_errors *errs)
{
	json_t *out = generated ? bh_gen_report_json(res) : json_object();

	json_object_set_new(out, "ok", json_boolean(!errs->count &&
						    res->complete));
	json_object_set_new(out, "errors", bh_config_errors_to_json(errs));
	json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(out);
}

int config_create(int argc, char **argv)
{
	struct create_opts o = { 0 };
	struct bh_gen_buffers bufs = { 0 };
	struct bh_config_errors errs;
	struct bh_gen_result res = { 0 };
	bool generated = false;
	int ret = parse_create_opts(argc, argv, &o);

	if (ret)
		return ret < 0 ? EXIT_OK : ret;
	bh_config_errors_init(&errs);
	load_inputs(&o, &bufs, &errs);
	if (!errs.count && !bh_generate(&o.in, &res, &errs)) {
		generated = true;
		if (res.complete)
			write_config(&res, o.output, !o.json, &errs);
	}
	if (o.json) {
		print_json(&res, generated, &errs);
	} else {
		print_errors(&errs);
		print_notes(&res.notes);
		if (generated && !res.complete)
			fprintf(stderr, "bulkhead: no config written: the "
				"notes above say what is missing\n");
	}
	ret = !errs.count && res.complete ? EXIT_OK : EXIT_FAILED;
	bh_gen_result_free(&res);
	bh_gen_buffers_free(&bufs);
	bh_config_errors_free(&errs);
	return ret;
}
