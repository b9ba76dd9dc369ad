/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A background thread that sleeps in poll() and is stopped through a
 * pipe: the driver watcher, the console reader and the jitter source.
 * The thread polls stop_fd (POLLIN) next to whatever it waits for, and
 * returns when it becomes readable; shutdown never waits for a timeout.
 */
#ifndef WEBD_WORKER_H
#define WEBD_WORKER_H

#include <pthread.h>

struct worker {
	const char *what;	/* for log lines: "the console reader" */
	pthread_t thread;
	int running;
	int stop_pipe[2];
};

#define WORKER_INIT(name) { .what = (name), .stop_pipe = { -1, -1 } }

/* Start fn in a thread; 0, or -1 (logged). */
int worker_start(struct worker *w, void *(*fn)(void *));
/* Tell the thread to stop, wait for it, close the pipe. */
void worker_stop(struct worker *w);

/* The descriptor the thread polls for its stop. */
static inline int worker_stop_fd(const struct worker *w)
{
	return w->stop_pipe[0];
}

#endif
