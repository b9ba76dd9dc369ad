/* SPDX-License-Identifier: GPL-2.0 */
/* <stdbool.h> for the freestanding image (built with -nostdinc). */
#ifndef _HV_STDBOOL_H
#define _HV_STDBOOL_H
#define bool	_Bool
#define true	1
#define false	0
#endif
