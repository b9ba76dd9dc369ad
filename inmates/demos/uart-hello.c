// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * The smallest inmate: greets on its console, says where it runs, and
 * answers the hypervisor until it is shut down.
 *
 * Parameter word (docs/inmates.md): bits 15:0 a period in ms for
 * "uart-hello: tick N" lines (0 = silent after the greeting), bit 31 lock
 * the cell (deny shutdown requests). The ticks are timed by busy-waiting
 * on the counter, so a cell shows it is alive without any interrupt.
 */
#include <inmate.h>

#define PARAM_TICK_MS(p)	((p) & 0xffff)
#define PARAM_LOCKED		(1U << 31)
#define POLL_US			1000

extern char __inmate_start[];

void inmate_main(void)
{
	__u32 param = inmate_param;
	unsigned int tick_ms = PARAM_TICK_MS(param), since = 0;
	unsigned long ticks = 0;

	console_init();
	printk("uart-hello: Hello from a Bulkhead cell\n");
	printk("uart-hello: %s, EL%lu, image at %p, MPIDR 0x%lx, "
	       "counter %lu Hz\n",
	       inmate_in_cell() ? "in a cell" : "bare metal",
	       (unsigned long)(read_sysreg(currentel) >> 2) & 3,
	       __inmate_start, (unsigned long)read_sysreg(mpidr_el1),
	       (unsigned long)timer_frequency());
	if (inmate_in_cell() && (param & PARAM_LOCKED)) {
		comm_set_locked(true);
		printk("uart-hello: locked, shutdown requests are denied\n");
	}

	/* Nothing else to do but answer: no interrupt wakes us, so poll. */
	while (inmate_in_cell()) {
		if (comm_poll() == COMM_SHUTDOWN_APPROVED)
			break;
		delay_us(POLL_US);
		if (tick_ms && ++since >= tick_ms) {
			since = 0;
			printk("uart-hello: tick %lu\n", ticks++);
		}
	}
	printk("uart-hello: done\n");
}
