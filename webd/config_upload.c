// SPDX-License-Identifier: GPL-2.0
/*
 * Uploaded configs: body -> libbulkhead model -> findings -> binary. The
 * rules are libbulkhead's (the CLI runs the same ones); this file only
 * decides what to check against and shapes the answer.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_upload.h"
#include "log.h"
#include "store.h"

static int is_type(const char *ct, const char *type)
{
	size_t n = strlen(type);

	return ct && !strncasecmp(ct, type, n) &&
	       (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static int read_binary(struct http_request *req, struct config_upload *up)
{
	json_t *doc;

	up->binary = 1;
	if (bh_config_from_binary(req->body ? req->body : "", req->body_len,
				  &up->cfg, &up->errs))
		return 0;	/* findings, rule "binary" */
	up->parsed = 1;
	/* What is stored and served as JSON: the canonical form. */
	doc = bh_config_to_json(&up->cfg);
	up->json = doc ? json_dumps(doc, JSON_INDENT(2)) : NULL;
	json_decref(doc);
	if (!up->json)
		return -1;
	up->json_len = strlen(up->json);
	return 0;
}

static int read_json(struct http_request *req, struct config_upload *up,
		     enum MHD_Result *ret)
{
	json_t *doc = http_body_json(req, ret);

	if (!doc)
		return -1;
	if (!bh_config_from_json(doc, &up->cfg, &up->errs))
		up->parsed = 1;
	json_decref(doc);
	/* Stored as sent: the findings' pointers refer to this text. */
	up->json = malloc(req->body_len + 1);
	if (!up->json)
		return -1;
	memcpy(up->json, req->body, req->body_len);
	up->json[req->body_len] = '\0';
	up->json_len = req->body_len;
	return 0;
}

int config_upload_read(struct http_request *req, struct config_upload *up,
		       enum MHD_Result *ret)
{
	const char *ct = http_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);

	memset(up, 0, sizeof(*up));
	bh_config_errors_init(&up->errs);
	if (is_type(ct, "application/octet-stream")) {
		if (!read_binary(req, up))
			return 0;
		*ret = MHD_NO;
		return -1;
	}
	if (!is_type(ct, "application/json")) {
		*ret = http_problem(req, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
				    "unsupported-media-type",
				    "Unsupported media type",
				    "a config is application/json (the "
				    "source) or application/octet-stream (a "
				    "compiled .cell), not '%s'",
				    ct ? ct : "(none)");
		return -1;
	}
	if (read_json(req, up, ret))
		return -1;
	return 0;
}

static enum MHD_Result store_failed(struct http_request *req)
{
	return http_problem(req, MHD_HTTP_SERVICE_UNAVAILABLE, "store-error",
			    "Database error", "the config store failed; see "
			    "the daemon log");
}

/*
 * Which stored system config a cell is checked against: the one named by
 * ?system=, else the only one stored. Returns 0 with up->system set (or
 * empty and up->not_checked saying why), -1 with a problem queued.
 */
static int pick_system(struct http_request *req, struct config_upload *up,
		       enum MHD_Result *ret)
{
	const char *want = http_query(req, "system");
	json_t *names;
	size_t n;

	if (store_config_systems(&names)) {
		*ret = store_failed(req);
		return -1;
	}
	n = json_array_size(names);
	if (want) {
		size_t i;

		for (i = 0; i < n; i++)
			if (!strcmp(json_string_value(
				    json_array_get(names, i)), want))
				break;
		json_decref(names);
		if (i == n) {
			*ret = http_problem(req, MHD_HTTP_BAD_REQUEST,
					    "invalid-parameter",
					    "No such system config",
					    "system=%s: no stored system "
					    "config has that name", want);
			return -1;
		}
		snprintf(up->system, sizeof(up->system), "%s", want);
		return 0;
	}
	if (n == 1)
		snprintf(up->system, sizeof(up->system), "%s",
			 json_string_value(json_array_get(names, 0)));
	else
		up->not_checked = n ? "several system configs are stored; "
			"name one with ?system=NAME" :
			"no system config is stored";
	json_decref(names);
	return 0;
}

/* Load the stored system config's model from its compiled binary. */
static int load_system(const char *name, struct bh_config *sys)
{
	struct bh_config_errors errs;
	struct store_config sc;
	int err;

	if (store_config_get(name, &sc))
		return -1;
	bh_config_errors_init(&errs);
	err = bh_config_from_binary(sc.compiled, sc.compiled_size, sys, &errs);
	if (err)
		log_error("stored system config '%s' does not read back "
			  "(%zu finding(s))", name, errs.count);
	bh_config_errors_free(&errs);
	store_config_free(&sc);
	return err ? -1 : 0;
}

static int check_cell(struct http_request *req, struct config_upload *up,
		      enum MHD_Result *ret)
{
	const struct bh_config *cells[1] = { &up->cfg };
	const char *names[1] = { NULL };
	struct bh_config sys;

	if (pick_system(req, up, ret))
		return -1;
	if (!up->system[0]) {
		bh_config_validate(&up->cfg, &up->errs);
		return 0;
	}
	if (load_system(up->system, &sys)) {
		*ret = store_failed(req);
		return -1;
	}
	/* Findings in the system itself would name it (none: validated). */
	up->errs.document = up->system;
	bh_config_validate_set(&sys, cells, names, 1, &up->errs);
	up->errs.document = NULL;
	bh_config_free(&sys);
	return 0;
}

int config_upload_check(struct http_request *req, struct config_upload *up,
			enum MHD_Result *ret)
{
	if (!up->parsed)
		return (int)up->errs.count;
	if (up->cfg.is_system) {
		up->not_checked = "a system config is checked alone";
		bh_config_validate(&up->cfg, &up->errs);
	} else if (check_cell(req, up, ret)) {
		return -1;
	}
	if (up->errs.count == 0 &&
	    bh_config_compile(&up->cfg, &up->bin, &up->bin_size)) {
		*ret = MHD_NO;
		return -1;
	}
	return (int)up->errs.count;
}

const char *config_upload_kind(const struct config_upload *up)
{
	if (!up->parsed)
		return "";
	return up->cfg.is_system ? "system" : "cell";
}

const char *config_upload_arch(const struct config_upload *up)
{
	return up->parsed ? bh_config_arch_name(up->cfg.cell.desc.arch) : "";
}

void config_upload_cell_name(const struct config_upload *up, char *buf,
			     size_t size)
{
	const char *n = (const char *)up->cfg.cell.desc.name;
	size_t len = strnlen(n, sizeof(up->cfg.cell.desc.name));

	if (!up->parsed)
		len = 0;
	if (len >= size)
		len = size - 1;
	memcpy(buf, n, len);
	buf[len] = '\0';
}

static unsigned int cpu_count(const struct bh_cell_config *c)
{
	unsigned int i, n = 0;

	for (i = 0; i < 4; i++)
		n += (unsigned int)__builtin_popcountll(c->desc.cpu_set[i]);
	return n;
}

json_t *config_upload_summary(const struct config_upload *up)
{
	const struct bh_cell_config *c = &up->cfg.cell;
	char name[40];
	json_t *s;

	s = json_pack("{s:o}", "checked_against", up->system[0] ?
		      json_string(up->system) : json_null());
	if (s && up->not_checked)
		json_object_set_new(s, "not_checked_because",
				    json_string(up->not_checked));
	if (!s || !up->parsed)
		return s;
	config_upload_cell_name(up, name, sizeof(name));
	json_object_update_new(s, json_pack(
		"{s:s, s:s, s:s, s:i, s:i, s:i, s:i}",
		"kind", config_upload_kind(up), "cell_name", name,
		"arch", config_upload_arch(up), "cpus", (int)cpu_count(c),
		"memory_regions", (int)c->desc.num_memory_regions,
		"irqchips", (int)c->desc.num_irqchips,
		"pci_devices", (int)c->desc.num_pci_devices));
	if (up->cfg.is_system)
		json_object_set_new(s, "num_cpus",
			json_integer(up->cfg.sys.platform.num_cpus));
	if (up->bin)
		json_object_set_new(s, "compiled_size",
				    json_integer((json_int_t)up->bin_size));
	return s;
}

json_t *config_upload_errors(const struct config_upload *up)
{
	return bh_config_errors_to_json(&up->errs);
}

void config_upload_free(struct config_upload *up)
{
	if (up->parsed)
		bh_config_free(&up->cfg);
	bh_config_errors_free(&up->errs);
	free(up->json);
	free(up->bin);
	up->parsed = 0;
	up->json = NULL;
	up->bin = NULL;
}
