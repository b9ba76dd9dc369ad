// SPDX-License-Identifier: GPL-2.0
/*
 * libmicrohttpd glue. The access handler collects the body, then dispatches
 * on the call after the request is complete: queueing a response on the
 * first call makes MHD close the connection (no keep-alive).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "http.h"
#include "log.h"
#include "metrics.h"
#include "routes.h"

struct http_server {
	struct MHD_Daemon *daemon;
	atomic_uint in_flight;	/* requests begun and not completed */
	size_t max_body, max_upload, max_image;
	unsigned int max_json_depth;
	char *tls_cert, *tls_key;	/* PEM text; MHD keeps pointers */
};

struct conn_state {
	char *body;
	size_t len, limit;
	int too_large;
	int discard;		/* large body without a known token: not kept */
	int bad_path;		/* the URL held an encoded NUL */
};

const char *http_header(struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_query(struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn,
					   MHD_GET_ARGUMENT_KIND, name);
}

enum MHD_Result http_queue(struct http_request *req, unsigned int status,
			   struct MHD_Response *r, const char *etag)
{
	enum MHD_Result ret;
	char quoted[80];

	if (!r)
		return MHD_NO;
	if (etag) {
		snprintf(quoted, sizeof(quoted), "\"%s\"", etag);
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, quoted);
	}
	ret = MHD_queue_response(req->conn, status, r);
	MHD_destroy_response(r);
	req->status = status;
	metrics_http_response(status);
	return ret;
}

static struct MHD_Response *text_response(const char *type, char *text,
					  size_t len)
{
	struct MHD_Response *r;

	r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(text);
		return NULL;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	return r;
}

enum MHD_Result http_text(struct http_request *req, unsigned int status,
			  const char *type, const char *text, size_t len)
{
	char *copy = malloc(len + 1);

	if (!copy)
		return MHD_NO;
	memcpy(copy, text, len);
	return http_queue(req, status, text_response(type, copy, len), NULL);
}

enum MHD_Result http_empty(struct http_request *req, unsigned int status)
{
	return http_queue(req, status, MHD_create_response_from_buffer(0, "",
				MHD_RESPMEM_PERSISTENT), NULL);
}

enum MHD_Result http_json_hdr(struct http_request *req, unsigned int status,
			      json_t *body, const char *etag,
			      const char *location)
{
	char *text = json_dumps(body, JSON_COMPACT);
	struct MHD_Response *r;

	json_decref(body);
	if (!text)
		return MHD_NO;
	r = text_response("application/json", text, strlen(text));
	if (r && location)
		MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, location);
	return http_queue(req, status, r, etag);
}

enum MHD_Result http_json(struct http_request *req, unsigned int status,
			  json_t *body)
{
	return http_json_hdr(req, status, body, NULL, NULL);
}

static enum MHD_Result problem(struct http_request *req, unsigned int status,
			       const char *type, const char *title,
			       json_t *ext, const char *fmt, va_list ap)
{
	char detail[512], typeuri[128];
	struct MHD_Response *r;
	json_t *p;
	char *text;

	vsnprintf(detail, sizeof(detail), fmt, ap);
	snprintf(typeuri, sizeof(typeuri), "urn:bulkhead:problem:%s", type);
	p = json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", typeuri,
		      "title", title, "status", (int)status, "detail", detail,
		      "instance", req->path);
	if (p && ext)
		json_object_update(p, ext);
	json_decref(ext);
	text = p ? json_dumps(p, JSON_COMPACT) : NULL;
	json_decref(p);
	if (!text)
		return MHD_NO;
	r = text_response("application/problem+json", text, strlen(text));
	/* RFC 6750: a 401 names the scheme the client should use. */
	if (r && status == MHD_HTTP_UNAUTHORIZED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
					"Bearer realm=\"bulkhead\"");
	return http_queue(req, status, r, NULL);
}

enum MHD_Result http_problem(struct http_request *req, unsigned int status,
			     const char *type, const char *title,
			     const char *fmt, ...)
{
	enum MHD_Result ret;
	va_list ap;

	va_start(ap, fmt);
	ret = problem(req, status, type, title, NULL, fmt, ap);
	va_end(ap);
	return ret;
}

enum MHD_Result http_problem_ext(struct http_request *req,
				 unsigned int status, const char *type,
				 const char *title, json_t *ext,
				 const char *fmt, ...)
{
	enum MHD_Result ret;
	va_list ap;

	va_start(ap, fmt);
	ret = problem(req, status, type, title, ext, fmt, ap);
	va_end(ap);
	return ret;
}

/*
 * jansson has no run-time nesting limit, so count brackets outside strings
 * first. Returns the byte offset where the limit is exceeded, or -1.
 */
static long too_deep(const char *s, size_t len, unsigned int max)
{
	unsigned int depth = 0;
	int in_str = 0, esc = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (in_str) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '[' || c == '{') {
			if (++depth > max)
				return (long)i;
		} else if ((c == ']' || c == '}') && depth) {
			depth--;
		}
	}
	return -1;
}

int http_if_match(struct http_request *req, char *out, size_t size,
		  const char *get_hint, enum MHD_Result *ret)
{
	const char *h = http_header(req, MHD_HTTP_HEADER_IF_MATCH);
	size_t len;

	if (!h) {
		*ret = http_problem(req, MHD_HTTP_PRECONDITION_REQUIRED,
				    "precondition-required",
				    "If-Match required", "send If-Match with "
				    "the ETag from GET %s (or * to overwrite)",
				    get_hint);
		return -1;
	}
	if (!strcmp(h, "*"))
		return 1;
	len = strlen(h);
	if (len < 2 || h[0] != '"' || h[len - 1] != '"' || len - 2 >= size) {
		*ret = http_problem(req, MHD_HTTP_PRECONDITION_FAILED,
				    "etag-mismatch", "Precondition failed",
				    "If-Match '%s' is not a strong ETag", h);
		return -1;
	}
	memcpy(out, h + 1, len - 2);
	out[len - 2] = '\0';
	return 0;
}

static int contains_ci(const char *h, const char *s)
{
	size_t n = strlen(s);

	for (; *h; h++)
		if (!strncasecmp(h, s, n))
			return 1;
	return 0;
}

int http_accept_names(struct http_request *req, const char *type)
{
	const char *h = http_header(req, MHD_HTTP_HEADER_ACCEPT);

	return h && contains_ci(h, type);
}

/*
 * A plain media-range scan: q-values are not weighed, a listed type (or
 * its wildcard) is accepted. Enough for choosing JSON vs binary.
 */
int http_accepts(struct http_request *req, const char *type)
{
	const char *h = http_header(req, MHD_HTTP_HEADER_ACCEPT);
	const char *slash = strchr(type, '/');
	char major[64];

	if (!h || strstr(h, "*/*"))
		return 1;
	if (contains_ci(h, type))
		return 1;
	snprintf(major, sizeof(major), "%.*s/*", (int)(slash - type), type);
	return contains_ci(h, major);
}

static void line_col(const char *s, long pos, int *line, int *col)
{
	long i;

	*line = 1;
	*col = 1;
	for (i = 0; i < pos; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

int http_content_is(const char *ct, const char *type)
{
	size_t n = strlen(type);

	return ct && !strncasecmp(ct, type, n) &&
	       (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

json_t *http_body_json(struct http_request *req, enum MHD_Result *ret)
{
	const char *ct = http_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
	json_error_t err;
	int line, col;
	long deep;
	json_t *j;

	if (!http_content_is(ct, "application/json")) {
		*ret = http_problem(req, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
				    "unsupported-media-type",
				    "Unsupported media type",
				    "the body must be application/json, not "
				    "'%s'", ct ? ct : "(none)");
		return NULL;
	}
	deep = too_deep(req->body ? req->body : "", req->body_len,
			req->srv->max_json_depth);
	if (deep >= 0) {
		line_col(req->body, deep, &line, &col);
		*ret = http_problem_ext(req, MHD_HTTP_BAD_REQUEST,
			"json-too-deep", "JSON nested too deeply",
			json_pack("{s:i, s:i, s:I}", "line", line,
				  "column", col, "position", (json_int_t)deep),
			"line %d, column %d (byte %ld): nesting exceeds %u "
			"levels", line, col, deep, req->srv->max_json_depth);
		return NULL;
	}
	j = json_loadb(req->body ? req->body : "", req->body_len,
		       JSON_REJECT_DUPLICATES, &err);
	if (!j)
		*ret = http_problem_ext(req, MHD_HTTP_BAD_REQUEST,
			"malformed-json", "Malformed JSON",
			json_pack("{s:i, s:i, s:i}", "line", err.line,
				  "column", err.column,
				  "position", err.position),
			"line %d, column %d (byte %d): %s", err.line,
			err.column, err.position, err.text);
	return j;
}

/*
 * Per TCP connection (MHD's socket context): whether the URL of the request
 * being parsed held an encoded NUL. The unescape callback runs before the
 * access handler has any per-request state, so the flag lives here and is
 * cleared when each request completes.
 */
struct sock_state {
	int nul_in_url;
};

static void on_connection(void *cls, struct MHD_Connection *conn,
			  void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		*socket_context = calloc(1, sizeof(struct sock_state));
	} else {
		free(*socket_context);
		*socket_context = NULL;
	}
}

static struct sock_state *sock_state(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci;

	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * %XX decoding of the path and query (MHD's own would turn %00 into a NUL
 * that silently cuts the path short, so /api/v1/boards%00x would act on
 * /api/v1/boards). An encoded NUL is dropped and flagged: the request is
 * then refused with 400. Malformed escapes stay as they are, like MHD's.
 */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	struct sock_state *ss;
	char *in = s, *out = s;
	int hi, lo;

	while (*in) {
		if (in[0] != '%' || (hi = hex_digit(in[1])) < 0 ||
		    (lo = hex_digit(in[2])) < 0) {
			*out++ = *in++;
			continue;
		}
		in += 3;
		if (hi || lo) {
			*out++ = (char)(hi << 4 | lo);
		} else if ((ss = sock_state(conn))) {
			ss->nul_in_url = 1;
		}
	}
	*out = '\0';
	return (size_t)(out - s);
}

/* Without the state (out of memory at connect) refuse rather than guess. */
static int url_has_nul(struct MHD_Connection *conn)
{
	struct sock_state *ss = sock_state(conn);

	return !ss || ss->nul_in_url;
}

static size_t body_limit(const struct http_server *srv, const char *method,
			 const char *url)
{
	switch (routes_body_kind(method, url)) {
	case BODY_UPLOAD:
		return srv->max_upload;
	case BODY_IMAGE:
		return srv->max_image;
	default:
		return srv->max_body;
	}
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn,
				 const char *url, const char *method,
				 const char *version, const char *upload,
				 size_t *upload_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct conn_state *st = *con_cls;
	struct http_request req = { .conn = conn, .srv = srv, .method = method,
				    .path = url };

	if (!st) {
		st = calloc(1, sizeof(*st));
		if (!st)
			return MHD_NO;
		*con_cls = st;
		st->limit = body_limit(srv, method, url);
		atomic_fetch_add(&srv->in_flight, 1);
		/*
		 * Large bodies only for a known token: nobody without one
		 * makes webd hold megabytes. The body is read and dropped
		 * (answering before it would reset the connection under a
		 * client still sending); the route then answers 401.
		 */
		st->discard = st->limit > srv->max_body && !auth_known(&req);
		return MHD_YES;
	}
	if (*upload_size) {
		/* Keep reading but drop the excess: answer 413 at the end. */
		if (st->discard) {
			/* read and forgotten */
		} else if (st->too_large ||
			   st->len + *upload_size > st->limit) {
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
	if (url_has_nul(conn))
		return http_problem(&req, MHD_HTTP_BAD_REQUEST, "invalid-url",
				    "Invalid URL", "the URL contains an "
				    "encoded NUL (%%00), which no path or "
				    "parameter may hold");
	if (st->too_large)
		return http_problem(&req, MHD_HTTP_CONTENT_TOO_LARGE,
				    "body-too-large", "Request body too large",
				    "the body exceeds %zu bytes",
				    st->limit);
	req.body = st->body;
	req.body_len = st->len;
	return routes_dispatch(&req);
}

static void on_completed(void *cls, struct MHD_Connection *conn,
			 void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	struct conn_state *st = *con_cls;

	struct sock_state *ss = sock_state(conn);

	if (ss)
		ss->nul_in_url = 0;
	if (st) {
		atomic_fetch_sub(&srv->in_flight, 1);
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

/* A whole (small) file as a NUL-terminated string. */
static char *slurp(const char *path)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f || !buf) {
		log_error("cannot read %s: %s", path, strerror(errno));
		goto fail;
	}
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (len + 1 == cap) {
			char *nb = cap < (1 << 20) ? realloc(buf, cap * 2) :
				   NULL;

			if (!nb) {
				log_error("%s: too large for a PEM file", path);
				goto fail;
			}
			buf = nb;
			cap *= 2;
		}
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
fail:
	if (f)
		fclose(f);
	free(buf);
	return NULL;
}

static void free_server(struct http_server *srv)
{
	free(srv->tls_cert);
	free(srv->tls_key);
	free(srv);
}

static int load_tls(struct http_server *srv, const struct http_options *opt)
{
	if (!opt->tls_cert)
		return 0;
	srv->tls_cert = slurp(opt->tls_cert);
	srv->tls_key = srv->tls_cert ? slurp(opt->tls_key) : NULL;
	return srv->tls_key ? 0 : -1;
}

static struct MHD_Daemon *start_daemon(struct http_server *srv,
				       const struct http_options *opt,
				       unsigned int flags,
				       struct sockaddr_storage *ss)
{
	if (srv->tls_cert)
		return MHD_start_daemon(flags | MHD_USE_TLS, opt->port, NULL,
			NULL, on_access, srv,
			MHD_OPTION_SOCK_ADDR, (struct sockaddr *)ss,
			MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
			MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
			MHD_OPTION_UNESCAPE_CALLBACK, unescape, srv,
			MHD_OPTION_CONNECTION_LIMIT, opt->connection_limit,
			MHD_OPTION_CONNECTION_TIMEOUT, opt->timeout_s,
			MHD_OPTION_THREAD_POOL_SIZE, opt->threads,
			MHD_OPTION_HTTPS_MEM_CERT, srv->tls_cert,
			MHD_OPTION_HTTPS_MEM_KEY, srv->tls_key,
			MHD_OPTION_END);
	return MHD_start_daemon(flags, opt->port, NULL, NULL, on_access, srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)ss,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, srv,
		MHD_OPTION_CONNECTION_LIMIT, opt->connection_limit,
		MHD_OPTION_CONNECTION_TIMEOUT, opt->timeout_s,
		MHD_OPTION_THREAD_POOL_SIZE, opt->threads,
		MHD_OPTION_END);
}

struct http_server *http_start(const struct http_options *opt)
{
	struct sockaddr_storage ss;
	struct http_server *srv;
	/* ITC: needed to quiesce and to resume SSE streams from any thread. */
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
			     MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME |
			     MHD_USE_ITC;

	srv = calloc(1, sizeof(*srv));
	if (!srv)
		return NULL;
	srv->max_body = opt->max_body;
	srv->max_upload = opt->max_upload;
	srv->max_image = opt->max_image;
	srv->max_json_depth = opt->max_json_depth;
	if (parse_address(opt->address, opt->port, &ss)) {
		log_error("invalid listen address '%s' (an IPv4 or IPv6 "
			  "literal)", opt->address);
		free_server(srv);
		return NULL;
	}
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (load_tls(srv, opt)) {
		free_server(srv);
		return NULL;
	}
	srv->daemon = start_daemon(srv, opt, flags, &ss);
	if (!srv->daemon) {
		log_error("cannot listen on %s port %u%s", opt->address,
			  opt->port, srv->tls_cert ? " with TLS (is the "
			  "certificate/key pair valid PEM?)" : "");
		free_server(srv);
		return NULL;
	}
	return srv;
}

unsigned short http_port(const struct http_server *srv)
{
	const union MHD_DaemonInfo *info;

	info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	return info ? info->port : 0;
}

void http_quiesce(struct http_server *srv)
{
	MHD_socket fd = MHD_quiesce_daemon(srv->daemon);

	/* Quiescing hands the listening socket to us. */
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
}

void http_stop(struct http_server *srv, unsigned int grace_s)
{
	struct timespec tick = { 0, 20 * 1000 * 1000 };
	unsigned int waited_ms = 0, n;

	if (!srv)
		return;
	/*
	 * Requests in flight (streams included, which the hub is ending)
	 * get grace_s to finish; idle keep-alive connections are not waited
	 * for: MHD_stop_daemon closes them.
	 */
	while ((n = atomic_load(&srv->in_flight)) &&
	       waited_ms < grace_s * 1000) {
		nanosleep(&tick, NULL);
		waited_ms += 20;
	}
	if (n)
		log_warn("aborting %u request(s) still running after %u s", n,
			 grace_s);
	MHD_stop_daemon(srv->daemon);
	free_server(srv);
}
