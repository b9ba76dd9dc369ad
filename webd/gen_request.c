// SPDX-License-Identifier: GPL-2.0
/*
 * Generator requests: which members a body may have and what each must
 * be. Every refusal names its JSON Pointer; a damaged base64 device tree
 * also names the character position, so a client can find the damage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "boards.h"
#include "generator.h"

static const char *const text_captures[] = { "iomem", "lspci", "cpuinfo" };

#define N_TEXT	(sizeof(text_captures) / sizeof(text_captures[0]))

static void add_error(json_t *errs, const char *member, const char *msg)
{
	char ptr[80];

	snprintf(ptr, sizeof(ptr), "/%s", member);
	json_array_append_new(errs, json_pack("{s:s, s:s}", "pointer", ptr,
					      "message", msg));
}

static int refuse(struct http_request *req, json_t *errs,
		  enum MHD_Result *ret)
{
	*ret = http_problem_ext(req, MHD_HTTP_UNPROCESSABLE_CONTENT,
		"validation-failed", "Invalid generator request",
		json_pack("{s:o}", "errors", errs),
		"%zu error(s); see errors[]", json_array_size(errs));
	return -1;
}

static int in_list(const char *k, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(k, list[i]))
			return 1;
	return 0;
}

/* Every member known for this kind of request and of the right type. */
static void check_members(json_t *body, const char *const *known, size_t n,
			  json_t *errs)
{
	char msg[160];
	const char *k;
	json_t *v;

	json_object_foreach(body, k, v) {
		if (!in_list(k, known, n)) {
			snprintf(msg, sizeof(msg), "unknown member '%.60s'",
				 k);
			add_error(errs, k, msg);
		} else if (!json_is_string(v)) {
			add_error(errs, k, !strcmp(k, "dtb") ?
				  "must be a string (the .dtb as base64)" :
				  "must be a string");
		}
	}
}

/* Names that fit where they go (the board name is checked again there). */
static void check_names(json_t *body, json_t *errs)
{
	const char *cell = json_string_value(json_object_get(body,
							     "cell_name"));

	const char *board = json_string_value(json_object_get(body,
							      "save_as_board"));

	if (cell && (!*cell || strlen(cell) > 31))
		add_error(errs, "cell_name", "must be 1-31 characters (the "
			  "config's name field holds 31)");
	if (board && !boards_name_ok(board))
		add_error(errs, "save_as_board", "a board name is 1-64 "
			  "characters of A-Z a-z 0-9 . _ - starting with a "
			  "letter or digit");
}

static int check_body(struct http_request *req, json_t *body,
		      const char *const *known, size_t n,
		      enum MHD_Result *ret)
{
	json_t *errs = json_array();

	if (!json_is_object(body))
		json_array_append_new(errs, json_pack("{s:s, s:s}", "pointer",
			"", "message", "the request must be a JSON object"));
	else
		check_members(body, known, n, errs);
	if (!json_array_size(errs))
		check_names(body, errs);
	if (json_array_size(errs))
		return refuse(req, errs, ret);
	json_decref(errs);
	return 0;
}

static void common(json_t *body, struct gen_job *job)
{
	job->body = json_incref(body);
	job->in.name = json_string_value(json_object_get(body, "cell_name"));
	job->board = json_string_value(json_object_get(body,
						       "save_as_board"));
	job->captures = json_object();
}

static int decode_dtb(struct http_request *req, json_t *dtb,
		      struct gen_job *job, enum MHD_Result *ret)
{
	const char *why;
	size_t pos;

	job->bufs.fdt = base64_decode(json_string_value(dtb),
				      json_string_length(dtb),
				      &job->in.fdt_size, &pos, &why);
	if (job->bufs.fdt) {
		job->in.fdt = job->bufs.fdt;
		return 0;
	}
	*ret = http_problem_ext(req, MHD_HTTP_BAD_REQUEST, "malformed-base64",
		"Malformed base64", json_pack("{s:s, s:I}", "pointer", "/dtb",
					      "position", (json_int_t)pos),
		"dtb: character %zu: %s", pos, why);
	return -1;
}

int gen_job_upload(struct http_request *req, json_t *body,
		   struct gen_job *job, enum MHD_Result *ret)
{
	static const char *const known[] = {
		"iomem", "lspci", "cpuinfo", "dtb", "cell_name",
		"save_as_board",
	};
	const char **slot[N_TEXT] = { &job->in.iomem, &job->in.lspci,
				      &job->in.cpuinfo };
	json_t *dtb;
	size_t i;

	if (check_body(req, body, known, sizeof(known) / sizeof(known[0]),
		       ret))
		return -1;
	common(body, job);
	for (i = 0; i < N_TEXT; i++) {
		json_t *v = json_object_get(body, text_captures[i]);

		*slot[i] = json_string_value(v);
		if (v)
			json_object_set(job->captures, text_captures[i], v);
	}
	job->in.iomem_name = "iomem";
	job->in.lspci_name = "lspci";
	job->in.cpuinfo_name = "cpuinfo";
	job->in.fdt_name = "dtb";
	dtb = json_object_get(body, "dtb");
	if (dtb) {
		json_object_set(job->captures, "device_tree", dtb);
		if (decode_dtb(req, dtb, job, ret))
			return -1;
	}
	if (json_object_size(job->captures))
		return 0;
	return refuse(req, json_pack("[{s:s, s:s}]", "pointer", "",
		"message", "no capture given: send at least one of iomem, "
		"lspci, cpuinfo, dtb (or POST /api/v1/generator/live)"), ret);
}

static void live_captures(struct gen_job *job)
{
	char *b64;

	if (job->in.iomem)
		json_object_set_new(job->captures, "iomem",
				    json_string(job->in.iomem));
	if (job->in.cpuinfo)
		json_object_set_new(job->captures, "cpuinfo",
				    json_string(job->in.cpuinfo));
	if (job->in.fdt) {
		b64 = base64_encode(job->in.fdt, job->in.fdt_size);
		if (b64)
			json_object_set_new(job->captures, "device_tree",
					    json_string(b64));
		free(b64);
	}
}

int gen_job_live(struct http_request *req, json_t *body,
		 struct gen_job *job, enum MHD_Result *ret)
{
	static const char *const known[] = { "cell_name", "save_as_board" };

	if (check_body(req, body, known, sizeof(known) / sizeof(known[0]),
		       ret))
		return -1;
	common(body, job);
	bh_gen_input_live(&job->in, &job->bufs);
	live_captures(job);
	return 0;
}

void gen_job_free(struct gen_job *job)
{
	bh_gen_buffers_free(&job->bufs);
	json_decref(job->body);
	json_decref(job->captures);
	memset(job, 0, sizeof(*job));
}
