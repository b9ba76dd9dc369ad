// SPDX-License-Identifier: GPL-2.0
/* The per-CPU slots (hv/percpu.h), zeroed by the driver on every enable. */
#include <hv/percpu.h>

struct per_cpu per_cpu_area[HV_MAX_CPUS];
