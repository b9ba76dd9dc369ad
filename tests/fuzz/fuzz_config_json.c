// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the JSON config reader: any text goes through
 * parse, and whatever parses goes on through validate, compile, the binary
 * reader and the JSON writer, so every stage sees what the reader lets in.
 * A config that parses and validates must compile and read back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/config.h>

static void round_trip(const struct bh_config *cfg)
{
	struct bh_config_errors errs;
	struct bh_config back;
	size_t size;
	void *bin;
	json_t *doc;

	bh_config_errors_init(&errs);
	if (bh_config_validate(cfg, &errs) == 0) {
		if (bh_config_compile(cfg, &bin, &size))
			abort();
		if (bh_config_from_binary(bin, size, &back, &errs))
			abort();	/* the compiler wrote what we reject */
		bh_config_free(&back);
		free(bin);
	}
	doc = bh_config_to_json(cfg);
	json_decref(doc);
	bh_config_errors_free(&errs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bh_config_errors errs;
	struct bh_config cfg;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	bh_config_errors_init(&errs);
	if (!bh_config_parse_text(text, size, &cfg, &errs)) {
		round_trip(&cfg);
		bh_config_free(&cfg);
	}
	bh_config_errors_free(&errs);
	free(text);
	return 0;
}
