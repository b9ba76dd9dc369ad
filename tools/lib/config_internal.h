/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal to libbulkhead's config code: JSON value readers and writers and
 * the name tables shared by the parser and the JSON writer.
 */
#ifndef LIBBULKHEAD_CONFIG_INTERNAL_H
#define LIBBULKHEAD_CONFIG_INTERNAL_H

#include <libbulkhead/config.h>

#define BH_PTR_SIZE	160	/* a JSON Pointer of ours always fits */

/* Bit sets for CPU lists and interrupt lines (lines < 1024). */
#define BH_SET_BITS	1024
#define BH_SET_WORDS	(BH_SET_BITS / 64)

struct bh_name {
	const char *name;
	__u64 value;
};

extern const struct bh_name bh_arch_names[];
extern const struct bh_name bh_mem_flag_names[];
extern const struct bh_name bh_cell_flag_names[];
extern const struct bh_name bh_con_type_names[];
extern const struct bh_name bh_con_flag_names[];
extern const struct bh_name bh_pci_type_names[];
extern const struct bh_name bh_shmem_proto_names[];

/*
 * A JSON Pointer into out (BH_PTR_SIZE bytes). Pointers are short by
 * construction (a few levels, small indexes), so cutting one is harmless.
 */
void bh_ptr(char *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

const char *bh_name_of(const struct bh_name *table, __u64 value);

/*
 * Readers: each reports its own error (pointer, rule, values) and returns
 * false on a bad value, leaving *out untouched.
 */
bool bh_json_fields(json_t *obj, const char *ptr, const char *const *allowed,
		    struct bh_config_errors *errs);
bool bh_json_u64(json_t *v, const char *ptr, __u64 max, __u64 *out,
		 struct bh_config_errors *errs);
bool bh_json_name(json_t *v, const char *ptr, const struct bh_name *table,
		  __u64 *out, struct bh_config_errors *errs);
bool bh_json_flags(json_t *v, const char *ptr, const struct bh_name *table,
		   __u64 *out, struct bh_config_errors *errs);
bool bh_json_set(json_t *v, const char *ptr, unsigned int limit,
		 __u64 set[BH_SET_WORDS], struct bh_config_errors *errs);

/* Writers: canonical forms, NULL on allocation failure. */
json_t *bh_json_hex(__u64 value);
json_t *bh_json_size(__u64 value);
json_t *bh_json_flag_list(__u64 flags, const struct bh_name *table);
json_t *bh_json_set_list(const __u64 *set, unsigned int bits);

static inline bool bh_set_test(const __u64 *set, unsigned int bit)
{
	return (set[bit / 64] >> (bit % 64)) & 1;
}

#endif
