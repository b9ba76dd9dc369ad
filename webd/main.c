// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-webd: REST + SSE daemon for the root cell.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/version.h>

#include "http.h"
#include "log.h"

static void usage(FILE *out)
{
	fprintf(out,
"usage: bulkhead-webd [OPTIONS]\n"
"  -l, --listen ADDR       address to listen on (default 127.0.0.1)\n"
"  -p, --port PORT         TCP port (default 8080)\n"
"      --log-level LEVEL   error, warn, info (default) or debug\n"
"  -V, --version           print the version and exit\n"
"  -h, --help              this text\n");
}

static int parse_port(const char *s, unsigned short *port)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 1 || v > 65535)
		return -1;
	*port = (unsigned short)v;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "port", required_argument, NULL, 'p' },
		{ "log-level", required_argument, NULL, 'L' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct http_options opt = {
		.address = "127.0.0.1",
		.port = 8080,
		.max_body = 1 << 20,
		.connection_limit = 256,
		.timeout_s = 60,
	};
	struct http_server *srv;
	enum log_level level;
	sigset_t set;
	int c, sig;

	while ((c = getopt_long(argc, argv, "l:p:Vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			opt.address = optarg;
			break;
		case 'p':
			if (parse_port(optarg, &opt.port)) {
				fprintf(stderr, "bulkhead-webd: invalid port "
					"'%s' (1-65535)\n", optarg);
				return 2;
			}
			break;
		case 'L':
			if (log_parse_level(optarg, &level)) {
				fprintf(stderr, "bulkhead-webd: invalid log "
					"level '%s'\n", optarg);
				return 2;
			}
			log_set_level(level);
			break;
		case 'V':
			printf("bulkhead-webd %s\n", BULKHEAD_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "bulkhead-webd: unexpected argument '%s'\n",
			argv[optind]);
		return 2;
	}

	/* Signals are taken synchronously by the main thread. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	srv = http_start(&opt);
	if (!srv)
		return 1;
	log_info("version %s listening on %s port %u", BULKHEAD_VERSION,
		 opt.address, opt.port);
	sigwait(&set, &sig);
	log_info("%s received, shutting down", strsignal(sig));
	http_stop(srv);
	return 0;
}
