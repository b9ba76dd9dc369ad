// SPDX-License-Identifier: GPL-2.0
/*
 * Running libbulkhead's generator for a request (the code `bulkhead config
 * create` runs, so both give the same config for the same captures) and
 * turning its result into the answer and into a board profile.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boards.h"
#include "generator.h"

json_t *gen_job_run(struct gen_job *job, bool *input_ok)
{
	struct bh_gen_result res = { 0 };
	struct bh_config_errors errs;
	json_t *report;
	int rc;

	bh_config_errors_init(&errs);
	rc = bh_generate(&job->in, &res, &errs);
	if (!rc)
		report = bh_gen_report_json(&res);
	else
		report = json_pack("{s:b, s:n, s:[], s:n}", "complete", 0,
				   "config", "notes", "found");
	*input_ok = !rc;
	json_object_set_new(report, "valid", json_boolean(!rc &&
							  res.complete));
	json_object_set_new(report, "errors", bh_config_errors_to_json(&errs));
	bh_gen_result_free(&res);
	bh_config_errors_free(&errs);
	return report;
}

/* Notes as the board's text, one "what: why" (and "change:") per note. */
static json_t *notes_text(json_t *notes)
{
	const char *cut = "\n(more notes: run the generator again)\n";
	size_t len = 0, i;
	char *text = calloc(1, BOARD_NOTES_MAX + 1);
	json_t *n, *out;
	int w;

	if (!text)
		return NULL;
	json_array_foreach(notes, i, n) {
		const char *fix = json_string_value(json_object_get(n, "fix"));

		w = snprintf(text + len, BOARD_NOTES_MAX + 1 - len,
			     "%s: %s\n%s%s%s",
			     json_string_value(json_object_get(n, "what")),
			     json_string_value(json_object_get(n, "why")),
			     fix ? "  change: " : "", fix ? fix : "",
			     fix ? "\n" : "");
		if (w < 0 || len + (size_t)w > BOARD_NOTES_MAX - strlen(cut)) {
			/* Cut at a whole note, saying so. */
			snprintf(text + len, BOARD_NOTES_MAX + 1 - len, "%s",
				 cut);
			break;
		}
		len += (size_t)w;
	}
	out = json_string(text);
	free(text);
	return out;
}

/* From the captures' own words; a device tree means arm64. */
static const char *architecture(const struct gen_job *job, json_t *report)
{
	json_t *found = json_object_get(report, "found");
	const char *arch = json_string_value(json_object_get(found, "arch"));

	if (arch)
		return arch;
	return job->in.fdt ? "arm64" : NULL;
}

json_t *gen_job_board(const struct gen_job *job, json_t *report)
{
	const char *arch = architecture(job, report);

	if (!arch)
		return NULL;
	return json_pack("{s:s, s:s, s:O, s:O, s:o*}", "name", job->board,
			 "architecture", arch, "captures", job->captures,
			 "generated_config", json_object_get(report, "config"),
			 "notes", notes_text(json_object_get(report,
							    "notes")));
}
