/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bulkhead command line tool: shared declarations of its subcommands.
 */
#ifndef BULKHEAD_CLI_H
#define BULKHEAD_CLI_H

/* Exit codes, documented in docs/cli.md. */
enum {
	EXIT_OK = 0,
	EXIT_FAILED = 1,	/* the operation was tried and failed */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_NO_DRIVER = 3,	/* bulkhead.ko not loaded */
	EXIT_NOT_ENABLED = 4,	/* hypervisor not enabled */
};

struct cli_command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);
};

/* Subcommand tables, one per source file, NULL-name terminated. */
extern const struct cli_command cli_commands[];

/* Commands (one file each). */
int cmd_enable(int argc, char **argv);
int cmd_disable(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_console(int argc, char **argv);
int cmd_cell(int argc, char **argv);
int cmd_ivshmem(int argc, char **argv);
/* bulkhead config create, in its own file. */
int config_create(int argc, char **argv);

int cli_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif
