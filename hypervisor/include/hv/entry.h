/* SPDX-License-Identifier: GPL-2.0 */
/* A CPU entering and leaving the hypervisor. */
#ifndef _HV_ENTRY_H
#define _HV_ENTRY_H

#include <hv/percpu.h>

/*
 * cpu entered on CPU cpu_id; stub_vectors is where to return the CPU's
 * exception vectors on leave. Returns 0 or a negative BULKHEAD_E* code;
 * *entered gets the number of CPUs inside the hypervisor.
 */
int cpu_enter(struct per_cpu *cpu, u64 cpu_id, u64 stub_vectors,
	      u64 *entered);
int cpu_leave(struct per_cpu *cpu);

/* Physical address of the kernel's stub vectors, restored on leave. */
extern u64 stub_vectors;

#endif
