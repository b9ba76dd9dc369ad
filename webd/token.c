// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-webd token create|list|revoke: token management from the shell
 * of the appliance, which is how the first admin token comes to exist.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "hash.h"
#include "store.h"

static void token_usage(FILE *out)
{
	fprintf(out,
"usage: bulkhead-webd token create --role viewer|operator|admin [--name N]\n"
"                                  [--db PATH]\n"
"       bulkhead-webd token list [--db PATH]\n"
"       bulkhead-webd token revoke NAME [--db PATH]\n"
"create prints the new token once; only its SHA-256 is stored.\n");
}

static int token_create(const char *name, enum token_role role)
{
	char token[AUTH_TOKEN_LEN + 1], hash[SHA256_HEX_LEN + 1], def[32];
	enum store_result r;

	if (auth_token_new(token, hash)) {
		fprintf(stderr, "bulkhead-webd: no randomness for a token\n");
		return 1;
	}
	if (!name) {
		/* A readable default that stays unique: part of the hash. */
		snprintf(def, sizeof(def), "%s-%.8s", role_name(role), hash);
		name = def;
	}
	r = store_token_add(hash, name, role);
	store_audit_add("cli", "token create", name, r == STORE_OK ? 0 : 1);
	if (r == STORE_EXISTS) {
		fprintf(stderr, "bulkhead-webd: a token named '%s' exists\n",
			name);
		return 1;
	}
	if (r != STORE_OK)
		return 1;
	printf("%s\n", token);
	fprintf(stderr, "token '%s' (%s) created; it is shown only once\n",
		name, role_name(role));
	return 0;
}

static int token_list(void)
{
	json_t *arr, *t;
	size_t i;

	if (store_token_list(&arr))
		return 1;
	printf("%-24s %-9s %-25s %s\n", "NAME", "ROLE", "CREATED",
	       "LAST USED");
	json_array_foreach(arr, i, t) {
		json_t *used = json_object_get(t, "last_used");

		printf("%-24s %-9s %-25s %s\n",
		       json_string_value(json_object_get(t, "name")),
		       json_string_value(json_object_get(t, "role")),
		       json_string_value(json_object_get(t, "created")),
		       json_is_string(used) ? json_string_value(used) : "-");
	}
	json_decref(arr);
	return 0;
}

static int token_revoke(const char *name)
{
	enum store_result r = store_token_revoke(name);

	store_audit_add("cli", "token revoke", name, r == STORE_OK ? 0 : 1);
	if (r == STORE_NOT_FOUND) {
		fprintf(stderr, "bulkhead-webd: no token named '%s'\n", name);
		return 1;
	}
	return r == STORE_OK ? 0 : 1;
}

static int run(const char *cmd, const char *arg, const char *name,
	       const char *role_s)
{
	enum token_role role;

	if (!strcmp(cmd, "create")) {
		if (!role_s || role_parse(role_s, &role)) {
			fprintf(stderr, "bulkhead-webd: token create needs "
				"--role viewer, operator or admin\n");
			return 2;
		}
		return token_create(name, role);
	}
	if (!strcmp(cmd, "list"))
		return token_list();
	if (!strcmp(cmd, "revoke") && arg)
		return token_revoke(arg);
	token_usage(stderr);
	return 2;
}

int token_main(int argc, char **argv, const char *db_path)
{
	static const struct option longopts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL, *role = NULL, *cmd, *arg;
	enum token_role r;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			role = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'd':
			db_path = optarg;
			break;
		case 'h':
			token_usage(stdout);
			return 0;
		default:
			token_usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		token_usage(stderr);
		return 2;
	}
	cmd = argv[optind];
	arg = optind + 1 < argc ? argv[optind + 1] : NULL;
	/* Usage errors before touching the database. */
	if ((!strcmp(cmd, "create") && (!role || role_parse(role, &r))) ||
	    (!strcmp(cmd, "revoke") && !arg) ||
	    (strcmp(cmd, "create") && strcmp(cmd, "list") &&
	     strcmp(cmd, "revoke")))
		return run(cmd, arg, name, role);
	if (store_open(db_path))
		return 1;
	ret = run(cmd, arg, name, role);
	store_close();
	return ret;
}
