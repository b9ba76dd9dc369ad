/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the generator tests: capture files and running the generator. */
#ifndef GEN_TEST_UTIL_H
#define GEN_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/generator.h>
#include <libbulkhead/util.h>

/* A file of tests/captures/MACHINE/, NULL if it does not exist. */
static inline char *capture(const char *machine, const char *file,
			    size_t *len)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s/%s", BH_CAPTURES_DIR, machine,
		 file);
	return bh_read_file(path, len);
}

static inline char *capture_path(const char *machine, const char *file)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s/%s", BH_CAPTURES_DIR, machine,
		 file);
	return path;
}

struct gen_run {
	struct bh_gen_input in;
	struct bh_gen_buffers bufs;
	struct bh_gen_result res;
	struct bh_config_errors errs;
	int ret;
};

/* The inputs regen.sh uses: iomem, cpuinfo, fdt.dtb, lspci-vvvnn.txt. */
static inline void gen_load(struct gen_run *r, const char *machine)
{
	size_t len = 0;

	memset(r, 0, sizeof(*r));
	bh_config_errors_init(&r->errs);
	r->in.name = machine;
	r->in.iomem = r->bufs.iomem = capture(machine, "iomem", NULL);
	r->in.cpuinfo = r->bufs.cpuinfo = capture(machine, "cpuinfo", NULL);
	r->in.lspci = r->bufs.lspci = capture(machine, "lspci-vvvnn.txt",
					      NULL);
	r->bufs.fdt = capture(machine, "fdt.dtb", &len);
	r->in.fdt = r->bufs.fdt;
	r->in.fdt_size = len;
}

static inline void gen_run(struct gen_run *r)
{
	r->ret = bh_generate(&r->in, &r->res, &r->errs);
}

static inline void gen_done(struct gen_run *r)
{
	bh_gen_result_free(&r->res);
	bh_gen_buffers_free(&r->bufs);
	bh_config_errors_free(&r->errs);
}

#endif
