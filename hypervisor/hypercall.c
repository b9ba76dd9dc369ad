// SPDX-License-Identifier: GPL-2.0
/* Hypercall dispatch: the number in the first argument picks the call. */
#include <bulkhead/hypercall.h>
#include <hv/console.h>
#include <hv/cell.h>
#include <hv/entry.h>
#include <hv/hypercall.h>
#include <hv/page_pool.h>

static s64 get_info(u64 item, u64 arg, u64 *value)
{
	u64 cpu = arg >> 8, reason = arg & 0xff;

	switch (item) {
	case BULKHEAD_INFO_POOL_USED:
		*value = mem_pool.used;
		return 0;
	case BULKHEAD_INFO_POOL_PAGES:
		*value = mem_pool.pages;
		return 0;
	case BULKHEAD_INFO_CPU_EXITS:
		if (cpu >= HV_MAX_CPUS || reason >= BULKHEAD_EXIT_REASONS)
			return -BULKHEAD_EINVAL;
		if (!per_cpu_area[cpu].entered)
			return -BULKHEAD_ENOENT;
		*value = per_cpu_area[cpu].exits[reason];
		return 0;
	case BULKHEAD_INFO_CONSOLE_RING:
		if (arg > 1)
			return -BULKHEAD_EINVAL;
		*value = arg ? console_ring_size() : console_ring_address();
		return 0;
	default:
		return -BULKHEAD_EINVAL;
	}
}

struct hypercall_result hypercall(u64 code, u64 arg1, u64 arg2,
				  struct per_cpu *cpu)
{
	struct hypercall_result r = { .code = 0, .value = 0 };

	if (code != BULKHEAD_HC_CPU_ENTER && cpu->entered)
		cpu->exits[BULKHEAD_EXIT_HVC]++;
	switch (code) {
	case BULKHEAD_HC_CPU_ENTER:
		r.code = cpu_enter(cpu, arg1, arg2, &r.value);
		break;
	case BULKHEAD_HC_DISABLE:
		r.code = cpu_leave(cpu);
		break;
	case BULKHEAD_HC_GET_INFO:
		r.code = cpu->entered ? get_info(arg1, arg2, &r.value) :
					-BULKHEAD_EPERM;
		break;
	case BULKHEAD_HC_DEBUG_CONSOLE_PUTC:
		r.code = cpu->entered ? console_cell_putc(cpu, (char)arg1) :
					-BULKHEAD_EPERM;
		break;
	case BULKHEAD_HC_CELL_CREATE ... BULKHEAD_HC_CELL_GET_STATE:
		r.code = cpu->entered ? cell_management(cpu, code, arg1, arg2,
							&r.value) :
					-BULKHEAD_EPERM;
		break;
	default:
		r.code = cpu->entered ? -BULKHEAD_ENOSYS : -BULKHEAD_EPERM;
		break;
	}
	return r;
}
