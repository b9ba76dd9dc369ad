/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HTTP glue: the libmicrohttpd daemon, request bodies and responses. Route
 * handlers see only struct http_request and the response helpers.
 */
#ifndef WEBD_HTTP_H
#define WEBD_HTTP_H

#include <stddef.h>

#include <jansson.h>
#include <microhttpd.h>

struct http_request {
	struct MHD_Connection *conn;
	const char *method;
	const char *path;
	const char *body;
	size_t body_len;
	const char *params[4];	/* path parameters matched by the router */
};

struct http_options {
	const char *address;	/* IPv4/IPv6 literal, or NULL for any */
	unsigned short port;
	size_t max_body;
	unsigned int connection_limit;
	unsigned int timeout_s;
};

struct http_server;

struct http_server *http_start(const struct http_options *opt);
void http_stop(struct http_server *srv);

/* Response helpers; each returns an MHD_Result for the access handler. */
enum MHD_Result http_json(struct http_request *req, unsigned int status,
			  json_t *body);
enum MHD_Result http_problem(struct http_request *req, unsigned int status,
			     const char *type, const char *title,
			     const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
