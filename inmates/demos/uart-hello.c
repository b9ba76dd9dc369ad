// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * The smallest inmate: greets on its console, says where it runs, and
 * answers the hypervisor until it is shut down.
 */
#include <inmate.h>

extern char __inmate_start[];

void inmate_main(void)
{
	console_init();
	printk("uart-hello: Hello from a Bulkhead cell\n");
	printk("uart-hello: %s, EL%lu, image at %p, MPIDR 0x%lx, "
	       "counter %lu Hz\n",
	       inmate_in_cell() ? "in a cell" : "bare metal",
	       (unsigned long)(read_sysreg(currentel) >> 2) & 3,
	       __inmate_start, (unsigned long)read_sysreg(mpidr_el1),
	       (unsigned long)timer_frequency());

	/* Nothing else to do but answer: no interrupt wakes us, so poll. */
	while (inmate_in_cell()) {
		if (comm_poll() == COMM_SHUTDOWN_APPROVED)
			break;
		delay_us(1000);
	}
	printk("uart-hello: done\n");
}
