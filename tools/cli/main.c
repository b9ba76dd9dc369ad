// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead: the command line tool. Same grammar as Jailhouse's:
 *   bulkhead enable SYSTEM.cell | disable | console [-f]
 *   bulkhead cell create|load|start|shutdown|destroy|list|stats ...
 *   bulkhead config create|check|compile|decompile ...
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <bulkhead/version.h>

#include "cli.h"

static void usage(FILE *out)
{
	const struct cli_command *c;

	fprintf(out, "usage: bulkhead COMMAND [ARGS...]\n"
		     "       bulkhead --version | --help\n\ncommands:\n");
	for (c = cli_commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fprintf(out, "\n'bulkhead COMMAND --help' describes a command.\n"
		     "Exit codes: 0 ok, 1 failed, 2 usage, 3 driver not "
		     "loaded, 4 hypervisor not enabled.\n");
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("bulkhead: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n(try 'bulkhead --help')\n", stderr);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	const struct cli_command *c;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("bulkhead %s\n", BULKHEAD_VERSION);
		return EXIT_OK;
	}
	for (c = cli_commands; c->name; c++)
		if (!strcmp(argv[1], c->name))
			return c->run(argc - 1, argv + 1);
	return cli_usage_error("unknown command '%s'", argv[1]);
}
