/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A generator run requested over HTTP: the request body turned into
 * libbulkhead's generator input (uploaded captures, or the live system),
 * the run, its report, and the board profile that records it.
 */
#ifndef WEBD_GENERATOR_H
#define WEBD_GENERATOR_H

#include <stdbool.h>

#include <libbulkhead/generator.h>

#include "http.h"

struct gen_job {
	struct bh_gen_input in;
	struct bh_gen_buffers bufs;	/* owned input buffers */
	json_t *body;			/* the request, referenced */
	const char *board;		/* save_as_board, or NULL */
	json_t *captures;		/* for the board profile */
};

/*
 * From an upload {iomem?, lspci?, cpuinfo?, dtb? (base64), cell_name?,
 * save_as_board?}, or (live) {cell_name?, save_as_board?} plus what the
 * machine webd runs on offers. 0, or -1 with the 400/422 problem queued
 * into *ret; either way gen_job_free() cleans up.
 */
int gen_job_upload(struct http_request *req, json_t *body,
		   struct gen_job *job, enum MHD_Result *ret);
int gen_job_live(struct http_request *req, json_t *body,
		 struct gen_job *job, enum MHD_Result *ret);
void gen_job_free(struct gen_job *job);

/*
 * Run the generator: {config (or null), notes, valid, errors, found}.
 * *input_ok is false when an input did not parse (errors say where).
 */
json_t *gen_job_run(struct gen_job *job, bool *input_ok);

/* The board profile recording a run: NULL if the architecture is unknown. */
json_t *gen_job_board(const struct gen_job *job, json_t *report);

#endif
