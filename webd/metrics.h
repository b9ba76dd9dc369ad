/* SPDX-License-Identifier: GPL-2.0 */
/* Counters for /metrics; lock-free, updated from any thread. */
#ifndef WEBD_METRICS_H
#define WEBD_METRICS_H

#include <stddef.h>

void metrics_http_response(unsigned int status);
/* Prometheus text exposition of all counters; caller frees. */
char *metrics_render(void);

#endif
