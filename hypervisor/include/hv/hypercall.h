/* SPDX-License-Identifier: GPL-2.0 */
/* Hypercall dispatch, called from the architecture's trap entry. */
#ifndef _HV_HYPERCALL_H
#define _HV_HYPERCALL_H

#include <hv/percpu.h>

/* Returned in x0/x1 (two registers by the calling convention). */
struct hypercall_result {
	s64 code;	/* 0 or -BULKHEAD_E* */
	u64 value;	/* call-specific */
};

struct hypercall_result hypercall(u64 code, u64 arg1, u64 arg2,
				  struct per_cpu *cpu);

#endif
