/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The route table: method + path pattern -> handler. Patterns are literal
 * segments and "{name}" segments bound in order to req->params.
 */
#ifndef WEBD_ROUTES_H
#define WEBD_ROUTES_H

#include "http.h"

typedef enum MHD_Result (*route_handler)(struct http_request *req);

struct route {
	const char *method;
	const char *pattern;
	route_handler handler;
};

/* Dispatch a complete request; answers 404/405 problems itself. */
enum MHD_Result routes_dispatch(struct http_request *req);

/* Per-resource handlers (one file each). */
enum MHD_Result api_system_get(struct http_request *req);

#endif
