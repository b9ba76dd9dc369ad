/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cell and system configs: JSON <-> in-memory model <-> binary
 * (include/bulkhead/config.h), and the validator. docs/config-format.md
 * describes the JSON and the binary formats and lists the rules.
 *
 * The model holds the binary structs in host byte order; only the compiler
 * and the binary reader deal with little-endian bytes.
 */
#ifndef LIBBULKHEAD_CONFIG_H
#define LIBBULKHEAD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include <bulkhead/config.h>

struct bh_cell_config {
	struct bulkhead_cell_desc desc;	/* counts give the array lengths */
	struct bulkhead_memory *memory_regions;
	struct bulkhead_irqchip *irqchips;
	struct bulkhead_pci_device *pci_devices;
};

struct bh_config {
	bool is_system;
	/* System part (is_system only); sys.root_cell is unused, see cell. */
	struct bulkhead_system sys;
	/* The cell: the root cell of a system config, or the cell itself. */
	struct bh_cell_config cell;
};

/* One finding: where (JSON Pointer into document), which rule, and why. */
struct bh_config_error {
	char *document;		/* file name or label, may be NULL */
	char *pointer;		/* JSON Pointer, "" = the whole document */
	char *rule;		/* short rule name, e.g. "overlap" */
	char *message;		/* what and which values */
};

struct bh_config_errors {
	struct bh_config_error *list;
	size_t count, capacity;
	const char *document;	/* set on errors added from now on */
};

void bh_config_errors_init(struct bh_config_errors *errs);
void bh_config_errors_free(struct bh_config_errors *errs);
void bh_config_error_add(struct bh_config_errors *errs, const char *pointer,
			 const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* "document:pointer: message [rule]" into buf. */
void bh_config_error_format(const struct bh_config_error *err, char *buf,
			    size_t size);
/* [{"document"?, "pointer", "rule", "message"}, ...] */
json_t *bh_config_errors_to_json(const struct bh_config_errors *errs);

void bh_config_free(struct bh_config *cfg);

/*
 * JSON -> model. Reports every problem it can find into errs and returns
 * 0 only when there was none (the model is then complete); on failure the
 * model is freed.
 */
int bh_config_from_json(json_t *root, struct bh_config *cfg,
			struct bh_config_errors *errs);
int bh_config_parse_text(const char *text, size_t len, struct bh_config *cfg,
			 struct bh_config_errors *errs);
int bh_config_parse_file(const char *path, struct bh_config *cfg,
			 struct bh_config_errors *errs);

/* Model -> JSON in the canonical form the parser accepts. */
json_t *bh_config_to_json(const struct bh_config *cfg);

/* Rules on one config alone. Returns the number of errors added. */
size_t bh_config_validate(const struct bh_config *cfg,
			  struct bh_config_errors *errs);

/*
 * Rules across a system config and the cells meant to run on it (each cell
 * config is also validated alone). names label the cells' errors; may be
 * NULL. Returns the number of errors added.
 */
size_t bh_config_validate_set(const struct bh_config *system,
			      const struct bh_config *const *cells,
			      const char *const *names, size_t count,
			      struct bh_config_errors *errs);

/* Model -> binary (malloc'ed, little-endian). Returns 0 or -ENOMEM. */
int bh_config_compile(const struct bh_config *cfg, void **out, size_t *size);

/*
 * Binary -> model, checking signature, revision, architecture and that the
 * counts match the size exactly. Errors use the rule "binary".
 */
int bh_config_from_binary(const void *data, size_t size, struct bh_config *cfg,
			  struct bh_config_errors *errs);

/* Text helpers shared with the CLI and webd. */
const char *bh_config_arch_name(__u32 arch);

#endif
