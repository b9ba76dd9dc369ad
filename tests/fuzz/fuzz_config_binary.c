// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the binary config reader (what the driver and
 * the hypervisor will also have to withstand): any bytes go through the
 * reader; what it accepts must decompile, and compiling the model must
 * give the same bytes back (the reader accepts only canonical binaries:
 * reserved fields zero, sizes exact).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/config.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bh_config_errors errs;
	struct bh_config cfg;
	size_t out_size;
	void *out;
	json_t *doc;

	bh_config_errors_init(&errs);
	if (!bh_config_from_binary(data, size, &cfg, &errs)) {
		bh_config_validate(&cfg, &errs);
		doc = bh_config_to_json(&cfg);
		json_decref(doc);
		if (bh_config_compile(&cfg, &out, &out_size))
			abort();
		if (out_size != size || memcmp(out, data, size))
			abort();	/* accepted but not canonical */
		free(out);
		bh_config_free(&cfg);
	}
	bh_config_errors_free(&errs);
	return 0;
}
