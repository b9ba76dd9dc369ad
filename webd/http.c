// SPDX-License-Identifier: GPL-2.0
/*
 * libmicrohttpd glue. The access handler collects the body, then dispatches
 * on the call after the request is complete: queueing a response on the
 * first call makes MHD close the connection (no keep-alive).
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "log.h"
#include "routes.h"

struct http_server {
	struct MHD_Daemon *daemon;
	size_t max_body;
};

struct conn_state {
	char *body;
	size_t len;
	int too_large;
};

static enum MHD_Result queue(struct MHD_Connection *conn, unsigned int status,
			     const char *type, char *text)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(strlen(text), text,
					    MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(text);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

enum MHD_Result http_json(struct http_request *req, unsigned int status,
			  json_t *body)
{
	char *text = json_dumps(body, JSON_COMPACT);

	json_decref(body);
	if (!text)
		return MHD_NO;
	return queue(req->conn, status, "application/json", text);
}

enum MHD_Result http_problem(struct http_request *req, unsigned int status,
			     const char *type, const char *title,
			     const char *fmt, ...)
{
	char detail[512], typeuri[128];
	json_t *p;
	char *text;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	snprintf(typeuri, sizeof(typeuri), "urn:bulkhead:problem:%s", type);
	p = json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", typeuri,
		      "title", title, "status", (int)status, "detail", detail,
		      "instance", req->path);
	text = p ? json_dumps(p, JSON_COMPACT) : NULL;
	json_decref(p);
	if (!text)
		return MHD_NO;
	return queue(req->conn, status, "application/problem+json", text);
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn,
				 const char *url, const char *method,
				 const char *version, const char *upload,
				 size_t *upload_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct conn_state *st = *con_cls;
	struct http_request req = { .conn = conn, .method = method,
				    .path = url };

	if (!st) {
		st = calloc(1, sizeof(*st));
		if (!st)
			return MHD_NO;
		*con_cls = st;
		return MHD_YES;
	}
	if (*upload_size) {
		if (st->len + *upload_size > srv->max_body) {
			st->too_large = 1;
		} else {
			char *nb = realloc(st->body, st->len + *upload_size + 1);

			if (!nb)
				return MHD_NO;
			memcpy(nb + st->len, upload, *upload_size);
			st->body = nb;
			st->len += *upload_size;
			st->body[st->len] = '\0';
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (st->too_large)
		return http_problem(&req, MHD_HTTP_CONTENT_TOO_LARGE,
				    "body-too-large", "Request body too large",
				    "the body exceeds %zu bytes",
				    srv->max_body);
	req.body = st->body;
	req.body_len = st->len;
	return routes_dispatch(&req);
}

static void on_completed(void *cls, struct MHD_Connection *conn,
			 void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct conn_state *st = *con_cls;

	if (st) {
		free(st->body);
		free(st);
		*con_cls = NULL;
	}
}

static int parse_address(const char *addr, unsigned short port,
			 struct sockaddr_storage *ss)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons(port);
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		return 0;
	}
	return -1;
}

struct http_server *http_start(const struct http_options *opt)
{
	struct sockaddr_storage ss;
	struct http_server *srv;
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
			     MHD_USE_ERROR_LOG;

	srv = calloc(1, sizeof(*srv));
	if (!srv)
		return NULL;
	srv->max_body = opt->max_body;
	if (parse_address(opt->address, opt->port, &ss)) {
		log_error("invalid listen address '%s'", opt->address);
		free(srv);
		return NULL;
	}
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	srv->daemon = MHD_start_daemon(flags, opt->port, NULL, NULL,
		on_access, srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_CONNECTION_LIMIT, opt->connection_limit,
		MHD_OPTION_CONNECTION_TIMEOUT, opt->timeout_s,
		MHD_OPTION_END);
	if (!srv->daemon) {
		log_error("cannot listen on %s port %u", opt->address,
			  opt->port);
		free(srv);
		return NULL;
	}
	return srv;
}

void http_stop(struct http_server *srv)
{
	if (!srv)
		return;
	MHD_stop_daemon(srv->daemon);
	free(srv);
}
