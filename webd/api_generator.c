// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/generator: a root-cell system config from uploaded captures or
 * from the machine webd runs on, optionally recorded as a board profile.
 * Generating is a read (viewer); saving the profile needs an operator.
 */
#include <stdio.h>
#include <string.h>

#include "boards.h"
#include "generator.h"
#include "routes.h"

typedef int (*job_setup)(struct http_request *req, json_t *body,
			 struct gen_job *job, enum MHD_Result *ret);

/* The live request may come without a body: that is {}. */
static json_t *request_body(struct http_request *req, int empty_ok,
			    enum MHD_Result *ret)
{
	if (empty_ok && !req->body_len)
		return json_object();
	return http_body_json(req, ret);
}

static enum MHD_Result refuse_input(struct http_request *req, json_t *report)
{
	return http_problem_ext(req, MHD_HTTP_UNPROCESSABLE_CONTENT,
		"validation-failed", "Captures do not parse",
		json_pack("{s:O}", "errors", json_object_get(report, "errors")),
		"not saved as board: %zu capture error(s); see errors[]",
		json_array_size(json_object_get(report, "errors")));
}

/* Store the run as a board profile and answer 201 with it named. */
static enum MHD_Result save(struct http_request *req, struct gen_job *job,
			    json_t *report)
{
	char etag[STORE_ETAG_LEN + 1], location[192];
	enum MHD_Result ret;
	json_t *board = gen_job_board(job, report);

	if (!board)
		return http_problem_ext(req, MHD_HTTP_UNPROCESSABLE_CONTENT,
			"validation-failed", "Architecture unknown",
			json_pack("{s:[{s:s, s:s}]}", "errors", "pointer",
				  "/save_as_board", "message", "the captures "
				  "do not say the architecture (send cpuinfo "
				  "or dtb)"),
			"a board profile needs its architecture");
	if (boards_add(req, board, etag, &ret)) {
		json_decref(board);
		return ret;
	}
	json_decref(board);
	snprintf(location, sizeof(location), "/api/v1/boards/%s", job->board);
	json_object_set_new(report, "board", json_pack("{s:s, s:s}", "name",
				job->board, "etag", etag));
	return http_json_hdr(req, MHD_HTTP_CREATED, json_incref(report), NULL,
			     location);
}

static enum MHD_Result generate(struct http_request *req, job_setup setup,
				int empty_ok)
{
	struct gen_job job = { 0 };
	enum MHD_Result ret;
	json_t *body, *report = NULL;
	bool input_ok;

	body = request_body(req, empty_ok, &ret);
	if (!body)
		return ret;
	if (setup(req, body, &job, &ret))
		goto out;
	/* Checked before the run: a viewer learns at once it cannot save. */
	if (job.board && req->role < ROLE_OPERATOR) {
		ret = http_problem(req, MHD_HTTP_FORBIDDEN, "forbidden",
				   "Insufficient role", "save_as_board needs "
				   "role operator; token '%s' has %s",
				   req->who, role_name(req->role));
		goto out;
	}
	report = gen_job_run(&job, &input_ok);
	if (!job.board)
		ret = http_json(req, MHD_HTTP_OK, json_incref(report));
	else if (!input_ok)
		ret = refuse_input(req, report);
	else
		ret = save(req, &job, report);
out:
	json_decref(report);
	json_decref(body);
	gen_job_free(&job);
	return ret;
}

enum MHD_Result api_generator_upload(struct http_request *req)
{
	return generate(req, gen_job_upload, 0);
}

enum MHD_Result api_generator_live(struct http_request *req)
{
	return generate(req, gen_job_live, 1);
}
