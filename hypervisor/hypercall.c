// SPDX-License-Identifier: GPL-2.0
/* Hypercall dispatch: the number in the first argument picks the call. */
#include <bulkhead/hypercall.h>
#include <hv/entry.h>
#include <hv/hypercall.h>

struct hypercall_result hypercall(u64 code, u64 arg1, u64 arg2,
				  struct per_cpu *cpu)
{
	struct hypercall_result r = { .code = 0, .value = 0 };

	switch (code) {
	case BULKHEAD_HC_CPU_ENTER:
		r.code = cpu_enter(cpu, arg1, arg2, &r.value);
		break;
	case BULKHEAD_HC_DISABLE:
		r.code = cpu_leave(cpu);
		break;
	default:
		r.code = cpu->entered ? -BULKHEAD_ENOSYS : -BULKHEAD_EPERM;
		break;
	}
	return r;
}
