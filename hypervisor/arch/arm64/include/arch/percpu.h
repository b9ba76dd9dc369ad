/* SPDX-License-Identifier: GPL-2.0 */
/* The arm64 part of each CPU's per-CPU data. */
#ifndef _ARCH_PERCPU_H
#define _ARCH_PERCPU_H

#include <hv/types.h>

struct arch_per_cpu {
	u64 stub_hcr;	/* HCR_EL2 as the kernel's stub left it */
};

#endif
