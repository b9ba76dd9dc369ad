/* SPDX-License-Identifier: GPL-2.0 */
/*
 * printf-style formatting without libc: %c %s %d %u %x %p %%, with the
 * l/ll length modifiers, a field width and the '0' flag.
 */
#ifndef _HV_FORMAT_H
#define _HV_FORMAT_H

#include <stdarg.h>
#include <hv/types.h>

/*
 * Format into buf (always NUL-terminated when size > 0). Returns the
 * length the full output would have, like vsnprintf.
 */
size_t format_v(char *buf, size_t size, const char *fmt, va_list ap);
size_t format(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
