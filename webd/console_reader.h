/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The console reader: one thread that follows the hypervisor console
 * (libbulkhead's bh_console_*) while the hypervisor is enabled, splits it
 * into lines and publishes each on the console stream with its source;
 * cells' JITTER lines also go to the jitter producer.
 */
#ifndef WEBD_CONSOLE_READER_H
#define WEBD_CONSOLE_READER_H

#include <stdint.h>

/* poll_ms: how often the thread looks at the hypervisor's state. */
int console_reader_start(unsigned int poll_ms);
void console_reader_stop(void);

uint64_t console_reader_lines(void);

#endif
