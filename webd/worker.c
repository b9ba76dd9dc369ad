// SPDX-License-Identifier: GPL-2.0
/* Background threads stopped through a pipe (see worker.h). */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "worker.h"

int worker_start(struct worker *w, void *(*fn)(void *))
{
	if (pipe(w->stop_pipe)) {
		log_error("%s: pipe: %s", w->what, strerror(errno));
		return -1;
	}
	if (pthread_create(&w->thread, NULL, fn, NULL)) {
		log_error("cannot start %s", w->what);
		return -1;
	}
	w->running = 1;
	return 0;
}

void worker_stop(struct worker *w)
{
	if (w->running) {
		if (write(w->stop_pipe[1], "x", 1) != 1)
			log_warn("cannot signal %s", w->what);
		pthread_join(w->thread, NULL);
		w->running = 0;
	}
	if (w->stop_pipe[0] >= 0) {
		close(w->stop_pipe[0]);
		close(w->stop_pipe[1]);
		w->stop_pipe[0] = w->stop_pipe[1] = -1;
	}
}
