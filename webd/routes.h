/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The route table: method + path pattern -> required role + handler.
 * Patterns are literal segments and "{name}" segments bound in order to
 * req->params.
 */
#ifndef WEBD_ROUTES_H
#define WEBD_ROUTES_H

#include <stdio.h>

#include "http.h"

typedef enum MHD_Result (*route_handler)(struct http_request *req);

struct route {
	const char *method;
	const char *pattern;
	enum token_role role;	/* ROLE_NONE: public */
	route_handler handler;
};

/*
 * Dispatch a complete request: auth filter, handler, audit record for
 * mutations. Answers 404/405 problems itself.
 */
enum MHD_Result routes_dispatch(struct http_request *req);
/* The request's route takes uploads (captures): the larger body limit. */
int routes_takes_upload(const char *method, const char *path);
/* "METHOD PATTERN ROLE" per line, for tests and documentation. */
void routes_print(FILE *out);

/* A cached JSON body as a 200 response; takes text (malloc'ed). */
enum MHD_Result api_send_cached(struct http_request *req, char *text,
				size_t len);
/* 503 "hypervisor-absent": the driver is not loaded. */
enum MHD_Result api_problem_absent(struct http_request *req);

/* Per-resource handlers (one file each). */
enum MHD_Result api_health_get(struct http_request *req);
enum MHD_Result api_system_get(struct http_request *req);
enum MHD_Result api_boards_list(struct http_request *req);
enum MHD_Result api_boards_create(struct http_request *req);
enum MHD_Result api_boards_get(struct http_request *req);
enum MHD_Result api_boards_replace(struct http_request *req);
enum MHD_Result api_boards_delete(struct http_request *req);
enum MHD_Result api_configs_list(struct http_request *req);
enum MHD_Result api_configs_validate(struct http_request *req);
enum MHD_Result api_configs_create(struct http_request *req);
enum MHD_Result api_configs_get(struct http_request *req);
enum MHD_Result api_configs_replace(struct http_request *req);
enum MHD_Result api_configs_delete(struct http_request *req);
enum MHD_Result api_generator_upload(struct http_request *req);
enum MHD_Result api_generator_live(struct http_request *req);
enum MHD_Result api_system_enable(struct http_request *req);
enum MHD_Result api_system_disable(struct http_request *req);
enum MHD_Result api_cells_list(struct http_request *req);
enum MHD_Result api_audit_list(struct http_request *req);
enum MHD_Result api_events_stream(struct http_request *req);
enum MHD_Result api_metrics_get(struct http_request *req);
enum MHD_Result api_openapi_get(struct http_request *req);
enum MHD_Result api_whoami_get(struct http_request *req);
enum MHD_Result static_index(struct http_request *req);
enum MHD_Result static_file(struct http_request *req);
enum MHD_Result static_file_in_dir(struct http_request *req);

#endif
