/* SPDX-License-Identifier: GPL-2.0 */
/* openapi.json, embedded at build time (cmake/embed.cmake). */
#ifndef WEBD_OPENAPI_H
#define WEBD_OPENAPI_H

#include <stddef.h>

extern const char openapi_json[];
extern const size_t openapi_json_len;

#endif
