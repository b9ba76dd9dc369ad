// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-webd: REST + SSE daemon for the root cell.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <bulkhead/version.h>

#include "auth.h"
#include "console_reader.h"
#include "hv.h"
#include "jitter_shm.h"
#include "log.h"
#include "options.h"
#include "routes.h"
#include "sse.h"
#include "static.h"
#include "store.h"

static void usage(FILE *out)
{
	fprintf(out,
"usage: bulkhead-webd [OPTIONS]\n"
"       bulkhead-webd token create|list|revoke ... (see token --help)\n"
"  -c, --config FILE          key=value settings (keys: the long options)\n"
"  -l, --listen ADDR          IPv4/IPv6 literal (default 127.0.0.1)\n"
"  -p, --port PORT            TCP port, 0 for any free one (default 8080)\n"
"      --port-file FILE       write the bound port here once serving\n"
"      --db PATH              SQLite database (default " WEBD_DEFAULT_DB ")\n"
"      --webui DIR            dashboard (default " WEBD_DEFAULT_WEBUI ")\n"
"      --max-body BYTES       largest request body (default 1048576)\n"
"      --max-upload BYTES     largest generator upload (default 4194304)\n"
"      --max-image BYTES      largest cell image load (default 16777216)\n"
"      --max-json-depth N     deepest JSON nesting accepted (default 32)\n"
"      --connection-limit N   open connections, SSE included (default 1100)\n"
"      --timeout SECONDS      idle connection timeout (default 30)\n"
"      --threads N            HTTP worker threads, epoll each (default 2)\n"
"      --sse-backlog N        events kept for Last-Event-ID (default 1024)\n"
"      --sse-client-queue N   events a client may lag (default 256)\n"
"      --heartbeat SECONDS    SSE heartbeat interval (default 15)\n"
"      --grace SECONDS        shutdown wait for open requests (default 5)\n"
"      --tls-cert FILE        serve HTTPS with this PEM certificate (chain)\n"
"      --tls-key FILE         and this PEM private key\n"
"      --driver-dev PATH      driver device (default /dev/bulkhead)\n"
"      --driver-sysfs DIR     driver sysfs (default /sys/devices/bulkhead)\n"
"      --driver-poll-ms MS    how often the driver state is read (500)\n"
"      --no-auth              DEVELOPMENT ONLY: no tokens, everyone admin\n"
"      --log-level LEVEL      error, warn, info (default) or debug\n"
"      --print-routes         print the route table and exit\n"
"  -V, --version              print the version and exit\n"
"  -h, --help                 this text\n");
}

static const struct option longopts[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "listen", required_argument, NULL, 'l' },
	{ "port", required_argument, NULL, 'p' },
	{ "port-file", required_argument, NULL, 0 },
	{ "db", required_argument, NULL, 0 },
	{ "webui", required_argument, NULL, 0 },
	{ "max-body", required_argument, NULL, 0 },
	{ "max-upload", required_argument, NULL, 0 },
	{ "max-image", required_argument, NULL, 0 },
	{ "max-json-depth", required_argument, NULL, 0 },
	{ "connection-limit", required_argument, NULL, 0 },
	{ "timeout", required_argument, NULL, 0 },
	{ "threads", required_argument, NULL, 0 },
	{ "sse-backlog", required_argument, NULL, 0 },
	{ "sse-client-queue", required_argument, NULL, 0 },
	{ "heartbeat", required_argument, NULL, 0 },
	{ "grace", required_argument, NULL, 0 },
	{ "tls-cert", required_argument, NULL, 0 },
	{ "tls-key", required_argument, NULL, 0 },
	{ "driver-dev", required_argument, NULL, 0 },
	{ "driver-sysfs", required_argument, NULL, 0 },
	{ "driver-poll-ms", required_argument, NULL, 0 },
	{ "log-level", required_argument, NULL, 0 },
	{ "no-auth", no_argument, NULL, 0 },
	{ "print-routes", no_argument, NULL, 'R' },
	{ "version", no_argument, NULL, 'V' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* The config file comes first so the command line can override it. */
static int preload_config(struct webd_config *cfg, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc - 1; i++)
		if (!strcmp(argv[i], "--config") || !strcmp(argv[i], "-c"))
			return options_load_file(cfg, argv[i + 1]);
	return 0;
}

static int parse_args(struct webd_config *cfg, int argc, char **argv)
{
	int c, idx;

	while ((c = getopt_long(argc, argv, "c:l:p:Vh", longopts, &idx)) != -1) {
		switch (c) {
		case 'c':
			break;	/* already loaded */
		case 'l':
		case 'p':
			if (options_set(cfg, c == 'l' ? "listen" : "port",
					optarg, "command line"))
				return 2;
			break;
		case 0:
			if (options_set(cfg, longopts[idx].name,
					optarg ? optarg : "true",
					"command line"))
				return 2;
			break;
		case 'R':
			cfg->print_routes = 1;
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
	return -1;
}

/* SSE streams are long-lived connections: make room for the limit. */
static void raise_fd_limit(unsigned int connections)
{
	struct rlimit rl;
	rlim_t want = connections + 64;

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = want < rl.rlim_max ? want : rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur < want)
		log_warn("open-file limit %llu is below connection-limit + 64",
			 (unsigned long long)rl.rlim_cur);
}

/* Written atomically: a reader sees no file or the whole port. */
static int write_port_file(const char *path, unsigned short port)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "%u\n", port) < 0 || fclose(f) ||
	    rename(tmp, path)) {
		log_error("cannot write port file %s: %s", path,
			  strerror(errno));
		return -1;
	}
	return 0;
}

static int serve(struct webd_config *cfg)
{
	struct http_server *srv;
	sigset_t set;
	int sig;

	if (cfg->no_auth) {
		auth_disable();
		log_warn("*** --no-auth: NO AUTHENTICATION, every client is "
			 "admin. For local development only. ***");
	}
	/* Signals are taken synchronously by the main thread. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	raise_fd_limit(cfg->http.connection_limit);

	if (store_open(cfg->db))
		return 1;
	if (store_next_epoch(&cfg->sse.epoch) || sse_hub_init(&cfg->sse))
		return 1;
	bh_driver_set_paths(cfg->driver_dev, cfg->driver_sysfs);
	if (hv_init(cfg->driver_poll_ms) ||
	    console_reader_start(cfg->driver_poll_ms) ||
	    jitter_shm_start(cfg->driver_poll_ms))
		return 1;
	static_init(cfg->webui);
	srv = http_start(&cfg->http);
	if (!srv)
		return 1;
	log_info("version %s listening on %s port %u (%s), database %s",
		 BULKHEAD_VERSION, cfg->http.address, http_port(srv),
		 cfg->http.tls_cert ? "https" : "http", cfg->db);
	if (cfg->port_file && write_port_file(cfg->port_file, http_port(srv)))
		return 1;
	sigwait(&set, &sig);
	log_info("%s received, shutting down", strsignal(sig));
	/* Streams end first so that their connections can close. */
	http_quiesce(srv);
	sse_hub_shutdown();
	http_stop(srv, cfg->grace_s);
	jitter_shm_stop();
	console_reader_stop();
	hv_shutdown();
	sse_hub_free();
	static_free();
	store_close();
	log_info("stopped");
	return 0;
}

int main(int argc, char **argv)
{
	struct webd_config cfg;
	int ret;

	options_defaults(&cfg);
	if (argc > 1 && !strcmp(argv[1], "token"))
		return token_main(argc - 1, argv + 1, cfg.db);
	if (preload_config(&cfg, argc, argv))
		return 2;
	ret = parse_args(&cfg, argc, argv);
	if (ret >= 0)
		return ret;
	if (options_check(&cfg))
		return 2;
	if (cfg.print_routes) {
		routes_print(stdout);
		return 0;
	}
	return serve(&cfg);
}
