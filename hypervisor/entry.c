// SPDX-License-Identifier: GPL-2.0
/*
 * A CPU entering the hypervisor (printing the banner, recording its arrival)
 * and leaving it again.
 */
#include <bulkhead/header.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/version.h>
#include <hv/arch.h>
#include <hv/entry.h>
#include <hv/printk.h>
#include <hv/system_config.h>

#define STUB_VECTORS_ALIGN	0x800

u64 stub_vectors;
/* Only changed with CPUs entering one at a time (see printk.c). */
static unsigned int cpus_entered;

extern u8 __core_end[];

/* The first CPU in finds the config and brings up the console. */
static int first_cpu_setup(void)
{
	const struct bulkhead_console *con;
	int err;

	err = system_config_init(__core_end, arch_image_base());
	if (err)
		return err;
	con = &system_config->debug_console;
	return arch_console_init(con->address, con->type, con->flags);
}

int cpu_enter(struct per_cpu *cpu, u64 cpu_id, u64 stub, u64 *entered)
{
	int err;

	if (cpu->entered)
		return -BULKHEAD_EBUSY;
	if (!stub || stub % STUB_VECTORS_ALIGN)
		return -BULKHEAD_EINVAL;
	if (cpus_entered == 0) {
		err = first_cpu_setup();
		if (err)
			return err;
		stub_vectors = stub;
	} else if (stub != stub_vectors) {
		return -BULKHEAD_EINVAL;
	}
	if (!bulkhead_cell_has_cpu(&system_config->root_cell, cpu_id))
		return -BULKHEAD_EINVAL;

	cpu->cpu_id = cpu_id;
	cpu->hw_id = arch_cpu_hw_id();
	cpu->entries++;
	cpu->entered = true;
	cpus_entered++;
	*entered = cpus_entered;
	printk("Bulkhead hypervisor %s: CPU %u at EL%u (MPIDR 0x%lx), "
	       "%u CPU(s) in\n", BULKHEAD_VERSION, cpu->cpu_id,
	       arch_current_el(), (unsigned long)cpu->hw_id, cpus_entered);
	return 0;
}

int cpu_leave(struct per_cpu *cpu)
{
	if (!cpu->entered)
		return -BULKHEAD_EPERM;
	cpu->entered = false;
	cpus_entered--;
	printk("Bulkhead: CPU %u left, %u CPU(s) remain\n", cpu->cpu_id,
	       cpus_entered);
	return 0;
}
