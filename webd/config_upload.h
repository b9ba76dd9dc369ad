/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An uploaded config on its way in: read from the request body (JSON, or a
 * compiled .cell as application/octet-stream), validated with libbulkhead
 * (a cell also against a stored system config) and compiled when valid.
 * Shared by the validate, create and replace handlers.
 */
#ifndef WEBD_CONFIG_UPLOAD_H
#define WEBD_CONFIG_UPLOAD_H

#include <libbulkhead/config.h>

#include "http.h"

struct config_upload {
	struct bh_config cfg;
	int parsed;		/* cfg holds a complete model */
	int binary;		/* uploaded as a compiled config */
	char *json;		/* the document to store (malloc'ed) */
	size_t json_len;
	void *bin;		/* compiled, only when valid */
	size_t bin_size;
	struct bh_config_errors errs;
	char system[72];	/* stored system config checked against */
	const char *not_checked; /* why no cross-config check, or NULL */
};

/*
 * Read and parse the body. Returns 0, or -1 with the 400/415 problem
 * queued into *ret. Findings in the config itself are not failures: they
 * go into up->errs.
 */
int config_upload_read(struct http_request *req, struct config_upload *up,
		       enum MHD_Result *ret);

/*
 * Run the rules (cells also against the system config named by ?system=,
 * or the only stored one) and compile if there was no finding. Returns
 * the number of findings, or -1 with a problem queued into *ret.
 */
int config_upload_check(struct http_request *req, struct config_upload *up,
			enum MHD_Result *ret);

/* {kind, cell_name, arch, cpus, memory_regions, ..., checked_against} */
json_t *config_upload_summary(const struct config_upload *up);
/* [{pointer, rule, message, document?}] */
json_t *config_upload_errors(const struct config_upload *up);

/* "system" or "cell"; "" when the document could not be parsed. */
const char *config_upload_kind(const struct config_upload *up);
const char *config_upload_arch(const struct config_upload *up);
/* The cell's own name (the root cell's for a system config). */
void config_upload_cell_name(const struct config_upload *up, char *buf,
			     size_t size);

void config_upload_free(struct config_upload *up);

#endif
