// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead console [-f]: print the hypervisor console (every line tagged
 * with its source); -f keeps following until interrupted.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libbulkhead/console.h>
#include <libbulkhead/driver.h>

#include "cli.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* Without SA_RESTART, so a blocked read returns when interrupted. */
static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static int copy_out(int fd)
{
	char buf[4096];
	ssize_t n;

	while (!stop) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return EXIT_OK;
		if (n <= 0) {
			fprintf(stderr, "bulkhead: reading the console: %s\n",
				n ? strerror(errno) : "unexpected end");
			return EXIT_FAILED;
		}
		if (fwrite(buf, 1, n, stdout) != (size_t)n)
			return EXIT_FAILED;
		fflush(stdout);
	}
	return EXIT_OK;
}

int cmd_console(int argc, char **argv)
{
	enum bh_hv_state state;
	bool follow = false;
	int fd, err, ret;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: bulkhead console [-f]\n"
		       "Prints the hypervisor console; -f follows it until "
		       "interrupted.\n");
		return EXIT_OK;
	}
	if (argc == 2 && !strcmp(argv[1], "-f"))
		follow = true;
	else if (argc > 1)
		return cli_usage_error("console takes only -f");
	err = bh_hv_state(&state);
	if (err) {
		fprintf(stderr, "bulkhead: cannot read the driver state: %s\n",
			strerror(-err));
		return EXIT_FAILED;
	}
	if (state == BH_HV_ABSENT) {
		fprintf(stderr, "bulkhead: the driver is not loaded\n");
		return EXIT_NO_DRIVER;
	}
	if (state != BH_HV_ENABLED && !follow) {
		fprintf(stderr, "bulkhead: the hypervisor is not enabled\n");
		return EXIT_NOT_ENABLED;
	}
	fd = bh_console_open(follow);
	if (fd < 0) {
		fprintf(stderr, "bulkhead: cannot open %s: %s\n",
			bh_driver_dev_path(), strerror(-fd));
		return EXIT_FAILED;
	}
	catch_signals();
	ret = copy_out(fd);
	close(fd);
	return ret;
}
