/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HTTP glue: the libmicrohttpd daemon, request bodies and responses. Route
 * handlers see only struct http_request and the helpers below.
 */
#ifndef WEBD_HTTP_H
#define WEBD_HTTP_H

#include <stddef.h>

#include <jansson.h>
#include <microhttpd.h>

#include "store.h"

struct http_server;

struct http_request {
	struct MHD_Connection *conn;
	const struct http_server *srv;
	const char *method;
	const char *path;
	const char *body;
	size_t body_len;
	const char *params[4];	/* path parameters matched by the router */
	unsigned int status;	/* of the queued response, for the audit */
	enum token_role role;	/* set by the auth filter */
	char who[64];		/* token name, or "anonymous" */
};

struct http_options {
	const char *address;	/* IPv4/IPv6 literal */
	unsigned short port;	/* 0: any free port (see http_port()) */
	size_t max_body;
	size_t max_upload;	/* body limit of routes taking captures */
	size_t max_image;	/* body limit of cell image loads */
	unsigned int max_json_depth;
	unsigned int connection_limit;
	unsigned int threads;	/* MHD worker threads (epoll each) */
	unsigned int timeout_s;
	const char *tls_cert, *tls_key;	/* PEM files; both or neither */
};

struct http_server *http_start(const struct http_options *opt);
unsigned short http_port(const struct http_server *srv);
/* Stop accepting new connections; open ones go on. */
void http_quiesce(struct http_server *srv);
/* Wait up to grace_s for open connections to finish, then stop. */
void http_stop(struct http_server *srv, unsigned int grace_s);

const char *http_header(struct http_request *req, const char *name);
const char *http_query(struct http_request *req, const char *name);
/* A Content-Type value (may be NULL) names type, parameters allowed. */
int http_content_is(const char *ct, const char *type);

/* Response helpers; each returns an MHD_Result for the access handler. */
enum MHD_Result http_json(struct http_request *req, unsigned int status,
			  json_t *body);
/* JSON with optional ETag and Location headers. */
enum MHD_Result http_json_hdr(struct http_request *req, unsigned int status,
			      json_t *body, const char *etag,
			      const char *location);
enum MHD_Result http_text(struct http_request *req, unsigned int status,
			  const char *type, const char *text, size_t len);
enum MHD_Result http_empty(struct http_request *req, unsigned int status);
/* Queue r (takes it over) with status; adds an ETag header if etag. */
enum MHD_Result http_queue(struct http_request *req, unsigned int status,
			   struct MHD_Response *r, const char *etag);
enum MHD_Result http_problem(struct http_request *req, unsigned int status,
			     const char *type, const char *title,
			     const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Same, with extension members (e.g. "errors") merged in; takes ext. */
enum MHD_Result http_problem_ext(struct http_request *req,
				 unsigned int status, const char *type,
				 const char *title, json_t *ext,
				 const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/*
 * The If-Match precondition of a replace: 0 with the ETag (unquoted) in
 * out, 1 for "*" (any version); otherwise -1 with the 428 (missing) or 412
 * (not a strong ETag) problem queued into *ret. get_hint names where the
 * current ETag comes from.
 */
int http_if_match(struct http_request *req, char *out, size_t size,
		  const char *get_hint, enum MHD_Result *ret);

/* The client accepts type (by its Accept header; none accepts all). */
int http_accepts(struct http_request *req, const char *type);
/* The Accept header names type itself (not through a wildcard). */
int http_accept_names(struct http_request *req, const char *type);

/*
 * Parse the body as JSON. On failure the 400/415 problem is already queued
 * into *ret (with line, column and position) and NULL is returned.
 */
json_t *http_body_json(struct http_request *req, enum MHD_Result *ret);

#endif
