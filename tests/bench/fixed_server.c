// SPDX-License-Identifier: GPL-2.0
/*
 * The baseline for webd's throughput: libmicrohttpd with webd's daemon
 * flags answering every request with the same small JSON body, queued on
 * the second handler call like webd does (keep-alive). Whatever webd
 * costs beyond this is routing, auth and the handler.
 *
 * usage: bench-fixed-server PORT-FILE [THREADS]   (serves on a free
 * loopback port until SIGINT/SIGTERM; THREADS as webd's --threads,
 * default 2 like webd's)
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

static const char body[] =
	"{\"state\":\"disabled\",\"cells\":[]}";

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn,
				 const char *url, const char *method,
				 const char *version, const char *upload,
				 size_t *upload_size, void **con_cls)
{
	static int first;
	struct MHD_Response *r;
	enum MHD_Result ret;

	if (!*con_cls) {
		*con_cls = &first;
		return MHD_YES;
	}
	r = MHD_create_response_from_buffer(sizeof(body) - 1, (void *)body,
					    MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
				"application/json");
	ret = MHD_queue_response(conn, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	const union MHD_DaemonInfo *info;
	struct MHD_Daemon *d;
	sigset_t set;
	unsigned int threads = argc > 2 ? (unsigned int)atoi(argv[2]) : 2;
	FILE *f;
	int sig;

	if (argc < 2 || argc > 3 || !threads) {
		fprintf(stderr, "usage: %s PORT-FILE [THREADS]\n", argv[0]);
		return 2;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
			     MHD_USE_ITC, 0, NULL, NULL, on_access, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_CONNECTION_LIMIT, 1100,
			     MHD_OPTION_THREAD_POOL_SIZE, threads,
			     MHD_OPTION_END);
	if (!d)
		return 1;
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	f = fopen(argv[1], "w");
	if (!f || fprintf(f, "%u\n", info->port) < 0 || fclose(f))
		return 1;
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	return 0;
}
