// SPDX-License-Identifier: GPL-2.0
/*
 * Static file serving for the dashboard. Paths are never joined as
 * strings: each segment must be a plain name ([A-Za-z0-9._-], not starting
 * with a dot) and is opened relative to the directory's descriptor, so
 * nothing outside the directory can be named. Only known file types are
 * served. Names are not content-hashed, so every file is revalidated
 * (Cache-Control: no-cache) against a cheap ETag built from size and
 * modification time; an unchanged file costs a 304.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "routes.h"
#include "static.h"

/*
 * No inline script or style, nothing from elsewhere; the API and its event
 * streams are same-origin. data: images only for generated downloads.
 */
#define STATIC_CSP "default-src 'self'; script-src 'self'; " \
	"style-src 'self'; img-src 'self' data:; connect-src 'self'; " \
	"object-src 'none'; base-uri 'none'; form-action 'self'; " \
	"frame-ancestors 'none'"

static int dir_fd = -1;

struct file_type {
	const char *ext;
	const char *mime;
};

static const struct file_type types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".json", "application/json" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".txt", "text/plain; charset=utf-8" },
};

void static_init(const char *dir)
{
	dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir_fd < 0)
		log_warn("webui directory %s: %s; the dashboard is not served",
			 dir, strerror(errno));
}

void static_free(void)
{
	if (dir_fd >= 0)
		close(dir_fd);
	dir_fd = -1;
}

static const char *mime_of(const char *name)
{
	size_t len = strlen(name), el;
	unsigned int i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		el = strlen(types[i].ext);
		if (len > el && !strcmp(name + len - el, types[i].ext))
			return types[i].mime;
	}
	return NULL;
}

static int segment_ok(const char *s)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
				  "opqrstuvwxyz0123456789._-";
	size_t len = strlen(s);

	return len >= 1 && len <= 100 && strspn(s, set) == len && s[0] != '.';
}

static void add_security_headers(struct MHD_Response *r)
{
	MHD_add_response_header(r, "Content-Security-Policy", STATIC_CSP);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
}

static enum MHD_Result not_found(struct http_request *req)
{
	return http_problem(req, MHD_HTTP_NOT_FOUND, "not-found", "Not found",
			    "no file at %s", req->path);
}

/* Weak validator: size and mtime in nanoseconds, hex. */
static void make_etag(const struct stat *st, char *buf, size_t size)
{
	snprintf(buf, size, "%llx-%llx", (unsigned long long)st->st_size,
		 (unsigned long long)st->st_mtim.tv_sec * 1000000000ULL +
		 (unsigned long long)st->st_mtim.tv_nsec);
}

static int etag_matches(struct http_request *req, const char *etag)
{
	const char *inm = http_header(req, MHD_HTTP_HEADER_IF_NONE_MATCH);
	char quoted[80];

	if (!inm)
		return 0;
	snprintf(quoted, sizeof(quoted), "\"%s\"", etag);
	return !strcmp(inm, "*") || strstr(inm, quoted) != NULL;
}

static enum MHD_Result serve(struct http_request *req, const char *rel,
			     const char *mime)
{
	struct MHD_Response *r;
	char etag[64], date[64];
	struct stat st;
	struct tm tm;
	int fd;

	if (dir_fd < 0 || !mime)
		return not_found(req);
	fd = openat(dir_fd, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return not_found(req);
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return not_found(req);
	}
	make_etag(&st, etag, sizeof(etag));
	if (etag_matches(req, etag)) {
		close(fd);
		r = MHD_create_response_from_buffer(0, "",
						    MHD_RESPMEM_PERSISTENT);
		if (r)
			add_security_headers(r);
		return http_queue(req, MHD_HTTP_NOT_MODIFIED, r, etag);
	}
	r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	if (!r) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, mime);
	gmtime_r(&st.st_mtim.tv_sec, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	MHD_add_response_header(r, MHD_HTTP_HEADER_LAST_MODIFIED, date);
	add_security_headers(r);
	return http_queue(req, MHD_HTTP_OK, r, etag);
}

enum MHD_Result static_index(struct http_request *req)
{
	return serve(req, "index.html", mime_of("index.html"));
}

enum MHD_Result static_file(struct http_request *req)
{
	const char *file = req->params[0];

	if (!segment_ok(file))
		return not_found(req);
	return serve(req, file, mime_of(file));
}

enum MHD_Result static_file_in_dir(struct http_request *req)
{
	const char *dir = req->params[0], *file = req->params[1];
	char rel[256];

	if (!segment_ok(dir) || !segment_ok(file))
		return not_found(req);
	snprintf(rel, sizeof(rel), "%s/%s", dir, file);
	return serve(req, rel, mime_of(file));
}
