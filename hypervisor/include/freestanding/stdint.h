/* SPDX-License-Identifier: GPL-2.0 */
/* <stdint.h> for the freestanding image (built with -nostdinc). */
#ifndef _HV_STDINT_H
#define _HV_STDINT_H
typedef __UINT8_TYPE__ uint8_t;
typedef __UINT16_TYPE__ uint16_t;
typedef __UINT32_TYPE__ uint32_t;
typedef __UINT64_TYPE__ uint64_t;
typedef __INT32_TYPE__ int32_t;
typedef __INT64_TYPE__ int64_t;
typedef __UINTPTR_TYPE__ uintptr_t;
#endif
