/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The route table: method + path pattern -> required role + handler.
 * Patterns are literal segments and "{name}" segments bound in order to
 * req->params.
 */
#ifndef WEBD_ROUTES_H
#define WEBD_ROUTES_H

#include <stdint.h>
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
/* Which body limit a request gets: --max-body, -upload or -image. */
enum body_kind { BODY_NORMAL, BODY_UPLOAD, BODY_IMAGE };
enum body_kind routes_body_kind(const char *method, const char *path);
/* "METHOD PATTERN ROLE" per line, for tests and documentation. */
void routes_print(FILE *out);

/* A cached JSON body as a 200 response; takes text (malloc'ed). */
enum MHD_Result api_send_cached(struct http_request *req, char *text,
				size_t len);
/* 503 "hypervisor-absent": the driver is not loaded. */
enum MHD_Result api_problem_absent(struct http_request *req);
/* 422 validation-failed with one error at pointer. */
enum MHD_Result api_invalid(struct http_request *req, const char *pointer,
			    const char *msg);
/*
 * A body {"config": NAME} and nothing else (kind: "system" or "cell", for
 * the message); NULL with the 422 queued into *ret.
 */
const char *api_config_name_request(struct http_request *req, json_t *body,
				    const char *kind, enum MHD_Result *ret);
/*
 * Attach the request to an SSE stream (Last-Event-ID checked, 400
 * invalid-last-event-id); filter: the tag wanted or SSE_ANY.
 */
enum MHD_Result api_stream(struct http_request *req, int stream,
			   uint32_t filter);

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
enum MHD_Result api_cells_get(struct http_request *req);
enum MHD_Result api_cells_create(struct http_request *req);
enum MHD_Result api_cells_load(struct http_request *req);
enum MHD_Result api_cells_start(struct http_request *req);
enum MHD_Result api_cells_shutdown(struct http_request *req);
enum MHD_Result api_cells_destroy(struct http_request *req);
enum MHD_Result api_cells_jitter(struct http_request *req);
enum MHD_Result api_ivshmem_list(struct http_request *req);
enum MHD_Result api_console_stream(struct http_request *req);
enum MHD_Result api_audit_list(struct http_request *req);
enum MHD_Result api_events_stream(struct http_request *req);
enum MHD_Result api_metrics_get(struct http_request *req);
enum MHD_Result api_openapi_get(struct http_request *req);
enum MHD_Result api_whoami_get(struct http_request *req);
enum MHD_Result static_index(struct http_request *req);
enum MHD_Result static_file(struct http_request *req);
enum MHD_Result static_file_in_dir(struct http_request *req);

#endif
