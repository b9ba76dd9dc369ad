// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the generator's input readers. The first byte
 * picks the input the rest is fed as (iomem, cpuinfo, lspci, device
 * tree), then the whole generator runs on it, so the planner also meets
 * whatever a reader accepts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/generator.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bh_config_errors errs;
	struct bh_gen_input in = { 0 };
	struct bh_gen_result res;
	json_t *report;
	char *text;

	if (size < 1)
		return 0;
	text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	switch (data[0] % 4) {
	case 0: in.iomem = text; break;
	case 1: in.cpuinfo = text; break;
	case 2: in.lspci = text; break;
	default: in.fdt = text; in.fdt_size = size - 1; break;
	}
	bh_config_errors_init(&errs);
	if (!bh_generate(&in, &res, &errs)) {
		report = bh_gen_report_json(&res);
		json_decref(report);
		bh_gen_result_free(&res);
	}
	bh_config_errors_free(&errs);
	free(text);
	return 0;
}
